import type { HeadlessDialect, PermissionLevel } from '../headless';
import { createClaudeStreamParser } from '../parsers/claudeStream';

const permissionArgs: Readonly<Record<PermissionLevel, readonly string[]>> = {
	readOnly: [],
	edit: ['--permission-mode', 'acceptEdits'],
	full: ['--permission-mode', 'bypassPermissions'],
};

/**
 * `claude -p --output-format stream-json --verbose` with the prompt on stdin (cli-contracts §1.1): no argv length
 * limit and no confusion with prompts that start with `-`.
 */
export const claudeDialect: HeadlessDialect = {
	id: 'claude-stream-json',
	buildInvocation(request) {
		const args = ['-p', '--output-format', 'stream-json', '--verbose', ...permissionArgs[request.permission]];
		if (request.model) {
			args.push('--model', request.model);
		}
		if (request.resumeSessionId) {
			args.push('--resume', request.resumeSessionId);
		}
		if (request.instructions) {
			args.push('--append-system-prompt', request.instructions);
		}
		if (request.mcpServers && Object.keys(request.mcpServers).length > 0) {
			const servers = Object.fromEntries(Object.entries(request.mcpServers).map(([name, s]) => [name, { type: 'stdio', command: s.command, args: s.args, env: s.env ?? {} }]));
			args.push('--mcp-config', JSON.stringify({ mcpServers: servers }));
			// Print mode cannot ask for permission: allow every tool of the servers Baton added (cli-contracts §1.8).
			args.push('--allowedTools', ...Object.keys(servers).map((name) => `mcp__${name}`));
		}
		return { args, stdin: request.prompt, env: {}, files: [] };
	},
	createParser: createClaudeStreamParser,
};
