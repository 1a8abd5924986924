import * as assert from 'node:assert/strict';
import { createEntry, isValidMemoryId, normalizeMemoryPath, patchEntry, reviveEntry } from '../../../../src/core/memory/entries';
import { MemoryError, type NewMemoryEntry } from '../../../../src/core/memory/types';

const invalid = (pattern: RegExp) => (e: unknown) => e instanceof MemoryError && e.code === 'invalid' && pattern.test(e.message);

describe('memory entries', () => {
	it('creates an entry with defaults, trimmed title, normalized paths and tags, redacted text', () => {
		const e = createEntry({ kind: 'finding', title: '  Login\n  fails ', body: 'token=abc\r\nnext', files: ['.\\src\\a.ts', 'src/a.ts', ' ', 'lib//b/'], tags: [' hot fix ', 'hot-fix', 'ghp_0123456789abcdefghijABCDEFGHIJ012345'] }, 'id1', 5);
		assert.deepEqual(e, {
			id: 'id1',
			kind: 'finding',
			title: 'Login fails',
			body: 'token=[REDACTED:secret]\nnext',
			agent: null,
			sessionId: null,
			files: ['src/a.ts', 'lib/b'],
			tags: ['hot-fix', '[REDACTED:github-token]'],
			pinned: false,
			createdAt: 5,
			updatedAt: 5,
			source: 'user',
		});
	});

	it('rejects bad kinds, sources, titles, sizes and ids', () => {
		const base: NewMemoryEntry = { kind: 'note', title: 't' };
		assert.throws(() => createEntry({ ...base, kind: 'idea' as never }, 'a', 1), invalid(/kind must be one of/));
		assert.throws(() => createEntry({ ...base, source: 'web' as never }, 'a', 1), invalid(/source/));
		assert.throws(() => createEntry({ ...base, title: ' \n ' }, 'a', 1), invalid(/title must not be empty/));
		assert.throws(() => createEntry({ ...base, body: 'x'.repeat(100_001) }, 'a', 1), invalid(/body is 100001 characters/));
		assert.throws(() => createEntry({ ...base, files: Array.from({ length: 201 }, (_, i) => `f${i}`) }, 'a', 1), invalid(/files has 201 items/));
		assert.throws(() => createEntry({ ...base, tags: 'x' as never }, 'a', 1), invalid(/tags must be an array/));
		assert.throws(() => createEntry({ ...base, agent: 'a\nb' }, 'a', 1), invalid(/agent/));
		assert.throws(() => createEntry(base, 'bad id', 1), invalid(/invalid id/));
		assert.ok(isValidMemoryId('imp-1.x:y_z') && !isValidMemoryId('-x') && !isValidMemoryId('x'.repeat(65)));
	});

	it('patches fields, keeping id, createdAt and source; never moves updatedAt back', () => {
		const e = createEntry({ kind: 'note', title: 't', source: 'hook', agent: 'claude' }, 'id', 100);
		const p = patchEntry(e, { title: 'new', agent: null, pinned: true }, 200);
		assert.deepEqual([p.title, p.agent, p.pinned, p.createdAt, p.updatedAt, p.source, p.id], ['new', null, true, 100, 200, 'hook', 'id']);
		assert.equal(patchEntry(p, {}, 150).updatedAt, 200);
	});

	it('revives outside entries: ISO or ms times, fallback id, default source', () => {
		const r = reviveEntry({ kind: 'summary', title: 'x', createdAt: '2026-01-02T00:00:00Z' }, 'fb', 9, 'import');
		assert.deepEqual([r.id, r.createdAt, r.updatedAt, r.source], ['fb', Date.parse('2026-01-02T00:00:00Z'), Date.parse('2026-01-02T00:00:00Z'), 'import']);
		const k = reviveEntry({ id: 'keep', kind: 'note', title: 'x', createdAt: 10, updatedAt: 5, source: 'mcp', pinned: true }, 'fb', 9, 'import');
		assert.deepEqual([k.id, k.createdAt, k.updatedAt, k.source, k.pinned], ['keep', 10, 10, 'mcp', true]);
		assert.throws(() => reviveEntry([], 'fb', 1, 'import'), invalid(/JSON object/));
		assert.throws(() => reviveEntry({ kind: 'note', title: 'x', createdAt: 'soon' }, 'fb', 1, 'import'), invalid(/createdAt/));
	});

	it('normalizes paths', () => {
		assert.equal(normalizeMemoryPath(' ./a\\b//c/ '), 'a/b/c');
		assert.equal(normalizeMemoryPath('/'), '/');
	});
});
