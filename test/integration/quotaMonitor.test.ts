import * as assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QuotaNotification } from '../../src/core/quota/thresholds';
import { QuotaMonitor, type QuotaUpdate } from '../../src/infra/quota/quotaMonitor';
import { appendSnapshot } from '../../src/infra/quota/statuslineState';

function usageLine(id: string, at: number, input: number): string {
	return JSON.stringify({ type: 'assistant', timestamp: new Date(at).toISOString(), requestId: `req_${id}`, message: { id: `msg_${id}`, model: 'claude-opus-4-8', usage: { input_tokens: input, output_tokens: 1 } } });
}

function waitFor<T>(subscribe: (listener: (value: T) => void) => () => void, test: (value: T) => boolean, ms = 5000): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			stop();
			reject(new Error('timed out'));
		}, ms);
		const stop = subscribe((value) => {
			if (test(value)) {
				clearTimeout(timer);
				stop();
				resolve(value);
			}
		});
	});
}

describe('quota: monitor for the extension host (watching, signals, notifications)', function () {
	this.timeout(20_000);
	let home = '';
	let monitor: QuotaMonitor | null = null;

	beforeEach(() => {
		home = mkdtempSync(join(tmpdir(), 'baton-monitor-'));
	});
	afterEach(() => {
		monitor?.dispose();
		rmSync(home, { recursive: true, force: true });
	});

	it('picks up appended transcript lines and statusLine captures through file watching', async () => {
		const project = join(home, '.claude', 'projects', '-tmp-p');
		mkdirSync(project, { recursive: true });
		const file = join(project, 's.jsonl');
		const now = Date.now();
		writeFileSync(file, `${usageLine('1', now - 60_000, 10)}\n`);
		monitor = await QuotaMonitor.create({ env: { BATON_HOME: join(home, 'state') }, homeDir: home, platform: process.platform, timeZone: 'UTC', pollMs: 60_000 });
		assert.equal(monitor.daily()[0]?.inputTokens, 10);
		monitor.start();
		const grown = waitFor<QuotaUpdate>((l) => monitor?.onDidUpdate(l) ?? (() => undefined), () => (monitor?.daily()[0]?.inputTokens ?? 0) === 30);
		appendFileSync(file, `${usageLine('2', now, 20)}\n`);
		await grown;
		const official = waitFor<QuotaUpdate>((l) => monitor?.onDidUpdate(l) ?? (() => undefined), (u) => u.summaries[0]?.label.text === 'Claude 42%');
		await appendSnapshot(join(home, 'state', 'quota', 'claude-statusline.jsonl'), { v: 1, t: Date.now(), rl: { five_hour: { p: 42, r: Math.floor(now / 1000) + 3600 } } });
		await official;
		assert.equal(monitor.outlookProvider().outlook('claude').level, 'ok');
	});

	it('applies failure signals and notifies once per episode', async () => {
		monitor = await QuotaMonitor.create({ env: {}, homeDir: home, platform: process.platform, watch: false });
		const notes: QuotaNotification[] = [];
		monitor.onNotification((n) => notes.push(n));
		const resetsAt = new Date(Date.now() + 3_600_000).toISOString();
		monitor.applySignal({ kind: 'quota_exhausted', agent: 'codex', window: 'five_hour', resetsAt, message: 'You’ve hit your usage limit.' });
		monitor.applySignal({ kind: 'quota_exhausted', agent: 'codex', window: 'five_hour', resetsAt, message: 'again' });
		assert.deepEqual(notes.map((n) => [n.agent, n.window, n.level, n.reason]), [['codex', 'five_hour', 'critical', 'exhausted']]);
		assert.equal(monitor.outlookProvider().outlook('codex').level, 'exhausted');
		monitor.recordGeminiRequest(Date.now(), 'run-1');
		assert.equal(monitor.latest().snapshot.windows.find((w) => w.key === 'gemini:daily')?.chosen.used, 1);
	});
});
