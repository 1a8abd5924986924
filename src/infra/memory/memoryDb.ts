import type { Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';
import { bm25FromMatchinfo, documentFrequencies } from '../../core/memory/bm25';
import { memorySchemaVersion, pendingMigrations } from '../../core/memory/schema';
import type { MemoryEntry, MemoryFilter, MemoryListQuery, MemoryPage } from '../../core/memory/types';
import { checkHeader, columns, filterSql, MemoryDbOpenError, rowToEntry } from './memoryRows';

export { MemoryDbOpenError } from './memoryRows';

/** Most matches BM25 ranks per query (the newest ones); beyond it the cost would grow with the match count. */
export const maxRankedMatches = 2000;

/**
 * The memory database in sql.js: schema migration on open, cached statements, entry upserts/deletes, listing,
 * BM25 full-text search (custom SQL function `memory_bm25` over FTS4 `matchinfo('pcnalx')`) and whole-file export.
 * Synchronous; owned by one thread.
 */
export class MemoryDb {
	private statements = new Map<string, Statement>();
	/** Entry count as last measured (`count()` without a filter refreshes it); bounds the search work. */
	private size = Number.POSITIVE_INFINITY;

	private constructor(private db: Database) {
		this.configure();
	}

	/**
	 * Opens `bytes` (null: a new empty database) and migrates it to the current schema. Throws `MemoryDbOpenError`
	 * when the bytes are not a healthy SQLite database, are some other application's database, or are newer.
	 */
	static open(SQL: SqlJsStatic, bytes: Uint8Array | null): MemoryDb {
		if (bytes !== null) {
			checkHeader(bytes);
		}
		let db: Database;
		try {
			db = bytes === null ? new SQL.Database() : new SQL.Database(bytes);
		} catch (error) {
			throw new MemoryDbOpenError('corrupt', `not a database: ${String(error)}`);
		}
		let version: number;
		try {
			version = Number(db.exec('PRAGMA user_version')[0]?.values[0]?.[0] ?? 0);
			const tables = new Set(db.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0]?.values.map((r) => String(r[0])) ?? []);
			if (version === 0 && tables.size > 0) {
				throw new Error('it has tables but no Baton schema version (not a Baton memory database)');
			}
			if (version >= 1 && !tables.has('entries')) {
				throw new Error('the entries table is missing');
			}
			if (version >= 1) {
				// Walks the entries index b-tree: catches damaged pages where most queries would hit them.
				db.exec('SELECT count(*) FROM entries');
			}
		} catch (error) {
			db.close();
			throw new MemoryDbOpenError('corrupt', error instanceof Error ? error.message : String(error));
		}
		if (version > memorySchemaVersion) {
			db.close();
			throw new MemoryDbOpenError('newer', `schema version ${version} is newer than this Baton understands (${memorySchemaVersion})`);
		}
		const memoryDb = new MemoryDb(db);
		try {
			memoryDb.migrate(version);
		} catch (error) {
			db.close();
			throw new MemoryDbOpenError('corrupt', `migration failed: ${error instanceof Error ? error.message : String(error)}`);
		}
		return memoryDb;
	}

	/** Connection settings and functions; repeated after every export, which reopens the connection. */
	private configure(): void {
		this.db.exec('PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY');
		this.db.create_function('memory_bm25', (blob: SqlValue) => (blob instanceof Uint8Array ? bm25FromMatchinfo(blob) : 0));
	}

	private migrate(from: number): void {
		for (const migration of pendingMigrations(from)) {
			this.db.exec('BEGIN');
			try {
				for (const sql of migration.statements) {
					this.db.exec(sql);
				}
				this.db.exec(`PRAGMA user_version = ${migration.version}`);
				this.db.exec('COMMIT');
			} catch (error) {
				this.db.exec('ROLLBACK');
				throw error;
			}
		}
	}

	private stmt(sql: string): Statement {
		let s = this.statements.get(sql);
		if (!s) {
			s = this.db.prepare(sql);
			this.statements.set(sql, s);
		}
		return s;
	}

	/** Runs `sql` with `params` and returns every row as an array of values. */
	private rows(sql: string, params: SqlValue[] = []): SqlValue[][] {
		const s = this.stmt(sql);
		const out: SqlValue[][] = [];
		try {
			s.bind(params);
			while (s.step()) {
				out.push(s.get());
			}
		} finally {
			s.reset();
		}
		return out;
	}

	private run(sql: string, params: SqlValue[] = []): void {
		const s = this.stmt(sql);
		try {
			s.run(params);
		} finally {
			s.reset();
		}
	}

	/** Runs raw SQL (transaction control: BEGIN, COMMIT, SAVEPOINT …). */
	exec(sql: string): void {
		this.db.exec(sql);
	}

	/** The schema version now in the database. */
	schemaVersion(): number {
		return Number(this.rows('PRAGMA user_version')[0]?.[0] ?? 0);
	}

	/** Last journal sequence number folded into this database (0 for none). */
	journalSeq(): number {
		return Number(this.rows("SELECT value FROM meta WHERE key = 'journal_seq'")[0]?.[0] ?? 0);
	}

	/** Records that journal record `seq` is folded in (same transaction as its changes). */
	setJournalSeq(seq: number): void {
		this.run("INSERT INTO meta (key, value) VALUES ('journal_seq', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [String(seq)]);
	}

	/** The entry with `id`, or null. */
	get(id: string): MemoryEntry | null {
		const row = this.rows(`SELECT ${columns} FROM entries e WHERE e.id = ?`, [id])[0];
		return row ? rowToEntry(row) : null;
	}

	/** Inserts `entry`, or replaces every field of the entry with the same id. */
	put(entry: MemoryEntry): void {
		this.run(
			`INSERT INTO entries (id, kind, title, body, agent, session_id, files, tags, pinned, created_at, updated_at, source)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title, body = excluded.body, agent = excluded.agent,
				session_id = excluded.session_id, files = excluded.files, tags = excluded.tags, pinned = excluded.pinned,
				created_at = excluded.created_at, updated_at = excluded.updated_at, source = excluded.source`,
			[
				entry.id,
				entry.kind,
				entry.title,
				entry.body,
				entry.agent,
				entry.sessionId,
				JSON.stringify(entry.files),
				JSON.stringify(entry.tags),
				entry.pinned ? 1 : 0,
				entry.createdAt,
				entry.updatedAt,
				entry.source,
			],
		);
	}

	/** Deletes the entries with these ids (unknown ids are ignored). */
	delete(ids: readonly string[]): void {
		for (const id of ids) {
			this.run('DELETE FROM entries WHERE id = ?', [id]);
		}
	}

	/** Number of entries matching `filter`. */
	count(filter: MemoryFilter = {}): number {
		const { from, where, params } = filterSql(filter);
		const n = Number(this.rows(`SELECT count(*) FROM ${from} ${where}`, params)[0]?.[0] ?? 0);
		if (where === '') {
			this.size = n;
		}
		return n;
	}

	/** One page of entries matching the query, newest `updatedAt` first. */
	list(query: MemoryListQuery): MemoryPage {
		const limit = Math.min(500, Math.max(1, Math.floor(query.limit ?? 50)));
		const offset = Math.max(0, Math.floor(query.offset ?? 0));
		const { from, where, params } = filterSql(query);
		const rows = this.rows(`SELECT ${columns} FROM ${from} ${where} ORDER BY e.updated_at DESC, e.doc DESC LIMIT ? OFFSET ?`, [...params, limit, offset]);
		const total = this.count(query);
		return { entries: rows.map(rowToEntry), total, nextOffset: offset + rows.length < total ? offset + rows.length : null };
	}

	/** Every entry, oldest first (for export). */
	all(): MemoryEntry[] {
		return this.rows(`SELECT ${columns} FROM entries e ORDER BY e.created_at, e.doc`).map(rowToEntry);
	}

	/** Ids of the `n` least recently updated unpinned entries (what the size cap forgets first). */
	oldestUnpinned(n: number): string[] {
		return this.rows('SELECT id FROM entries WHERE pinned = 0 ORDER BY updated_at, doc LIMIT ?', [n]).map((r) => String(r[0]));
	}

	/**
	 * Up to `limit` full-text hits for an FTS4 MATCH expression with their BM25 score, best first. To bound the cost
	 * for terms found in most entries, BM25 ranks only the `maxRankedMatches` most recently added matching entries.
	 */
	search(match: string, limit: number): Array<{ entry: MemoryEntry; score: number }> {
		const floor = this.size <= maxRankedMatches ? 0 : this.rows(`SELECT docid FROM entries_fts WHERE entries_fts MATCH ? ORDER BY docid DESC LIMIT 1 OFFSET ${maxRankedMatches - 1}`, [match])[0]?.[0];
		const rows = this.rows(
			`SELECT ${columns}, s.score FROM (
				SELECT docid, memory_bm25(matchinfo(entries_fts, 'pcnalx')) AS score FROM entries_fts WHERE entries_fts MATCH ? AND docid >= ?
				ORDER BY score DESC LIMIT ?
			) s JOIN entries e ON e.doc = s.docid ORDER BY s.score DESC, e.updated_at DESC`,
			[match, typeof floor === 'number' ? floor : 0, limit],
		);
		return rows.map((r) => ({ entry: rowToEntry(r), score: Number(r[12]) }));
	}

	/**
	 * Index statistics for an FTS4 MATCH expression: rows in the index and each phrase's document frequency, read
	 * from one matching row's `matchinfo('pcnx')`. Null when nothing matches.
	 */
	termStats(match: string): { rows: number; df: number[] } | null {
		const blob = this.rows("SELECT matchinfo(entries_fts, 'pcnx') FROM entries_fts WHERE entries_fts MATCH ? LIMIT 1", [match])[0]?.[0];
		return blob instanceof Uint8Array ? documentFrequencies(blob) : null;
	}

	/** Entries touching any of `paths` or any file in their folders (at most `limit`). */
	entriesNearFiles(paths: readonly string[], limit: number): MemoryEntry[] {
		const docs = new Set<number>();
		for (const p of paths) {
			const slash = p.lastIndexOf('/');
			const dir = slash < 0 ? '' : p.slice(0, slash + 1);
			const hits = dir === '' ? this.rows('SELECT doc FROM entry_files WHERE path = ? LIMIT ?', [p, limit]) : this.rows('SELECT doc FROM entry_files WHERE path >= ? AND path < ? LIMIT ?', [dir, `${dir.slice(0, -1)}0`, limit]);
			for (const [doc] of hits) {
				docs.add(Number(doc));
			}
		}
		const list = [...docs].slice(0, limit);
		return list.length === 0 ? [] : this.rows(`SELECT ${columns} FROM entries e WHERE e.doc IN (${list.map(() => '?').join(',')})`, list).map(rowToEntry);
	}

	/** The `limit` most recently updated pinned entries. */
	pinned(limit: number): MemoryEntry[] {
		return this.rows(`SELECT ${columns} FROM entries e WHERE e.pinned = 1 ORDER BY e.updated_at DESC LIMIT ?`, [limit]).map(rowToEntry);
	}

	/**
	 * The whole database as SQLite file bytes. sql.js closes and reopens the connection to do this, which drops
	 * prepared statements and custom functions, so both are rebuilt here.
	 */
	export(): Uint8Array {
		this.statements.clear();
		const bytes = this.db.export();
		this.configure();
		return bytes;
	}

	/** Closes the database. */
	close(): void {
		for (const s of this.statements.values()) {
			s.free();
		}
		this.statements.clear();
		this.db.close();
	}
}
