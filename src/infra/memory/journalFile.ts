import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { decodeJournalLine, encodeJournalRecord, type JournalRecord } from '../../core/memory/journalCodec';

/** What reading a journal found: valid records in file order, and damage (bytes of a torn tail, unreadable lines). */
export interface JournalScan {
	readonly records: readonly JournalRecord[];
	readonly tornTailBytes: number;
	readonly badLines: number;
	/** Copy of the journal as found, kept when unreadable lines were skipped (null otherwise). */
	readonly backupPath: string | null;
}

function fsyncDir(dir: string): void {
	if (process.platform === 'win32') {
		return;
	}
	const fd = openSync(dir, 'r');
	try {
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}

function readAll(fd: number): Buffer {
	const size = fstatSync(fd).size;
	const buffer = Buffer.alloc(size);
	let read = 0;
	while (read < size) {
		const n = readSync(fd, buffer, read, size - read, read);
		if (n === 0) {
			break;
		}
		read += n;
	}
	return buffer.subarray(0, read);
}

/**
 * The write-ahead journal beside a database file: one CRC-checked JSON line per committed batch, appended and
 * fsync'd before the batch is acknowledged. Synchronous on purpose — it runs on the memory worker thread (or in the
 * CLI), never on the UI thread.
 */
export class JournalFile {
	private constructor(
		readonly file: string,
		private fd: number,
		private bytes: number,
	) {}

	/**
	 * Opens (creating) the journal at `file` and scans it. A torn last line (a write cut by a crash, never
	 * acknowledged) is truncated away; complete but unreadable lines are skipped and the journal as found is copied
	 * to `backupPath` first, so nothing is dropped silently.
	 */
	static open(file: string): { journal: JournalFile; scan: JournalScan } {
		const fd = openSync(file, existsSync(file) ? 'r+' : 'w+', 0o600);
		const data = readAll(fd);
		const records: JournalRecord[] = [];
		let badLines = 0;
		let start = 0;
		for (let nl = data.indexOf(0x0a, start); nl !== -1; nl = data.indexOf(0x0a, start)) {
			const record = decodeJournalLine(data.toString('utf8', start, nl));
			if (record) {
				records.push(record);
			} else {
				badLines++;
			}
			start = nl + 1;
		}
		// Bytes after the last newline are a write cut short by a crash: never acknowledged, safe to drop.
		const tornTailBytes = data.length - start;
		let backupPath: string | null = null;
		if (badLines > 0) {
			backupPath = `${file}.damaged-${Date.now()}-${randomBytes(3).toString('hex')}.bak`;
			copyFileSync(file, backupPath);
		}
		const keep = start;
		if (tornTailBytes > 0) {
			ftruncateSync(fd, keep);
			fsyncSync(fd);
		}
		return { journal: new JournalFile(file, fd, keep), scan: { records, tornTailBytes, badLines, backupPath } };
	}

	/** Current length in bytes (the offset the next record will start at). */
	get size(): number {
		return this.bytes;
	}

	/**
	 * Appends `records` (encoded one at a time, so a big batch never exists as one huge string) and fsyncs once;
	 * returns once they are durable. Throws on I/O failure, truncating what was written (nothing acknowledged).
	 */
	append(records: readonly JournalRecord[]): void {
		let written = 0;
		try {
			for (const record of records) {
				const data = Buffer.from(encodeJournalRecord(record), 'utf8');
				for (let done = 0; done < data.length; ) {
					done += writeSync(this.fd, data, done, data.length - done, this.bytes + written + done);
				}
				written += data.length;
			}
			fsyncSync(this.fd);
		} catch (error) {
			try {
				ftruncateSync(this.fd, this.bytes);
			} catch {
				// the tail is torn; the CRC check drops it on the next open
			}
			throw error;
		}
		this.bytes += written;
	}

	/**
	 * Drops the first `offset` bytes (records folded into a saved database). With nothing after `offset` the file is
	 * truncated in place; otherwise the remainder is written to a temp file, fsync'd and renamed over the journal.
	 */
	compact(offset: number): void {
		if (offset <= 0) {
			return;
		}
		if (offset >= this.bytes) {
			ftruncateSync(this.fd, 0);
			fsyncSync(this.fd);
			this.bytes = 0;
			return;
		}
		const rest = Buffer.alloc(this.bytes - offset);
		readSync(this.fd, rest, 0, rest.length, offset);
		const temp = path.join(path.dirname(this.file), `.${path.basename(this.file)}.${randomBytes(6).toString('hex')}.tmp`);
		const tfd = openSync(temp, 'w', 0o600);
		try {
			writeSync(tfd, rest);
			fsyncSync(tfd);
		} finally {
			closeSync(tfd);
		}
		renameSync(temp, this.file);
		fsyncDir(path.dirname(this.file));
		closeSync(this.fd);
		this.fd = openSync(this.file, 'r+');
		this.bytes = rest.length;
	}

	/** Closes the file, deleting it when empty (everything is in the database file). */
	close(): void {
		if (this.fd >= 0) {
			closeSync(this.fd);
			this.fd = -1;
			if (this.bytes === 0) {
				try {
					unlinkSync(this.file);
				} catch {
					// already gone
				}
			}
		}
	}
}
