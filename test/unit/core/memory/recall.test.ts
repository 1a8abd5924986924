import * as assert from 'node:assert/strict';
import { estimateTokens, fileOverlap, rankForRecall, recallHeader, renderRecall, utf8Length, type RecallCandidate } from '../../../../src/core/memory/recall';
import type { MemoryEntry } from '../../../../src/core/memory/types';

const now = Date.UTC(2026, 10, 25);
const day = 86_400_000;

function entry(id: string, over: Partial<MemoryEntry> = {}): MemoryEntry {
	return { id, kind: 'note', title: `title ${id}`, body: '', agent: null, sessionId: null, files: [], tags: [], pinned: false, createdAt: now - day, updatedAt: now - day, source: 'user', ...over };
}

function rng(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

describe('recall token estimate', () => {
	it('is ceil(UTF-8 bytes / 4)', () => {
		assert.equal(estimateTokens(''), 0);
		assert.equal(estimateTokens('abcd'), 1);
		assert.equal(estimateTokens('abcde'), 2);
		assert.equal(utf8Length('é日🙂'), 2 + 3 + 4);
		assert.equal(estimateTokens('日本語'), 3);
	});
});

describe('rankForRecall', () => {
	it('orders by text relevance, file overlap, pins and recency, and drops unrelated entries', () => {
		const candidates: RecallCandidate[] = [
			{ entry: entry('text'), bm25: 10 },
			{ entry: entry('weak'), bm25: 2 },
			{ entry: entry('file', { files: ['src/a.ts'] }), bm25: 0 },
			{ entry: entry('pin', { pinned: true }), bm25: 0 },
			{ entry: entry('unrelated'), bm25: 0 },
			{ entry: entry('text'), bm25: 10 },
		];
		assert.deepEqual(rankForRecall(candidates, ['./src/a.ts'], now).map((s) => s.entry.id), ['text', 'file', 'pin', 'weak']);
	});

	it('lets recency break ties', () => {
		const ranked = rankForRecall([{ entry: entry('old', { updatedAt: now - 60 * day }), bm25: 1 }, { entry: entry('new', { updatedAt: now }), bm25: 1 }], [], now);
		assert.deepEqual(ranked.map((s) => s.entry.id), ['new', 'old']);
	});

	it('scores file overlap per task file: same path 1, same folder 0.5', () => {
		assert.equal(fileOverlap(['src/a.ts'], ['src/a.ts']), 1);
		assert.equal(fileOverlap(['src/b.ts'], ['src/a.ts']), 0.5);
		assert.equal(fileOverlap(['lib/a.ts'], ['src/a.ts', 'src/b.ts']), 0);
		assert.equal(fileOverlap(['src/a.ts'], ['src/a.ts', 'lib/x.ts']), 0.5);
		assert.equal(fileOverlap([], ['src/a.ts']), 0);
	});
});

describe('renderRecall', () => {
	it('renders a header and one cited line per entry', () => {
		const r = renderRecall(
			[
				{ entry: entry('k3f9x2qa7m', { kind: 'decision', title: 'Use sql.js', body: 'FTS4\nwith  BM25', files: ['a.ts', 'b.ts', 'c.ts', 'd.ts'], pinned: true, agent: 'claude' }), score: 1 },
				{ entry: entry('b', { title: 'Second' }), score: 0.5 },
			],
			1500,
		);
		assert.equal(
			r.markdown,
			`${recallHeader}- [k3f9x2qa7m] decision: Use sql.js — FTS4 with BM25 (files: a.ts, b.ts, c.ts, …) · 2026-11-24 · pinned · claude\n- [b] note: Second · 2026-11-24\n`,
		);
		assert.deepEqual(r.entries.map((e) => e.id), ['k3f9x2qa7m', 'b']);
		assert.equal(r.tokens, estimateTokens(r.markdown));
	});

	it('is empty when nothing fits, and for no entries', () => {
		assert.deepEqual(renderRecall([{ entry: entry('a'), score: 1 }], 10), { markdown: '', tokens: 0, budgetTokens: 10, entries: [] });
		assert.equal(renderRecall([], 1500).markdown, '');
	});

	it('shortens long bodies and skips an entry that cannot fit to make room for a later one', () => {
		const long = entry('long', { title: 'T'.repeat(400) });
		const short = entry('short', { title: 'short one', body: 'b'.repeat(2000) });
		const r = renderRecall([{ entry: long, score: 1 }, { entry: short, score: 0.5 }], 60);
		assert.deepEqual(r.entries.map((e) => e.id), ['short']);
		assert.ok(r.markdown.includes('…'));
		assert.ok(r.tokens <= 60);
	});

	it('never exceeds the budget and never splits a character (randomized)', () => {
		const random = rng(99);
		const alphabet = ['a', 'é', '日', '🙂', ' ', '\n', 'Z', '—'];
		const text = (n: number): string => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
		for (let round = 0; round < 300; round++) {
			const ranked = Array.from({ length: Math.floor(random() * 30) }, (_, i) => ({
				entry: entry(`e${i}`, { title: text(1 + Math.floor(random() * 120)), body: text(Math.floor(random() * 1500)), files: Array.from({ length: Math.floor(random() * 5) }, (_, j) => `src/${text(5)}${j}.ts`), pinned: random() < 0.2 }),
				score: random(),
			}));
			const budget = Math.floor(random() * 800);
			const r = renderRecall(ranked, budget);
			assert.ok(r.tokens <= budget, `round ${round}: ${r.tokens} > ${budget}`);
			assert.equal(r.tokens, estimateTokens(r.markdown));
			assert.doesNotMatch(r.markdown, /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/, 'no lone surrogates');
		}
	});
});
