import * as assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QuotaEngine } from '../../src/core/quota/engine';
import { resolveQuotaSettings } from '../../src/core/quota/settings';
import { JsonlTailer } from '../../src/infra/quota/jsonlTailer';
import { appendSnapshot } from '../../src/infra/quota/statuslineState';
import { UsageIngest } from '../../src/infra/quota/usageIngest';
import { samplesDir } from '../support/samples';
import { seededRandom } from '../../src/core/common/random';
import { generateTranscripts } from '../support/transcriptGenerator';

const ts = (minute: number): string => new Date(Date.parse('2026-11-25T10:00:00Z') + minute * 60_000).toISOString();
function usageLine(id: string, minute: number, input: number): string {
	return JSON.stringify({ type: 'assistant', timestamp: ts(minute), requestId: `req_${id}`, message: { id: `msg_${id}`, model: 'claude-opus-4-8', usage: { input_tokens: input, output_tokens: 1 } } });
}

describe('quota: incremental ingest (tailing, partial lines, rotation)', () => {
	let dir = '';
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'baton-ingest-'));
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	function claudeIngest(): { ingest: UsageIngest; project: string; input: () => number } {
		const project = join(dir, 'claude', 'projects', '-tmp-p');
		mkdirSync(project, { recursive: true });
		const ingest = new UsageIngest({ claudeRoots: [join(dir, 'claude')], codexHome: null, geminiDir: null, statuslineFile: null, timeZone: 'UTC' }, new QuotaEngine(resolveQuotaSettings()));
		return { ingest, project, input: () => ingest.daily().reduce((n, d) => n + d.inputTokens, 0) };
	}

	it('reads only appended lines, holds a partial line until its newline, skips malformed records', async () => {
		const file = join(dir, 'a.jsonl');
		writeFileSync(file, `${usageLine('1', 0, 10)}\n{"broken": \n`);
		const tailer = new JsonlTailer(file);
		assert.equal((await tailer.read()).lines.length, 2);
		const next = usageLine('2', 1, 20);
		appendFileSync(file, next.slice(0, 40));
		assert.deepEqual((await tailer.read()).lines, []);
		appendFileSync(file, `${next.slice(40)}\r\n`);
		assert.deepEqual((await tailer.read()).lines, [next]);
		appendFileSync(file, usageLine('3', 2, 30));
		assert.equal((await tailer.read()).lines.length, 1, 'a complete last line without a newline is delivered');
		appendFileSync(file, '\n');
		assert.deepEqual((await tailer.read()).lines, ['']);
	});

	it('restarts after truncation, rotation and rewrites, and reports deletion', async () => {
		const file = join(dir, 'a.jsonl');
		writeFileSync(file, `${usageLine('1', 0, 10)}\n${usageLine('2', 1, 10)}\n`);
		const tailer = new JsonlTailer(file);
		await tailer.read();
		truncateSync(file, 0);
		appendFileSync(file, `${usageLine('3', 2, 10)}\n`);
		assert.deepEqual(await tailer.read(), { reset: true, gone: false, lines: [usageLine('3', 2, 10)] });
		renameSync(file, `${file}.1`);
		writeFileSync(file, `${usageLine('4', 3, 10)}\n${usageLine('5', 4, 10)}\n`);
		const rotated = await tailer.read();
		assert.equal(rotated.reset, true);
		assert.equal(rotated.lines.length, 2);
		const rewritten = `${usageLine('6', 5, 99)}\n${usageLine('7', 6, 99)}\n${usageLine('8', 7, 99)}\n`;
		writeFileSync(`${file}.tmp`, rewritten);
		copyFileSync(`${file}.tmp`, file);
		const again = await tailer.read();
		assert.equal(again.reset, true, 'same inode, new first bytes');
		assert.equal(again.lines.length, 3);
		unlinkSync(file);
		assert.deepEqual(await tailer.read(), { reset: true, gone: true, lines: [] });
	});

	it('keeps Claude totals right across appends, new files, truncation and deletion', async () => {
		const { ingest, project, input } = claudeIngest();
		const a = join(project, 'a.jsonl');
		writeFileSync(a, `${usageLine('1', 0, 10)}\n`);
		await ingest.refresh();
		assert.equal(input(), 10);
		appendFileSync(a, `${usageLine('2', 1, 5)}\n${usageLine('1', 2, 10)}\n`);
		await ingest.refreshPaths([a]);
		assert.equal(input(), 15, 'the repeated message counts once');
		const b = join(project, 'sub', 'b.jsonl');
		mkdirSync(join(project, 'sub'));
		writeFileSync(b, `${usageLine('9', 3, 100)}\n`);
		await ingest.refreshPaths([b]);
		assert.equal(input(), 115, 'a new file seen through a change notification');
		writeFileSync(a, `${usageLine('7', 4, 1)}\n`);
		await ingest.refresh();
		assert.equal(input(), 101);
		unlinkSync(b);
		await ingest.refresh();
		assert.equal(input(), 1);
	});

	it('incremental reading of randomly split appends equals one full read', async () => {
		const source = join(dir, 'source');
		generateTranscripts(source, { seed: 7, targetBytes: 600_000, days: 2 });
		const { ingest, project } = claudeIngest();
		const files = readdirSync(join(source, 'projects'), { recursive: true, withFileTypes: true })
			.filter((d) => d.isFile() && d.name.endsWith('.jsonl') && !d.name.startsWith('.') && !d.parentPath.includes('/.'))
			.map((d) => join(d.parentPath, d.name));
		const rand = seededRandom(3);
		const pending = files.map((f, i) => ({ text: readFileSync(f, 'utf8'), at: 0, target: join(project, `f${i}.jsonl`) }));
		while (pending.some((p) => p.at < p.text.length)) {
			for (const p of pending) {
				const take = Math.floor(rand() * 6000);
				if (p.at < p.text.length && take > 0) {
					appendFileSync(p.target, p.text.slice(p.at, p.at + take));
					p.at += take;
				}
			}
			await (rand() < 0.5 ? ingest.refresh() : ingest.refreshPaths(pending.map((p) => p.target)));
		}
		await ingest.refresh();
		const full = claudeIngest().ingest;
		await full.refresh();
		assert.deepEqual(ingest.daily(), full.daily());
		assert.ok(ingest.daily().length >= 2);
	});

	it('reads Codex rollouts, Gemini chats and the statusLine capture into the engine', async () => {
		const codexDay = join(dir, 'codex', 'sessions', '2026', '11', '25');
		mkdirSync(codexDay, { recursive: true });
		copyFileSync(join(samplesDir, 'codex', 'rollout-tool-then-resumed-twice.jsonl'), join(codexDay, 'rollout-2026-11-25T14-18-35-x.jsonl'));
		const chats = join(dir, 'gemini', 'tmp', 'work1', 'chats');
		mkdirSync(chats, { recursive: true });
		copyFileSync(join(samplesDir, 'gemini', 'session-chats-file.jsonl'), join(chats, 'session-2026-11-25T14-03-539e147b.jsonl'));
		const statusline = join(dir, 'state', 'claude-statusline.jsonl');
		const now = Date.parse('2026-11-25T14:20:00Z');
		await appendSnapshot(statusline, { v: 1, t: now - 60_000, rl: { five_hour: { p: 42, r: 1795626000 }, seven_day_opus: { p: 90, r: 1796050000 } } });
		const engine = new QuotaEngine(resolveQuotaSettings());
		const ingest = new UsageIngest({ claudeRoots: [], codexHome: join(dir, 'codex'), geminiDir: join(dir, 'gemini'), statuslineFile: statusline, timeZone: 'UTC' }, engine);
		await ingest.refresh();
		ingest.recordRequest(now - 5_000, 'baton-run-1');
		ingest.publish(now);
		const windows = new Map(engine.evaluate(now).snapshot.windows.map((w) => [w.key, w]));
		assert.equal(windows.get('codex:five_hour')?.chosen.source, 'rollout');
		assert.equal(windows.get('codex:five_hour')?.usedFraction, 0.425);
		assert.equal(windows.get('claude:five_hour')?.chosen.source, 'statusline');
		assert.equal(windows.get('claude:weekly:opus')?.usedFraction, 0.9);
		assert.equal(windows.get('gemini:daily')?.chosen.used, 3);
		assert.equal(windows.get('gemini:daily')?.chosen.provenance, 'counted');
		assert.deepEqual(ingest.daily().map((d) => d.agent), ['codex', 'gemini']);
		assert.equal(ingest.daily()[0]?.cacheReadTokens, 8000);
	});

	it('the statusLine capture skips repeats and rotates by replacing the file', async () => {
		const file = join(dir, 'state', 'claude-statusline.jsonl');
		const t = Date.parse('2026-11-25T14:00:00Z');
		const snap = (at: number, p: number): Parameters<typeof appendSnapshot>[1] => ({ v: 1, t: at, rl: { five_hour: { p, r: 1795626000 } } });
		assert.equal(await appendSnapshot(file, snap(t, 10)), true);
		assert.equal(await appendSnapshot(file, snap(t + 1000, 10)), false);
		assert.equal(await appendSnapshot(file, snap(t + 2000, 11)), true);
		const tailer = new JsonlTailer(file);
		assert.equal((await tailer.read()).lines.length, 2);
		for (let i = 0; i < 40; i++) {
			await appendSnapshot(file, snap(t + 3000 + i, 12 + i), { maxBytes: 2000, keepLines: 5 });
		}
		const after = await tailer.read();
		assert.equal(after.reset, true);
		assert.ok(after.lines.length <= 20);
	});
});
