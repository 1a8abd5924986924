import type { AsyncIntentClassifier, Classification, IntentClassifier } from './intentClassifier';
import type { IntentLabel } from './labels';

/** One part of a prompt with its own intent; `start`/`end` are UTF-16 offsets of `text` in the original prompt. */
export interface Segment {
	readonly text: string;
	readonly label: IntentLabel;
	readonly confidence: number;
	readonly start: number;
	readonly end: number;
}

/**
 * Split thresholds. A split is accepted only when both sides classify differently and the lower of the two
 * confidences reaches the threshold for the boundary's kind; each side needs at least `minWords` words.
 * - `strong`: explicit connectives ("and then", ", then", "after that", ", also", ";", "finally", "— and", …)
 * - `weak`: sentence boundaries, line breaks, bare "then", and "and" followed by an imperative verb.
 */
export interface SegmenterOptions {
	readonly strongThreshold: number;
	readonly weakThreshold: number;
	readonly minWords: number;
	readonly maxSegments: number;
}

/** Defaults chosen on the training corpus's held-out split (see media/models/INTENT.md). */
export const DEFAULT_SEGMENTER_OPTIONS: SegmenterOptions = { strongThreshold: 0.5, weakThreshold: 0.75, minWords: 2, maxSegments: 4 };

/** A candidate boundary: the characters [start, end) are the connective (dropped from both segments). */
export interface Boundary {
	readonly start: number;
	readonly end: number;
	readonly kind: 'strong' | 'weak';
}

const MAX_BOUNDARIES = 16;
const VERBS =
	'add|fix|write|update|make|create|implement|refactor|document|test|review|explain|deploy|set|remove|delete|move|rename|run|check|research|look|find|clean|optimi[sz]e|simplify|migrate|build|bump|change|improve|use|replace|introduce|support|convert|style|configure|debug|investigate|compare|summari[sz]e|describe|tell|show|audit|cover|extract|split|speed|reduce|publish|release|ship|open|give|list';

const STRONG = new RegExp(
	[
		"\\s*(?:[,;.!?]\\s*|\\s)(?:and then|and also|and after that|after that|afterwards|after this|once (?:that's|that is|this is|it's) done|when (?:that's|you're) done|then|also|finally|additionally|plus)\\b[,:]?\\s+",
		'\\s*;\\s*',
		'\\s+\\+\\s+',
		'\\s*[—–]\\s*and\\s+',
	].join('|'),
	'gi',
);
const WEAK = new RegExp(`(?<=[.!?])\\s+(?=\\S)|\\s*\\n+\\s*|\\s+then\\s+|,?\\s+and\\s+(?=(?:${VERBS})\\b)`, 'gi');

function matches(pattern: RegExp, text: string, kind: Boundary['kind']): Boundary[] {
	const out: Boundary[] = [];
	for (const m of text.matchAll(pattern)) {
		const start = m.index ?? 0;
		if (m[0].length > 0) {
			out.push({ start, end: start + m[0].length, kind });
		}
	}
	return out;
}

/** Candidate boundaries of `text`, in order, non-overlapping (a strong match wins over an overlapping weak one), at most 16. */
export function findBoundaries(text: string): Boundary[] {
	const all = [...matches(STRONG, text, 'strong'), ...matches(WEAK, text, 'weak')].sort(
		(a, b) => a.start - b.start || (a.kind === b.kind ? b.end - a.end : a.kind === 'strong' ? -1 : 1),
	);
	const out: Boundary[] = [];
	for (const b of all) {
		const last = out[out.length - 1];
		if (last && b.start < last.end) {
			if (b.kind === 'strong' && last.kind === 'weak') {
				out[out.length - 1] = { start: Math.min(last.start, b.start), end: Math.max(last.end, b.end), kind: 'strong' };
			}
			continue;
		}
		if (b.start > 0 && b.end < text.length) {
			out.push(b);
		}
	}
	return out.slice(0, MAX_BOUNDARIES);
}

const TRIM = /^[\s,;:+—–-]+|[\s,;:+—–-]+$/g;
const words = (s: string): number => s.split(/\s+/).filter((w) => /\w/.test(w)).length;

/** A span [start, end) of the prompt, trimmed of spaces and dangling connective punctuation. */
function span(text: string, start: number, end: number): { text: string; start: number; end: number } {
	const raw = text.slice(start, end);
	const lead = raw.length - raw.replace(/^[\s,;:+—–-]+/, '').length;
	const trimmed = raw.replace(TRIM, '');
	return { text: trimmed, start: start + lead, end: start + lead + trimmed.length };
}

type Plan = Generator<readonly string[], Segment[], readonly Classification[]>;

function* splitSpan(text: string, start: number, end: number, bounds: readonly Boundary[], options: SegmenterOptions, budget: number): Plan {
	const whole = span(text, start, end);
	const inside = budget >= 2 ? bounds.filter((b) => b.start > start && b.end < end) : [];
	const sides = inside.map((b) => [span(text, start, b.start), span(text, b.end, end)] as const);
	const results = yield [whole.text, ...sides.flatMap(([l, r]) => [l.text, r.text])];
	const wholeClass = results[0] as Classification;
	let best = -1;
	let bestScore = -1;
	inside.forEach((b, i) => {
		const [l, r] = sides[i] as readonly [{ text: string }, { text: string }];
		const lc = results[1 + 2 * i] as Classification;
		const rc = results[2 + 2 * i] as Classification;
		const score = Math.min(lc.confidence, rc.confidence);
		const threshold = b.kind === 'strong' ? options.strongThreshold : options.weakThreshold;
		const longEnough = words(l.text) >= options.minWords && words(r.text) >= options.minWords;
		if (lc.label !== rc.label && longEnough && score >= threshold && score > bestScore) {
			best = i;
			bestScore = score;
		}
	});
	const chosen = inside[best];
	if (!chosen) {
		return [{ ...whole, label: wholeClass.label, confidence: wholeClass.confidence }];
	}
	const left = yield* splitSpan(text, start, chosen.start, bounds, options, budget - 1);
	const right = yield* splitSpan(text, chosen.end, end, bounds, options, budget - left.length);
	return mergeSameLabel(text, [...left, ...right]);
}

/** Joins neighbouring segments that ended up with the same label (keeping the lower confidence). */
function mergeSameLabel(text: string, segments: readonly Segment[]): Segment[] {
	const out: Segment[] = [];
	for (const s of segments) {
		const last = out[out.length - 1];
		if (last && last.label === s.label) {
			out[out.length - 1] = { text: text.slice(last.start, s.end), label: s.label, confidence: Math.min(last.confidence, s.confidence), start: last.start, end: s.end };
		} else {
			out.push(s);
		}
	}
	return out;
}

function plan(text: string, options: SegmenterOptions): Plan {
	return splitSpan(text, 0, text.length, findBoundaries(text), options, options.maxSegments);
}

/**
 * Splits a compound prompt into parts with different intents, e.g. "Research the latest XSS attack vectors and then
 * fix our auth.ts" → [research, debug]. Tries each candidate boundary, keeps the one whose two sides classify
 * differently with the highest minimum confidence (if it clears the threshold), and recurses into both sides.
 * A simple prompt comes back as one segment covering the whole (trimmed) text with the whole-text classification.
 * Costs 1 + 2k classifications per level for k candidate boundaries (k ≤ 16).
 */
export function segment(text: string, classifier: IntentClassifier, options: SegmenterOptions = DEFAULT_SEGMENTER_OPTIONS): Segment[] {
	const steps = plan(text, options);
	let next = steps.next([]);
	while (!next.done) {
		next = steps.next(next.value.map((t) => classifier.classify(t)));
	}
	return next.value;
}

/** {@link segment} for an asynchronous classifier (e.g. the ONNX model); classifications run one after another. */
export async function segmentAsync(text: string, classifier: AsyncIntentClassifier, options: SegmenterOptions = DEFAULT_SEGMENTER_OPTIONS): Promise<Segment[]> {
	const steps = plan(text, options);
	let next = steps.next([]);
	while (!next.done) {
		const batch: Classification[] = [];
		for (const t of next.value) {
			batch.push(await classifier.classify(t));
		}
		next = steps.next(batch);
	}
	return next.value;
}
