import { closeSync, fdatasyncSync, fstatSync, openSync, statSync, writeSync } from 'node:fs';
import { readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import { parseJsonRecord, type JsonRecord } from '../../core/common/json';

/** Spool size beyond which appends are refused (and logged by the caller), bytes. */
export const maxSpoolBytes = 64 * 1024 * 1024;
/** Leftover `.ingest-*` files older than this are taken over from a crashed ingest, ms. */
const leftoverAgeMs = 60_000;

/**
 * Appends one JSON line to the spool and fsyncs it (fdatasync) (synchronous: the hook process is about to exit). If an ingest
 * renamed the file away while we wrote (the inode at `file` is no longer ours), the line is written again to the new
 * file, so it is never lost; the reader drops the duplicate by its id. Returns false when the spool is full.
 */
export function appendToSpool(file: string, record: JsonRecord): boolean {
	const line = `${JSON.stringify(record)}\n`;
	for (let attempt = 0; attempt < 5; attempt++) {
		const fd = openSync(file, 'a', 0o600);
		let ino: number;
		try {
			const before = fstatSync(fd);
			if (before.size > maxSpoolBytes) {
				return false;
			}
			writeSync(fd, line);
			fdatasyncSync(fd);
			ino = before.ino;
		} finally {
			closeSync(fd);
		}
		try {
			if (statSync(file).ino === ino) {
				return true;
			}
		} catch {
			// Renamed away and not yet re-created: write again.
		}
	}
	return true;
}

/** Parses spool text into records, skipping blank, torn or foreign lines. */
export function parseSpool(text: string): JsonRecord[] {
	return text.split('\n').flatMap((line) => {
		const record = parseJsonRecord(line);
		return record ? [record] : [];
	});
}

/**
 * Hands every spooled record to `consume` and empties the spool without losing concurrent appends: the spool is
 * renamed to `<file>.ingest-<random>` (atomic), read, consumed, then deleted; writers that still held the old file
 * notice and append again (see {@link appendToSpool}). Leftovers of a crashed ingest are taken first. Resolves to the
 * number of records consumed. If `consume` throws, the renamed file is kept and retried at the next ingest.
 */
export async function ingestSpool(file: string, consume: (records: readonly JsonRecord[]) => Promise<void>, now: () => number = Date.now): Promise<number> {
	const dir = path.dirname(file);
	const base = path.basename(file);
	const pending: string[] = [];
	try {
		for (const name of await readdir(dir)) {
			if (name.startsWith(`${base}.ingest-`)) {
				const full = path.join(dir, name);
				const st = await stat(full).catch(() => undefined);
				if (st && now() - st.mtimeMs > leftoverAgeMs) pending.push(full);
			}
		}
	} catch {
		return 0;
	}
	const mine = `${file}.ingest-${process.pid}-${now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
	try {
		await rename(file, mine);
		pending.push(mine);
	} catch {
		// No spool (ENOENT) or it vanished: only leftovers.
	}
	let count = 0;
	for (const taken of pending) {
		const records = parseSpool(await readFile(taken, 'utf8').catch(() => ''));
		if (records.length > 0) {
			await consume(records);
		}
		count += records.length;
		await unlink(taken).catch(() => undefined);
	}
	return count;
}

/** Size of the spool in bytes (0 when absent); the server polls it to pick up late appends. */
export async function spoolSize(file: string): Promise<number> {
	try {
		return (await stat(file)).size;
	} catch {
		return 0;
	}
}
