import { bridgeMethods, type BridgeMethod, type BridgeMethodTypes } from '../../core/bridge/protocol';
import type { BridgeAgent, BridgeSession } from '../../core/bridge/types';
import { BridgeError, connectBridge } from '../../infra/bridge/bridgeClient';
import { dataDirFor, discoveryPath, findDiscovery, type FoundDiscovery } from '../../infra/bridge/discovery';

/** What the tools say when no extension serves the workspace. */
export const extensionDownMessage = "Baton's VS Code extension is not running in this workspace";

/** Raised when the bridge cannot be reached (no extension, stopped, not answering). */
export class BridgeDownError extends Error {
	override readonly name = 'BridgeDownError';
}

/** Where the MCP server runs and who it serves. */
export interface BridgeLinkOptions {
	readonly env: Readonly<Record<string, string | undefined>>;
	/** The MCP server's working directory (the agent's project). */
	readonly cwd: string;
	/** The agent CLI that started this server, when known (`--agent`). */
	readonly agent: BridgeAgent | null;
}

/**
 * The MCP server's way to the extension's bridge. Every request opens a fresh connection (found through
 * `BATON_BRIDGE` or the discovery file of the cwd), so an extension restarted meanwhile is found again.
 */
export class BridgeLink {
	constructor(private readonly options: BridgeLinkOptions) {}

	/** The agent this server speaks for. */
	get agent(): BridgeAgent | null {
		return this.options.agent;
	}

	/** The workspace folder: the one the bridge's discovery file names, else the cwd. */
	workspace(): string {
		return this.found()?.discovery.workspace ?? this.options.cwd;
	}

	/** Discovery file of this workspace (it may not exist yet); the checkpoint spool lives beside it. */
	discoveryFile(): string {
		return this.found()?.file ?? discoveryPath(dataDirFor(this.options.env), this.options.cwd);
	}

	private found(): FoundDiscovery | undefined {
		return findDiscovery(dataDirFor(this.options.env), this.options.env, [this.options.cwd]);
	}

	/**
	 * One request to the bridge. Rejects with {@link BridgeDownError} when no extension answers, and with an `Error`
	 * carrying the extension's message when it refuses (e.g. memory not available).
	 */
	async request<M extends BridgeMethod>(method: M, params: BridgeMethodTypes[M]['params'], timeoutMs = 5000): Promise<BridgeMethodTypes[M]['result']> {
		const { connected } = connectBridge(this.options.env, [this.options.cwd], 'baton-mcp');
		if (!connected) {
			throw new BridgeDownError(extensionDownMessage);
		}
		try {
			return await connected.client.request(method, params, timeoutMs);
		} catch (error) {
			if (error instanceof BridgeError && error.kind !== 'remote') {
				throw new BridgeDownError(error.kind === 'timeout' ? `Baton's VS Code extension did not answer within ${timeoutMs} ms` : extensionDownMessage);
			}
			throw new Error(error instanceof Error ? error.message : String(error));
		} finally {
			connected.client.close();
		}
	}

	/** True when a bridge answers a ping. */
	async isUp(timeoutMs = 1000): Promise<boolean> {
		try {
			await this.request(bridgeMethods.ping, {}, timeoutMs);
			return true;
		} catch {
			return false;
		}
	}

	/**
	 * The agent session this server belongs to: `explicit` when given, else the most recently active live session of
	 * this server's agent (preferring one started in this cwd). Null when none is known or the bridge is down.
	 */
	async sessionId(explicit?: string): Promise<string | null> {
		if (explicit !== undefined && explicit.trim() !== '') {
			return explicit.trim();
		}
		let sessions: readonly BridgeSession[];
		try {
			sessions = await this.request(bridgeMethods.sessions, {}, 2000);
		} catch {
			return null;
		}
		return pickSession(sessions, this.options.agent, this.options.cwd)?.sessionId ?? null;
	}
}

/** The session an MCP server most likely serves (see {@link BridgeLink.sessionId}); sessions come most recent first. */
export function pickSession(sessions: readonly BridgeSession[], agent: BridgeAgent | null, cwd: string): BridgeSession | undefined {
	const mine = sessions.filter((s) => agent === null || s.agent === agent);
	const rank = (s: BridgeSession): number => (s.state === 'live' ? 2 : 0) + (s.cwd === cwd ? 1 : 0);
	return [...mine].sort((a, b) => rank(b) - rank(a) || b.lastSeenAt.localeCompare(a.lastSeenAt))[0];
}
