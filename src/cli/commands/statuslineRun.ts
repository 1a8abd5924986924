import { spawn } from 'node:child_process';
import { asRecord, asString } from '../../core/common/json';
import type { StatuslineSnapshot } from '../../core/quota/claudeLimits';
import { claudeWindowOf } from '../../core/quota/claudeLimits';
import { windowDisplayName } from '../../core/quota/types';
import { formatDuration } from '../../core/quota/views';

/** Most of stdin kept, bytes: the statusLine JSON is a few KiB. */
const maxInput = 1024 * 1024;

/** Reads stdin to the end (at most 1 MiB, at most `timeoutMs`); '' for a terminal. */
export function readStdin(timeoutMs = 3000): Promise<Buffer> {
	if (process.stdin.isTTY) {
		return Promise.resolve(Buffer.alloc(0));
	}
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const done = (): void => {
			clearTimeout(timer);
			process.stdin.removeAllListeners('data');
			process.stdin.pause();
			resolve(Buffer.concat(chunks));
		};
		const timer = setTimeout(done, timeoutMs);
		process.stdin.on('data', (chunk: Buffer) => {
			if (size < maxInput) {
				chunks.push(chunk);
				size += chunk.length;
			}
		});
		process.stdin.once('end', done);
		process.stdin.once('error', done);
	});
}

/** Output of the chained command. */
export interface ChainedResult {
	readonly stdout: string;
	readonly stderr: string;
	readonly code: number;
}

/**
 * Runs the user's own statusLine command through the shell (as Claude Code does) with the same stdin, and returns
 * what it printed. Killed after `timeoutMs`; a failure to start yields code 127 and an empty line.
 */
export function runChained(command: string, input: Buffer, env: NodeJS.ProcessEnv, timeoutMs = 5000): Promise<ChainedResult> {
	return new Promise((resolve) => {
		let child;
		try {
			child = spawn(command, { shell: true, env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
		} catch (error) {
			resolve({ stdout: '', stderr: String(error), code: 127 });
			return;
		}
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.stdout.on('data', (c: Buffer) => out.push(c));
		child.stderr.on('data', (c: Buffer) => err.push(c));
		child.stdin.on('error', () => undefined);
		child.stdin.end(input);
		child.on('error', (error) => {
			clearTimeout(timer);
			resolve({ stdout: '', stderr: String(error), code: 127 });
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code: code ?? 1 });
		});
	});
}

/**
 * Baton's own status line when the user had none: the model and each captured limit, e.g.
 * `Opus 4.8 · 5-hour 42% (resets in 2h 10m) · weekly 13%`.
 */
export function defaultStatusLine(input: unknown, snapshot: StatuslineSnapshot | null, now: number): string {
	const model = asString(asRecord(asRecord(input)?.['model'])?.['display_name']);
	const parts = model ? [model] : [];
	for (const [name, b] of Object.entries(snapshot?.rl ?? {})) {
		const ref = claudeWindowOf(name);
		if (!ref) {
			continue;
		}
		const reset = b.r !== null && b.r * 1000 > now ? ` (resets in ${formatDuration(b.r * 1000 - now)})` : '';
		parts.push(`${windowDisplayName(ref)} ${Math.round(b.p)}%${ref.window === 'five_hour' ? reset : ''}`);
	}
	return parts.length > 0 ? parts.join(' · ') : 'Baton';
}
