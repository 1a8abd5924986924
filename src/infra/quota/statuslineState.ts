import { appendFile, mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseSnapshotLine, type StatuslineSnapshot } from '../../core/quota/claudeLimits';

/** Tuning of the capture file. */
export interface SnapshotFileOptions {
	/** Rotate (keep the newest `keepLines`) once the file is bigger than this. Default 512 KiB. */
	readonly maxBytes?: number;
	readonly keepLines?: number;
	/** An unchanged snapshot is written again only after this long, ms. Default 60 s. */
	readonly repeatAfterMs?: number;
}

/** Baton's statusLine capture file in its per-user data folder. */
export function statuslineStateFile(dataDir: string): string {
	return path.join(dataDir, 'quota', 'claude-statusline.jsonl');
}

async function lastLine(file: string): Promise<string | null> {
	let handle;
	try {
		handle = await open(file, 'r');
	} catch {
		return null;
	}
	try {
		const { size } = await handle.stat();
		const length = Math.min(size, 4096);
		const buffer = Buffer.alloc(length);
		await handle.read(buffer, 0, length, size - length);
		const lines = buffer.toString('utf8').split('\n').filter((l) => l.trim() !== '');
		return lines[lines.length - 1] ?? null;
	} finally {
		await handle.close();
	}
}

function sameLimits(a: StatuslineSnapshot, b: StatuslineSnapshot): boolean {
	return JSON.stringify(a.rl) === JSON.stringify(b.rl);
}

/**
 * Appends `snapshot` as one line (a single `O_APPEND` write, so concurrent Claude sessions do not interleave) unless
 * it repeats the last line within `repeatAfterMs`. Rotates by rewriting the newest lines to a new file and renaming
 * it over the old one (readers see a new inode and start over). Returns whether a line was written.
 */
export async function appendSnapshot(file: string, snapshot: StatuslineSnapshot, options: SnapshotFileOptions = {}): Promise<boolean> {
	const previousLine = await lastLine(file);
	const previous = previousLine === null ? null : parseSnapshotLine(previousLine);
	if (previous && sameLimits(previous, snapshot) && snapshot.t - previous.t < (options.repeatAfterMs ?? 60_000) && snapshot.t >= previous.t) {
		return false;
	}
	await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
	await appendFile(file, `${JSON.stringify(snapshot)}\n`, { mode: 0o600 });
	const size = (await stat(file)).size;
	if (size > (options.maxBytes ?? 512 * 1024)) {
		await rotate(file, options.keepLines ?? 1000);
	}
	return true;
}

async function rotate(file: string, keepLines: number): Promise<void> {
	const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim() !== '');
	const temp = `${file}.${process.pid}.tmp`;
	try {
		await writeFile(temp, `${lines.slice(-keepLines).join('\n')}\n`, { mode: 0o600 });
		await rename(temp, file);
	} catch (error) {
		await unlink(temp).catch(() => undefined);
		throw error;
	}
}

/** Every snapshot in the capture file, oldest first (for one-shot readers such as `baton usage`). */
export async function readSnapshots(file: string): Promise<StatuslineSnapshot[]> {
	const text = await readFile(file, 'utf8').catch(() => '');
	return text.split('\n').flatMap((line) => {
		const s = parseSnapshotLine(line);
		return s ? [s] : [];
	});
}
