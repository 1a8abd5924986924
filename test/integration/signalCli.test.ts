import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const samples = join(root, '..', 'shared', 'reference', 'samples');

function signal(args: string[], input: string | Buffer, env: NodeJS.ProcessEnv = process.env): { code: number | null; stdout: string; stderr: string } {
	const r = spawnSync(process.execPath, [cli, 'signal', ...args], { input, env, encoding: 'utf8', timeout: 20000, maxBuffer: 16 * 1024 * 1024 });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Row {
	readonly title: string;
	readonly text: string;
	readonly args: readonly string[];
	readonly expected: { kind: string; agent: string | null; window: string | null; resetsAt: string | null };
}

const now = ['--now', '2026-11-25T14:00:00Z'];
const rows: readonly Row[] = [
	{ title: 'Claude session limit', text: 'You\'ve hit your session limit · resets 4:21pm (UTC)', args: [...now], expected: { kind: 'quota_exhausted', agent: 'claude', window: 'five_hour', resetsAt: '2026-11-25T16:21:00.000Z' } },
	{ title: 'Claude weekly limit, New York zone', text: 'You’ve hit your weekly limit · resets 11:21am (America/New_York)', args: [...now], expected: { kind: 'quota_exhausted', agent: 'claude', window: 'weekly', resetsAt: '2026-11-25T16:21:00.000Z' } },
	{ title: 'Claude >24 h date form', text: 'You\'ve hit your Opus limit · resets Nov 28, 3pm (UTC)', args: [...now], expected: { kind: 'quota_exhausted', agent: 'claude', window: 'weekly', resetsAt: '2026-11-28T15:00:00.000Z' } },
	{ title: 'legacy 5am in --tz', text: '5-hour limit reached ∙ resets 5am', args: [...now, '--tz', 'America/Los_Angeles'], expected: { kind: 'quota_exhausted', agent: 'claude', window: 'five_hour', resetsAt: '2026-11-26T13:00:00.000Z' } },
	{ title: 'legacy epoch suffix', text: 'Claude AI usage limit reached|1795622366', args: [...now], expected: { kind: 'quota_exhausted', agent: 'claude', window: 'five_hour', resetsAt: '2026-11-25T15:59:26.000Z' } },
	{ title: 'Claude API 429', text: 'API Error: Request rejected (429) · rate limited', args: [...now, '--agent', 'claude'], expected: { kind: 'rate_limited', agent: 'claude', window: null, resetsAt: null } },
	{ title: 'Claude not logged in', text: 'Not logged in · Please run /login', args: [...now, '--exit-code', '1'], expected: { kind: 'auth_required', agent: 'claude', window: null, resetsAt: null } },
	{ title: 'Codex usage limit, local time via --tz', text: 'You’ve hit your usage limit. Try again at 11:35 AM.', args: [...now, '--tz', 'America/New_York'], expected: { kind: 'quota_exhausted', agent: 'codex', window: 'five_hour', resetsAt: '2026-11-25T16:35:00.000Z' } },
	{ title: 'Codex usage limit tomorrow', text: 'You\'ve hit your usage limit. Try again at 12:10 AM.', args: ['--now', '2026-11-25T23:50:00Z', '--tz', 'UTC'], expected: { kind: 'quota_exhausted', agent: 'codex', window: 'five_hour', resetsAt: '2026-11-26T00:10:00.000Z' } },
	{ title: 'Codex dated reset', text: 'You’ve hit your usage limit. Try again at Nov 28th, 2026 2:19 PM.', args: [...now, '--tz', 'UTC'], expected: { kind: 'quota_exhausted', agent: 'codex', window: 'weekly', resetsAt: '2026-11-28T14:19:00.000Z' } },
	{ title: 'Codex "in 3h 20m"', text: 'You\'ve hit your usage limit, try again in 3h 20m', args: [...now], expected: { kind: 'quota_exhausted', agent: 'codex', window: 'five_hour', resetsAt: '2026-11-25T17:20:00.000Z' } },
	{ title: 'Gemini retry in 39.5s', text: '[API Error: You exceeded your current quota. Please retry in 39.5s.]', args: [...now], expected: { kind: 'rate_limited', agent: 'gemini', window: 'per_minute', resetsAt: '2026-11-25T14:00:39.500Z' } },
	{ title: 'Gemini exit 55', text: '', args: [...now, '--exit-code', '55', '--agent', 'gemini'], expected: { kind: 'other', agent: 'gemini', window: null, resetsAt: null } },
	{ title: 'Gemini exit 41', text: '', args: [...now, '--exit-code', '41'], expected: { kind: 'auth_required', agent: 'gemini', window: null, resetsAt: null } },
	{ title: 'cancelled', text: '', args: [...now, '--exit-code', '130', '--agent', 'codex'], expected: { kind: 'cancelled', agent: 'codex', window: null, resetsAt: null } },
	{ title: 'network', text: 'Error: getaddrinfo ENOTFOUND api.anthropic.com', args: [...now, '--agent', 'claude'], expected: { kind: 'network', agent: 'claude', window: null, resetsAt: null } },
	{ title: 'empty input', text: '', args: [...now], expected: { kind: 'other', agent: null, window: null, resetsAt: null } },
];

describe('baton signal (built dist/cli.js as a child process)', () => {
	before(function () {
		if (!existsSync(cli)) {
			throw new Error(`${cli} is missing: run node esbuild.mjs first`);
		}
	});

	for (const row of rows) {
		it(`classifies: ${row.title}`, () => {
			const r = signal([...row.args], row.text);
			assert.equal(r.code, 0, r.stderr);
			assert.equal(r.stdout.split('\n').filter((l) => l !== '').length, 1, 'exactly one line');
			assert.deepEqual(JSON.parse(r.stdout), row.expected);
		});
	}

	it('reads the real sample files from stdin', function () {
		if (!existsSync(samples)) {
			this.skip();
		}
		const r = signal([...now, '--tz', 'UTC', '--exit-code', '1'], readFileSync(join(samples, 'claude/stream-json-subscription-session-limit.jsonl')));
		assert.deepEqual(JSON.parse(r.stdout), { kind: 'quota_exhausted', agent: 'claude', window: 'five_hour', resetsAt: '2026-11-25T15:59:26.000Z' });
		const gemini = signal([...now, '--exit-code', '173'], readFileSync(join(samples, 'gemini/json-error-daily-quota-429.stderr.json')));
		assert.deepEqual(JSON.parse(gemini.stdout), { kind: 'quota_exhausted', agent: 'gemini', window: 'daily', resetsAt: '2026-11-26T08:00:00.000Z' });
	});

	it('defaults --tz to $TZ', () => {
		const r = signal([...now], 'You’ve hit your usage limit. Try again at 11:35 AM.', { ...process.env, TZ: 'America/New_York' });
		assert.equal((JSON.parse(r.stdout) as { resetsAt: string }).resetsAt, '2026-11-25T16:35:00.000Z');
	});

	it('exits 2 with a usage message on bad flags', () => {
		const bad = [['--agent', 'copilot'], ['--now', 'yesterday'], ['--now', '2026-11-25T14:00:00'], ['--tz', 'Mars/Base'], ['--exit-code', 'one'], ['--bogus'], ['--agent'], ['positional']];
		for (const args of bad) {
			const r = signal(args, '');
			assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
			assert.match(r.stderr, /usage: baton signal/, args.join(' '));
			assert.equal(r.stdout, '');
		}
	});

	it('survives 1 MB of random bytes on stdin', () => {
		let seed = 7;
		const bytes = Buffer.alloc(1024 * 1024);
		for (let i = 0; i < bytes.length; i++) {
			seed = (seed * 1103515245 + 12345) >>> 0;
			bytes[i] = seed >>> 24;
		}
		const started = Date.now();
		const r = signal([...now], bytes);
		assert.equal(r.code, 0, r.stderr);
		const out = JSON.parse(r.stdout) as { kind: string; resetsAt: string | null };
		assert.ok(['rate_limited', 'quota_exhausted', 'auth_required', 'context_too_long', 'network', 'cancelled', 'other'].includes(out.kind));
		assert.ok(Date.now() - started < 15_000);
	});

	it('is listed in help', () => {
		const r = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
		assert.match(r.stdout, /signal/);
	});
});
