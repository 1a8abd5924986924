import type { SqlValue } from 'sql.js';
import { isMemoryKind, isMemorySource } from '../../core/memory/entries';
import type { MemoryEntry, MemoryFilter } from '../../core/memory/types';

/** Why a database could not be opened: unreadable/not ours (`corrupt`) or written by a newer Baton (`newer`). */
export class MemoryDbOpenError extends Error {
	override readonly name = 'MemoryDbOpenError';
	constructor(
		readonly reason: 'corrupt' | 'newer',
		message: string,
	) {
		super(message);
	}
}

/** The entry columns, in `rowToEntry` order, of table alias `e`. */
export const columns = 'e.id, e.kind, e.title, e.body, e.agent, e.session_id, e.files, e.tags, e.pinned, e.created_at, e.updated_at, e.source';

function jsonList(value: SqlValue | undefined): string[] {
	if (typeof value !== 'string') {
		return [];
	}
	try {
		const parsed: unknown = JSON.parse(value);
		return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
	} catch {
		return [];
	}
}

/** An `entries` row (selected with `columns`) as an entry; unknown kinds/sources fall back to note/user. */
export function rowToEntry(row: readonly SqlValue[]): MemoryEntry {
	const [id, kind, title, body, agent, session, files, tags, pinned, created, updated, source] = row;
	return {
		id: String(id),
		kind: isMemoryKind(kind) ? kind : 'note',
		title: String(title ?? ''),
		body: String(body ?? ''),
		agent: typeof agent === 'string' ? agent : null,
		sessionId: typeof session === 'string' ? session : null,
		files: jsonList(files),
		tags: jsonList(tags),
		pinned: pinned === 1,
		createdAt: Number(created),
		updatedAt: Number(updated),
		source: isMemorySource(source) ? source : 'user',
	};
}

/**
 * Cheap structural check of SQLite file bytes (a full `PRAGMA quick_check` costs ~0.8 s at 50k entries): the magic
 * string, a valid page size, and a length equal to page size × the header's page count (catches truncation).
 */
export function checkHeader(bytes: Uint8Array): void {
	const magic = 'SQLite format 3\0';
	if (bytes.length < 100 || [...magic].some((ch, i) => bytes[i] !== ch.charCodeAt(0))) {
		throw new MemoryDbOpenError('corrupt', 'not an SQLite database (bad header)');
	}
	const raw = ((bytes[16] ?? 0) << 8) | (bytes[17] ?? 0);
	const pageSize = raw === 1 ? 65536 : raw;
	if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
		throw new MemoryDbOpenError('corrupt', `invalid page size ${raw}`);
	}
	const pages = (((bytes[28] ?? 0) << 24) | ((bytes[29] ?? 0) << 16) | ((bytes[30] ?? 0) << 8) | (bytes[31] ?? 0)) >>> 0;
	if (pages === 0 || pages * pageSize !== bytes.length) {
		throw new MemoryDbOpenError('corrupt', `the file is ${bytes.length} bytes but its header says ${pages} pages of ${pageSize}`);
	}
}

/** FROM and WHERE clauses with their parameters for a filter (a file filter joins `entry_files`). */
export function filterSql(filter: MemoryFilter): { from: string; where: string; params: SqlValue[] } {
	const conditions: string[] = [];
	const params: SqlValue[] = [];
	let from = 'entries e';
	if (filter.file !== undefined) {
		from = 'entry_files f JOIN entries e ON e.doc = f.doc';
		conditions.push('f.path = ?');
		params.push(filter.file);
	}
	if (filter.kind !== undefined) {
		conditions.push('e.kind = ?');
		params.push(filter.kind);
	}
	if (filter.sessionId !== undefined) {
		conditions.push('e.session_id = ?');
		params.push(filter.sessionId);
	}
	if (filter.pinned !== undefined) {
		conditions.push('e.pinned = ?');
		params.push(filter.pinned ? 1 : 0);
	}
	return { from, where: conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`, params };
}
