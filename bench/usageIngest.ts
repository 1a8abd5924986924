// bench/usageIngest: Baton's usage ingest against ccusage 17.2.1 on the same generated Claude transcripts.
//   node -r tsx/cjs bench/usageIngest.ts [--mb 100] [--runs 3] [--appends 50] [--seed 42]
// 1. Full read, side by side: `ccusage daily --json --offline` and `baton usage --json` (dist/cli.js), each a fresh
//    process on the same ~N MB (wall time p50 over --runs, peak RSS from /usr/bin/time when present), plus Baton's
//    in-process ingest; the per-day totals of both are compared.
// 2. Incremental latency: append one response to a transcript, then Baton's tail of that file + estimate + forecast
//    (the change-notification path), and a full poll of every file; p50/p99/max over --appends appends.
// Needs `node esbuild.mjs` (for dist/cli.js) and npm access once (ccusage goes to the test cache).
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QuotaEngine } from '../src/core/quota/engine';
import { resolveQuotaSettings } from '../src/core/quota/settings';
import { UsageIngest } from '../src/infra/quota/usageIngest';
import { generateTranscripts } from '../test/support/transcriptGenerator';
import { percentile, printTable } from './benchSupport';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => Number(args[args.indexOf(`--${name}`) + 1] ?? fallback) || fallback;
const megabytes = option('mb', 100);
const runs = option('runs', 3);
const appends = option('appends', 50);
const seed = option('seed', 42);
const root = join(__dirname, '..');
const cli = join(root, 'dist', 'cli.js');
const work = join(tmpdir(), `baton-bench-usage-${megabytes}mb-${seed}`);
const claudeDir = join(work, 'claude');
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

interface ProcessRun {
	readonly ms: number;
	readonly rssMb: number | null;
	readonly stdout: string;
}

function data(): { files: number; bytes: number } {
	const marker = join(work, 'done.json');
	if (!existsSync(marker)) {
		rmSync(work, { recursive: true, force: true });
		const t0 = performance.now();
		const g = generateTranscripts(claudeDir, { seed, targetBytes: megabytes * 1_000_000, days: 14, projects: 12, paddingBytes: 2000 });
		writeFileSync(marker, JSON.stringify({ files: g.files.length, bytes: g.bytes }));
		console.log(`generated ${g.files.length} files, ${(g.bytes / 1e6).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${work}`);
	}
	return JSON.parse(readFileSync(marker, 'utf8')) as { files: number; bytes: number };
}

/** Runs node with `argv` in a clean environment; wall time and (when /usr/bin/time exists) peak RSS. */
function runNode(argv: string[]): ProcessRun {
	const env = { PATH: process.env['PATH'] ?? '', HOME: work, CLAUDE_CONFIG_DIR: claudeDir, BATON_HOME: join(work, 'baton'), TZ: 'UTC', NO_COLOR: '1' };
	const rssFile = join(work, 'rss.txt');
	const [command, full] = timeBin ? [timeBin, ['-f', '%M', '-o', rssFile, process.execPath, ...argv]] : [process.execPath, argv];
	const t0 = performance.now();
	const r = spawnSync(command, full, { cwd: work, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
	const ms = performance.now() - t0;
	if (r.status !== 0) {
		throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr.slice(-500)}`);
	}
	const rssKb = timeBin ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : Number.NaN;
	return { ms, rssMb: Number.isFinite(rssKb) ? rssKb / 1024 : null, stdout: r.stdout };
}

function repeat(argv: string[]): { p50: number; min: number; rssMb: number | null; stdout: string } {
	const results = Array.from({ length: runs }, () => runNode(argv));
	const ms = results.map((r) => r.ms);
	const rss = results.map((r) => r.rssMb).filter((v): v is number => v !== null);
	return { p50: percentile(ms, 50), min: Math.min(...ms), rssMb: rss.length > 0 ? Math.max(...rss) : null, stdout: results[0]?.stdout ?? '' };
}

type Day = { date: string; inputTokens: number; outputTokens: number; cacheCreationTokens: number; cacheReadTokens: number };
const days = (rows: Day[]): string => JSON.stringify(rows.map((d) => [d.date, d.inputTokens, d.outputTokens, d.cacheCreationTokens, d.cacheReadTokens]));

function transcriptFiles(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((d) => d.isFile() && d.name.endsWith('.jsonl') && !d.name.startsWith('.') && !d.parentPath.includes('/.'))
		.map((d) => join(d.parentPath, d.name));
}

async function incremental(): Promise<{ rows: (string | number)[][]; fullMs: number; heapMb: number }> {
	const engine = new QuotaEngine(resolveQuotaSettings({ limits: [{ agent: 'claude', window: 'five_hour', model: null, limit: 50_000_000, unit: 'tokens' }] }));
	const ingest = new UsageIngest({ claudeRoots: [claudeDir], codexHome: null, geminiDir: null, statuslineFile: null, timeZone: 'UTC' }, engine);
	const t0 = performance.now();
	await ingest.refresh();
	const fullMs = performance.now() - t0;
	global.gc?.();
	const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
	const files = transcriptFiles(join(claudeDir, 'projects'));
	const tail: number[] = [];
	const poll: number[] = [];
	let now = Date.parse('2026-12-10T12:00:00Z');
	const nonce = Date.now().toString(36);
	for (let i = 0; i < appends; i++) {
		const file = files[(i * 7919) % files.length] as string;
		const before = ingest.daily().reduce((n, d) => n + d.inputTokens, 0);
		now += 30_000;
		const line = JSON.stringify({ type: 'assistant', timestamp: new Date(now).toISOString(), requestId: `req_bench_${nonce}_${i}`, message: { id: `msg_bench_${nonce}_${i}`, model: 'claude-opus-4-8', usage: { input_tokens: 1000, output_tokens: 10, cache_read_input_tokens: 5000 } } });
		appendFileSync(file, `\n${line}\n`);
		const a = performance.now();
		await ingest.refreshPaths([file]);
		ingest.publish(now);
		engine.evaluate(now);
		tail.push(performance.now() - a);
		if (ingest.daily().reduce((n, d) => n + d.inputTokens, 0) !== before + 1000) {
			throw new Error('an appended response was not counted exactly once');
		}
		const b = performance.now();
		await ingest.refresh();
		ingest.publish(now);
		engine.evaluate(now);
		poll.push(performance.now() - b);
	}
	const row = (name: string, v: number[]): (string | number)[] => [name, percentile(v, 50), percentile(v, 99), Math.max(...v)];
	return { rows: [row('append → tail that file + estimate + forecast', tail), row('append → poll all files + estimate + forecast', poll)], fullMs, heapMb };
}

async function main(): Promise<void> {
	if (!existsSync(cli)) {
		throw new Error('dist/cli.js is missing: run node esbuild.mjs first');
	}
	const { files, bytes } = data();
	const installer = spawnSync('bash', [join(root, 'test', 'harness', 'installCcusage.sh')], { encoding: 'utf8' });
	const ccusage = installer.status === 0 ? installer.stdout.trim().split('\n').pop() ?? '' : '';
	const baton = repeat([cli, 'usage', '--json', '--claude-dir', claudeDir, '--codex-home', join(work, 'none'), '--gemini-dir', join(work, 'none')]);
	const batonDays = (JSON.parse(baton.stdout) as { daily: Array<Day & { agent: string }> }).daily.filter((d) => d.agent === 'claude');
	const rows: (string | number)[][] = [];
	let equal = 'ccusage not installed';
	if (ccusage !== '') {
		const cc = repeat([ccusage, 'daily', '--json', '--offline']);
		equal = days((JSON.parse(cc.stdout) as { daily: Day[] }).daily) === days(batonDays) ? 'identical' : 'DIFFERENT';
		rows.push(['ccusage 17.2.1 daily --json --offline', cc.p50, cc.min, cc.rssMb ?? 'n/a', '1.00×']);
		rows.push(['baton usage --json (dist/cli.js)', baton.p50, baton.min, baton.rssMb ?? 'n/a', `${(cc.p50 / baton.p50).toFixed(2)}×`]);
	} else {
		rows.push(['ccusage 17.2.1', 'n/a', 'n/a', 'n/a', `not installed: ${installer.stderr.trim().slice(-120)}`]);
		rows.push(['baton usage --json (dist/cli.js)', baton.p50, baton.min, baton.rssMb ?? 'n/a', '-']);
	}
	const inc = await incremental();
	rows.push(['Baton ingest in-process (no process start)', inc.fullMs, inc.fullMs, `${inc.heapMb.toFixed(0)} heap`, '-']);
	printTable(
		`Full read of ${(bytes / 1e6).toFixed(1)} MB, ${files} transcript files (${runs} runs; ms; peak RSS MB) — per-day totals: ${equal}`,
		['reader', 'wall p50', 'wall min', 'peak MB', 'speed vs ccusage'],
		rows,
	);
	printTable(`Incremental update after appending one response (${appends} appends; ms)`, ['path', 'p50', 'p99', 'max'], inc.rows);
}

void main();
