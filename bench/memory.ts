// bench/memory: Baton's project memory at 1k / 10k / 50k entries.
//   node -r tsx/cjs bench/memory.ts [--sizes 1000,10000,50000] [--queries 300]
// Each size runs in a fresh child process (clean peak RSS) against a real file through the real worker (bundled
// with esbuild, as shipped). Columns: bulk import rate (importJsonl of N lines, journaled + fsync'd), single add
// latency p50 (one fsync'd write), search p50/p95 (round trip from the main thread, 1–2 word queries drawn from word
// ranks 50–3,000 of a Zipf corpus over 20,000 words — the top 50 play the role of stopwords), the worst case (the most
// frequent word, in nearly every entry), recall p95 (10-word task + a file, 1,500-token budget), the longest main-thread stall while the worker saves (setInterval(1 ms) lag
// monitor, max lateness over 5 saves, measured in a fresh process so the bench's own garbage is not collected during
// it) next to the same monitor's idle baseline, the save itself (export + atomic write, on the worker), what the
// export alone would stall the UI thread for if it ran there, open time of the existing file (worker start + wasm +
// load + checks + journal), file size, and peak RSS of the process doing the bulk import and of a process that
// only opens the file and saves (steady state; main thread + worker).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { MemoryDb } from '../src/infra/memory/memoryDb';
import { MemoryStore } from '../src/infra/memory/memoryStore';
import { loadSqlJs } from '../src/infra/sqljs/sqlJsLoader';
import { percentile, printTable } from './benchSupport';

const root = join(__dirname, '..');
const wasmDir = join(root, 'node_modules', 'sql.js', 'dist');
const args = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const queries = Number(arg('queries', '300')) || 300;

/** Deterministic pseudo-random numbers (LCG) so every run benchmarks the same data. */
function rng(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

const syllables = ['ka', 'lo', 'mi', 'ren', 'to', 'sa', 'vin', 'dor', 'pe', 'lu', 'gra', 'th', 'ex', 'qua', 'zo', 'nix'];
/** A 20,000-word vocabulary, used with a Zipf frequency (word i drawn with weight 1/(i+1)). */
function vocabulary(random: () => number): string[] {
	const words = new Set<string>();
	while (words.size < 20_000) {
		const n = 2 + Math.floor(random() * 4);
		let w = '';
		for (let i = 0; i < n; i++) {
			w += syllables[Math.floor(random() * syllables.length)];
		}
		words.add(w);
	}
	return [...words];
}

function zipf(random: () => number, n: number): number {
	return Math.min(n - 1, Math.floor(Math.exp(random() * Math.log(n + 1)) - 1));
}

function makeJsonl(count: number): { jsonl: string; words: string[] } {
	const random = rng(42);
	const words = vocabulary(random);
	const kinds = ['finding', 'decision', 'checkpoint', 'handoff', 'critique', 'note', 'summary'];
	const sentence = (len: number): string => Array.from({ length: len }, () => words[zipf(random, words.length)]).join(' ');
	const lines: string[] = [];
	for (let i = 0; i < count; i++) {
		const files = Array.from({ length: Math.floor(random() * 3) }, () => `src/mod${Math.floor(random() * 60)}/file${Math.floor(random() * 12)}.ts`);
		lines.push(
			JSON.stringify({
				kind: kinds[i % kinds.length],
				title: sentence(4 + Math.floor(random() * 6)),
				body: sentence(30 + Math.floor(random() * 90)),
				files,
				tags: [words[zipf(random, 50)]],
				createdAt: Date.now() - Math.floor(random() * 90 * 86_400_000),
			}),
		);
	}
	return { jsonl: `${lines.join('\n')}\n`, words };
}

/** Longest lateness (ms) of a 1 ms interval timer while `work` runs. */
async function maxLag(work: () => Promise<void>): Promise<number> {
	let last = performance.now();
	let worst = 0;
	const timer = setInterval(() => {
		const now = performance.now();
		worst = Math.max(worst, now - last - 1);
		last = now;
	}, 1);
	try {
		await work();
	} finally {
		clearInterval(timer);
	}
	return Math.max(0, worst);
}

type Options = Parameters<typeof MemoryStore.open>[0];

/** Phase 1: import, adds, searches, recalls, save, reopen: [import/s, add p50, search p50, p95, worst, recall p95, save, open]. */
async function buildPhase(size: number, options: Options): Promise<number[]> {
	const { jsonl, words } = makeJsonl(size);
	let store = await MemoryStore.open(options);
	let t0 = performance.now();
	const report = await store.importJsonl(jsonl);
	const importMs = performance.now() - t0;
	if (report.imported !== size) {
		throw new Error(`imported ${report.imported} of ${size}: ${JSON.stringify(report.errors.slice(0, 3))}`);
	}
	await store.flush();
	const adds: number[] = [];
	for (let i = 0; i < 50; i++) {
		t0 = performance.now();
		await store.add({ kind: 'note', title: `bench add ${i}`, body: 'one fsync per acknowledged write' });
		adds.push(performance.now() - t0);
	}
	const random = rng(7);
	const pick = (): string => words[50 + Math.floor(Math.exp(random() * Math.log(2951)) - 1)] as string;
	const times: number[] = [];
	for (let i = 0; i < queries; i++) {
		const q = random() < 0.6 ? pick() : `${pick()} ${pick()}`;
		t0 = performance.now();
		await store.search(q, 20);
		times.push(performance.now() - t0);
	}
	const recalls: number[] = [];
	for (let i = 0; i < 50; i++) {
		const task = `Fix ${Array.from({ length: 10 }, () => words[Math.floor(Math.exp(random() * Math.log(3001)) - 1)]).join(' ')}`;
		t0 = performance.now();
		const r = await store.recall(task, { files: [`src/mod${i % 60}/file${i % 12}.ts`] });
		recalls.push(performance.now() - t0);
		if (r.tokens > 1500) {
			throw new Error(`recall over budget: ${r.tokens}`);
		}
	}
	const worst: number[] = [];
	for (let i = 0; i < 20; i++) {
		t0 = performance.now();
		await store.search(words[0] as string, 20);
		worst.push(performance.now() - t0);
	}
	await store.add({ kind: 'note', title: 'save probe', body: 'forces a save' });
	t0 = performance.now();
	await store.flush();
	const saveMs = performance.now() - t0;
	await store.close();
	t0 = performance.now();
	store = await MemoryStore.open(options);
	const openMs = performance.now() - t0;
	if (store.opened.kind !== 'loaded' || (await store.count()) !== size + 51) {
		throw new Error(`reopen: ${JSON.stringify(store.opened)}`);
	}
	await store.close();
	return [size / (importMs / 1000), percentile(adds, 50), percentile(times, 50), percentile(times, 95), percentile(worst, 50), percentile(recalls, 95), saveMs, openMs];
}

/** Phase 2 (fresh process): idle lag baseline, lag during 5 saves, and the export alone on this thread. */
async function stallPhase(options: Options): Promise<number[]> {
	const store = await MemoryStore.open(options);
	const idle = await maxLag(() => new Promise((r) => setTimeout(r, 1000)));
	const stall = await maxLag(async () => {
		for (let i = 0; i < 5; i++) {
			await store.add({ kind: 'note', title: `stall probe ${i}`, body: 'forces a save' });
			await store.flush();
		}
	});
	await store.close();
	const SQL = await loadSqlJs(wasmDir);
	const db = MemoryDb.open(SQL, readFileSync(options.file as string));
	const t0 = performance.now();
	db.export();
	const mainExportMs = performance.now() - t0;
	db.close();
	return [idle, stall, mainExportMs];
}

async function child(phase: string, size: number, file: string, workerScript: string): Promise<void> {
	const options: Options = { file, wasmDir, workerScript, maxEntries: Math.max(20_000, size + 100), saveDelayMs: 60_000, maxSaveDelayMs: 60_000 };
	const row = phase === 'build' ? await buildPhase(size, options) : await stallPhase(options);
	console.log(JSON.stringify([...row, process.resourceUsage().maxRSS / 1024]));
}

function runChild(phase: string, size: number, file: string, workerScript: string): number[] {
	const r = spawnSync(process.execPath, ['-r', 'tsx/cjs', __filename, '--child', phase, String(size), file, workerScript, '--queries', String(queries)], {
		cwd: root,
		encoding: 'utf8',
		maxBuffer: 64 * 2 ** 20,
	});
	const line = r.stdout.trim().split('\n').pop() ?? '';
	if (r.status !== 0 || !line.startsWith('[')) {
		throw new Error(`${phase} ${size} failed (${r.status}): ${r.stderr}`);
	}
	return JSON.parse(line) as number[];
}

async function main(): Promise<void> {
	const childIndex = args.indexOf('--child');
	if (childIndex >= 0) {
		const [phase, size, file, worker] = args.slice(childIndex + 1);
		await child(phase ?? '', Number(size), file ?? '', worker ?? '');
		return;
	}
	const sizes = arg('sizes', '1000,10000,50000').split(',').map(Number);
	const out = mkdtempSync(join(tmpdir(), 'baton-bench-memory-'));
	const workerScript = join(out, 'memoryWorker.js');
	await esbuild.build({ entryPoints: [join(root, 'src/infra/memory/memoryWorker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: workerScript, logLevel: 'warning' });
	const rows: Array<Array<string | number>> = [];
	for (const size of sizes) {
		const file = join(out, `memory-${size}.sqlite`);
		const [importRate, addP50, p50, p95, worst, recallP95, saveMs, openMs, rss1] = runChild('build', size, file, workerScript) as [number, number, number, number, number, number, number, number, number];
		const [idle, stall, mainExportMs, rss2] = runChild('stall', size, file, workerScript) as [number, number, number, number];
		rows.push([size, Math.round(importRate), addP50, p50, p95, worst, recallP95, stall, idle, saveMs, mainExportMs, openMs, statSync(file).size / 2 ** 20, rss1, rss2]);
	}
	rmSync(out, { recursive: true, force: true });
	printTable(
		`Baton memory, times in ms (${queries} searches per size; goals at 50k: search p95 ≤ 10, UI stall ≤ 10, open ≤ 400)`,
		['entries', 'import/s', 'add p50', 'search p50', 'search p95', 'worst term', 'recall p95', 'UI stall in saves', 'idle lag', 'save (worker)', 'export if on UI', 'open', 'file MiB', 'RSS import MiB', 'RSS steady MiB'],
		rows,
	);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
