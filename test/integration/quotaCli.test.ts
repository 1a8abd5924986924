import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { samplesDir } from '../support/samples';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

describe('quota: baton usage / baton statusline (built dist/cli.js)', function () {
	this.timeout(60_000);
	let home = '';
	let env: NodeJS.ProcessEnv = {};

	before(function () {
		if (!existsSync(cli)) {
			throw new Error(`${cli} is missing: run node esbuild.mjs first`);
		}
	});

	beforeEach(() => {
		home = mkdtempSync(join(tmpdir(), 'baton-quota-cli-'));
		env = { PATH: process.env['PATH'] ?? '', HOME: home, BATON_HOME: join(home, 'baton-state'), TZ: 'UTC' };
		const project = join(home, '.claude', 'projects', '-tmp-work1');
		mkdirSync(project, { recursive: true });
		for (const name of readdirSync(join(samplesDir, 'claude')).filter((n) => n.startsWith('transcript-'))) {
			copyFileSync(join(samplesDir, 'claude', name), join(project, name));
		}
		const codexDay = join(home, '.codex', 'sessions', '2026', '11', '25');
		mkdirSync(codexDay, { recursive: true });
		copyFileSync(join(samplesDir, 'codex', 'rollout-success.jsonl'), join(codexDay, 'rollout-2026-11-25T14-18-09-a.jsonl'));
		const chats = join(home, '.gemini', 'tmp', 'work1', 'chats');
		mkdirSync(chats, { recursive: true });
		copyFileSync(join(samplesDir, 'gemini', 'session-chats-file.jsonl'), join(chats, 'session-2026-11-25T14-03-539e147b.jsonl'));
	});

	afterEach(() => rmSync(home, { recursive: true, force: true }));

	function baton(args: string[], input = '', extraEnv: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string } {
		const r = spawnSync(process.execPath, [cli, ...args], { input, env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 30_000 });
		return { code: r.status, stdout: r.stdout, stderr: r.stderr };
	}

	it('baton usage --json: windows with provenance and forecasts, and daily rows per agent', () => {
		const r = baton(['usage', '--json', '--now', '2026-11-25T14:25:00Z']);
		assert.equal(r.code, 0, r.stderr);
		const report = JSON.parse(r.stdout) as {
			agents: Array<{ agent: string; label: string; windows: Array<{ key: string; provenance: string; source: string; usedPercent: number | null; used: number | null; forecast: unknown }> }>;
			daily: Array<{ date: string; agent: string; inputTokens: number; outputTokens: number; cacheCreationTokens: number; cacheReadTokens: number }>;
		};
		const byAgent = new Map(report.agents.map((a) => [a.agent, a]));
		const codex = byAgent.get('codex');
		assert.equal(codex?.label, 'Codex 43%', 'the binding window is the 5-hour one');
		assert.deepEqual(codex?.windows.map((w) => [w.key, w.provenance, w.source, w.usedPercent]), [
			['codex:five_hour', 'official', 'rollout', 42.5],
			['codex:weekly', 'official', 'rollout', 13],
		]);
		const claude = byAgent.get('claude');
		assert.equal(claude?.label, 'Claude —', 'tokens without a configured limit give no share');
		assert.ok(claude?.windows.every((w) => w.provenance === 'estimate'));
		assert.equal(claude?.windows.find((w) => w.key === 'claude:five_hour')?.used, 21539);
		assert.deepEqual(report.daily, [
			{ date: '2026-11-25', agent: 'claude', inputTokens: 36, outputTokens: 101, cacheCreationTokens: 1035, cacheReadTokens: 20367 },
			{ date: '2026-11-25', agent: 'codex', inputTokens: 345, outputTokens: 67, cacheCreationTokens: 0, cacheReadTokens: 2000 },
			{ date: '2026-11-25', agent: 'gemini', inputTokens: 468, outputTokens: 312, cacheCreationTokens: 0, cacheReadTokens: 2000 },
		]);
	});

	it('baton usage with a plan limit labels the Claude estimate, and prints a readable table', () => {
		const r = baton(['usage', '--now', '2026-11-25T14:30:00Z', '--limits', 'claude:five_hour=100000']);
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stdout, /Claude\s+5-hour\s+~22%\s+100,000 tokens/);
		assert.match(r.stdout, /estimate · transcripts \(5-hour block\)/);
		assert.match(r.stdout, /2026-11-25\s+Codex\s+345\s+67/);
		assert.equal(baton(['usage', '--limits', 'claude:hourly=5']).code, 2);
		assert.equal(baton(['usage', '--tz', 'Mars/Base']).code, 2);
	});

	it('baton statusline install chains the user\'s line, captures limits, and uninstall restores the file byte for byte', () => {
		const settingsFile = join(home, '.claude', 'settings.json');
		const original = '{\n  "model": "opus",\n  "statusLine": {\n    "type": "command",\n    "command": "printf \\"mine:%s\\" \\"$(head -c 13)\\""\n  }\n}\n';
		writeFileSync(settingsFile, original);
		const install = baton(['statusline', 'install']);
		assert.equal(install.code, 0, install.stderr);
		assert.match(install.stdout, /runs your status line command too/);
		const installed = JSON.parse(readFileSync(settingsFile, 'utf8')) as { model: string; statusLine: { command: string } };
		assert.equal(installed.model, 'opus');
		assert.match(installed.statusLine.command, /statusline --chain [A-Za-z0-9_-]+$/);
		const input = readFileSync(join(samplesDir, 'claude', 'statusline-input-example.json'), 'utf8');
		const shown = spawnSync('sh', ['-c', installed.statusLine.command], { input, env, encoding: 'utf8', timeout: 30_000 });
		assert.equal(shown.status, 0, shown.stderr);
		assert.equal(shown.stdout, `mine:${input.slice(0, 13)}`);
		const captured = readFileSync(join(home, 'baton-state', 'quota', 'claude-statusline.jsonl'), 'utf8').trim().split('\n');
		assert.equal(captured.length, 1);
		assert.deepEqual((JSON.parse(captured[0] ?? '{}') as { rl: unknown }).rl, { five_hour: { p: 42, r: 1795626000 }, seven_day: { p: 13, r: 1796050000 } });
		assert.match(baton(['statusline', 'install']).stdout, /already installed/);
		const usage = JSON.parse(baton(['usage', '--json', '--now', '2026-11-25T15:00:00Z']).stdout) as { agents: Array<{ agent: string; windows: Array<{ key: string; provenance: string; alternative: { provenance: string } | null }> }> };
		const fiveHour = usage.agents.find((a) => a.agent === 'claude')?.windows.find((w) => w.key === 'claude:five_hour');
		assert.equal(fiveHour?.provenance, 'official');
		assert.equal(fiveHour?.alternative?.provenance, 'estimate');
		const uninstall = baton(['statusline', 'uninstall']);
		assert.equal(uninstall.code, 0, uninstall.stderr);
		assert.equal(readFileSync(settingsFile, 'utf8'), original);
		assert.match(baton(['statusline', 'uninstall']).stdout, /not installed/);
	});

	it('baton statusline without a chained command prints its own line; bad settings are left alone', () => {
		const input = readFileSync(join(samplesDir, 'claude', 'statusline-input-example.json'), 'utf8');
		const r = baton(['statusline'], input);
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stdout, /^Opus 4\.8 · 5-hour 42%.* · weekly 13%\n$/);
		assert.equal(baton(['statusline'], 'not json').stdout, 'Baton\n');
		const settingsFile = join(home, '.claude', 'settings.json');
		writeFileSync(settingsFile, '{ "broken": ');
		const bad = baton(['statusline', 'install']);
		assert.equal(bad.code, 1);
		assert.match(bad.stderr, /not valid JSON/);
		assert.equal(readFileSync(settingsFile, 'utf8'), '{ "broken": ');
		const fresh = join(home, 'other', 'settings.json');
		assert.equal(baton(['statusline', 'install', '--settings', fresh]).code, 0);
		assert.equal(baton(['statusline', 'uninstall', '--settings', fresh]).code, 0);
		assert.equal(existsSync(fresh), false);
	});
});
