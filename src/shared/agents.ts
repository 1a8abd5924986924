/** Identifier of an agent CLI Baton drives, e.g. `claude`. Built-in ids are in `builtInAgentIds`; more come from descriptors. */
export type AgentId = string;

/** The agent CLIs Baton knows out of the box, in their default display order. */
export const builtInAgentIds = ['claude', 'gemini', 'codex'] as const;

/** Result of looking for one agent CLI on this machine. Plain data: crosses to the webview and the `baton` CLI output. */
export interface AgentStatus {
	readonly id: AgentId;
	readonly displayName: string;
	/** Absolute path of the executable, when found. */
	readonly path?: string;
	/** Version as the CLI reports it (`2.1.197`), when it answered `--version`. */
	readonly version?: string;
	/** Why the CLI is unusable, in plain language, when it is. */
	readonly problem?: string;
	/** Shell command that installs the CLI, shown when it is missing. */
	readonly installCommand: string;
}

/** True when the CLI was found and answered its version query. */
export function isAgentAvailable(status: AgentStatus): boolean {
	return status.path !== undefined && status.problem === undefined;
}
