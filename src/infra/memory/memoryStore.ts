import { Worker } from 'node:worker_threads';
import type { MemoryMethods, MemoryReadyMessage, MemoryReplyMessage } from '../../core/memory/protocol';
import {
	MemoryError,
	type MemoryChange,
	type MemoryEntry,
	type MemoryFilter,
	type MemoryImportReport,
	type MemoryListQuery,
	type MemoryOpenResult,
	type MemoryPage,
	type MemoryPatch,
	type MemorySearchHit,
	type NewMemoryEntry,
	type RecallOptions,
	type RecallResult,
} from '../../core/memory/types';
import type { MemoryHostCall, MemoryHostOptions } from './memoryHost';
import { newMemoryId } from './memoryIds';

/** File name of the memory database inside the workspace's storage folder. */
export const memoryFileName = 'memory.sqlite';

/**
 * Options of `MemoryStore.open`: the host's (`file` — null for memory only —, `wasmDir`, `maxEntries`, save
 * timing, `openTimeoutMs`) plus the worker script. In the bundle pass `path.join(__dirname, 'memoryWorker.js')`;
 * from TypeScript sources pass `src/infra/memory/memoryWorker.ts` with `workerExecArgv: ['--require', <tsx/cjs>]`.
 */
export interface MemoryStoreOptions extends MemoryHostOptions {
	readonly workerScript: string;
	readonly workerExecArgv?: readonly string[];
}

/** Something to stop listening with. */
export interface MemoryDisposable {
	dispose(): void;
}

type Pending = { resolve: (value: unknown) => void; reject: (error: unknown) => void };

/**
 * Baton's project memory, for the UI thread: every call runs on a worker thread (queries, journal fsyncs and
 * database saves never block the caller), and resolves once done — writes once durable in the journal. Lookups
 * return `undefined` for a missing id. Safe to use from several VS Code windows on one file (see `MemoryHost`).
 */
export class MemoryStore {
	private readonly pending = new Map<number, Pending>();
	private readonly listeners = new Set<(change: MemoryChange) => void>();
	private nextId = 1;
	private stopped: MemoryError | null = null;
	private closing: Promise<void> | null = null;

	private constructor(
		private readonly worker: Worker,
		private state: MemoryOpenResult,
	) {
		worker.on('message', (message: MemoryReplyMessage | { event: MemoryChange }) => this.receive(message));
		worker.on('error', (error) => this.stop(`the memory worker failed: ${error.message}`));
		worker.on('exit', (code) => this.stop(`the memory worker exited (code ${code})`));
		worker.unref();
	}

	/** Starts the worker and opens the database; rejects with `MemoryError('io')` if it cannot start at all. */
	static open(options: MemoryStoreOptions): Promise<MemoryStore> {
		const { workerScript, workerExecArgv, ...hostOptions } = options;
		const worker = new Worker(workerScript, { workerData: hostOptions, execArgv: [...(workerExecArgv ?? [])] });
		return new Promise((resolve, reject) => {
			const fail = (message: string): void => {
				void worker.terminate();
				reject(new MemoryError('io', message));
			};
			worker.once('message', (message: MemoryReadyMessage) => {
				worker.removeAllListeners('error');
				worker.removeAllListeners('exit');
				if ('ready' in message) {
					resolve(new MemoryStore(worker, message.ready));
				} else {
					fail(`memory store failed to open: ${message.failed}`);
				}
			});
			worker.once('error', (error) => fail(`memory worker failed: ${error.message}`));
			worker.once('exit', (code) => fail(`memory worker exited during start (code ${code})`));
		});
	}

	/** How the store came up; after a `reloaded` change, how it is now. */
	get opened(): MemoryOpenResult {
		return this.state;
	}

	private receive(message: MemoryReplyMessage | { event: MemoryChange }): void {
		if ('event' in message) {
			if (message.event.type === 'reloaded') {
				this.state = message.event.opened;
			}
			this.notify(message.event);
			return;
		}
		const p = this.pending.get(message.id);
		if (!p) {
			return;
		}
		this.pending.delete(message.id);
		if (this.pending.size === 0) {
			this.worker.unref();
		}
		if (message.ok) {
			p.resolve(message.result);
		} else {
			p.reject(new MemoryError(message.error.code, message.error.message));
		}
	}

	private notify(change: MemoryChange): void {
		for (const listener of this.listeners) {
			try {
				listener(change);
			} catch {
				// a listener's failure is its own
			}
		}
	}

	private stop(message: string): void {
		if (this.stopped) {
			return;
		}
		this.stopped = new MemoryError(this.closing ? 'closed' : 'internal', message);
		for (const p of this.pending.values()) {
			p.reject(this.stopped);
		}
		this.pending.clear();
		if (!this.closing) {
			this.notify({ type: 'stopped', message });
		}
	}

	private send(message: object): Promise<unknown> {
		if (this.stopped) {
			return Promise.reject(this.stopped);
		}
		return new Promise((resolve, reject) => {
			const id = this.nextId++;
			this.pending.set(id, { resolve, reject });
			this.worker.ref();
			this.worker.postMessage({ id, ...message });
		});
	}

	private async call<M extends keyof MemoryMethods>(method: M, params: MemoryMethods[M]['params']): Promise<MemoryMethods[M]['result']> {
		if (this.closing) {
			throw new MemoryError('closed', 'the memory store is closed');
		}
		return (await this.send({ method, params } as MemoryHostCall)) as MemoryMethods[M]['result'];
	}

	/** Stores a new entry (validated, secrets redacted) and resolves with it, including its new id. */
	add(input: NewMemoryEntry): Promise<MemoryEntry> {
		return this.call('add', { id: newMemoryId(), input });
	}

	/** Changes fields of entry `id`; resolves with the updated entry, or undefined if there is no such entry. */
	async update(id: string, patch: MemoryPatch): Promise<MemoryEntry | undefined> {
		return (await this.call('update', { id, patch })) ?? undefined;
	}

	/** The entry `id`, or undefined. */
	async get(id: string): Promise<MemoryEntry | undefined> {
		return (await this.call('get', { id })) ?? undefined;
	}

	/** Deletes entry `id` and resolves with what was deleted (keep it for undo via `restore`), or undefined. */
	async delete(id: string): Promise<MemoryEntry | undefined> {
		return (await this.call('delete', { id })) ?? undefined;
	}

	/** Puts back an entry exactly as given (same id and times), e.g. to undo a delete. */
	restore(entry: MemoryEntry): Promise<MemoryEntry> {
		return this.call('restore', { entry });
	}

	/** Pins or unpins entry `id` (pinned entries are always recalled and never forgotten by the size cap). */
	async setPinned(id: string, pinned: boolean): Promise<MemoryEntry | undefined> {
		return (await this.call('setPinned', { id, pinned })) ?? undefined;
	}

	/** A page of entries filtered by kind/file/session/pinned, newest first. */
	list(query: MemoryListQuery = {}): Promise<MemoryPage> {
		return this.call('list', { query });
	}

	/**
	 * Full-text search, best BM25 first: entries with all the words (English stemming, so `test` finds `tests`), or
	 * with any of them when none has all. A trailing `*` makes the last word a prefix (`rout*`), e.g. while typing.
	 */
	search(query: string, limit = 20): Promise<readonly MemorySearchHit[]> {
		return this.call('search', { query, limit });
	}

	/** Markdown context for a task within `budgetTokens` (default 1,500), ranked by text, files, recency, pins. */
	recall(task: string, options: RecallOptions = {}): Promise<RecallResult> {
		return this.call('recall', { task, options });
	}

	/** Number of entries matching `filter`. */
	count(filter: MemoryFilter = {}): Promise<number> {
		return this.call('count', { filter });
	}

	/** Every entry as JSONL, oldest first. */
	exportJsonl(): Promise<string> {
		return this.call('exportJsonl', {});
	}

	/** Imports JSONL (one entry per line); lines whose id already exists are skipped, bad lines reported. */
	async importJsonl(jsonl: string): Promise<MemoryImportReport> {
		if (this.closing) {
			throw new MemoryError('closed', 'the memory store is closed');
		}
		return (await this.send({ method: 'importJsonl', params: { jsonl } })) as MemoryImportReport;
	}

	/** Calls `listener` for every change made through any store on the same database. */
	onChange(listener: (change: MemoryChange) => void): MemoryDisposable {
		this.listeners.add(listener);
		return { dispose: () => this.listeners.delete(listener) };
	}

	/** Writes the database file now (acknowledged writes are durable in the journal already). */
	async flush(): Promise<void> {
		await this.call('flush', {});
	}

	/** Flushes, releases the file for other processes and stops the worker. Idempotent. */
	close(): Promise<void> {
		this.closing ??= (async () => {
			try {
				if (!this.stopped) {
					await this.send({ close: true });
				}
			} finally {
				await this.worker.terminate();
			}
		})();
		return this.closing;
	}
}
