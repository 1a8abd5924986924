/** What a memory entry records. */
export type MemoryKind = 'finding' | 'decision' | 'checkpoint' | 'handoff' | 'critique' | 'note' | 'summary';

/** How an entry got into memory. */
export type MemorySource = 'user' | 'hook' | 'mcp' | 'handoff' | 'import';

/** Every kind, in display order. */
export const memoryKinds: readonly MemoryKind[] = ['finding', 'decision', 'checkpoint', 'handoff', 'critique', 'note', 'summary'];

/** Every source. */
export const memorySources: readonly MemorySource[] = ['user', 'hook', 'mcp', 'handoff', 'import'];

/**
 * One stored memory. `id` is stable and short enough for agents to cite (`[id]`); times are milliseconds since the
 * Unix epoch; `files` are workspace-relative paths with `/` separators; text fields are already redacted.
 */
export interface MemoryEntry {
	readonly id: string;
	readonly kind: MemoryKind;
	readonly title: string;
	readonly body: string;
	readonly agent: string | null;
	readonly sessionId: string | null;
	readonly files: readonly string[];
	readonly tags: readonly string[];
	readonly pinned: boolean;
	readonly createdAt: number;
	readonly updatedAt: number;
	readonly source: MemorySource;
}

/** What a caller supplies to add an entry; omitted fields default (body '', source 'user', pinned false). */
export interface NewMemoryEntry {
	readonly kind: MemoryKind;
	readonly title: string;
	readonly body?: string;
	readonly agent?: string | null;
	readonly sessionId?: string | null;
	readonly files?: readonly string[];
	readonly tags?: readonly string[];
	readonly pinned?: boolean;
	readonly source?: MemorySource;
}

/** Fields to change on an existing entry; omitted fields stay as they are. */
export interface MemoryPatch {
	readonly kind?: MemoryKind;
	readonly title?: string;
	readonly body?: string;
	readonly agent?: string | null;
	readonly sessionId?: string | null;
	readonly files?: readonly string[];
	readonly tags?: readonly string[];
	readonly pinned?: boolean;
}

/** Filter shared by `list` and `count`; all given fields must match. `file` is an exact workspace-relative path. */
export interface MemoryFilter {
	readonly kind?: MemoryKind;
	readonly file?: string;
	readonly sessionId?: string;
	readonly pinned?: boolean;
}

/** A page request: newest `updatedAt` first. `limit` defaults to 50 and is capped at 500. */
export interface MemoryListQuery extends MemoryFilter {
	readonly offset?: number;
	readonly limit?: number;
}

/** One page of entries; `total` counts every match of the filter; `nextOffset` is null on the last page. */
export interface MemoryPage {
	readonly entries: readonly MemoryEntry[];
	readonly total: number;
	readonly nextOffset: number | null;
}

/** A full-text hit: BM25 `score` (higher is better, unbounded) and a short `snippet` with matches in `**bold**`. */
export interface MemorySearchHit {
	readonly entry: MemoryEntry;
	readonly score: number;
	readonly snippet: string;
}

/** Options of `recall`: `budgetTokens` defaults to 1,500 (see `estimateTokens`); `files` are the task's paths. */
export interface RecallOptions {
	readonly budgetTokens?: number;
	readonly files?: readonly string[];
}

/** Rendered recall: `markdown` (empty when nothing fits or matches), its estimated `tokens` and the entries cited. */
export interface RecallResult {
	readonly markdown: string;
	readonly tokens: number;
	readonly budgetTokens: number;
	readonly entries: ReadonlyArray<{ readonly id: string; readonly score: number }>;
}

/** Outcome of `importJsonl`: lines stored, lines skipped because their id already exists, and bad lines (1-based). */
export interface MemoryImportReport {
	readonly imported: number;
	readonly skipped: number;
	readonly errors: ReadonlyArray<{ readonly line: number; readonly message: string }>;
}

/**
 * How a store came up. `fresh`: no database file existed. `loaded`: the file opened cleanly. `recovered`: the file was
 * unreadable, was moved to `backupPath` and a new database started. `shared`: another process (pid `ownerPid`) owns the
 * file and this store forwards to it. `memoryOnly`: nothing is persisted (`reason` says why). `replayedWrites` counts
 * journal records re-applied; `journalBackupPath` is set when unreadable journal records were kept aside.
 */
export type MemoryOpenResult =
	| (MemoryOpenCommon & { readonly kind: 'fresh' | 'loaded' })
	| (MemoryOpenCommon & { readonly kind: 'recovered'; readonly backupPath: string; readonly reason: string })
	| (MemoryOpenCommon & { readonly kind: 'shared'; readonly ownerPid: number })
	| (MemoryOpenCommon & { readonly kind: 'memoryOnly'; readonly reason: string });

/** Fields every `MemoryOpenResult` carries. */
export interface MemoryOpenCommon {
	readonly replayedWrites: number;
	readonly journalBackupPath: string | null;
}

/**
 * Something that changed, pushed to every open store on the same database (other windows included). `added`/`updated`
 * carry the stored entry; `deleted` lists ids (`reason` retention = forgotten by the size cap); `bulk` follows an
 * import; `reloaded` means refresh everything (the owning process changed); `saveFailed` reports a checkpoint
 * error (writes stay safe in the journal and the save is retried); `lockLost` means another process took the file;
 * `stopped` means the store's worker died and the store no longer answers (acknowledged writes are in the journal).
 */
export type MemoryChange =
	| { readonly type: 'added' | 'updated'; readonly entry: MemoryEntry }
	| { readonly type: 'deleted'; readonly ids: readonly string[]; readonly reason: 'user' | 'retention' }
	| { readonly type: 'bulk'; readonly imported: number }
	| { readonly type: 'reloaded'; readonly opened: MemoryOpenResult }
	| { readonly type: 'saveFailed'; readonly message: string }
	| { readonly type: 'lockLost'; readonly message: string }
	| { readonly type: 'stopped'; readonly message: string };

/** Error codes a store rejects with: bad input, unknown method, closed store, I/O failure, or the file is busy. */
export type MemoryErrorCode = 'invalid' | 'closed' | 'io' | 'busy' | 'internal';

/** Error thrown by memory operations; `code` tells the UI how to react. */
export class MemoryError extends Error {
	override readonly name = 'MemoryError';
	constructor(
		readonly code: MemoryErrorCode,
		message: string,
	) {
		super(message);
	}
}
