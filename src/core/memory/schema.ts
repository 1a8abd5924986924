/**
 * One schema step: the SQL that moves a database from `version - 1` to `version`. Run in order, each in one
 * transaction together with `PRAGMA user_version = version`. Never edit a shipped step; add a new one.
 */
export interface MemoryMigration {
	readonly version: number;
	readonly name: string;
	readonly statements: readonly string[];
}

/**
 * Memory schema history as plain data.
 * 1 — `entries` (text id for citing, integer `doc` as a stable rowid for the index; JSON arrays for files/tags;
 *     times in ms) and `meta` (key/value; `journal_seq` = last journal record folded into this file).
 * 2 — full-text search: FTS4 over title/body/tags/files with the porter stemmer, external content kept in step by
 *     triggers (FTS5 is not compiled into sql.js); backfilled from existing rows.
 * 3 — `entry_files`: one row per (path, entry) for "entries about this file" lookups, maintained by triggers;
 *     an index for the retention sweep (oldest unpinned first).
 */
export const memoryMigrations: readonly MemoryMigration[] = [
	{
		version: 1,
		name: 'entries',
		statements: [
			'CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID',
			`CREATE TABLE entries (
				doc INTEGER PRIMARY KEY,
				id TEXT NOT NULL UNIQUE,
				kind TEXT NOT NULL,
				title TEXT NOT NULL,
				body TEXT NOT NULL DEFAULT '',
				agent TEXT,
				session_id TEXT,
				files TEXT NOT NULL DEFAULT '[]',
				tags TEXT NOT NULL DEFAULT '[]',
				pinned INTEGER NOT NULL DEFAULT 0,
				created_at INTEGER NOT NULL,
				updated_at INTEGER NOT NULL,
				source TEXT NOT NULL DEFAULT 'user'
			)`,
			'CREATE INDEX entries_updated ON entries (updated_at)',
			'CREATE INDEX entries_kind_updated ON entries (kind, updated_at)',
			'CREATE INDEX entries_session ON entries (session_id) WHERE session_id IS NOT NULL',
		],
	},
	{
		version: 2,
		name: 'full-text search',
		statements: [
			`CREATE VIRTUAL TABLE entries_fts USING fts4(content="entries", title, body, tags, files, tokenize=porter)`,
			`CREATE TRIGGER entries_fts_bu BEFORE UPDATE OF title, body, tags, files ON entries BEGIN
				DELETE FROM entries_fts WHERE docid = old.doc;
			END`,
			`CREATE TRIGGER entries_fts_bd BEFORE DELETE ON entries BEGIN
				DELETE FROM entries_fts WHERE docid = old.doc;
			END`,
			`CREATE TRIGGER entries_fts_au AFTER UPDATE OF title, body, tags, files ON entries BEGIN
				INSERT INTO entries_fts (docid, title, body, tags, files) VALUES (new.doc, new.title, new.body, new.tags, new.files);
			END`,
			`CREATE TRIGGER entries_fts_ai AFTER INSERT ON entries BEGIN
				INSERT INTO entries_fts (docid, title, body, tags, files) VALUES (new.doc, new.title, new.body, new.tags, new.files);
			END`,
			'INSERT INTO entries_fts (docid, title, body, tags, files) SELECT doc, title, body, tags, files FROM entries',
		],
	},
	{
		version: 3,
		name: 'file index and retention',
		statements: [
			'CREATE TABLE entry_files (path TEXT NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (path, doc)) WITHOUT ROWID',
			'CREATE INDEX entry_files_doc ON entry_files (doc)',
			`CREATE TRIGGER entry_files_ai AFTER INSERT ON entries BEGIN
				INSERT OR IGNORE INTO entry_files (path, doc) SELECT value, new.doc FROM json_each(new.files);
			END`,
			`CREATE TRIGGER entry_files_au AFTER UPDATE OF files ON entries BEGIN
				DELETE FROM entry_files WHERE doc = old.doc;
				INSERT OR IGNORE INTO entry_files (path, doc) SELECT value, new.doc FROM json_each(new.files);
			END`,
			`CREATE TRIGGER entry_files_ad AFTER DELETE ON entries BEGIN
				DELETE FROM entry_files WHERE doc = old.doc;
			END`,
			'INSERT OR IGNORE INTO entry_files (path, doc) SELECT j.value, e.doc FROM entries e, json_each(e.files) j',
			'CREATE INDEX entries_retention ON entries (pinned, updated_at)',
		],
	},
];

/** The schema version this build writes; a database with a higher `user_version` was made by a newer Baton. */
export const memorySchemaVersion: number = memoryMigrations.length;

/** The migrations still to run on a database at `fromVersion`, in order (empty when current). */
export function pendingMigrations(fromVersion: number): readonly MemoryMigration[] {
	return memoryMigrations.filter((m) => m.version > fromVersion);
}
