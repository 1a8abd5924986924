import { join } from 'node:path';
import type { McpLaunch } from '../../core/bridge/mcpConfig';
import { isAgentAvailable, type AgentStatus } from '../../shared/agents';

/**
 * How anything starts Baton's MCP server (`node dist/cli.js`, before `mcp --agent …`): this Node (Electron run as
 * Node inside desktop VS Code), `BATON_<AGENT>_PATH` for every usable CLI in `statuses` (so `delegate` runs the same
 * executables as the extension), and `BATON_MCP_MAX_PERMISSION` = `maxPermission` (the most a delegated run may do).
 */
export function batonMcpBase(extensionPath: string, statuses: readonly AgentStatus[], maxPermission: string): McpLaunch {
	const env: Record<string, string> = {};
	if (process.versions['electron']) env['ELECTRON_RUN_AS_NODE'] = '1';
	for (const status of statuses) {
		if (isAgentAvailable(status) && status.path) env[`BATON_${status.id.toUpperCase()}_PATH`] = status.path;
	}
	env['BATON_MCP_MAX_PERMISSION'] = maxPermission;
	return { command: process.execPath, args: [join(extensionPath, 'dist', 'cli.js')], env };
}
