import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { estimateTokens } from '../../src/core/memory/recall';
import { MemoryError, type MemoryChange } from '../../src/core/memory/types';
import { MemoryStore } from '../../src/infra/memory/memoryStore';
import { sourceStoreOptions, tempDir } from './memory/support';

const secrets = {
	anthropic: 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
	github: 'ghp_0123456789abcdefghijABCDEFGHIJ012345',
	aws: 'AKIAIOSFODNN7EXAMPLE',
	password: 'hunter2hunter2',
};

describe('MemoryStore (worker thread, real database file)', function () {
	this.timeout(30_000);
	let dir: string;
	let cleanup: () => void;
	let store: MemoryStore;
	const changes: MemoryChange[] = [];

	beforeEach(async () => {
		({ dir, cleanup } = tempDir());
		store = await MemoryStore.open(sourceStoreOptions(join(dir, 'memory.sqlite')));
		changes.length = 0;
		store.onChange((c) => changes.push(c));
	});

	afterEach(async () => {
		await store.close();
		cleanup();
	});

	it('opens fresh, then adds, gets, updates, pins, deletes and restores (undo) an entry', async () => {
		assert.equal(store.opened.kind, 'fresh');
		const added = await store.add({ kind: 'decision', title: '  Use   sql.js ', body: 'FTS4 + BM25', files: ['./src\\infra\\memory\\memoryDb.ts'], tags: ['storage'], agent: 'claude', sessionId: 's1' });
		assert.match(added.id, /^[0-9a-z]{10}$/);
		assert.equal(added.title, 'Use sql.js');
		assert.deepEqual(added.files, ['src/infra/memory/memoryDb.ts']);
		assert.equal(added.source, 'user');
		assert.deepEqual(await store.get(added.id), added);
		const updated = await store.update(added.id, { body: 'FTS4 with BM25 over matchinfo', tags: ['storage', 'search'] });
		assert.equal(updated?.body, 'FTS4 with BM25 over matchinfo');
		assert.equal(updated?.createdAt, added.createdAt);
		assert.equal((await store.setPinned(added.id, true))?.pinned, true);
		const deleted = await store.delete(added.id);
		assert.equal(deleted?.pinned, true);
		assert.equal(await store.get(added.id), undefined);
		assert.equal(await store.delete(added.id), undefined);
		assert.equal(await store.update('nope', { title: 'x' }), undefined);
		assert.deepEqual(await store.restore(deleted as NonNullable<typeof deleted>), deleted);
		assert.deepEqual(await store.get(added.id), deleted);
		assert.deepEqual(
			changes.map((c) => c.type),
			['added', 'updated', 'updated', 'deleted', 'added'],
		);
	});

	it('lists by kind, file, session and pinned with paging; counts', async () => {
		for (let i = 0; i < 25; i++) {
			await store.add({ kind: i % 2 ? 'finding' : 'note', title: `entry ${i}`, files: [`src/f${i % 3}.ts`], sessionId: i < 5 ? 'early' : 'late', pinned: i === 7 });
		}
		const page1 = await store.list({ limit: 10 });
		assert.equal(page1.total, 25);
		assert.equal(page1.entries.length, 10);
		assert.equal(page1.entries[0]?.title, 'entry 24');
		assert.equal(page1.nextOffset, 10);
		const last = await store.list({ limit: 10, offset: 20 });
		assert.equal(last.entries.length, 5);
		assert.equal(last.nextOffset, null);
		assert.equal((await store.list({ kind: 'finding' })).total, 12);
		assert.equal((await store.list({ file: 'src/f1.ts' })).total, 8);
		assert.equal((await store.list({ sessionId: 'early', kind: 'note' })).total, 3);
		assert.deepEqual((await store.list({ pinned: true })).entries.map((e) => e.title), ['entry 7']);
		assert.equal(await store.count(), 25);
		assert.equal(await store.count({ kind: 'note' }), 13);
		await assert.rejects(store.list({ kind: 'bogus' as never }), (e: unknown) => e instanceof MemoryError && e.code === 'invalid');
	});

	it('searches with BM25 (title beats body), stemming, any-word fallback, explicit prefix and snippets', async () => {
		const title = await store.add({ kind: 'finding', title: 'Router retries on quota errors', body: 'details elsewhere' });
		const body = await store.add({ kind: 'note', title: 'Misc', body: 'the router is mentioned once in a long body about many other unrelated things and words' });
		await store.add({ kind: 'note', title: 'Unrelated', body: 'nothing to see' });
		const hits = await store.search('router');
		assert.deepEqual(hits.map((h) => h.entry.id), [title.id, body.id]);
		assert.ok((hits[0]?.score ?? 0) > (hits[1]?.score ?? 0));
		assert.match(hits[1]?.snippet ?? '', /\*\*router\*\*/);
		assert.deepEqual((await store.search('retrying')).map((h) => h.entry.id), [title.id], 'porter stemming');
		assert.deepEqual((await store.search('router zebra')).map((h) => h.entry.id), [title.id, body.id], 'falls back to any word');
		assert.deepEqual((await store.search('rout')).map((h) => h.entry.id), []);
		assert.equal((await store.search('rout*')).length, 2);
		assert.equal((await store.search('router', 1)).length, 1);
		assert.deepEqual(await store.search('  -- " OR NEAR ('), await store.search('or near'), 'query syntax is plain words');
		assert.deepEqual(await store.search(''), []);
	});

	it('recalls within any token budget, citing ids, favouring files, pins and text', async () => {
		const pinned = await store.add({ kind: 'decision', title: 'Always run the unit tier before pushing', pinned: true });
		const fileHit = await store.add({ kind: 'finding', title: 'Parser drops the last line', files: ['src/core/agents/parsers/claudeStream.ts'] });
		const textHit = await store.add({ kind: 'critique', title: 'Quota classifier misses Gemini 429', body: 'The quota classifier needs the Gemini retry hint. '.repeat(20) });
		for (let i = 0; i < 150; i++) {
			await store.add({ kind: 'note', title: `quota note ${i} ünïcødé 日本語 ${'🙂'.repeat(i % 5)}`, body: `quota body ${i} `.repeat(i % 40) });
		}
		const full = await store.recall('Fix the quota classifier for Gemini', { files: ['src/core/agents/parsers/claudeStream.ts'] });
		assert.ok(full.tokens <= 1500 && full.tokens === estimateTokens(full.markdown));
		for (const e of [pinned, fileHit, textHit]) {
			assert.ok(full.markdown.includes(`[${e.id}]`), `${e.title} is recalled`);
		}
		assert.equal(full.entries[0]?.id, textHit.id);
		for (let budget = 0; budget <= 700; budget += 7) {
			const r = await store.recall('quota classifier gemini note body', { budgetTokens: budget, files: ['src/core/agents/parsers/other.ts'] });
			assert.ok(r.tokens <= budget, `budget ${budget}: ${r.tokens}`);
			assert.equal(estimateTokens(r.markdown), r.tokens);
		}
		assert.equal((await store.recall('zebra giraffe')).entries.length, 1, 'only the pinned entry');
	});

	it('exports and imports JSONL (ids kept, existing ids skipped, bad lines reported)', async () => {
		await store.add({ kind: 'summary', title: 'Sprint summary', tags: ['sprint'] });
		await store.add({ kind: 'handoff', title: 'Hand-off to gemini', agent: 'claude' });
		const jsonl = await store.exportJsonl();
		assert.equal(jsonl.split('\n').length, 3);
		const other = await MemoryStore.open(sourceStoreOptions(null));
		try {
			assert.equal(other.opened.kind, 'memoryOnly');
			const extra = '{"kind":"note","title":"no id","createdAt":"2026-01-02T03:04:05Z"}\nnot json\n{"kind":"bogus","title":"x"}\n';
			const report = await other.importJsonl(jsonl + extra);
			assert.equal(report.imported, 3);
			assert.deepEqual(report.errors.map((e) => e.line), [4, 5]);
			assert.equal((await other.importJsonl(jsonl)).skipped, 2);
			assert.equal(await other.count(), 3);
			assert.equal((await other.list({ kind: 'note' })).entries[0]?.createdAt, Date.parse('2026-01-02T03:04:05Z'));
			const exported = new Set((await other.exportJsonl()).split('\n'));
			assert.ok(jsonl.split('\n').every((line) => exported.has(line)), 'entries round-trip byte for byte');
		} finally {
			await other.close();
		}
		assert.ok(changes.every((c) => c.type === 'added'));
	});

	it('redacts secrets before they reach the database file or the journal', async () => {
		const e = await store.add({
			kind: 'finding',
			title: `key ${secrets.anthropic}`,
			body: `gh ${secrets.github}, aws ${secrets.aws}, url https://bob:${secrets.password}@example.com/x, password=${secrets.password}`,
			tags: [secrets.github],
		});
		assert.doesNotMatch(JSON.stringify(e), /sk-ant-api03|ghp_0123|AKIAIOSF|hunter2/);
		assert.match(e.body, /https:\/\/bob:\[REDACTED:password\]@example\.com/);
		const journal = readFileSync(join(dir, 'memory.sqlite.journal'), 'latin1');
		assert.ok(journal.includes('[REDACTED:anthropic-key]'));
		await store.flush();
		const bytes = readFileSync(join(dir, 'memory.sqlite'), 'latin1');
		for (const s of Object.values(secrets)) {
			assert.ok(!bytes.includes(s) && !journal.includes(s), `${s.slice(0, 6)}… never stored`);
		}
		assert.deepEqual(await store.search(secrets.aws), []);
	});

	it('forgets the oldest unpinned entries beyond the size cap', async () => {
		const capped = await MemoryStore.open(sourceStoreOptions(join(dir, 'capped.sqlite'), { maxEntries: 10 }));
		const seen: MemoryChange[] = [];
		capped.onChange((c) => seen.push(c));
		try {
			const keep = await capped.add({ kind: 'decision', title: 'oldest but pinned', pinned: true });
			for (let i = 0; i < 14; i++) {
				await capped.add({ kind: 'note', title: `n${i}` });
			}
			assert.equal(await capped.count(), 10);
			assert.ok(await capped.get(keep.id));
			assert.deepEqual((await capped.list({ limit: 100 })).entries.map((e) => e.title).slice(-2), ['n5', 'oldest but pinned']);
			assert.equal(seen.filter((c) => c.type === 'deleted' && c.reason === 'retention').length, 5);
		} finally {
			await capped.close();
		}
	});

	it('shares one file between two stores: the second forwards, sees events, and takes over on close', async () => {
		const second = await MemoryStore.open(sourceStoreOptions(join(dir, 'memory.sqlite')));
		const seen: MemoryChange[] = [];
		second.onChange((c) => seen.push(c));
		try {
			assert.equal(second.opened.kind, 'shared');
			const a = await store.add({ kind: 'note', title: 'from the first window' });
			const b = await second.add({ kind: 'note', title: 'from the second window' });
			assert.equal(await store.count(), 2);
			assert.ok(seen.some((c) => c.type === 'added' && c.entry.id === a.id));
			assert.ok(changes.some((c) => c.type === 'added' && c.entry.id === b.id));
			await store.close();
			await second.add({ kind: 'note', title: 'after the first closed' });
			assert.equal(second.opened.kind, 'loaded');
			assert.ok(seen.some((c) => c.type === 'reloaded'));
			assert.equal(await second.count(), 3);
		} finally {
			await second.close();
		}
		store = await MemoryStore.open(sourceStoreOptions(join(dir, 'memory.sqlite')));
		assert.equal(await store.count(), 3);
	});

	it('rejects bad input and calls after close with typed errors; leaves no stray files', async () => {
		await assert.rejects(store.add({ kind: 'opinion' as never, title: 'x' }), (e: unknown) => e instanceof MemoryError && e.code === 'invalid' && /kind/.test(e.message));
		await assert.rejects(store.add({ kind: 'note', title: '   ' }), /title must not be empty/);
		await assert.rejects(store.add({ kind: 'note', title: 'x'.repeat(501) }), /limit is 500/);
		await store.add({ kind: 'note', title: 'ok' });
		await store.close();
		await assert.rejects(store.count(), (e: unknown) => e instanceof MemoryError && e.code === 'closed');
		assert.deepEqual(readdirSync(dir), ['memory.sqlite']);
		store = await MemoryStore.open(sourceStoreOptions(join(dir, 'memory.sqlite')));
		assert.equal(store.opened.kind, 'loaded');
	});
});
