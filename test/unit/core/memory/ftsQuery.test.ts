import * as assert from 'node:assert/strict';
import { ftsMatchExpression, makeSnippet, maxQueryTerms, queryTerms, taskTerms } from '../../../../src/core/memory/ftsQuery';

describe('memory query terms', () => {
	it('tokenizes like the FTS4 simple/porter tokenizer: ASCII alnum runs lower-cased, non-ASCII kept', () => {
		assert.deepEqual(queryTerms('Fix parse_args() in src/cli/args.ts — ÜBER naïve 日本語'), ['fix', 'parse', 'args', 'in', 'src', 'cli', 'ts', '—', 'Über', 'naïve', '日本語']);
		assert.deepEqual(queryTerms('Router ROUTER router'), ['router']);
		assert.deepEqual(queryTerms('a "quoted" OR NEAR -x *'), ['a', 'quoted', 'or', 'near', 'x']);
		assert.equal(queryTerms(Array.from({ length: 50 }, (_, i) => `w${i}`).join(' ')).length, maxQueryTerms);
	});

	it('drops stopwords and single letters from task text', () => {
		assert.deepEqual(taskTerms('Please fix the flaky login test in the CI for issue 42 and a b c'), ['flaky', 'login', 'test', 'ci', 'issue', '42']);
	});

	it('quotes every term so user text cannot inject FTS syntax', () => {
		assert.equal(ftsMatchExpression(['router', 'or', 'near'], 'all'), '"router" "or" "near"');
		assert.equal(ftsMatchExpression(['a', 'b'], 'any'), '"a" OR "b"');
		assert.equal(ftsMatchExpression(['rout'], 'all', true), '"rout*"');
		assert.equal(ftsMatchExpression([], 'all'), null);
	});
});

describe('makeSnippet', () => {
	it('marks matches, including rough stems, and keeps short text whole', () => {
		assert.equal(makeSnippet('The login tests fail', ['testing', 'login']), 'The **login** **tests** fail');
	});

	it('windows long text around the first match with ellipses', () => {
		const text = `${'lorem ipsum '.repeat(40)}the router crashed here ${'dolor sit '.repeat(40)}`;
		const s = makeSnippet(text, ['router'], 80);
		assert.ok(s.startsWith('…') && s.endsWith('…'));
		assert.match(s, /\*\*router\*\*/);
		assert.ok(s.replace(/\*\*/g, '').length <= 82);
	});

	it('falls back to the start of the text without a match', () => {
		assert.equal(makeSnippet('alpha beta', ['zeta']), 'alpha beta');
		assert.equal(makeSnippet('alpha\n\n beta', []), 'alpha beta');
	});
});
