import type { HeadlessDialect, PermissionLevel } from '../headless';
import { createCodexStreamParser } from '../parsers/codexStream';

const permissionArgs: Readonly<Record<PermissionLevel, readonly string[]>> = {
	readOnly: ['-s', 'read-only'],
	edit: ['-s', 'workspace-write'],
	full: ['--dangerously-bypass-approvals-and-sandbox'],
};

/** A TOML basic string (what `codex -c key=value` parses as the value). */
export function tomlString(value: string): string {
	return JSON.stringify(value);
}

/**
 * `codex exec --json --skip-git-repo-check -C <cwd> … -` with the prompt on stdin (cli-contracts §3.1); resume is
 * `codex exec … resume <id> -`. Instructions and MCP servers are `-c` config overrides.
 */
export const codexDialect: HeadlessDialect = {
	id: 'codex-exec-json',
	buildInvocation(request) {
		const args = ['exec', '--json', '--skip-git-repo-check', '-C', request.cwd, ...permissionArgs[request.permission]];
		if (request.model) {
			args.push('-m', request.model);
		}
		if (request.projectHooksApproved) {
			args.push('--dangerously-bypass-hook-trust');
		}
		if (request.instructions) {
			args.push('-c', `developer_instructions=${tomlString(request.instructions)}`);
		}
		for (const [name, server] of Object.entries(request.mcpServers ?? {})) {
			const key = `mcp_servers.${JSON.stringify(name)}`;
			args.push('-c', `${key}.command=${tomlString(server.command)}`, '-c', `${key}.args=[${server.args.map(tomlString).join(',')}]`);
			for (const [envName, envValue] of Object.entries(server.env ?? {})) {
				args.push('-c', `${key}.env.${JSON.stringify(envName)}=${tomlString(envValue)}`);
			}
		}
		if (request.resumeSessionId) {
			args.push('resume', request.resumeSessionId);
		}
		args.push('-');
		return { args, stdin: request.prompt, env: {}, files: [] };
	},
	createParser: createCodexStreamParser,
};
