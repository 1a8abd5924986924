import * as assert from 'node:assert/strict';
import { DEFAULT_FEATURE_CONFIG, featureIds, featureStrings, normaliseText, sentenceTokens, type FeatureConfig } from '../../../../src/core/classifier/features';
import { FNV1A32_OFFSET, fnv1a32 } from '../../../../src/core/classifier/hash';

/** Independent FNV-1a 32-bit over Node's own UTF-8 encoding, to check the incremental code-point version. */
function referenceFnv(text: string): number {
	let h = 0x811c9dc5;
	for (const byte of Buffer.from(text, 'utf8')) {
		h = Math.imul(h ^ byte, 0x01000193) >>> 0;
	}
	return h;
}

const samples = [
	'Fix the crash in auth.ts',
	'Research the latest XSS attack vectors and then fix our auth.ts',
	'',
	'   \n\t ',
	'Héllo wörld 𝄞 naïve café — “quoted” don’t https://example.com/a?b=1 v1.2.3 ok?!',
	'# Title\n\nSome description.\n\n## Steps\n1. **One** - do this\n2. Two: that',
	'TypeError: Cannot read properties of undefined (reading \'map\')\n    at ProjectList (ProjectList.tsx:42:13)',
	'日本語のテキストも大丈夫ですか',
	'x'.repeat(3000),
];

describe('feature hash (FNV-1a 32-bit, UTF-8)', () => {
	it('matches the published FNV-1a test vectors', () => {
		assert.equal(fnv1a32(''), FNV1A32_OFFSET);
		assert.equal(fnv1a32(''), 0x811c9dc5);
		assert.equal(fnv1a32('a'), 0xe40c292c);
		assert.equal(fnv1a32('foobar'), 0xbf9cf968);
	});

	it('hashes multi-byte characters as their UTF-8 bytes', () => {
		for (const s of ['é', '€', '𝄞', 'naïve café', '日本語', 'w fix', 'c <fi']) {
			assert.equal(fnv1a32(s), referenceFnv(s), s);
		}
	});

	it('is pinned for feature strings the shipped model depends on', () => {
		assert.equal(fnv1a32('w fix'), 0xe79e3c05);
		assert.equal(fnv1a32('c <fi'), 0x6db32d73);
		assert.equal(fnv1a32('é'), 0x1e9de8c1);
		assert.equal(fnv1a32('𝄞'), 0x3b79d038);
	});
});

describe('normaliseText', () => {
	it('lower-cases, maps digits to 0, URLs to xurl, curly quotes to straight ones and keeps line breaks', () => {
		assert.equal(normaliseText('Fix  Bug #123 in v2.10'), 'fix bug #0 in v0.0');
		assert.equal(normaliseText('see https://x.y/z?q=1 now'), 'see xurl now');
		assert.equal(normaliseText('don’t `run` it'), "don't run it");
		assert.equal(normaliseText('line one  \n\n  line two'), 'line one\nline two');
	});

	it('applies NFKC and cuts to maxChars', () => {
		assert.equal(normaliseText('ﬁx ①'), 'fix 0');
		assert.equal(normaliseText('abcdefgh', 4), 'abcd');
	});

	it('splits sentences at terminal punctuation and line breaks', () => {
		assert.deepEqual(sentenceTokens(normaliseText('Fix it. Then test it!\nDone? yes: ok')), [['fix', 'it'], ['then', 'test', 'it', '!'], ['done', '?'], ['yes'], ['ok']]);
	});
});

describe('featureIds', () => {
	it('emits word unigrams, bigrams with a start marker, boundary-marked char 3-5-grams, lead words and sentence starts', () => {
		const strings = featureStrings('Fix the crash', { ...DEFAULT_FEATURE_CONFIG, wordNgramWeight: 1 });
		assert.deepEqual(
			strings.filter((s) => !s.startsWith('c ')),
			['w fix', 'w the', 'w crash', 'b <s> fix', 'b fix the', 'b the crash', 'l fix', 'l the', 'l crash', 's fix', 's the', 's crash'],
		);
		const wordBlock = ['w fix', 'w the', 'w crash', 'b <s> fix', 'b fix the', 'b the crash'];
		assert.deepEqual(featureStrings('Fix the crash').slice(0, 6 * DEFAULT_FEATURE_CONFIG.wordNgramWeight), Array.from({ length: DEFAULT_FEATURE_CONFIG.wordNgramWeight }, () => wordBlock).flat());
		assert.deepEqual(
			strings.filter((s) => s.startsWith('c ')).slice(0, 6),
			['c <fi', 'c <fix', 'c <fix>', 'c fix', 'c fix>', 'c ix>'],
		);
	});

	it('equals the hashed feature strings modulo the bucket count, for every sample', () => {
		const variants: FeatureConfig[] = [
			DEFAULT_FEATURE_CONFIG,
			{ ...DEFAULT_FEATURE_CONFIG, buckets: 1000, charNgrams: [2, 4], wordNgrams: [1, 3], wordNgramWeight: 1, leadWords: 2, sentenceStarts: 1 },
			{ ...DEFAULT_FEATURE_CONFIG, buckets: 7, wordNgramWeight: 2, leadWords: 0, sentenceStarts: 0, maxChars: 50 },
		];
		for (const config of variants) {
			for (const text of samples) {
				const expected = featureStrings(text, config).map((s) => fnv1a32(s) % config.buckets);
				assert.deepEqual(Array.from(featureIds(text, config)), expected, text.slice(0, 40));
			}
		}
	});

	it('is deterministic and pinned (a change here breaks the shipped model)', () => {
		const ids = Array.from(featureIds('Fix the crash in auth.ts'));
		assert.deepEqual(ids, Array.from(featureIds('Fix the crash in auth.ts')));
		assert.equal(ids.length, 84);
		assert.deepEqual(ids.slice(0, 12), [15365, 73537, 114165, 75117, 67208, 80707, 38299, 102533, 66041, 106873, 104666, 72906]);
		assert.deepEqual(ids.slice(-3), [104041, 83853, 115185]);
	});

	it('keeps ids inside [0, buckets) and never returns an empty list', () => {
		for (const text of samples) {
			const ids = featureIds(text);
			assert.ok(ids.length > 0);
			assert.ok(ids.every((id) => id >= 0 && id < DEFAULT_FEATURE_CONFIG.buckets));
		}
		assert.deepEqual(Array.from(featureIds('')), Array.from(featureIds('  ...  ')));
	});

	it('ignores text past maxChars', () => {
		const head = 'a'.repeat(DEFAULT_FEATURE_CONFIG.maxChars - 2);
		assert.deepEqual(Array.from(featureIds(`${head} b tail words`)), Array.from(featureIds(`${head} b other ending`)));
	});
});
