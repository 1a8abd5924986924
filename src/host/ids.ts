/** Single source of Baton's contributed ids. `manifest.test.ts` checks them against package.json. */

/** Extension id as `publisher.name`. */
export const extensionId = 'baton-dev.baton';

/** Command ids (`baton.<verbNoun>`), one per contributed command. */
export const commandIds = {
	showLogs: 'baton.showLogs',
	openPanel: 'baton.openPanel',
	checkAgents: 'baton.checkAgents',
	refreshAgents: 'baton.refreshAgents',
	runTask: 'baton.runTask',
	cancelRun: 'baton.cancelRun',
	openAgentTerminal: 'baton.openAgentTerminal',
	routeTask: 'baton.routeTask',
	routeSelection: 'baton.routeSelection',
	refreshQuota: 'baton.refreshQuota',
	installStatusline: 'baton.installStatusline',
	removeStatusline: 'baton.removeStatusline',
	connectAgents: 'baton.connectAgents',
	disconnectAgents: 'baton.disconnectAgents',
	rememberSelection: 'baton.rememberSelection',
	searchMemory: 'baton.searchMemory',
	clearMemoryFilter: 'baton.clearMemoryFilter',
	groupMemoryBy: 'baton.groupMemoryBy',
	refreshMemory: 'baton.refreshMemory',
	exportMemory: 'baton.exportMemory',
	importMemory: 'baton.importMemory',
	openMemoryEntry: 'baton.openMemoryEntry',
	editMemoryEntry: 'baton.editMemoryEntry',
	pinMemoryEntry: 'baton.pinMemoryEntry',
	unpinMemoryEntry: 'baton.unpinMemoryEntry',
	deleteMemoryEntry: 'baton.deleteMemoryEntry',
	restoreMemoryEntry: 'baton.restoreMemoryEntry',
	copyMemoryEntry: 'baton.copyMemoryEntry',
	critiqueChange: 'baton.critiqueChange',
	generateWithReview: 'baton.generateWithReview',
	handOffRun: 'baton.handOffRun',
	showHandoffs: 'baton.showHandoffs',
} as const;

/** Terminal profile ids contributed per agent (`terminal.profiles`). */
export const terminalProfileIds = {
	claude: 'baton.terminal.claude',
	gemini: 'baton.terminal.gemini',
	codex: 'baton.terminal.codex',
} as const;

/** A contributed command id. */
export type CommandId = (typeof commandIds)[keyof typeof commandIds];

/** View container and view ids. */
export const viewIds = {
	container: 'baton',
	agents: 'baton.agents',
	memory: 'baton.memory',
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
	'agents.claude.model': string;
	'agents.gemini.model': string;
	'agents.codex.model': string;
	'agents.headlessPermission': 'readOnly' | 'edit' | 'full';
	'agents.runTimeoutMinutes': number;
	'agents.headlessMcp': boolean;
	'router.rules': unknown[];
	'router.preferences': Record<string, unknown>;
	'router.defaultAgent': string;
	'router.lowConfidenceAction': 'default' | 'ask';
	'router.quotaSensitiveIntents': string[];
	'quota.warnAt': number;
	'quota.criticalAt': number;
	'quota.limits': unknown[];
	'memory.groupBy': 'kind' | 'file' | 'session';
	'statusBar.enabled': boolean;
	'statusBar.hiddenAgents': string[];
	'failover.mode': 'ask' | 'auto' | 'off';
	'failover.handBack': boolean;
}

/** A setting key below the `baton` section. */
export type SettingKey = keyof SettingTypes;

/** Defaults, identical to package.json's `contributes.configuration` (checked by `manifest.test.ts`). */
export const settingDefaults: SettingTypes = {
	'agents.claude.path': '',
	'agents.gemini.path': '',
	'agents.codex.path': '',
	'agents.claude.model': '',
	'agents.gemini.model': '',
	'agents.codex.model': '',
	'agents.headlessPermission': 'edit',
	'agents.runTimeoutMinutes': 30,
	'agents.headlessMcp': true,
	'router.rules': [],
	'router.preferences': {},
	'router.defaultAgent': 'claude',
	'router.lowConfidenceAction': 'default',
	'router.quotaSensitiveIntents': ['research', 'docs', 'explain', 'review'],
	'quota.warnAt': 80,
	'quota.criticalAt': 95,
	'quota.limits': [],
	'memory.groupBy': 'kind',
	'statusBar.enabled': true,
	'statusBar.hiddenAgents': [],
	'failover.mode': 'ask',
	'failover.handBack': true,
};

/** Configuration section that prefixes every setting key. */
export const settingsSection = 'baton';

/** Keys of Baton's workspace state (Memento). */
export const stateKeys = {
	routerCorrections: 'baton.router.corrections',
} as const;

/** Context keys Baton sets for `when` clauses. */
export const contextKeys = {
	runsActive: 'baton.runsActive',
} as const;
