import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** Size at which the hook log is rotated to `hooks.log.1`, bytes. */
export const maxHookLogBytes = 1024 * 1024;

/** `<dataDir>/logs/hooks.log`: warnings of `baton hook` (timeouts, bridge down, rejected paths). */
export function hookLogPath(dataDir: string): string {
	return path.join(dataDir, 'logs', 'hooks.log');
}

/**
 * Appends one line `<ISO time> <level> <message>` to the hook log (synchronously; the hook process exits right
 * after). Rotates once past {@link maxHookLogBytes}. Never throws: logging must not break a hook.
 */
export function appendHookLog(dataDir: string, level: 'info' | 'warn' | 'error', message: string, now: Date = new Date()): void {
	const file = hookLogPath(dataDir);
	try {
		mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
		try {
			if (statSync(file).size > maxHookLogBytes) renameSync(file, `${file}.1`);
		} catch {
			// No log yet.
		}
		appendFileSync(file, `${now.toISOString()} ${level} ${message.replace(/[\r\n]+/g, ' ').slice(0, 2000)}\n`, { mode: 0o600 });
	} catch {
		// Logging is best effort.
	}
}
