import { createEntry, patchEntry, reviveEntry } from '../../core/memory/entries';
import type { JournalOp, JournalRecord } from '../../core/memory/journalCodec';
import { memoryWriteMethods, type MemoryCall } from '../../core/memory/protocol';
import { MemoryError, type MemoryChange, type MemoryOpenResult } from '../../core/memory/types';
import { writeFileAtomic } from '../fs/atomicWrite';
import type { JournalFile } from './journalFile';
import type { MemoryDb } from './memoryDb';
import { openDatabase } from './memoryOpen';
import { readCall } from './memoryReads';

/** Options of a memory engine; sizes in entries, times in ms. */
export interface MemoryEngineOptions {
	/** Database file; null keeps everything in memory (no workspace folder). */
	readonly file: string | null;
	/** Folder holding `sql-wasm.wasm`. */
	readonly wasmDir: string;
	/** Size cap: beyond it the least recently updated unpinned entries are forgotten. Default 20,000. */
	readonly maxEntries?: number;
	/** Quiet time after the last write before the database file is rewritten. Default 1,000. */
	readonly saveDelayMs?: number;
	/** Longest a write waits in the journal only, even under a steady stream of writes. Default 10,000. */
	readonly maxSaveDelayMs?: number;
	/** Move an unreadable database aside and start a new one (true, the store) or fail (false, the CLI). Default true. */
	readonly recoverCorrupt?: boolean;
}

/** Default size cap. */
export const defaultMaxEntries = 20_000;

/**
 * Ops per journal record: a bulk import is journaled as several lines (one fsync) rather than one huge line. If a
 * crash cuts such a batch, its complete lines may be replayed although it was never acknowledged; every op is a
 * self-contained upsert or delete, so that yields a partial import, never an inconsistent entry.
 */
const opsPerRecord = 500;

interface Queued {
	readonly call: MemoryCall;
	readonly resolve: (value: unknown) => void;
	readonly reject: (error: unknown) => void;
}

interface Applied {
	readonly result: unknown;
	readonly ops: readonly JournalOp[];
	readonly changes: readonly MemoryChange[];
}

const none: Pick<Applied, 'ops' | 'changes'> = { ops: [], changes: [] };

/**
 * The memory database of one process: requests are queued and run in order; consecutive writes are committed as one
 * batch — applied in a transaction, appended to the journal and fsync'd (group commit), and only then acknowledged.
 * The database file is rewritten atomically after `saveDelayMs` of quiet (at most `maxSaveDelayMs` late) and on
 * close, after which the folded journal records are dropped. The caller must hold the database's lock.
 */
export class MemoryEngine {
	private readonly listeners = new Set<(change: MemoryChange) => void>();
	private readonly queue: Queued[] = [];
	private drainScheduled = false;
	private idleWaiters: Array<() => void> = [];
	private saveChain: Promise<void> = Promise.resolve();
	private timer: NodeJS.Timeout | null = null;
	private firstDirtyAt: number | null = null;
	private closing: Promise<void> | null = null;
	private entryCount: number;

	private constructor(
		private readonly options: MemoryEngineOptions,
		private readonly db: MemoryDb,
		private readonly journal: JournalFile | null,
		/** How the database came up. */
		readonly opened: MemoryOpenResult,
		private seq: number,
		dirty: boolean,
	) {
		this.entryCount = db.count();
		if (dirty) {
			this.scheduleSave();
		}
	}

	/** Opens the database (see `openDatabase`) and replays its journal. */
	static async open(options: MemoryEngineOptions): Promise<MemoryEngine> {
		const o = await openDatabase(options.file, options.wasmDir, options.recoverCorrupt ?? true);
		return new MemoryEngine(options, o.db, o.journal, o.opened, o.seq, o.dirty);
	}

	/** Subscribes to changes; returns the unsubscribe function. */
	onChange(listener: (change: MemoryChange) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Queues a call; resolves with its result once done (writes: once durable in the journal). */
	call(call: MemoryCall): Promise<unknown> {
		if (this.closing) {
			return Promise.reject(new MemoryError('closed', 'the memory store is closed'));
		}
		return new Promise((resolve, reject) => {
			this.queue.push({ call, resolve, reject });
			if (!this.drainScheduled) {
				this.drainScheduled = true;
				setImmediate(() => this.drain());
			}
		});
	}

	private emit(changes: readonly MemoryChange[]): void {
		for (const change of changes) {
			for (const listener of this.listeners) {
				try {
					listener(change);
				} catch {
					// a listener's failure must not undo a committed write
				}
			}
		}
	}

	private drain(): void {
		this.drainScheduled = false;
		const items = this.queue.splice(0);
		for (let i = 0; i < items.length; ) {
			let j = i;
			while (j < items.length && memoryWriteMethods.has((items[j] as Queued).call.method)) {
				j++;
			}
			if (j > i) {
				this.commit(items.slice(i, j));
				i = j;
				continue;
			}
			const item = items[i++] as Queued;
			try {
				item.resolve(item.call.method === 'flush' ? this.save().then(() => null) : readCall(this.db, item.call));
			} catch (error) {
				item.reject(error);
			}
		}
		if (this.queue.length === 0) {
			const waiters = this.idleWaiters;
			this.idleWaiters = [];
			waiters.forEach((w) => w());
		}
	}

	private commit(items: readonly Queued[]): void {
		const now = Date.now();
		const ops: JournalOp[] = [];
		const changes: MemoryChange[] = [];
		const outcomes: Array<{ ok: true; result: unknown } | { ok: false; error: unknown }> = [];
		const countBefore = this.entryCount;
		this.db.exec('BEGIN');
		for (const item of items) {
			this.db.exec('SAVEPOINT w');
			try {
				const applied = this.write(item.call, now);
				this.db.exec('RELEASE w');
				ops.push(...applied.ops);
				changes.push(...applied.changes);
				outcomes.push({ ok: true, result: applied.result });
			} catch (error) {
				this.db.exec('ROLLBACK TO w');
				this.db.exec('RELEASE w');
				outcomes.push({ ok: false, error });
			}
		}
		const cap = this.options.maxEntries ?? defaultMaxEntries;
		this.entryCount = ops.length > 0 ? this.db.count() : countBefore;
		if (this.entryCount > cap) {
			const ids = this.db.oldestUnpinned(this.entryCount - cap);
			if (ids.length > 0) {
				this.db.delete(ids);
				this.entryCount -= ids.length;
				ops.push({ t: 'del', ids });
				changes.push({ type: 'deleted', ids, reason: 'retention' });
			}
		}
		if (ops.length > 0) {
			const records: JournalRecord[] = [];
			for (let k = 0; k < ops.length; k += opsPerRecord) {
				records.push({ seq: this.seq + records.length + 1, at: now, ops: ops.slice(k, k + opsPerRecord) });
			}
			const lastSeq = this.seq + records.length;
			try {
				this.db.setJournalSeq(lastSeq);
				this.journal?.append(records);
			} catch (error) {
				this.db.exec('ROLLBACK');
				this.entryCount = countBefore;
				const failure = new MemoryError('io', `could not write the memory journal: ${error instanceof Error ? error.message : String(error)}`);
				items.forEach((item) => item.reject(failure));
				return;
			}
			this.seq = lastSeq;
		}
		this.db.exec('COMMIT');
		outcomes.forEach((o, k) => (o.ok ? items[k]?.resolve(o.result) : items[k]?.reject(o.error)));
		this.emit(changes);
		if (ops.length > 0) {
			this.scheduleSave();
		}
	}

	private write(call: MemoryCall, now: number): Applied {
		switch (call.method) {
			case 'add': {
				const existing = this.db.get(call.params.id);
				if (existing) {
					return { result: existing, ...none };
				}
				const entry = createEntry(call.params.input, call.params.id, now);
				this.db.put(entry);
				return { result: entry, ops: [{ t: 'put', e: entry }], changes: [{ type: 'added', entry }] };
			}
			case 'update': {
				const existing = this.db.get(call.params.id);
				if (!existing) {
					return { result: null, ...none };
				}
				const entry = patchEntry(existing, call.params.patch, now);
				this.db.put(entry);
				return { result: entry, ops: [{ t: 'put', e: entry }], changes: [{ type: 'updated', entry }] };
			}
			case 'setPinned': {
				const existing = this.db.get(call.params.id);
				if (!existing || existing.pinned === call.params.pinned) {
					return { result: existing, ...none };
				}
				const entry = { ...existing, pinned: call.params.pinned === true };
				this.db.put(entry);
				return { result: entry, ops: [{ t: 'put', e: entry }], changes: [{ type: 'updated', entry }] };
			}
			case 'delete': {
				const existing = this.db.get(call.params.id);
				if (!existing) {
					return { result: null, ...none };
				}
				this.db.delete([existing.id]);
				return { result: existing, ops: [{ t: 'del', ids: [existing.id] }], changes: [{ type: 'deleted', ids: [existing.id], reason: 'user' }] };
			}
			case 'restore': {
				const entry = reviveEntry(call.params.entry, '', now, 'user');
				const existed = this.db.get(entry.id) !== null;
				this.db.put(entry);
				return { result: entry, ops: [{ t: 'put', e: entry }], changes: [{ type: existed ? 'updated' : 'added', entry }] };
			}
			case 'importEntries': {
				const ops: JournalOp[] = [];
				let skipped = 0;
				for (const raw of call.params.entries) {
					const entry = reviveEntry(raw, '', now, 'import');
					if (this.db.get(entry.id)) {
						skipped++;
						continue;
					}
					this.db.put(entry);
					ops.push({ t: 'put', e: entry });
				}
				const changes: MemoryChange[] = ops.length > 0 ? [{ type: 'bulk', imported: ops.length }] : [];
				return { result: { imported: ops.length, skipped, errors: [] }, ops, changes };
			}
			default:
				throw new MemoryError('internal', `'${call.method}' is not a write`);
		}
	}

	private scheduleSave(): void {
		if (!this.journal || this.options.file === null || this.closing) {
			return;
		}
		const now = Date.now();
		this.firstDirtyAt ??= now;
		if (this.timer) {
			clearTimeout(this.timer);
		}
		const delay = Math.max(0, Math.min(this.options.saveDelayMs ?? 1000, this.firstDirtyAt + (this.options.maxSaveDelayMs ?? 10_000) - now));
		this.timer = setTimeout(() => {
			this.timer = null;
			void this.save();
		}, delay);
	}

	/**
	 * Writes the database file now if the journal holds anything not yet in it, then drops those journal records.
	 * Saves run one at a time; a failure is reported as a `saveFailed` change and retried (writes stay journaled).
	 */
	save(): Promise<void> {
		const run = async (): Promise<void> => {
			const file = this.options.file;
			if (!this.journal || file === null || this.journal.size === 0) {
				return;
			}
			const offset = this.journal.size;
			const bytes = this.db.export();
			this.firstDirtyAt = null;
			try {
				await writeFileAtomic(file, bytes);
				this.journal.compact(offset);
			} catch (error) {
				this.emit([{ type: 'saveFailed', message: error instanceof Error ? error.message : String(error) }]);
			}
			if (this.journal.size > 0) {
				this.scheduleSave();
			}
		};
		this.saveChain = this.saveChain.then(run, run);
		return this.saveChain;
	}

	/** Resolves when every queued call has run. */
	private idle(): Promise<void> {
		return this.queue.length === 0 && !this.drainScheduled ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
	}

	/** Finishes queued calls, saves, and closes the journal and database. Later calls reject with `closed`. */
	close(): Promise<void> {
		this.closing ??= (async () => {
			await this.idle();
			if (this.timer) {
				clearTimeout(this.timer);
				this.timer = null;
			}
			await this.save();
			this.journal?.close();
			this.db.close();
		})();
		return this.closing;
	}
}
