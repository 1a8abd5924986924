import type {
	MemoryChange,
	MemoryEntry,
	MemoryErrorCode,
	MemoryFilter,
	MemoryImportReport,
	MemoryListQuery,
	MemoryOpenResult,
	MemoryPage,
	MemoryPatch,
	MemorySearchHit,
	NewMemoryEntry,
	RecallOptions,
	RecallResult,
} from './types';

/**
 * The memory service's methods as plain data, shared by the main-thread client, the worker thread and the socket
 * between two processes. Results use `null` (never `undefined`) so they survive JSON. Write methods are idempotent
 * when retried (`add` carries its id), so a request can be re-sent after the owning process went away.
 */
export interface MemoryMethods {
	add: { params: { readonly id: string; readonly input: NewMemoryEntry }; result: MemoryEntry };
	update: { params: { readonly id: string; readonly patch: MemoryPatch }; result: MemoryEntry | null };
	get: { params: { readonly id: string }; result: MemoryEntry | null };
	delete: { params: { readonly id: string }; result: MemoryEntry | null };
	restore: { params: { readonly entry: MemoryEntry }; result: MemoryEntry };
	setPinned: { params: { readonly id: string; readonly pinned: boolean }; result: MemoryEntry | null };
	list: { params: { readonly query: MemoryListQuery }; result: MemoryPage };
	search: { params: { readonly query: string; readonly limit: number }; result: readonly MemorySearchHit[] };
	recall: { params: { readonly task: string; readonly options: RecallOptions }; result: RecallResult };
	count: { params: { readonly filter: MemoryFilter }; result: number };
	exportJsonl: { params: Record<string, never>; result: string };
	importEntries: { params: { readonly entries: readonly MemoryEntry[] }; result: MemoryImportReport };
	flush: { params: Record<string, never>; result: null };
}

/** A method name. */
export type MemoryMethod = keyof MemoryMethods;

/** Methods that change data (journaled, applied in order by the owning process). */
export const memoryWriteMethods: ReadonlySet<MemoryMethod> = new Set<MemoryMethod>(['add', 'update', 'delete', 'restore', 'setPinned', 'importEntries']);

/** A call as a discriminated union, so a `switch (call.method)` narrows `params`. */
export type MemoryCall = { [M in MemoryMethod]: { readonly method: M; readonly params: MemoryMethods[M]['params'] } }[MemoryMethod];

/** A request on the wire: the call plus a correlation id unique per connection. */
export type MemoryRequestMessage = MemoryCall & { readonly id: number };

/** A reply on the wire. */
export type MemoryReplyMessage =
	| { readonly id: number; readonly ok: true; readonly result: unknown }
	| { readonly id: number; readonly ok: false; readonly error: { readonly code: MemoryErrorCode; readonly message: string } };

/** A pushed change on the wire. */
export interface MemoryEventMessage {
	readonly event: MemoryChange;
}

/** First message of the worker to its owner: the store is up (`opened`) or could not start (`error`). */
export type MemoryReadyMessage = { readonly ready: MemoryOpenResult } | { readonly failed: string };
