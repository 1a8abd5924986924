import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';

/** Content of a lock file: who owns the database and where it takes forwarded requests (null: it does not). */
export interface LockInfo {
	readonly pid: number;
	readonly host: string;
	readonly nonce: string;
	readonly endpoint: string | null;
	readonly since: number;
}

/** An unparsable lock younger than this (ms) is assumed to be mid-creation rather than abandoned. */
const unreadableGraceMs = 10_000;

/** The lock file guarding database `file`. */
export function lockPathFor(file: string): string {
	return `${file}.lock`;
}

/** True when process `pid` exists on this machine (EPERM counts as alive: it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
	if (!Number.isSafeInteger(pid) || pid <= 0) {
		return false;
	}
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Reads and parses a lock file; null when it is missing or not a lock. */
export function readLock(lockPath: string): LockInfo | null {
	let text: string;
	try {
		text = readFileSync(lockPath, 'utf8');
	} catch {
		return null;
	}
	try {
		const v = JSON.parse(text) as Partial<LockInfo>;
		if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.nonce === 'string') {
			return { pid: v.pid, host: v.host, nonce: v.nonce, endpoint: typeof v.endpoint === 'string' ? v.endpoint : null, since: Number(v.since) || 0 };
		}
	} catch {
		// fall through: unparsable
	}
	return null;
}

/** True when the lock belongs to a process that is gone (same host only; another host's lock is always respected). */
function isStale(lockPath: string, info: LockInfo | null): boolean {
	if (info === null) {
		try {
			return Date.now() - statSync(lockPath).mtimeMs > unreadableGraceMs;
		} catch {
			return false;
		}
	}
	return info.host === hostname() && !isProcessAlive(info.pid);
}

/** Writes `content` to `lockPath` only if no lock exists, atomically (hard link of a complete temp file). */
function createExclusive(lockPath: string, content: string): boolean {
	const temp = path.join(path.dirname(lockPath), `.${path.basename(lockPath)}.${randomBytes(6).toString('hex')}.tmp`);
	writeFileSync(temp, content, { mode: 0o600 });
	try {
		linkSync(temp, lockPath);
		return true;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EEXIST') {
			return false;
		}
		// File systems without hard links: fall back to an exclusive create (a reader may briefly see it empty).
		try {
			const fd = openSync(lockPath, 'wx', 0o600);
			try {
				writeSync(fd, content);
				fsyncSync(fd);
			} finally {
				closeSync(fd);
			}
			return true;
		} catch (inner) {
			if ((inner as NodeJS.ErrnoException).code === 'EEXIST') {
				return false;
			}
			throw inner;
		}
	} finally {
		try {
			unlinkSync(temp);
		} catch {
			// already gone
		}
	}
}

/**
 * Removes a stale lock without racing another breaker: renames it aside (atomic), and if what was moved is not the
 * stale lock that was judged (someone created a fresh one meanwhile) links it back.
 */
function breakStale(lockPath: string, judged: LockInfo | null): void {
	const aside = `${lockPath}.stale-${randomBytes(6).toString('hex')}`;
	try {
		renameSync(lockPath, aside);
	} catch {
		return;
	}
	const moved = readLock(aside);
	const same = judged === null ? moved === null : moved !== null && moved.nonce === judged.nonce;
	if (!same) {
		try {
			linkSync(aside, lockPath);
		} catch {
			// a newer lock exists; the moved one's owner will notice on its next check
		}
	}
	try {
		unlinkSync(aside);
	} catch {
		// ignore
	}
}

/** A lock this process holds. */
export class HeldLock {
	constructor(
		readonly lockPath: string,
		readonly info: LockInfo,
	) {}

	/** True while the lock file still carries this holder's nonce. */
	stillHeld(): boolean {
		return readLock(this.lockPath)?.nonce === this.info.nonce;
	}

	/** Deletes the lock file if it is still this holder's. Idempotent. */
	release(): void {
		if (this.stillHeld()) {
			try {
				unlinkSync(this.lockPath);
			} catch {
				// already gone
			}
		}
	}
}

/** Outcome of `tryAcquireLock`: the lock, or who holds it (null while the holder is still writing the file). */
export type LockAttempt = { readonly acquired: true; readonly lock: HeldLock } | { readonly acquired: false; readonly holder: LockInfo | null };

/**
 * Tries once (plus stale-lock breaking) to take the lock on database `file` for this process, advertising
 * `endpoint` for forwarded requests. A lock whose pid is dead on this host is broken; any other lock is respected.
 */
export function tryAcquireLock(file: string, endpoint: string | null): LockAttempt {
	const lockPath = lockPathFor(file);
	const info: LockInfo = { pid: process.pid, host: hostname(), nonce: randomBytes(12).toString('hex'), endpoint, since: Date.now() };
	for (let attempt = 0; attempt < 4; attempt++) {
		if (createExclusive(lockPath, JSON.stringify(info))) {
			return { acquired: true, lock: new HeldLock(lockPath, info) };
		}
		const holder = readLock(lockPath);
		if (!isStale(lockPath, holder)) {
			return { acquired: false, holder };
		}
		breakStale(lockPath, holder);
	}
	return { acquired: false, holder: readLock(lockPath) };
}
