import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, unlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { ErrorCodes, ResponseError, SocketMessageReader, SocketMessageWriter, createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';
import { asRecord } from '../../core/common/json';
import { InvalidParamsError, bridgeMethods } from '../../core/bridge/protocol';
import type { JsonRecord } from '../../core/common/json';
import { writeFileAtomic } from '../fs/atomicWrite';
import { bridgeEnvVar, bridgesDir, dataDirFor, discoveryPath, ensurePrivateDir, readDiscovery, socketPathFor, spoolPathFor, workspaceKey, type BridgeDiscovery } from './discovery';
import { FrameDecoder, encodeFrame } from './framing';
import { ingestSpool, spoolSize } from './spool';

/** Who is calling a handler. */
export interface BridgeCaller {
	/** Per-server connection number. */
	readonly connectionId: number;
	/** The `client` the hello named (`baton-cli`, `baton-mcp`, …). */
	readonly client: string;
}

/** What the server does with requests and spooled records. */
export interface BridgeHandlers {
	/** Request handlers by JSON-RPC method; params arrive unvalidated. Throw InvalidParamsError for bad params. */
	readonly requests: Readonly<Record<string, (params: unknown, caller: BridgeCaller) => unknown>>;
	/** Records from the workspace's spool: at start, then whenever the spool grows (polled). */
	readonly onSpooled?: (records: readonly JsonRecord[]) => Promise<void>;
	/** Unexpected errors (handler crashes, spool failures); the server keeps running. */
	readonly onError?: (error: unknown) => void;
}

/** Options of {@link startBridgeServer}. */
export interface BridgeServerOptions {
	/** Baton's data folder (default `batonDataDir()` of the process env). */
	readonly dataDir?: string;
	/** How often to look for spooled records written while the bridge was starting, ms (default 5000; 0 = never). */
	readonly spoolPollMs?: number;
	/** Time a new connection has to send its hello, ms (default 2000). */
	readonly authTimeoutMs?: number;
}

/** How clients reach a running bridge. */
export interface BridgeAddress {
	readonly workspace: string;
	/** `<dataDir>/bridges/<key>.json`. */
	readonly discoveryFile: string;
	/** Unix socket path or Windows pipe name. */
	readonly socket: string;
	readonly spoolFile: string;
	/** Environment for terminals Baton opens: `{ BATON_BRIDGE: <discoveryFile> }`. */
	readonly env: Readonly<Record<string, string>>;
}

/** A running bridge server. */
export interface RunningBridge {
	readonly address: BridgeAddress;
	/** Ingests the spool now; resolves to the number of records handed to `onSpooled`. */
	ingestNow(): Promise<number>;
	/** Open authenticated connections. */
	connectionCount(): number;
	/** Stops listening, closes connections, removes the socket and marks the discovery file as down. */
	dispose(): Promise<void>;
}

/** Constant-time token comparison (hashes first so lengths never leak). */
export function tokenMatches(given: unknown, expected: string): boolean {
	if (typeof given !== 'string') return false;
	const a = createHash('sha256').update(given).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b);
}

function reply(handler: (params: unknown, caller: BridgeCaller) => unknown, params: unknown, caller: BridgeCaller, onError: (e: unknown) => void): Promise<unknown> {
	return Promise.resolve()
		.then(() => handler(params, caller))
		.then(
			(result) => (result === undefined ? null : result),
			(error: unknown) => {
				if (error instanceof InvalidParamsError) throw new ResponseError(ErrorCodes.InvalidParams, error.message);
				onError(error);
				throw new ResponseError(ErrorCodes.InternalError, error instanceof Error ? error.message : String(error));
			},
		);
}

/**
 * Serves the bridge for `workspaceFolder`: JSON-RPC (vscode-jsonrpc) over a Unix socket in a private 0700 folder
 * (a named pipe on Windows), a random token in the 0600 discovery file. Every connection must open with
 * `baton/hello` carrying the token (compared in constant time) within `authTimeoutMs`; anything else is closed
 * without a reply. Ingests the workspace's spool before resolving.
 */
export async function startBridgeServer(workspaceFolder: string, handlers: BridgeHandlers, options: BridgeServerOptions = {}): Promise<RunningBridge> {
	const onError = handlers.onError ?? (() => undefined);
	const dataDir = options.dataDir ?? dataDirFor(process.env);
	const key = workspaceKey(workspaceFolder);
	ensurePrivateDir(bridgesDir(dataDir));
	const token = randomBytes(32).toString('hex');
	const { dir, socket: socketPath } = socketPathFor(dataDir, key, randomBytes(4).toString('hex'), process.env, tmpdir());
	if (dir !== null) ensurePrivateDir(dir);
	const discoveryFile = discoveryPath(dataDir, workspaceFolder);
	const spoolFile = spoolPathFor(discoveryFile);
	const connections = new Map<number, { socket: Socket; connection?: MessageConnection }>();
	let nextConnection = 0;

	const accept = (socket: Socket): void => {
		const id = ++nextConnection;
		connections.set(id, { socket });
		socket.on('close', () => connections.delete(id));
		socket.on('error', () => socket.destroy());
		const decoder = new FrameDecoder(8192);
		const timer = setTimeout(() => socket.destroy(), options.authTimeoutMs ?? 2000);
		const onData = (chunk: Buffer): void => {
			let messages: unknown[];
			try {
				messages = decoder.push(chunk);
			} catch {
				clearTimeout(timer);
				socket.destroy();
				return;
			}
			if (messages.length === 0) return;
			clearTimeout(timer);
			socket.pause();
			socket.off('data', onData);
			const hello = asRecord(messages[0]);
			const params = asRecord(hello?.['params']);
			if (hello?.['method'] !== bridgeMethods.hello || !tokenMatches(params?.['token'], token)) {
				socket.destroy();
				return;
			}
			const caller: BridgeCaller = { connectionId: id, client: typeof params?.['client'] === 'string' ? params['client'].slice(0, 100) : 'unknown' };
			if (hello['id'] !== undefined) socket.write(encodeFrame({ jsonrpc: '2.0', id: hello['id'], result: { ok: true, workspace: workspaceFolder } }));
			const connection = createMessageConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
			connection.onRequest((method, requestParams) => {
				const handler = handlers.requests[method];
				if (!handler) throw new ResponseError(ErrorCodes.MethodNotFound, `unknown method ${method}`);
				return reply(handler, requestParams, caller, onError);
			});
			connection.onClose(() => socket.destroy());
			connection.onError(() => socket.destroy());
			socket.once('close', () => connection.dispose());
			connections.set(id, { socket, connection });
			connection.listen();
			const leftover = Buffer.concat([...messages.slice(1).map(encodeFrame), decoder.rest()]);
			if (leftover.length > 0) socket.unshift(leftover);
			socket.resume();
		};
		socket.on('data', onData);
	};

	const server: Server = createServer(accept);
	server.maxConnections = 256;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(socketPath, () => {
			server.off('error', reject);
			resolve();
		});
	});
	server.on('error', onError);
	if (dir !== null) chmodSync(socketPath, 0o600);
	const discovery: BridgeDiscovery = { version: 1, workspace: workspaceFolder, socket: socketPath, token, pid: process.pid, updatedAt: new Date().toISOString() };
	await writeFileAtomic(discoveryFile, Buffer.from(`${JSON.stringify(discovery, null, '\t')}\n`));

	let ingesting: Promise<number> | undefined;
	const ingestNow = (): Promise<number> => {
		const consume = handlers.onSpooled;
		if (!consume) return Promise.resolve(0);
		ingesting ??= ingestSpool(spoolFile, consume)
			.catch((error: unknown) => (onError(error), 0))
			.finally(() => (ingesting = undefined));
		return ingesting;
	};
	await ingestNow();
	const pollMs = options.spoolPollMs ?? 5000;
	const poll = pollMs > 0 ? setInterval(() => void spoolSize(spoolFile).then((size) => (size > 0 ? ingestNow() : 0)), pollMs) : undefined;
	poll?.unref();

	let disposed = false;
	return {
		address: { workspace: workspaceFolder, discoveryFile, socket: socketPath, spoolFile, env: { [bridgeEnvVar]: discoveryFile } },
		ingestNow,
		connectionCount: () => [...connections.values()].filter((c) => c.connection).length,
		async dispose() {
			if (disposed) return;
			disposed = true;
			if (poll) clearInterval(poll);
			for (const { socket, connection } of connections.values()) {
				connection?.dispose();
				socket.destroy();
			}
			await new Promise<void>((resolve) => server.close(() => resolve()));
			if (dir !== null) {
				try {
					unlinkSync(socketPath);
				} catch {
					// Already gone (server.close removes it on some platforms).
				}
			}
			if (readDiscovery(discoveryFile)?.token === token) {
				const down: BridgeDiscovery = { ...discovery, socket: null, token: null, pid: null, updatedAt: new Date().toISOString() };
				await writeFileAtomic(discoveryFile, Buffer.from(`${JSON.stringify(down, null, '\t')}\n`)).catch(onError);
			}
			await ingesting;
		},
	};
}
