import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { identifyBlocks } from '../../src/core/quota/blocks';
import { readClaudeLine } from '../../src/core/quota/claudeTranscript';
import { createDayKeyer } from '../../src/core/quota/dayKey';
import { claudeSource } from '../../src/infra/quota/usageSources';
import { generateTranscripts } from '../support/transcriptGenerator';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const installer = join(root, 'test', 'harness', 'installCcusage.sh');

interface DayRow {
	date: string;
	inputTokens: number;
	outputTokens: number;
	cacheCreationTokens: number;
	cacheReadTokens: number;
}

const pickDay = (d: DayRow): DayRow => ({ date: d.date, inputTokens: d.inputTokens, outputTokens: d.outputTokens, cacheCreationTokens: d.cacheCreationTokens, cacheReadTokens: d.cacheReadTokens });

/** Installs ccusage 17.2.1 into the test cache; null (with the reason) when it cannot be installed. */
function installCcusage(): { entry: string } | { reason: string } {
	const r = spawnSync('bash', [installer], { encoding: 'utf8', timeout: 240_000 });
	const entry = r.stdout.trim().split('\n').pop() ?? '';
	if (r.status !== 0 || !existsSync(entry)) {
		const lines = (r.stderr || r.error?.message || '').split('\n').map((l) => l.trim()).filter((l) => l !== '');
		const why = lines.find((l) => /npm (error|ERR!) (code|network|request)/.test(l)) ?? lines.find((l) => /error/i.test(l)) ?? lines[lines.length - 1] ?? 'no output';
		return { reason: `ccusage@17.2.1 could not be installed from npm into the test cache (test/harness/installCcusage.sh exit ${r.status ?? 'none'}: ${why}); the comparison with ccusage did not run` };
	}
	return { entry };
}

describe('quota: Baton per-day tokens equal ccusage 17.2.1 daily --json', function () {
	this.timeout(300_000);
	let ccusage = '';
	let work = '';
	let claudeDir = '';

	before(function () {
		if (!existsSync(cli)) {
			throw new Error(`${cli} is missing: run node esbuild.mjs first`);
		}
		const installed = installCcusage();
		if ('reason' in installed) {
			console.log(`      SKIPPED: ${installed.reason}`);
			this.skip();
		}
		ccusage = installed.entry;
		work = mkdtempSync(join(tmpdir(), 'baton-ccusage-'));
		claudeDir = join(work, 'claude');
		const generated = generateTranscripts(claudeDir, { seed: 20261125, targetBytes: 4_000_000, days: 5, projects: 4 });
		assert.ok(generated.files.length > 20 && generated.assistantLines > 1000);
	});

	after(() => {
		if (work !== '') {
			rmSync(work, { recursive: true, force: true });
		}
	});

	function runCcusage(args: string[], tz: string): unknown {
		const r = spawnSync(process.execPath, [ccusage, ...args, '--json', '--offline'], {
			cwd: work,
			env: { PATH: process.env['PATH'] ?? '', HOME: work, CLAUDE_CONFIG_DIR: claudeDir, TZ: tz, NO_COLOR: '1' },
			encoding: 'utf8',
			maxBuffer: 256 * 1024 * 1024,
			timeout: 120_000,
		});
		assert.equal(r.status, 0, r.stderr);
		return JSON.parse(r.stdout);
	}

	function runBaton(tz: string): { daily: Array<DayRow & { agent: string }> } {
		const r = spawnSync(process.execPath, [cli, 'usage', '--json', '--claude-dir', claudeDir, '--codex-home', join(work, 'none'), '--gemini-dir', join(work, 'none')], {
			cwd: work,
			env: { PATH: process.env['PATH'] ?? '', HOME: work, BATON_HOME: join(work, 'baton'), TZ: tz },
			encoding: 'utf8',
			maxBuffer: 256 * 1024 * 1024,
			timeout: 120_000,
		});
		assert.equal(r.status, 0, r.stderr);
		return JSON.parse(r.stdout) as { daily: Array<DayRow & { agent: string }> };
	}

	for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Kolkata']) {
		it(`same per-day totals in TZ=${tz}`, () => {
			const expected = (runCcusage(['daily'], tz) as { daily: DayRow[] }).daily.map(pickDay);
			const actual = runBaton(tz).daily.filter((d) => d.agent === 'claude').map(pickDay);
			assert.ok(expected.length >= 5, `several days (${expected.length})`);
			assert.deepEqual(actual, expected);
		});
	}

	it('the generated data is not trivial: ignoring duplicates, or reading files in path order, gives other totals', () => {
		const expected = (runCcusage(['daily'], 'UTC') as { daily: DayRow[] }).daily.map(pickDay);
		const files = spawnSync('find', [join(claudeDir, 'projects'), '-name', '*.jsonl', '-not', '-path', '*/.*'], { encoding: 'utf8' }).stdout.trim().split('\n');
		const dayOf = createDayKeyer('UTC');
		/** Input tokens per day reading `order`, keeping the first copy of each key (or every copy). */
		const perDay = (order: readonly string[], dedupe: boolean): Map<string, number> => {
			const seen = new Set<string>();
			const days = new Map<string, number>();
			for (const file of order) {
				for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
					const entry = readClaudeLine(line).entry;
					const day = entry ? dayOf(entry.at) : null;
					if (!entry || !day || (dedupe && entry.key !== null && seen.has(entry.key))) continue;
					if (entry.key !== null) seen.add(entry.key);
					days.set(day, (days.get(day) ?? 0) + entry.inputTokens);
				}
			}
			return days;
		};
		const expectedInput = new Map(expected.map((d) => [d.date, d.inputTokens]));
		const sum = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
		assert.ok(sum(perDay(files, false)) > sum(expectedInput) * 1.2, 'duplicates matter');
		assert.notDeepEqual(perDay([...files].sort(), true), expectedInput, 'file order matters (ccusage reads files by earliest timestamp)');
	});

	it('same 5-hour blocks as ccusage blocks --json (start, end, entries, tokens)', async () => {
		const expected = (runCcusage(['blocks'], 'UTC') as { blocks: Array<{ isGap: boolean; startTime: string; endTime: string; entries: number; tokenCounts: Record<string, number> }> }).blocks
			.filter((b) => !b.isGap)
			.map((b) => ({ start: b.startTime, end: b.endTime, entries: b.entries, tokens: b.tokenCounts }));
		const { store, files } = claudeSource([claudeDir], createDayKeyer('UTC'));
		await files.refresh();
		const actual = identifyBlocks(store.timeline(), Date.now()).map((b) => ({
			start: new Date(b.start).toISOString(),
			end: new Date(b.end).toISOString(),
			entries: b.entries,
			tokens: { inputTokens: b.tokens.inputTokens, outputTokens: b.tokens.outputTokens, cacheCreationInputTokens: b.tokens.cacheCreationTokens, cacheReadInputTokens: b.tokens.cacheReadTokens },
		}));
		assert.ok(expected.length > 3);
		assert.deepEqual(actual, expected);
	});
});
