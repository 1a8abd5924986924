import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import * as path from 'node:path';
import type { JournalRecord } from '../../core/memory/journalCodec';
import { MemoryError, type MemoryOpenResult } from '../../core/memory/types';
import { writeFileAtomic } from '../fs/atomicWrite';
import { loadSqlJs } from '../sqljs/sqlJsLoader';
import { JournalFile } from './journalFile';
import { MemoryDb, MemoryDbOpenError } from './memoryDb';

/** What opening a database produced. */
export interface OpenedDatabase {
	readonly db: MemoryDb;
	readonly journal: JournalFile | null;
	readonly opened: MemoryOpenResult;
	/** Highest journal sequence number in the database or the journal. */
	readonly seq: number;
	/** True when the file on disk is behind the database in memory (replayed or recovered): save soon. */
	readonly dirty: boolean;
}

/** The journal beside database `file`. */
export function journalPathFor(file: string): string {
	return `${file}.journal`;
}

/** Applies one journal record to `db` in a transaction (replay and live writes share this). */
export function applyRecord(db: MemoryDb, record: JournalRecord): void {
	db.exec('BEGIN');
	try {
		for (const op of record.ops) {
			if (op.t === 'put') {
				db.put(op.e);
			} else {
				db.delete(op.ids);
			}
		}
		db.setJournalSeq(record.seq);
		db.exec('COMMIT');
	} catch (error) {
		db.exec('ROLLBACK');
		throw error;
	}
}

function moveAside(file: string, tag: string): string {
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	const backup = `${file}.${tag}-${stamp}-${randomBytes(3).toString('hex')}.bak`;
	renameSync(file, backup);
	return backup;
}

/**
 * Opens the memory database at `file` (null: in memory only) the caller already holds the lock for: loads and
 * migrates it, then replays journal records newer than the database. An unreadable file is moved aside and a new
 * database started when `recoverCorrupt` (else `MemoryError('io')`); a database from a newer Baton is never touched
 * (`MemoryError('busy')`). A recovered database is written back at once so the file is healthy again.
 */
export async function openDatabase(file: string | null, wasmDir: string, recoverCorrupt: boolean): Promise<OpenedDatabase> {
	const SQL = await loadSqlJs(wasmDir);
	if (file === null) {
		return { db: MemoryDb.open(SQL, null), journal: null, opened: { kind: 'memoryOnly', reason: 'no workspace folder is open', replayedWrites: 0, journalBackupPath: null }, seq: 0, dirty: false };
	}
	mkdirSync(path.dirname(file), { recursive: true });
	let db: MemoryDb;
	let backupPath: string | null = null;
	let reason = '';
	const exists = existsSync(file);
	if (exists) {
		const bytes = readFileSync(file);
		try {
			if (bytes.length === 0) {
				throw new MemoryDbOpenError('corrupt', 'the file is empty');
			}
			db = MemoryDb.open(SQL, bytes);
		} catch (error) {
			if (!(error instanceof MemoryDbOpenError)) {
				throw error;
			}
			if (error.reason === 'newer') {
				throw new MemoryError('busy', `${file}: ${error.message}`);
			}
			if (!recoverCorrupt) {
				throw new MemoryError('io', `${file} is not a readable memory database (${error.message})`);
			}
			reason = error.message;
			backupPath = moveAside(file, 'corrupt');
			db = MemoryDb.open(SQL, null);
		}
	} else {
		db = MemoryDb.open(SQL, null);
	}
	let journal: JournalFile;
	let records: readonly JournalRecord[];
	let journalBackupPath: string | null;
	try {
		const j = JournalFile.open(journalPathFor(file));
		journal = j.journal;
		records = j.scan.records;
		journalBackupPath = j.scan.backupPath;
	} catch (error) {
		db.close();
		throw new MemoryError('io', `cannot open the journal of ${file}: ${error instanceof Error ? error.message : String(error)}`);
	}
	const dbSeq = db.journalSeq();
	let replayed = 0;
	let seq = dbSeq;
	for (const record of records) {
		seq = Math.max(seq, record.seq);
		if (record.seq > dbSeq) {
			applyRecord(db, record);
			replayed++;
		}
	}
	const common = { replayedWrites: replayed, journalBackupPath };
	const opened: MemoryOpenResult = backupPath !== null ? { kind: 'recovered', backupPath, reason, ...common } : { kind: exists ? 'loaded' : 'fresh', ...common };
	if (backupPath !== null || !exists) {
		await writeFileAtomic(file, db.export());
		journal.compact(journal.size);
	}
	return { db, journal, opened, seq, dirty: replayed > 0 && exists && backupPath === null };
}
