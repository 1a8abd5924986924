import * as assert from 'node:assert/strict';
import type { ClaudeLineRead } from '../../../../src/core/quota/claudeTranscript';
import { ClaudeUsageStore } from '../../../../src/core/quota/claudeUsageStore';
import { createDayKeyer } from '../../../../src/core/quota/dayKey';

function entry(at: string, key: string | null, tokens = 10): ClaudeLineRead {
	const ms = Date.parse(at);
	return { entry: { at: ms, inputTokens: tokens, outputTokens: 1, cacheCreationTokens: 0, cacheReadTokens: 0, model: 'm', key, limitResetAt: null }, timestampMs: ms };
}
const stamp = (at: string): ClaudeLineRead => ({ entry: null, timestampMs: Date.parse(at) });
const inputs = (store: ClaudeUsageStore): Record<string, number> => Object.fromEntries(store.daily().map((r) => [r.date, r.inputTokens]));

describe('quota: Claude usage store (ccusage first-wins de-duplication, incremental)', () => {
	it('counts the first copy of a message:request key within a file', () => {
		const store = new ClaudeUsageStore(createDayKeyer('UTC'));
		const f = store.openFile('/p/a.jsonl');
		store.addLine(f, entry('2026-11-20T23:59:59.000Z', 'm1:r1', 5));
		store.addLine(f, entry('2026-11-21T00:00:01.000Z', 'm1:r1', 7));
		store.addLine(f, entry('2026-11-21T00:00:02.000Z', null, 3));
		store.addLine(f, entry('2026-11-21T00:00:03.000Z', null, 3));
		assert.deepEqual(inputs(store), { '2026-11-20': 5, '2026-11-21': 6 });
		assert.deepEqual(store.stats(), { files: 1, entries: 4, counted: 3, duplicates: 1 });
	});

	it('orders files by their earliest timestamp, whatever order they are read in', () => {
		const store = new ClaudeUsageStore(createDayKeyer('UTC'));
		const late = store.openFile('/p/z-late.jsonl');
		store.addLine(late, stamp('2026-11-21T10:00:00.000Z'));
		store.addLine(late, entry('2026-11-22T10:00:00.000Z', 'm1:r1', 100));
		assert.deepEqual(inputs(store), { '2026-11-22': 100 });
		const early = store.openFile('/p/a-early.jsonl');
		store.addLine(early, stamp('2026-11-20T10:00:00.000Z'));
		store.addLine(early, entry('2026-11-20T11:00:00.000Z', 'm1:r1', 1));
		assert.deepEqual(inputs(store), { '2026-11-20': 1 });
		assert.equal(store.timeline().length, 1);
	});

	it('re-decides winners when a file gains an earlier timestamp, and files without one come last', () => {
		const store = new ClaudeUsageStore(createDayKeyer('UTC'));
		const a = store.openFile('/p/a.jsonl');
		const b = store.openFile('/p/b.jsonl');
		store.addLine(b, entry('2026-11-22T10:00:00.000Z', 'k', 2));
		store.addLine(a, { entry: { ...(entry('2026-11-23T00:00:00.000Z', 'k', 1).entry as NonNullable<ClaudeLineRead['entry']>) }, timestampMs: null });
		assert.deepEqual(inputs(store), { '2026-11-22': 2 }, 'a has no timestamp yet, so b wins');
		store.addLine(a, stamp('2026-11-01T00:00:00.000Z'));
		assert.deepEqual(inputs(store), { '2026-11-23': 1 });
	});

	it('breaks ties between files with the same earliest timestamp by path', () => {
		const store = new ClaudeUsageStore(createDayKeyer('UTC'));
		const b = store.openFile('/p/b.jsonl');
		const a = store.openFile('/p/a.jsonl');
		store.addLine(b, entry('2026-11-20T10:00:00.000Z', 'k', 2));
		store.addLine(a, entry('2026-11-20T10:00:00.000Z', 'k', 1));
		assert.deepEqual(inputs(store), { '2026-11-20': 1 });
	});

	it('forgets a reset file and promotes the next copy', () => {
		const store = new ClaudeUsageStore(createDayKeyer('UTC'));
		const a = store.openFile('/p/a.jsonl');
		const b = store.openFile('/p/b.jsonl');
		store.addLine(a, entry('2026-11-20T10:00:00.000Z', 'k', 1));
		store.addLine(b, entry('2026-11-21T10:00:00.000Z', 'k', 2));
		store.addLine(a, entry('2026-11-20T11:00:00.000Z', null, 4));
		store.resetFile(a);
		assert.deepEqual(inputs(store), { '2026-11-21': 2 });
		store.addLine(a, entry('2026-11-20T10:00:00.000Z', 'k', 1));
		assert.deepEqual(inputs(store), { '2026-11-20': 1 });
	});

	it('keeps a day that only has zero-token entries, and drops days that lose all entries', () => {
		const store = new ClaudeUsageStore(createDayKeyer('UTC'));
		const a = store.openFile('/p/a.jsonl');
		store.addLine(a, entry('2026-11-20T10:00:00.000Z', 'z', 0));
		assert.deepEqual(store.daily().map((r) => r.date), ['2026-11-20']);
		store.resetFile(a);
		assert.deepEqual(store.daily(), []);
	});

	it('lets an invalid date win de-duplication but count nowhere (as ccusage does)', () => {
		const store = new ClaudeUsageStore(createDayKeyer('UTC'));
		const a = store.openFile('/p/a.jsonl');
		store.addLine(a, { entry: { at: Number.NaN, inputTokens: 9, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0, model: null, key: 'k', limitResetAt: null }, timestampMs: null });
		store.addLine(a, entry('2026-11-20T10:00:00.000Z', 'k', 1));
		assert.deepEqual(store.daily(), []);
	});

	it('groups days in the given time zone', () => {
		const store = new ClaudeUsageStore(createDayKeyer('Asia/Kolkata'));
		const a = store.openFile('/p/a.jsonl');
		store.addLine(a, entry('2026-11-20T18:29:59.000Z', null, 1));
		store.addLine(a, entry('2026-11-20T18:30:00.000Z', null, 2));
		assert.deepEqual(inputs(store), { '2026-11-20': 1, '2026-11-21': 2 });
	});
});
