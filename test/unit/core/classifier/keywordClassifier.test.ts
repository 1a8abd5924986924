import * as assert from 'node:assert/strict';
import { KeywordClassifier, keywordPoints, stripPoliteness } from '../../../../src/core/classifier/keywordClassifier';
import { INTENT_LABELS, type IntentLabel } from '../../../../src/core/classifier/labels';

const perLabel: ReadonlyArray<readonly [IntentLabel, string]> = [
	['research', 'Research the latest XSS attack vectors'],
	['research', 'Compare Prisma and Drizzle for a Postgres service, with pros and cons'],
	['research', 'Look up whether CVE-2024-4068 affects our version of braces'],
	['explain', 'Explain how the retry queue works'],
	['explain', 'How does the auth middleware decide whether a request is authenticated?'],
	['explain', 'Walk me through what happens when a user clicks checkout'],
	['implement', 'Implement a CSV export endpoint for invoices'],
	['implement', 'Add support for webhooks with signed payloads'],
	['debug', 'Fix the crash when the config file is empty'],
	['debug', 'TypeError: Cannot read properties of undefined (reading map) at ProjectList'],
	['debug', 'The login page throws a 500 error after deploy'],
	['refactor', 'Refactor the OrderService into smaller classes'],
	['refactor', 'Optimize the report query, it is too slow'],
	['refactor', 'Clean up the utils module and remove dead code'],
	['review', 'Review my changes before I open the PR'],
	['review', 'Do a security audit of the login flow'],
	['test', 'Write unit tests for the date parser'],
	['test', 'Add integration tests for the orders API'],
	['docs', 'Update the README with installation steps'],
	['docs', 'Add docstrings to the analytics package'],
	['ui', 'Center the login card and fix the padding on mobile'],
	['ui', 'Make the sidebar look better in dark mode'],
	['ops', 'Set up GitHub Actions to run lint and tests on every PR'],
	['ops', 'Write a Dockerfile and deploy to Kubernetes'],
];

/** The corpus tie-breaks (data/intents/SOURCES.md). */
const tieBreaks: ReadonlyArray<readonly [IntentLabel, string]> = [
	['ui', 'Fix the button overflow and misaligned icons in the header'],
	['debug', 'Fix the crash when opening the settings modal'],
	['debug', 'Fix the failing test in checkout: the total is computed wrong'],
	['test', 'Fix the failing test, the test itself is wrong and expects the old message'],
	['refactor', 'Optimize the image pipeline'],
	['ops', 'Set up ESLint and Prettier with a pre-commit hook'],
	['ops', 'Set up CI for this repo'],
	['docs', 'Fix typos in the README'],
];

describe('KeywordClassifier', () => {
	const classifier = new KeywordClassifier();

	it('recognises clear requests for every label', () => {
		for (const [label, text] of perLabel) {
			assert.equal(classifier.classify(text).label, label, text);
		}
		assert.deepEqual(new Set(perLabel.map(([l]) => l)), new Set(INTENT_LABELS));
	});

	it('applies the tie-breaks: visual defect → ui, crash → debug, failing test → debug unless the test is wrong, optimize → refactor, CI/lint → ops', () => {
		for (const [label, text] of tieBreaks) {
			assert.equal(classifier.classify(text).label, label, text);
		}
	});

	it('returns probability-like scores that sum to 1 with the label as arg-max', () => {
		const c = classifier.classify('Write unit tests for the parser');
		const total = Object.values(c.scores).reduce((a, b) => a + b, 0);
		assert.ok(Math.abs(total - 1) < 1e-9);
		assert.equal(c.confidence, Math.max(...Object.values(c.scores)));
		assert.equal(c.scores[c.label], c.confidence);
	});

	it('falls back to low-confidence implement when no cue matches', () => {
		const c = classifier.classify('banana');
		assert.equal(c.label, 'implement');
		assert.ok(c.confidence < 0.2);
		assert.equal(keywordPoints('').length, INTENT_LABELS.length);
	});

	it('strips politeness before reading the leading verb', () => {
		assert.equal(stripPoliteness('please can you refactor this'), 'refactor this');
		assert.equal(stripPoliteness('hey, could you explain it'), 'explain it');
		assert.equal(classifier.classify('Could you please explain the retry logic').label, 'explain');
	});
});
