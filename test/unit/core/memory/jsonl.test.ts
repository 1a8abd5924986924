import * as assert from 'node:assert/strict';
import { entriesToJsonl, parseEntriesJsonl } from '../../../../src/core/memory/jsonl';
import { createEntry } from '../../../../src/core/memory/entries';

describe('memory JSONL', () => {
	it('round-trips entries exactly', () => {
		const entries = [createEntry({ kind: 'decision', title: 'a', body: 'multi\nline "quoted"', files: ['x.ts'], tags: ['t'], agent: 'gemini', sessionId: 's', pinned: true, source: 'mcp' }, 'one', 1), createEntry({ kind: 'note', title: 'ünï 🙂' }, 'two', 2)];
		const text = entriesToJsonl(entries);
		assert.equal(text.split('\n').length, 3);
		let n = 0;
		const parsed = parseEntriesJsonl(text, () => `new${n++}`, 99);
		assert.deepEqual(parsed.entries, entries);
		assert.deepEqual(parsed.errors, []);
		assert.equal(entriesToJsonl([]), '');
	});

	it('reports bad lines by number, skips blank lines and a BOM, and refuses duplicate ids', () => {
		const text = '\uFEFF{"kind":"note","title":"first","id":"dup"}\n\n{oops\n{"kind":"note"}\n{"kind":"note","title":"again","id":"dup"}\n  {"kind":"finding","title":"no id"}  \n';
		const parsed = parseEntriesJsonl(text, () => 'generated', 7);
		assert.deepEqual(parsed.entries.map((e) => [e.id, e.title, e.source, e.createdAt]), [['dup', 'first', 'import', 7], ['generated', 'no id', 'import', 7]]);
		assert.deepEqual(parsed.errors.map((e) => e.line), [3, 4, 5]);
		assert.match(parsed.errors[0]?.message ?? '', /not JSON/);
		assert.match(parsed.errors[2]?.message ?? '', /duplicate id 'dup' \(first on line 1\)/);
	});
});
