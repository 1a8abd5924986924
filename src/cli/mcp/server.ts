import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { ToolCallback } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { CallToolResult, ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import type { PermissionLevel } from '../../core/agents/headless';
import { batonMcpServerName, formatMessages } from '../../core/bridge/hubText';
import { bridgeMethods, checkpointSpoolFileFor, type SpooledCheckpoint } from '../../core/bridge/protocol';
import type { BridgeAgent } from '../../core/bridge/types';
import { batonDataDir } from '../../core/common/dataPaths';
import { renderCheckpoint } from '../../core/delegation/delegation';
import { spoolSize } from '../../infra/bridge/spool';
import { createCliClassifier } from '../intentModel';
import { BridgeDownError, BridgeLink, extensionDownMessage } from './bridgeLink';
import { flushCheckpoints, spoolCheckpoint } from '../../infra/bridge/checkpointSpool';
import { runDelegation } from './delegate';
import { LocalViews, locateExecutable } from './localViews';
import { loadRoleCatalog } from './roleFiles';
import { toolInfo, toolInputs, toolOutputs } from './tools';
import { runCritiqueTool } from './critique';

/** How `baton mcp` runs. */
export interface BatonMcpOptions {
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly cwd: string;
	/** The agent CLI that started the server (`--agent`), when known. */
	readonly agent: BridgeAgent | null;
	/** Workspace storage folder (VS Code's); delegation outputs go to `<it>/delegations`, else `<batonDataDir>/delegations`. */
	readonly storageDir?: string;
	/** Most a delegate may do (default `edit`). */
	readonly maxPermission: PermissionLevel;
	readonly version: string;
	/** Diagnostics (stderr; stdout carries the protocol). */
	readonly log: (text: string) => void;
	/** Period of the retry of spooled checkpoints while any wait, ms (default 30 s; 0 = only on start and after calls). */
	readonly flushMs?: number;
}

/** A server with its tools and what to stop with it. */
export interface BatonMcp {
	readonly server: McpServer;
	dispose(): Promise<void>;
}

const text = (t: string, isError = false): CallToolResult => ({ content: [{ type: 'text', text: t }], ...(isError ? { isError: true } : {}) });

/** The answer when the bridge is down (`feature` cannot be used) or the extension refused (it could not `verb`). */
function bridgeError(error: unknown, feature: string, verb: string): CallToolResult {
	if (error instanceof BridgeDownError) {
		return text(`${error.message}, so ${feature} cannot be used. Open this folder in VS Code with the Baton extension (in a trusted workspace) and try again.`, true);
	}
	return text(`Baton could not ${verb}: ${error instanceof Error ? error.message : String(error)}`, true);
}

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** A progress callback for a request: notifications only when the client sent a progress token. */
function progressOf(extra: Extra): (message: string) => void {
	const token = extra._meta?.progressToken;
	if (token === undefined) return () => undefined;
	let progress = 0;
	return (message) => void extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: ++progress, message } }).catch(() => undefined);
}

/** Builds Baton's MCP server: 9 tools over the bridge (memory, messages), the agents adapters and local quota/routing. */
export function createBatonMcpServer(options: BatonMcpOptions): BatonMcp {
	const { env } = options;
	const link = new BridgeLink({ env, cwd: options.cwd, agent: options.agent });
	const views = new LocalViews(env, () => createCliClassifier(env, options.log));
	const server = new McpServer({ name: batonMcpServerName, version: options.version }, { capabilities: { tools: {} } });
	const home = env['HOME'] || homedir();
	const outputDir = join(options.storageDir ?? batonDataDir({ platform: process.platform, homeDir: home, env }), 'delegations');
	const spoolFile = (): string => checkpointSpoolFileFor(link.discoveryFile());
	const agentField = options.agent ? { agent: options.agent } : {};

	let flushing: Promise<void> | undefined;
	const flush = (): Promise<void> => {
		flushing ??= (async () => {
			const file = spoolFile();
			if ((await spoolSize(file)) === 0 || !(await link.isUp())) return;
			const result = await flushCheckpoints(file, async (c) => void (await link.request(bridgeMethods.checkpoint, c.params, 5000)));
			if (result.sent > 0) options.log(`baton mcp: recorded ${result.sent} spooled checkpoint(s)${result.kept > 0 ? `, ${result.kept} still waiting` : ''}\n`);
		})()
			.catch((error: unknown) => options.log(`baton mcp: checkpoint flush failed: ${String(error)}\n`))
			.finally(() => (flushing = undefined));
		return flushing;
	};
	const timer = (options.flushMs ?? 30_000) > 0 ? setInterval(() => void flush(), options.flushMs ?? 30_000) : undefined;
	timer?.unref();
	void flush();

	const register = <K extends keyof typeof toolInputs>(key: K, handler: ToolCallback<(typeof toolInputs)[K]>): void => {
		const info = toolInfo[key];
		const outputSchema = key in toolOutputs ? { outputSchema: toolOutputs[key as keyof typeof toolOutputs] } : {};
		server.registerTool(info.name, { title: info.title, description: info.description, inputSchema: toolInputs[key], ...outputSchema, annotations: { title: info.title, readOnlyHint: info.readOnly, openWorldHint: false } }, handler);
	};

	const delegations = new Set<AbortController>();
	register('delegate', async (args, extra) => {
		const workspace = link.workspace();
		const abort = new AbortController();
		const onAbort = (): void => abort.abort();
		extra.signal.addEventListener('abort', onAbort);
		delegations.add(abort);
		const result = await runDelegation(args, {
			env,
			link,
			workspace,
			outputDir,
			maxPermission: options.maxPermission,
			roles: () => loadRoleCatalog(workspace),
			locate: (agent) => locateExecutable(agent, env),
			chooseAgent: (prompt, files) => views.chooseAgent(prompt, files, workspace),
			progress: progressOf(extra),
			signal: abort.signal,
		}).finally(() => {
			delegations.delete(abort);
			extra.signal.removeEventListener('abort', onAbort);
		});
		return text(result.text, result.isError);
	});

	register('critique', async (args, extra) => {
		const abort = new AbortController();
		const onAbort = (): void => abort.abort();
		extra.signal.addEventListener('abort', onAbort);
		delegations.add(abort);
		const result = await runCritiqueTool(args, {
			env,
			link,
			workspace: link.workspace(),
			caller: options.agent,
			maxPermission: options.maxPermission,
			locate: (agent) => locateExecutable(agent, env),
			progress: progressOf(extra),
			signal: abort.signal,
		}).finally(() => {
			delegations.delete(abort);
			extra.signal.removeEventListener('abort', onAbort);
		});
		return { ...text(result.text, result.isError), ...(result.report ? { structuredContent: { ...result.report } } : {}) };
	});

	register('remember', async (args) => {
		try {
			const sessionId = await link.sessionId(args.sessionId);
			const r = await link.request(bridgeMethods.remember, { text: args.text, tags: args.tags ?? [], ...agentField, ...(sessionId ? { sessionId } : {}) });
			return text(`Remembered by Baton${r.text ? ` (${r.text})` : ''}.`);
		} catch (error) {
			return bridgeError(error, "Baton's project memory", 'remember this');
		}
	});

	register('recall', async (args) => {
		try {
			const r = await link.request(bridgeMethods.recall, { task: args.query, ...(args.budgetTokens !== undefined ? { budgetTokens: args.budgetTokens } : {}) });
			return text(r.text.trim() === '' ? "Nothing relevant in Baton's memory yet." : r.text);
		} catch (error) {
			return bridgeError(error, "Baton's project memory", 'recall project memory');
		}
	});

	register('checkpoint', async (args) => {
		const sessionId = await link.sessionId(args.sessionId);
		const files = args.files ?? [];
		const params = { summary: renderCheckpoint(args), goal: args.goal.slice(0, 500), ...agentField, ...(sessionId ? { sessionId } : {}), ...(files.length > 0 ? { files } : {}) };
		let reason: string;
		try {
			await flush();
			const r = await link.request(bridgeMethods.checkpoint, params, 5000);
			return text(`Checkpoint recorded by Baton${r.text ? ` (${r.text})` : ''}.`);
		} catch (error) {
			reason = error instanceof BridgeDownError ? error.message : `Baton's extension could not record it now (${error instanceof Error ? error.message : String(error)})`;
		}
		const checkpoint: SpooledCheckpoint = { id: `c-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`, at: new Date().toISOString(), params };
		const file = spoolFile();
		try {
			if (!spoolCheckpoint(file, checkpoint)) throw new Error('the checkpoint spool is full');
		} catch (error) {
			return text(`${reason}, and the checkpoint could not be saved (${error instanceof Error ? error.message : String(error)}). Keep this state in the conversation:\n${params.summary}`, true);
		}
		return text(`${reason}. The checkpoint was saved (${file}) and will be recorded when Baton's extension runs in this workspace; nothing is lost.`);
	});

	register('quota', async (args) => text(JSON.stringify(await views.quotaSnapshot(args.agent), null, 2)));

	register('route', async (args) => text(JSON.stringify(await views.route(args, link.workspace()), null, 2)));

	register('message', async (args) => {
		try {
			const sessionId = await link.sessionId(args.sessionId);
			const m = await link.request(bridgeMethods.sendMessage, { from: { agent: options.agent ?? 'user', sessionId }, to: args.to, text: args.text, kind: 'message' });
			return text(`Message ${m.id} sent to ${m.to}; it reaches the recipient on its next turn.`);
		} catch (error) {
			return bridgeError(error, 'messaging between agents', 'send the message');
		}
	});

	register('inbox', async (args) => {
		try {
			if (!(await link.isUp(2000))) throw new BridgeDownError(extensionDownMessage);
			const sessionId = await link.sessionId(args.sessionId);
			if (sessionId === null) {
				return text('Baton has not seen a session of this agent yet (its hooks report sessions; run Baton: Connect Agents), so there is no inbox to read. Pass sessionId if you know it.', true);
			}
			const messages = await link.request(bridgeMethods.inbox, { sessionId, ...(args.peek === true ? { peek: true } : {}) });
			return text(messages.length === 0 ? 'No new messages.' : formatMessages(messages));
		} catch (error) {
			return bridgeError(error, 'messaging between agents', 'read your messages');
		}
	});

	return {
		server,
		async dispose() {
			if (timer) clearInterval(timer);
			for (const abort of delegations) abort.abort();
			await waitUntil(() => delegations.size === 0, 10_000);
			await flushing;
			await views.dispose();
			await server.close();
		},
	};
}

async function waitUntil(test: () => boolean, timeoutMs: number): Promise<void> {
	for (const end = Date.now() + timeoutMs; !test() && Date.now() < end; ) {
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/**
 * Serves Baton's MCP server on stdin/stdout until the client disconnects (stdin ends) or the process is asked to stop
 * (SIGTERM, SIGINT, SIGHUP); running delegations are cancelled first, so no agent CLI outlives the server.
 */
export async function runBatonMcpServer(options: BatonMcpOptions): Promise<void> {
	const mcp = createBatonMcpServer(options);
	const transport = new StdioServerTransport();
	const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];
	let stop: () => void = () => undefined;
	const closed = new Promise<void>((resolve) => (stop = resolve));
	transport.onclose = stop;
	process.stdin.once('end', stop);
	signals.forEach((s) => process.once(s, stop));
	await mcp.server.connect(transport);
	options.log(`baton mcp: serving ${options.agent ?? 'an agent'} in ${options.cwd}\n`);
	await closed;
	await mcp.dispose();
	signals.forEach((s) => process.off(s, stop));
}
