import { createConnection, type Socket } from 'node:net';
import { asNumber, asRecord, asString } from '../../core/common/json';
import { bridgeMethods, type BridgeMethod, type BridgeMethodTypes } from '../../core/bridge/protocol';
import { dataDirFor, findDiscovery, type FoundDiscovery } from './discovery';
import { FrameDecoder, encodeFrame } from './framing';

/** Where a bridge listens and the token it wants. */
export interface BridgeTarget {
	readonly socket: string;
	readonly token: string;
}

/** Raised when a bridge request fails: not reachable, refused, closed, timed out, or an error response. */
export class BridgeError extends Error {
	override readonly name = 'BridgeError';
	constructor(
		message: string,
		/** `unreachable` (no server), `timeout`, `closed`, `remote` (the server answered with an error). */
		readonly kind: 'unreachable' | 'timeout' | 'closed' | 'remote',
		readonly code?: number,
	) {
		super(message);
	}
}

interface Pending {
	readonly resolve: (value: unknown) => void;
	readonly reject: (error: BridgeError) => void;
	readonly timer: NodeJS.Timeout;
}

/**
 * A light client of the bridge (no vscode-jsonrpc, for the `baton` CLI's hook path). Connecting writes the
 * `baton/hello` with the token at once and requests are pipelined behind it, so a hook costs one round trip.
 * All failures reject with {@link BridgeError}; after one, the connection is closed.
 */
export class BridgeClient {
	private readonly pending = new Map<number, Pending>();
	private readonly decoder = new FrameDecoder();
	private nextId = 1;
	private failure: BridgeError | undefined;
	private connected = false;

	private constructor(private readonly socket: Socket) {
		socket.on('connect', () => (this.connected = true));
		socket.on('data', (chunk: Buffer) => this.onData(chunk));
		socket.on('error', (error: NodeJS.ErrnoException) => {
			const unreachable = !this.connected && ['ENOENT', 'ECONNREFUSED', 'EACCES', 'ENOTSOCK', 'EPERM'].includes(error.code ?? '');
			this.fail(new BridgeError(`bridge ${unreachable ? 'unreachable' : 'error'}: ${error.message}`, unreachable ? 'unreachable' : 'closed'));
		});
		socket.on('close', () => this.fail(new BridgeError('the bridge closed the connection', 'closed')));
	}

	/** Opens a connection to `target` and sends the hello (requests may be issued at once). */
	static open(target: BridgeTarget, client = 'baton-cli', helloTimeoutMs = 2000): BridgeClient {
		const c = new BridgeClient(createConnection(target.socket));
		c.request(bridgeMethods.hello, { token: target.token, client }, helloTimeoutMs).catch(() => undefined);
		return c;
	}

	/** Sends one request; rejects after `timeoutMs`. */
	request<M extends BridgeMethod>(method: M, params: BridgeMethodTypes[M]['params'], timeoutMs = 1000): Promise<BridgeMethodTypes[M]['result']> {
		if (this.failure) {
			return Promise.reject(this.failure);
		}
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.pending.delete(id);
				reject(new BridgeError(`bridge request ${method} timed out after ${timeoutMs} ms`, 'timeout'));
			}, timeoutMs);
			this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
			this.socket.write(encodeFrame({ jsonrpc: '2.0', id, method, params }));
		});
	}

	/** Closes the connection; pending requests reject. */
	close(): void {
		this.fail(new BridgeError('closed by the client', 'closed'));
	}

	private onData(chunk: Buffer): void {
		let messages: unknown[];
		try {
			messages = this.decoder.push(chunk);
		} catch (error) {
			this.fail(new BridgeError(`bad data from the bridge: ${String(error)}`, 'closed'));
			return;
		}
		for (const message of messages) {
			const m = asRecord(message);
			const id = asNumber(m?.['id']);
			const entry = id === undefined ? undefined : this.pending.get(id);
			if (!m || id === undefined || !entry) continue;
			this.pending.delete(id);
			clearTimeout(entry.timer);
			const error = asRecord(m['error']);
			if (error) {
				entry.reject(new BridgeError(asString(error['message']) ?? 'bridge error', 'remote', asNumber(error['code'])));
			} else {
				entry.resolve(m['result']);
			}
		}
	}

	private fail(error: BridgeError): void {
		if (this.failure) return;
		this.failure = error;
		for (const [id, entry] of this.pending) {
			clearTimeout(entry.timer);
			entry.reject(error);
			this.pending.delete(id);
		}
		this.socket.destroy();
	}
}

/** A bridge found and connected for a process. */
export interface ConnectedBridge {
	readonly client: BridgeClient;
	readonly found: FoundDiscovery;
}

/**
 * Connects to the bridge serving the workspace of `dirs` (via `BATON_BRIDGE`, else discovery by folder). Resolves
 * to undefined when there is no discovery file or the bridge is marked down; connection errors surface on the
 * first request.
 */
export function connectBridge(env: Readonly<Record<string, string | undefined>>, dirs: readonly string[], client = 'baton-cli'): { readonly connected?: ConnectedBridge; readonly found?: FoundDiscovery } {
	const found = findDiscovery(dataDirFor(env), env, dirs);
	if (!found || found.discovery.socket === null || found.discovery.token === null) {
		return found ? { found } : {};
	}
	return { found, connected: { client: BridgeClient.open({ socket: found.discovery.socket, token: found.discovery.token }, client), found } };
}
