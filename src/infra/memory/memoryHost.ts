import { readdirSync, unlinkSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { parseEntriesJsonl } from '../../core/memory/jsonl';
import type { MemoryCall, MemoryRequestMessage } from '../../core/memory/protocol';
import { MemoryError, type MemoryChange, type MemoryImportReport, type MemoryOpenResult } from '../../core/memory/types';
import { DisconnectedError, errorToWire, LineChannel, newEndpoint, RemoteOwner } from './memoryChannel';
import { MemoryEngine, type MemoryEngineOptions } from './memoryEngine';
import { newMemoryId } from './memoryIds';
import { isProcessAlive, tryAcquireLock, type HeldLock } from './lockFile';

/** Options of a memory host: the engine's, plus how long to wait for a busy database before going memory-only. */
export interface MemoryHostOptions extends MemoryEngineOptions {
	/** Wait for the owner of a busy file (e.g. the CLI) before falling back to memory only, in ms. Default 10,000. */
	readonly openTimeoutMs?: number;
}

/** A call the host takes: any service method, plus `importJsonl`, which the host parses before importing. */
export type MemoryHostCall = MemoryCall | { readonly method: 'importJsonl'; readonly params: { readonly jsonl: string } };

type Backend = { readonly kind: 'local'; readonly engine: MemoryEngine } | { readonly kind: 'remote'; readonly owner: RemoteOwner };

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * One store's side of the two-window design: the first process to take the database's lock owns it (runs the
 * engine and serves the others over a local socket); every other process forwards its calls to the owner and relays
 * the owner's change events. When the owner goes away (closed or killed) a forwarder takes the lock, replays the
 * journal and re-sends its unanswered calls (writes are idempotent), so no acknowledged write of either is lost.
 */
export class MemoryHost {
	private backend!: Promise<Backend>;
	private readonly peers = new Set<LineChannel>();
	private server: net.Server | null = null;
	private endpoint = '';
	private closing: Promise<void> | null = null;
	private lockTimer: NodeJS.Timeout | null = null;
	/** The database lock while this process owns the file. */
	private lock: HeldLock | null = null;
	/** How the store came up (updated on failover). */
	opened!: MemoryOpenResult;

	private constructor(
		private readonly options: MemoryHostOptions,
		private readonly emit: (change: MemoryChange) => void,
	) {}

	/** Starts a host for `options.file`; `emit` receives every change (local or from the owner). */
	static async start(options: MemoryHostOptions, emit: (change: MemoryChange) => void): Promise<MemoryHost> {
		const host = new MemoryHost(options, emit);
		const file = options.file;
		if (file === null) {
			const engine = await MemoryEngine.open(options);
			engine.onChange(emit);
			host.opened = engine.opened;
			host.backend = Promise.resolve({ kind: 'local', engine });
			return host;
		}
		host.endpoint = newEndpoint(file);
		host.server = await listen(host.endpoint, (socket) => host.servePeer(socket));
		const first = host.establish(Date.now() + (options.openTimeoutMs ?? 10_000));
		host.backend = first.then((b) => b.backend);
		host.opened = (await first).opened;
		return host;
	}

	private async establish(deadline: number): Promise<{ backend: Backend; opened: MemoryOpenResult }> {
		const file = this.options.file as string;
		for (;;) {
			const attempt = tryAcquireLock(file, this.endpoint);
			if (attempt.acquired) {
				return this.becomeOwner(attempt.lock);
			}
			const holder = attempt.holder;
			if (holder?.endpoint) {
				try {
					const owner = await RemoteOwner.connect(holder.endpoint, holder.nonce, 2_000, this.emit, () => this.failover());
					return { backend: { kind: 'remote', owner }, opened: { kind: 'shared', ownerPid: holder.pid, replayedWrites: 0, journalBackupPath: null } };
				} catch {
					// owner gone or not listening yet: try again
				}
			}
			if (Date.now() > deadline) {
				const engine = await MemoryEngine.open({ ...this.options, file: null });
				engine.onChange(this.emit);
				const who = holder ? `process ${holder.pid} on ${holder.host}` : 'another process';
				return { backend: { kind: 'local', engine }, opened: { kind: 'memoryOnly', reason: `${file} is in use by ${who}`, replayedWrites: 0, journalBackupPath: null } };
			}
			await sleep(20 + Math.random() * 60);
		}
	}

	private async becomeOwner(lock: HeldLock): Promise<{ backend: Backend; opened: MemoryOpenResult }> {
		removeDeadSockets(path.dirname(this.options.file as string));
		let engine: MemoryEngine;
		let opened: MemoryOpenResult;
		try {
			engine = await MemoryEngine.open(this.options);
			opened = engine.opened;
		} catch (error) {
			lock.release();
			engine = await MemoryEngine.open({ ...this.options, file: null });
			opened = { kind: 'memoryOnly', reason: error instanceof Error ? error.message : String(error), replayedWrites: 0, journalBackupPath: null };
			engine.onChange(this.emit);
			return { backend: { kind: 'local', engine }, opened };
		}
		engine.onChange((change) => {
			this.emit(change);
			for (const peer of this.peers) {
				peer.send({ event: change });
			}
		});
		this.lock = lock;
		this.lockTimer = setInterval(() => this.checkLock(), 2_000);
		this.lockTimer.unref();
		return { backend: { kind: 'local', engine }, opened };
	}

	/** Re-creates a lock file that vanished; reports when another process has taken it. */
	private checkLock(): void {
		if (this.lock === null || this.lock.stillHeld() || this.closing) {
			return;
		}
		const again = tryAcquireLock(this.options.file as string, this.endpoint);
		if (again.acquired) {
			this.lock = again.lock;
			return;
		}
		if (this.lockTimer) {
			clearInterval(this.lockTimer);
		}
		this.emit({ type: 'lockLost', message: `process ${again.holder?.pid ?? '?'} took the memory file; changes here may not be saved` });
	}

	/** The owner went away: find or become the new owner, then tell the UI to refresh. */
	private failover(): void {
		if (this.closing) {
			return;
		}
		const next = this.establish(Number.POSITIVE_INFINITY);
		this.backend = next.then((b) => b.backend);
		void next.then(({ opened }) => {
			this.opened = opened;
			this.emit({ type: 'reloaded', opened });
		});
	}

	private servePeer(socket: net.Socket): void {
		let welcomed = false;
		const channel = new LineChannel(
			socket,
			(message) => {
				void this.backend.then((backend) => {
					if (backend.kind !== 'local' || this.lock === null || this.closing) {
						channel.close();
						return;
					}
					if (!welcomed) {
						welcomed = (message as { hello?: unknown }).hello === this.lock.info.nonce;
						if (welcomed) {
							this.peers.add(channel);
							channel.send({ welcome: true, pid: process.pid });
						} else {
							channel.close();
						}
						return;
					}
					const request = message as MemoryRequestMessage;
					backend.engine.call(request).then(
						(result) => channel.send({ id: request.id, ok: true, result: result ?? null }),
						(error: unknown) => channel.send({ id: request.id, ok: false, error: errorToWire(error) }),
					);
				});
			},
			() => this.peers.delete(channel),
		);
	}

	/** Runs `call` on the owner (here or in another process), retrying forwarded calls across an owner change. */
	async call(call: MemoryHostCall): Promise<unknown> {
		if (call.method === 'importJsonl') {
			const parsed = parseEntriesJsonl(String(call.params.jsonl), newMemoryId, Date.now());
			const report = (await this.call({ method: 'importEntries', params: { entries: parsed.entries } })) as MemoryImportReport;
			return { ...report, errors: [...parsed.errors, ...report.errors] };
		}
		for (;;) {
			if (this.closing) {
				throw new MemoryError('closed', 'the memory store is closed');
			}
			const backend = await this.backend;
			try {
				return await (backend.kind === 'local' ? backend.engine.call(call) : backend.owner.call(call));
			} catch (error) {
				if (!(error instanceof DisconnectedError)) {
					throw error;
				}
				await sleep(5);
			}
		}
	}

	/** Stops serving, flushes (when owner) and releases the lock. */
	close(): Promise<void> {
		this.closing ??= (async () => {
			if (this.lockTimer) {
				clearInterval(this.lockTimer);
			}
			for (const peer of this.peers) {
				peer.close();
			}
			const backend = await this.backend;
			if (backend.kind === 'local') {
				await backend.engine.close();
				this.lock?.release();
				this.lock = null;
			} else {
				backend.owner.close();
			}
			await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
		})();
		return this.closing;
	}
}

function listen(endpoint: string, onConnection: (socket: net.Socket) => void): Promise<net.Server> {
	return new Promise((resolve, reject) => {
		const server = net.createServer(onConnection);
		server.once('error', reject);
		server.listen(endpoint, () => {
			server.off('error', reject);
			server.unref();
			resolve(server);
		});
	});
}

/** Deletes socket files left in `dir` by processes that were killed. */
function removeDeadSockets(dir: string): void {
	try {
		for (const name of readdirSync(dir)) {
			const m = /^\.baton-mem-(\d+)-\d+-[0-9a-f]+\.sock$/.exec(name);
			if (m && !isProcessAlive(Number(m[1]))) {
				unlinkSync(path.join(dir, name));
			}
		}
	} catch {
		// best effort
	}
}
