import * as vscode from 'vscode';
import { settingDefaults, settingsSection, type SettingKey, type SettingTypes } from './ids';

/** Typed view of Baton's settings. */
export class BatonConfig {
	/** The current value of `baton.<key>`, falling back to the contributed default. */
	get<K extends SettingKey>(key: K): SettingTypes[K] {
		return vscode.workspace.getConfiguration(settingsSection).get<SettingTypes[K]>(key, settingDefaults[key]);
	}

	/** True when `event` touches `baton.<key>` (or any key below it). */
	changed(event: vscode.ConfigurationChangeEvent, key: SettingKey | 'agents' | 'quota' | 'statusBar'): boolean {
		return event.affectsConfiguration(`${settingsSection}.${key}`);
	}

	/** The model configured for an agent's headless runs; empty means the CLI's default. */
	agentModel(agentId: string): string {
		const key = `agents.${agentId}.model`;
		return key in settingDefaults ? (this.get(key as SettingKey) as string) : '';
	}

	/** Configured CLI paths per agent id; in an untrusted workspace only user-level values count (VS Code enforces it). */
	agentPaths(): Record<string, string> {
		return {
			claude: this.get('agents.claude.path'),
			gemini: this.get('agents.gemini.path'),
			codex: this.get('agents.codex.path'),
		};
	}
}
