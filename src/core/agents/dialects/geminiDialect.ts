import { prefixInstructions, type HeadlessDialect, type PermissionLevel } from '../headless';
import { createGeminiStreamParser } from '../parsers/geminiStream';

const permissionArgs: Readonly<Record<PermissionLevel, readonly string[]>> = {
	readOnly: [],
	edit: ['--approval-mode', 'auto_edit'],
	full: ['--yolo'],
};

/**
 * `gemini -p <prompt> -o stream-json --skip-trust` (cli-contracts §2.1). Baton starts agents only in workspaces VS Code
 * trusts, so Gemini's own folder-trust prompt (exit 55 headless) is skipped. Gemini has no system-prompt flag: extra
 * instructions go before the prompt. MCP servers ride in a system-settings file (`GEMINI_CLI_SYSTEM_SETTINGS_PATH`).
 * `GEMINI_CLI_NO_RELAUNCH` keeps the CLI in the spawned process: by default it re-launches itself as a child whose parent
 * ignores SIGINT, which can orphan the child on cancel.
 */
export const geminiDialect: HeadlessDialect = {
	id: 'gemini-stream-json',
	buildInvocation(request) {
		const args = ['-p', prefixInstructions(request.instructions, request.prompt), '-o', 'stream-json', '--skip-trust', ...permissionArgs[request.permission]];
		if (request.model) {
			args.push('-m', request.model);
		}
		if (request.resumeSessionId) {
			args.push('--resume', request.resumeSessionId);
		}
		const servers = request.mcpServers ?? {};
		const files =
			Object.keys(servers).length > 0
				? [{ envVar: 'GEMINI_CLI_SYSTEM_SETTINGS_PATH', content: JSON.stringify({ mcpServers: Object.fromEntries(Object.entries(servers).map(([n, s]) => [n, { command: s.command, args: s.args, env: s.env ?? {}, trust: true }])) }) }]
				: [];
		return { args, stdin: null, env: { GEMINI_CLI_NO_RELAUNCH: 'true' }, files };
	},
	createParser: createGeminiStreamParser,
};
