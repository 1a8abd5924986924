import type { StreamParser } from './events';

/** How much an agent may do without asking: read only, edit files in the workspace, or anything (no sandbox). */
export type PermissionLevel = 'readOnly' | 'edit' | 'full';

/** An MCP server to pass through to the agent CLI (stdio transport). */
export interface McpServerSpec {
	readonly command: string;
	readonly args: readonly string[];
	readonly env?: Readonly<Record<string, string>>;
}

/** One headless task for an agent CLI. */
export interface HeadlessRequest {
	readonly prompt: string;
	/** Absolute working directory (the workspace folder). */
	readonly cwd: string;
	readonly permission: PermissionLevel;
	readonly model?: string;
	/** Continue this CLI session instead of starting a new one. */
	readonly resumeSessionId?: string;
	/** Extra instructions: appended to the system prompt where the CLI allows, else put before the prompt. */
	readonly instructions?: string;
	/** MCP servers by name, added for this run only. */
	readonly mcpServers?: Readonly<Record<string, McpServerSpec>>;
	/**
	 * Baton's hooks are connected in this project (the user approved them in Connect Agents), so CLIs that would
	 * otherwise skip unreviewed project hooks in automation run them (Codex `--dangerously-bypass-hook-trust`).
	 */
	readonly projectHooksApproved?: boolean;
}

/** A file the runner writes to a private temporary folder before starting; `envVar` then holds its path. */
export interface InvocationFile {
	readonly envVar: string;
	readonly content: string;
}

/** What to run: arguments after the executable, text for stdin (null closes stdin at once), extra env and files. */
export interface Invocation {
	readonly args: readonly string[];
	readonly stdin: string | null;
	readonly env: Readonly<Record<string, string>>;
	readonly files: readonly InvocationFile[];
}

/** How one CLI runs headless: argv/env building and its output parser. A new CLI is a new dialect, not a rewrite. */
export interface HeadlessDialect {
	readonly id: string;
	buildInvocation(request: HeadlessRequest): Invocation;
	createParser(): StreamParser;
}

/** Wraps extra instructions for CLIs that have no system-prompt flag, so the model can tell them from the task. */
export function prefixInstructions(instructions: string | undefined, prompt: string): string {
	return instructions ? `<instructions>\n${instructions}\n</instructions>\n\n${prompt}` : prompt;
}
