import { asArray, asNumber, asRecord, asString } from '../common/json';

/** How serious a finding is. `blocker` and `major` are sent back to the generator; `minor` and `nit` are advice. */
export type FindingSeverity = 'blocker' | 'major' | 'minor' | 'nit';

/** The four severities, most serious first. */
export const FINDING_SEVERITIES: readonly FindingSeverity[] = ['blocker', 'major', 'minor', 'nit'];

/** One reviewer finding. `file` is workspace-relative ('' for a finding about the change as a whole); `line` is 1-based or null. */
export interface ReviewFinding {
	readonly severity: FindingSeverity;
	readonly file: string;
	readonly line: number | null;
	readonly title: string;
	readonly evidence: string;
	readonly fix: string;
}

/** A validated review: the verdict, a one-paragraph summary and the findings in the reviewer's order. */
export interface Review {
	readonly verdict: 'pass' | 'revise';
	readonly summary: string;
	readonly findings: readonly ReviewFinding[];
}

/** What the reviewer looks at: a working-tree diff, a file, a selection, or the generator's latest work. */
export interface ReviewSubject {
	readonly kind: 'diff' | 'file' | 'selection' | 'generated';
	/** Short name for prompts and the UI, e.g. `git diff HEAD` or `src/a.ts:10-24`. */
	readonly label: string;
	/** The text under review (a unified diff, file content, selection, or a description of the generator's work). */
	readonly text: string;
}

/** Result of reading a reviewer's answer: the review, or every problem found (each names the JSON path). */
export type ReviewParse = { readonly ok: true; readonly review: Review } | { readonly ok: false; readonly errors: readonly string[] };

/** True for the severities the generator must fix (blocker, major). */
export function isBlocking(finding: ReviewFinding): boolean {
	return finding.severity === 'blocker' || finding.severity === 'major';
}

const schemaText = `{
  "verdict": "pass" | "revise",
  "summary": string,
  "findings": [
    {
      "severity": "blocker" | "major" | "minor" | "nit",
      "file": string,
      "line": number | null,
      "title": string,
      "evidence": string,
      "fix": string
    }
  ]
}`;

/** The answer-format instructions shared by the review prompt and the retry prompt. */
export const reviewFormatInstructions = [
	'Answer ONLY with one JSON object in a fenced ```json block, no other text, matching exactly this shape:',
	schemaText,
	'Rules:',
	'- severity: "blocker" (wrong or unsafe, must not ship), "major" (must fix before merging), "minor" (should fix), "nit" (style or taste).',
	'- file: the path relative to the workspace root, or "" when the finding is about the change as a whole.',
	'- line: the 1-based line number in the current version of the file, or null when no single line applies.',
	'- evidence: quote the code or describe the behaviour that shows the problem; fix: the concrete change to make.',
	'- verdict: "pass" only when there is no blocker or major finding; otherwise "revise".',
	'- findings may be an empty array.',
].join('\n');

/** Input to {@link buildReviewPrompt}. `round` is 1-based; `task` is what the change is meant to do, when known. */
export interface ReviewPromptInput {
	readonly subject: ReviewSubject;
	readonly round: number;
	readonly task?: string;
}

/** The prompt that asks the reviewer for a structured review of `subject`. The reviewer may read workspace files but must not edit them. */
export function buildReviewPrompt(input: ReviewPromptInput): string {
	const parts = [
		`You are reviewing a code change (review round ${input.round}). Do not edit any file; you may read files in the workspace for context.`,
	];
	if (input.task) {
		parts.push(`The change is meant to do this:\n<task>\n${input.task}\n</task>`);
	}
	parts.push(`What to review (${input.subject.kind}: ${input.subject.label}):\n<change>\n${input.subject.text}\n</change>`);
	parts.push('Look for correctness bugs, security problems, missing error handling, broken tests and unclear code.');
	parts.push(reviewFormatInstructions);
	return parts.join('\n\n');
}

/** The follow-up prompt after a malformed review: quotes every validation error and restates the format. */
export function buildReviewRetryPrompt(errors: readonly string[], previousAnswer: string): string {
	const quoted = previousAnswer.length > 4000 ? `${previousAnswer.slice(0, 4000)}\n…(truncated)` : previousAnswer;
	return [
		`Your previous review could not be read by Baton. Validation errors:\n${errors.map((e) => `- ${e}`).join('\n')}`,
		`Your previous answer was:\n<previous>\n${quoted}\n</previous>`,
		'Send the same review again, corrected.',
		reviewFormatInstructions,
	].join('\n\n');
}

/**
 * Finds the review JSON in a model's answer, tolerantly: fenced ```json blocks first, then other fenced blocks, then
 * bare `{…}` objects in the text. Among parsable objects, the first with a `verdict` or `findings` key wins, else the
 * first object. Returns the parsed value, or a plain-language error when no JSON object is found.
 */
export function extractReviewJson(text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string } {
	const candidates: string[] = [];
	const fence = /```([A-Za-z0-9_-]*)[ \t]*\r?\n([\s\S]*?)```/g;
	const tagged: string[] = [];
	const untagged: string[] = [];
	for (let m = fence.exec(text); m; m = fence.exec(text)) {
		((m[1] ?? '').toLowerCase() === 'json' ? tagged : untagged).push(m[2] ?? '');
	}
	candidates.push(...tagged, ...untagged, ...bareObjects(text));
	let firstObject: unknown;
	let parseError: string | undefined;
	for (const candidate of candidates) {
		let value: unknown;
		try {
			value = JSON.parse(candidate.trim());
		} catch (error) {
			parseError ??= error instanceof Error ? error.message : String(error);
			continue;
		}
		const record = asRecord(value);
		if (!record) continue;
		if ('verdict' in record || 'findings' in record) return { ok: true, value };
		firstObject ??= value;
	}
	if (firstObject !== undefined) return { ok: true, value: firstObject };
	if (parseError) return { ok: false, error: `the answer contains no valid JSON object (JSON parse error: ${parseError})` };
	return { ok: false, error: 'the answer contains no JSON object (expected a fenced ```json block)' };
}

/** Balanced `{…}` spans of `text` (string-aware), outermost first, at most 20. */
function bareObjects(text: string): string[] {
	const spans: string[] = [];
	let i = text.indexOf('{');
	while (i >= 0 && spans.length < 20) {
		const end = matchBrace(text, i);
		if (end < 0) break;
		spans.push(text.slice(i, end + 1));
		i = text.indexOf('{', end + 1);
	}
	return spans;
}

/** Index of the `}` closing the `{` at `start`, or -1. */
function matchBrace(text: string, start: number): number {
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
		} else if (c === '"') inString = true;
		else if (c === '{') depth++;
		else if (c === '}' && --depth === 0) return i;
	}
	return -1;
}

const describe = (value: unknown): string => (value === undefined ? 'nothing' : value === null ? 'null' : Array.isArray(value) ? 'an array' : `${typeof value} ${JSON.stringify(value)?.slice(0, 60) ?? ''}`);

/**
 * Checks a parsed value against the review format, strictly: every field present with its type, severities and verdict
 * from their sets, `line` a positive integer or null, and verdict `pass` only without blocker/major findings. Unknown
 * extra keys are ignored. Errors name the JSON path, e.g. `findings[1].line: expected a positive integer or null, got string "12"`.
 */
export function validateReview(value: unknown): ReviewParse {
	const errors: string[] = [];
	const root = asRecord(value);
	if (!root) return { ok: false, errors: [`review: expected a JSON object, got ${describe(value)}`] };
	const verdict = root['verdict'];
	if (verdict !== 'pass' && verdict !== 'revise') errors.push(`verdict: expected "pass" or "revise", got ${describe(verdict)}`);
	const summary = asString(root['summary']);
	if (summary === undefined) errors.push(`summary: expected a string, got ${describe(root['summary'])}`);
	const list = asArray(root['findings']);
	if (!list) errors.push(`findings: expected an array, got ${describe(root['findings'])}`);
	const findings: ReviewFinding[] = [];
	for (const [index, item] of (list ?? []).entries()) {
		const finding = validateFinding(item, `findings[${index}]`, errors);
		if (finding) findings.push(finding);
	}
	if (verdict === 'pass' && findings.some(isBlocking)) {
		errors.push('verdict: "pass" is not allowed while findings include a blocker or major finding; use "revise"');
	}
	if (errors.length > 0 || (verdict !== 'pass' && verdict !== 'revise') || summary === undefined) return { ok: false, errors };
	return { ok: true, review: { verdict, summary, findings } };
}

function validateFinding(item: unknown, path: string, errors: string[]): ReviewFinding | undefined {
	const f = asRecord(item);
	if (!f) {
		errors.push(`${path}: expected an object, got ${describe(item)}`);
		return undefined;
	}
	const before = errors.length;
	const severity = f['severity'];
	const isSeverity = (s: unknown): s is FindingSeverity => typeof s === 'string' && (FINDING_SEVERITIES as readonly string[]).includes(s);
	if (!isSeverity(severity)) errors.push(`${path}.severity: expected one of "blocker", "major", "minor", "nit", got ${describe(severity)}`);
	const text = (key: 'file' | 'title' | 'evidence' | 'fix', nonEmpty: boolean): string => {
		const v = asString(f[key]);
		if (v === undefined) errors.push(`${path}.${key}: expected a string, got ${describe(f[key])}`);
		else if (nonEmpty && v.trim() === '') errors.push(`${path}.${key}: must not be empty`);
		return v ?? '';
	};
	const file = text('file', false);
	const title = text('title', true);
	const evidence = text('evidence', true);
	const fix = text('fix', true);
	const rawLine = f['line'];
	const line = rawLine === null ? null : asNumber(rawLine);
	if (!('line' in f) || (line !== null && (line === undefined || !Number.isInteger(line) || line < 1))) {
		errors.push(`${path}.line: expected a positive integer or null, got ${describe(rawLine)}`);
	}
	if (errors.length > before || !isSeverity(severity)) return undefined;
	return { severity, file, line: line ?? null, title, evidence, fix };
}

/** Extracts and validates a reviewer's answer in one step (see {@link extractReviewJson} and {@link validateReview}). */
export function parseReview(text: string): ReviewParse {
	const extracted = extractReviewJson(text);
	return extracted.ok ? validateReview(extracted.value) : { ok: false, errors: [extracted.error] };
}
