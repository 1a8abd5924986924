import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import type { MemoryStoreOptions } from '../../../src/infra/memory/memoryStore';

export const root = join(__dirname, '..', '..', '..');
export const wasmDir = join(root, 'node_modules', 'sql.js', 'dist');

/** Store options that run the worker from TypeScript sources through tsx (same process as the test). */
export function sourceStoreOptions(file: string | null, extra: Partial<MemoryStoreOptions> = {}): MemoryStoreOptions {
	return {
		file,
		wasmDir,
		workerScript: join(root, 'src', 'infra', 'memory', 'memoryWorker.ts'),
		workerExecArgv: ['--require', require.resolve('tsx/cjs')],
		saveDelayMs: 20,
		...extra,
	};
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'baton-memory-'): { dir: string; cleanup: () => void } {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

let bundled: Promise<{ worker: string; writer: string }> | null = null;

/**
 * Bundles the memory worker and the test writer process with esbuild (once per test run) so child processes start
 * fast and exercise the worker as it ships (`dist/memoryWorker.js` is built the same way).
 */
export function bundleForTests(): Promise<{ worker: string; writer: string }> {
	bundled ??= (async () => {
		const out = mkdtempSync(join(tmpdir(), 'baton-memory-bundle-'));
		const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' } as const;
		await Promise.all([
			esbuild.build({ ...common, entryPoints: [join(root, 'src/infra/memory/memoryWorker.ts')], outfile: join(out, 'memoryWorker.js') }),
			esbuild.build({ ...common, entryPoints: [join(__dirname, 'writerChild.ts')], outfile: join(out, 'writerChild.js') }),
		]);
		process.once('exit', () => rmSync(out, { recursive: true, force: true }));
		return { worker: join(out, 'memoryWorker.js'), writer: join(out, 'writerChild.js') };
	})();
	return bundled;
}

/** A running writer child (see writerChild.ts) with the lines it printed so far. */
export interface Writer {
	readonly child: ChildProcessWithoutNullStreams;
	readonly acked: string[];
	readonly lines: string[];
	/** Resolves with the first printed line matching `pattern`. */
	waitFor(pattern: RegExp): Promise<string>;
	/** Resolves when the process has exited and its output is drained. */
	readonly exited: Promise<number | null>;
}

/** Starts `writerChild` with `args` (see its header for the modes). */
export async function startWriter(args: readonly string[]): Promise<Writer> {
	const { worker, writer } = await bundleForTests();
	const child = spawn(process.execPath, [writer, worker, wasmDir, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
	const acked: string[] = [];
	const lines: string[] = [];
	const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
	let buffer = '';
	let stderr = '';
	child.stdout.setEncoding('utf8');
	child.stderr.setEncoding('utf8');
	child.stderr.on('data', (chunk: string) => (stderr += chunk));
	child.stdout.on('data', (chunk: string) => {
		buffer += chunk;
		for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
			const line = buffer.slice(0, nl);
			buffer = buffer.slice(nl + 1);
			lines.push(line);
			if (line.startsWith('ack ')) {
				acked.push(line.slice(4));
			}
			for (const w of [...waiters]) {
				if (w.pattern.test(line)) {
					waiters.splice(waiters.indexOf(w), 1);
					w.resolve(line);
				}
			}
		}
	});
	const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
	return {
		child,
		acked,
		lines,
		exited,
		waitFor: (pattern) =>
			new Promise((resolve, reject) => {
				const hit = lines.find((l) => pattern.test(l));
				if (hit !== undefined) {
					resolve(hit);
					return;
				}
				waiters.push({ pattern, resolve });
				void exited.then(() => reject(new Error(`writer exited before printing ${pattern}; stderr: ${stderr}; lines: ${lines.slice(-5).join(' | ')}`)));
			}),
	};
}
