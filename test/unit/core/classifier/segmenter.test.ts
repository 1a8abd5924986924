import * as assert from 'node:assert/strict';
import { classificationFromProbabilities, type Classification, type IntentClassifier } from '../../../../src/core/classifier/intentClassifier';
import { KeywordClassifier } from '../../../../src/core/classifier/keywordClassifier';
import { INTENT_LABELS, labelIndex, type IntentLabel } from '../../../../src/core/classifier/labels';
import { DEFAULT_SEGMENTER_OPTIONS, findBoundaries, segment, segmentAsync, type Segment } from '../../../../src/core/classifier/segmenter';

/** A scripted classifier: the label of the first keyword found in the text, with a fixed confidence. */
function scripted(rules: ReadonlyArray<readonly [RegExp, IntentLabel]>, confidence: number): IntentClassifier {
	return {
		classify(text: string): Classification {
			const label = rules.find(([re]) => re.test(text))?.[1] ?? 'implement';
			const rest = (1 - confidence) / (INTENT_LABELS.length - 1);
			return classificationFromProbabilities(INTENT_LABELS.map((_, i) => (i === labelIndex(label) ? confidence : rest)));
		},
	};
}

const labels = (segments: readonly Segment[]): IntentLabel[] => segments.map((s) => s.label);
const keyword = new KeywordClassifier();

describe('segmenter', () => {
	it('splits the XSS example into a research part and a debug part', () => {
		const text = 'Research the latest XSS attack vectors and then fix our auth.ts';
		const parts = segment(text, keyword);
		assert.deepEqual(labels(parts), ['research', 'debug']);
		assert.equal(parts[0]?.text, 'Research the latest XSS attack vectors');
		assert.equal(parts[1]?.text, 'fix our auth.ts');
	});

	it('splits on "; then", ", then", "After that", ". Also" and "and then"', () => {
		const cases: ReadonlyArray<readonly [string, IntentLabel[]]> = [
			['Fix the crash when the config file is empty; then add a regression test for it', ['debug', 'test']],
			['Explain how the retry queue works, then refactor it so only one place schedules retries', ['explain', 'refactor']],
			['Refactor the payment module. After that, update the README with the new API', ['refactor', 'docs']],
			['Implement the CSV export endpoint. Also document it in the API reference.', ['implement', 'docs']],
			['Write unit tests for the date parser and then set up GitHub Actions to run them on every PR', ['test', 'ops']],
		];
		for (const [text, expected] of cases) {
			assert.deepEqual(labels(segment(text, keyword)), expected, text);
		}
	});

	it('returns one segment with the whole-text classification for simple and single-intent multi-sentence prompts', () => {
		for (const text of ['Add a dark mode toggle to the header and make sure the sidebar respects it', 'The export job crashes after 40k rows. It started yesterday. Please fix it.', 'Compare Prisma and Drizzle']) {
			const parts = segment(text, keyword);
			assert.equal(parts.length, 1, text);
			assert.equal(parts[0]?.label, keyword.classify(text).label);
			assert.equal(parts[0]?.text, text.trim());
		}
	});

	it('reports offsets that map each segment back into the original prompt', () => {
		const text = '  Research OAuth device flow best practices, then implement it in login.ts  ';
		for (const s of segment(text, keyword)) {
			assert.equal(text.slice(s.start, s.end), s.text);
		}
	});

	it('does not split when either side is below the threshold or both sides agree', () => {
		const rules = [
			[/research/i, 'research'],
			[/fix/i, 'debug'],
		] as const;
		const text = 'Research the options and then fix the bug';
		assert.deepEqual(labels(segment(text, scripted(rules, 0.9))), ['research', 'debug']);
		assert.equal(segment(text, scripted(rules, 0.3)).length, 1);
		assert.equal(segment('Fix the parser and then fix the lexer', scripted(rules, 0.9)).length, 1);
	});

	it('needs more confidence at a sentence boundary than at an explicit connective', () => {
		const rules = [
			[/research/i, 'research'],
			[/fix/i, 'debug'],
		] as const;
		const between = (DEFAULT_SEGMENTER_OPTIONS.strongThreshold + DEFAULT_SEGMENTER_OPTIONS.weakThreshold) / 2;
		assert.equal(segment('Research the options and then fix the bug', scripted(rules, between)).length, 2);
		assert.equal(segment('Research the options. Fix the bug.', scripted(rules, between)).length, 1);
		assert.equal(segment('Research the options. Fix the bug.', scripted(rules, 0.95)).length, 2);
	});

	it('caps the number of segments', () => {
		const rules = [
			[/research/i, 'research'],
			[/fix/i, 'debug'],
			[/test/i, 'test'],
			[/docs/i, 'docs'],
			[/deploy/i, 'ops'],
		] as const;
		const text = 'Research it, then fix it, then test it, then write docs, then deploy it';
		assert.equal(segment(text, scripted(rules, 0.9), { ...DEFAULT_SEGMENTER_OPTIONS, maxSegments: 3 }).length, 3);
		assert.deepEqual(labels(segment(text, scripted(rules, 0.9))), ['research', 'debug', 'test', 'docs']);
	});

	it('finds connective and sentence boundaries, preferring the explicit connective where they overlap', () => {
		const text = 'Fix the bug. Also add a test; then deploy';
		assert.deepEqual(
			findBoundaries(text).map((b) => [text.slice(b.start, b.end), b.kind]),
			[
				['. Also ', 'strong'],
				['; then ', 'strong'],
			],
		);
		assert.deepEqual(findBoundaries('Compare React and Vue'), []);
		assert.deepEqual(
			findBoundaries('Add a flag and write tests').map((b) => b.kind),
			['weak'],
		);
	});

	it('gives the same result through the async driver', async () => {
		const asyncKeyword = { classify: (t: string): Promise<Classification> => Promise.resolve(keyword.classify(t)) };
		for (const text of ['Research the latest XSS attack vectors and then fix our auth.ts', 'Compare Prisma and Drizzle', '']) {
			assert.deepEqual(await segmentAsync(text, asyncKeyword), segment(text, keyword));
		}
	});
});
