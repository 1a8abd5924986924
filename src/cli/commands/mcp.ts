import type { PermissionLevel } from '../../core/agents/headless';
import { isBridgeAgent } from '../../core/bridge/types';
import { parseArgs, UsageError } from '../args';
import type { CliCommand } from '../context';

const permissions: ReadonlySet<string> = new Set<PermissionLevel>(['readOnly', 'edit', 'full']);

/**
 * `baton mcp`: Baton's MCP server on stdio (server name `baton`), started by an agent CLI that Connect Agents
 * registered it with. Tools: delegate, critique, remember, recall, checkpoint, quota, route, message, inbox. Memory
 * and messages go to the VS Code extension through the bridge (`BATON_BRIDGE` or discovery from the cwd); delegate,
 * critique (its review is stored in memory only with the extension), quota and route work without it. Stdout carries the protocol only; diagnostics go to stderr. Exit 0 when the
 * client disconnects. Env: `BATON_STORAGE_DIR` (as --storage-dir), `BATON_MCP_MAX_PERMISSION`, `BATON_<AGENT>_PATH`
 * (executables for delegate and critique), `BATON_MCP_FLUSH_MS` (retry period of spooled checkpoints, default 30000).
 */
export const mcpCommand: CliCommand = {
	summary: "Run Baton's MCP server on stdio (delegate, critique, remember, recall, checkpoint, quota, route, message, inbox)",
	usage: 'baton mcp [--agent claude|gemini|codex] [--storage-dir <dir>] [--max-permission readOnly|edit|full] [--cwd <dir>]',
	async run(argv, context) {
		const args = parseArgs(argv, new Set(), new Set(['agent', 'storage-dir', 'max-permission', 'cwd']));
		if (args.positionals.length > 0) {
			throw new UsageError(`unexpected argument '${args.positionals[0] ?? ''}'`);
		}
		const option = (name: string): string | undefined => {
			const v = args.options.get(name);
			if (v === true) throw new UsageError(`option --${name} needs a value`);
			return v;
		};
		const agent = option('agent');
		if (agent !== undefined && !isBridgeAgent(agent)) {
			throw new UsageError(`--agent must be claude, gemini or codex, not '${agent}'`);
		}
		const maxPermission = option('max-permission') ?? context.env['BATON_MCP_MAX_PERMISSION'] ?? 'edit';
		if (!permissions.has(maxPermission)) {
			throw new UsageError(`--max-permission must be readOnly, edit or full, not '${maxPermission}'`);
		}
		const storageDir = option('storage-dir') ?? context.env['BATON_STORAGE_DIR'];
		const flushMs = Number(context.env['BATON_MCP_FLUSH_MS']);
		// Loaded here so other commands do not pay for the MCP SDK.
		const { runBatonMcpServer } = await import('../mcp/server');
		await runBatonMcpServer({
			env: context.env,
			cwd: option('cwd') ?? process.cwd(),
			agent: agent ?? null,
			maxPermission: maxPermission as PermissionLevel,
			version: context.version,
			log: context.stderr,
			...(storageDir ? { storageDir } : {}),
			...(Number.isFinite(flushMs) && flushMs >= 100 ? { flushMs } : {}),
		});
		return 0;
	},
};
