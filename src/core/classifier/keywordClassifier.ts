import { classificationFromProbabilities, type Classification, type IntentClassifier } from './intentClassifier';
import { LABEL_CUES, LEADING_VERBS } from './keywordCues';
import { INTENT_LABELS, labelIndex, type IntentLabel } from './labels';
import { softmax } from './softmax';

const POLITE_PREFIX = /^(please|pls|hey|hi|hello|ok(ay)?|so|now|also|then|quick(ly)?|can you|could you|would you|will you|i need you to|i want you to|i'd like you to|i would like you to|help me|let's|lets|go ahead and|we need to|i need to|we should)\b[\s,:]*/;
const VISUAL = /\b(overflow\w*|padding|margins?|misaligned|alignment|z-index|colou?rs?|dark mode|light mode|spacing|overlap\w*|cut off|truncat\w+|fonts?|looks? (off|wrong|weird|bad|broken)|layout|css|styles?|pixels?|flicker\w*|contrast|blurry|off-center|off-centre)\b/;
const CRASH = /\b(crash\w*|exception|errors?|stack ?trace|traceback|panic\w*|segfault|undefined|null|freez\w*|hangs?|throws?|500)\b/;
const FAILING_TEST = /\b(fix|debug|repair|why)\b.{0,40}\b(failing|broken|red|erroring)\b.{0,20}\b(tests?|specs?|suite)\b|\b(tests?|specs?|suite) (are |is |keeps? )?(failing|broken|red)\b/;
const TEST_ITSELF_WRONG = /\b(tests?|assertions?|expectations?|snapshots?|fixtures?|mocks?) (itself |themselves )?(is|are) (wrong|outdated|incorrect|stale|out of date|bad)\b|\bupdate the (tests?|snapshots?|assertions?|expectations?)\b|\bflaky\b/;
const OPTIMISE = /\b(optimi[sz]\w*|performance|perf|faster|speed up|slow(er)?)\b/;
const CI_LINT = /\b(set ?up|configure|add|enable|fix|wire up|create)\b.{0,40}\b(ci|ci\/cd|github actions?|pipelines?|workflows?|lint(er|ing|s)?|eslint|prettier|pre-commit|husky)\b/;
const DOC_FIX = /\b(fix|correct)\b.{0,30}\b(typos?|readme|docs?|documentation|spelling|grammar)\b/;

/** Points added by the tie-break rules of `data/intents/SOURCES.md` (exported for tests and the model card). */
export const TIE_BREAK_POINTS = 3;

/** Removes leading politeness ("please", "can you", "hey,") so the first word is the request's verb. */
export function stripPoliteness(lower: string): string {
	let text = lower.trim();
	for (let i = 0; i < 4; i++) {
		const next = text.replace(POLITE_PREFIX, '');
		if (next === text) {
			break;
		}
		text = next;
	}
	return text;
}

/** Raw keyword points per label for lower-cased text, before the tie-break rules. Cues in the first 160 characters count 1.5×. */
function cuePoints(lower: string): number[] {
	const points = new Array<number>(INTENT_LABELS.length).fill(0);
	INTENT_LABELS.forEach((label, i) => {
		for (const { pattern, weight } of LABEL_CUES[label]) {
			const m = pattern.exec(lower);
			if (m) {
				points[i] = (points[i] as number) + weight * (m.index < 160 ? 1.5 : 1);
			}
		}
	});
	const firstWord = /^[a-z]+/.exec(stripPoliteness(lower))?.[0] ?? '';
	for (const [pattern, label, weight] of LEADING_VERBS) {
		if (pattern.test(firstWord)) {
			const i = labelIndex(label);
			points[i] = (points[i] as number) + weight;
		}
	}
	return points;
}

function add(points: number[], label: IntentLabel, value: number): void {
	const i = labelIndex(label);
	points[i] = (points[i] as number) + value;
}

/**
 * Applies the corpus tie-breaks: a visual defect without a crash is `ui`, a crash is `debug`; "fix the failing test" is
 * `debug` unless the test itself is wrong (or flaky), then `test`; "optimize"/performance is `refactor`;
 * setting up or fixing CI/lint is `ops`; fixing a typo or the README is `docs`.
 */
function applyTieBreaks(lower: string, points: number[]): void {
	const crash = CRASH.test(lower);
	if (VISUAL.test(lower) && !crash) {
		add(points, 'ui', TIE_BREAK_POINTS);
	} else if (crash) {
		add(points, 'debug', TIE_BREAK_POINTS / 2);
	}
	if (FAILING_TEST.test(lower)) {
		add(points, TEST_ITSELF_WRONG.test(lower) ? 'test' : 'debug', TIE_BREAK_POINTS);
	}
	if (OPTIMISE.test(lower)) {
		add(points, 'refactor', TIE_BREAK_POINTS / 2);
	}
	if (CI_LINT.test(lower)) {
		add(points, 'ops', TIE_BREAK_POINTS);
	}
	if (DOC_FIX.test(lower)) {
		add(points, 'docs', TIE_BREAK_POINTS);
	}
}

/** Points per label for `text` (cues, leading verb, tie-breaks), in {@link INTENT_LABELS} order. */
export function keywordPoints(text: string): number[] {
	const lower = text.toLowerCase().replace(/[\u2018\u2019]/g, "'");
	const points = cuePoints(lower);
	applyTieBreaks(lower, points);
	add(points, 'implement', 0.25);
	return points;
}

/**
 * The keyword/regex baseline and fallback classifier: hand-written cue lists per label plus tie-break rules.
 * Scores are a softmax over the points, so a prompt with no cue at all comes out as low-confidence `implement`.
 * Pure and synchronous; typically a few microseconds per prompt.
 */
export class KeywordClassifier implements IntentClassifier {
	/** Classifies one prompt from its keywords. */
	classify(text: string): Classification {
		return classificationFromProbabilities(softmax(keywordPoints(text)));
	}
}
