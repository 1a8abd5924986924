/** Single source of Baton's contributed ids. `manifest.test.ts` checks them against package.json. */

/** Extension id as `publisher.name`. */
export const extensionId = 'baton-dev.baton';

/** Command ids (`baton.<verbNoun>`), one per contributed command. */
export const commandIds = {
	showLogs: 'baton.showLogs',
	openPanel: 'baton.openPanel',
	checkAgents: 'baton.checkAgents',
	refreshAgents: 'baton.refreshAgents',
} as const;

/** A contributed command id. */
export type CommandId = (typeof commandIds)[keyof typeof commandIds];

/** View container and view ids. */
export const viewIds = {
	container: 'baton',
	agents: 'baton.agents',
} as const;

/** Webview panel view types. */
export const viewTypes = {
	panel: 'baton.panel',
} as const;

/** Status bar item ids. */
export const statusBarIds = {
	main: 'baton.quota',
} as const;

/** Setting keys below the `baton` section, with their value types. */
export interface SettingTypes {
	'agents.claude.path': string;
	'agents.gemini.path': string;
	'agents.codex.path': string;
	'statusBar.enabled': boolean;
}

/** A setting key below the `baton` section. */
export type SettingKey = keyof SettingTypes;

/** Defaults, identical to package.json's `contributes.configuration` (checked by `manifest.test.ts`). */
export const settingDefaults: SettingTypes = {
	'agents.claude.path': '',
	'agents.gemini.path': '',
	'agents.codex.path': '',
	'statusBar.enabled': true,
};

/** Configuration section that prefixes every setting key. */
export const settingsSection = 'baton';
