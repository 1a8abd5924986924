// bench/agentEvents: how fast Baton turns CLI output into events, and what it adds to a headless run.
//   node -r tsx/cjs bench/agentEvents.ts [--mb 50] [--runs 30]
// 1. Parser throughput: each CLI's real sample stream, repeated with fresh ids up to --mb megabytes, parsed line by line.
// 2. Run overhead: the same replay through the scripted CLI double, spawned directly (baseline) and through Baton's
//    headless runner; overhead = runner wall time − direct wall time, and Baton's self-measured parse/dispatch time.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StreamParser } from '../src/core/agents/events';
import { createClaudeStreamParser } from '../src/core/agents/parsers/claudeStream';
import { createCodexStreamParser } from '../src/core/agents/parsers/codexStream';
import { createGeminiStreamParser } from '../src/core/agents/parsers/geminiStream';
import { findAgentDescriptor } from '../src/core/agents/descriptors';
import { startHeadlessRun } from '../src/infra/agents/headlessRunner';
import { sampleLines, samplesDir } from '../test/support/samples';
import { percentile, printTable } from './benchSupport';

const args = process.argv.slice(2);
const megabytes = Number(args[args.indexOf('--mb') + 1] ?? 50) || 50;
const runs = Number(args[args.indexOf('--runs') + 1] ?? 30) || 30;

function bigLog(sample: string, targetBytes: number): string[] {
	const lines = sampleLines(sample);
	const out: string[] = [];
	let bytes = 0;
	for (let i = 0; bytes < targetBytes; i++) {
		for (const line of lines) {
			const fresh = line.replace(/"(session_id|thread_id|id|uuid)":"([^"]*)"/g, (_m, k: string, v: string) => `"${k}":"${v}-${i}"`);
			out.push(fresh);
			bytes += fresh.length + 1;
		}
	}
	return out;
}

function parseThroughput(name: string, sample: string, create: () => StreamParser): (string | number)[] {
	const lines = bigLog(sample, megabytes * 1024 * 1024);
	const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
	const parser = create();
	let events = 0;
	const t0 = performance.now();
	for (const line of lines) {
		events += parser.push(line).length;
	}
	const seconds = (performance.now() - t0) / 1000;
	return [name, (bytes / 2 ** 20).toFixed(1), lines.length, events, seconds * 1000, bytes / 2 ** 20 / seconds];
}

function direct(executable: string, agent: string, argv: readonly string[], env: NodeJS.ProcessEnv, stdin: string | null): Promise<number> {
	const t0 = performance.now();
	return new Promise((resolve) => {
		const child = spawn(executable, [...argv], { env, stdio: [stdin === null ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
		child.stdout?.on('data', () => undefined);
		child.stderr?.on('data', () => undefined);
		child.stdin?.end(stdin ?? undefined);
		child.on('close', () => resolve(performance.now() - t0));
	});
}

async function runOverhead(agent: string, sample: string): Promise<(string | number)[]> {
	const descriptor = findAgentDescriptor(agent);
	if (!descriptor) {
		throw new Error(agent);
	}
	const executable = join(__dirname, '..', 'test', 'doubles', 'bin', agent);
	const cwd = mkdtempSync(join(tmpdir(), 'baton-bench-'));
	const env = { ...process.env, BATON_DOUBLE_REPLAY: join(samplesDir, sample), BATON_DOUBLE_DELAY_MS: '0' };
	const request = { prompt: 'bench', cwd, permission: 'edit' as const };
	const invocation = descriptor.headless.buildInvocation(request);
	const directMs: number[] = [];
	const batonWall: number[] = [];
	const batonSelf: number[] = [];
	for (let i = 0; i < runs; i++) {
		directMs.push(await direct(executable, agent, invocation.args, env, invocation.stdin));
		const t0 = performance.now();
		const outcome = await startHeadlessRun({ agentId: agent, executable, dialect: descriptor.headless, request, env, timeZone: 'UTC' }).done;
		batonWall.push(performance.now() - t0);
		batonSelf.push(outcome.batonMs);
	}
	const overhead = percentile(batonWall, 50) - percentile(directMs, 50);
	return [agent, percentile(directMs, 50), percentile(batonWall, 50), overhead, percentile(batonSelf, 50), percentile(batonSelf, 99)];
}

async function main(): Promise<void> {
	printTable(
		`Parser throughput (${megabytes} MB of real sample streams per CLI, one core)`,
		['parser', 'MB', 'lines', 'events', 'ms', 'MB/s'],
		[
			parseThroughput('claude stream-json', 'claude/stream-json-tool-success.jsonl', createClaudeStreamParser),
			parseThroughput('gemini stream-json', 'gemini/stream-json-tool-yolo.jsonl', createGeminiStreamParser),
			parseThroughput('codex exec --json', 'codex/exec-json-tool.jsonl', createCodexStreamParser),
		],
	);
	const rows = [];
	for (const [agent, sample] of [['claude', 'claude/stream-json-tool-success.jsonl'], ['gemini', 'gemini/stream-json-tool-yolo.jsonl'], ['codex', 'codex/exec-json-tool.jsonl']] as const) {
		rows.push(await runOverhead(agent, sample));
	}
	printTable(
		`Headless run overhead (${runs} runs each of the scripted double; p50 unless noted; ms)`,
		['agent', 'direct spawn', 'via Baton', 'added wall', 'Baton self p50', 'Baton self p99'],
		rows,
	);
}

void main();
