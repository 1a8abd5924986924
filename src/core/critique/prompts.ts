import { isBlocking, type Review, type ReviewFinding, type ReviewSubject } from './reviewFormat';

/** `file:line`, `file`, or `(general)` for a finding's location. */
export function findingLocation(finding: ReviewFinding): string {
	if (finding.file === '') return '(general)';
	return finding.line === null ? finding.file : `${finding.file}:${finding.line}`;
}

/** The generator's first prompt in generate mode: the task, done by editing workspace files, then a summary. */
export function buildGeneratePrompt(task: string): string {
	return [
		task,
		'Make the change by editing the files in the workspace. When you are done, reply with a short summary of what you changed and in which files.',
	].join('\n\n');
}

/** Input to {@link buildRevisePrompt}. `round` is the 1-based review round whose findings are sent back. */
export interface RevisePromptInput {
	readonly review: Review;
	readonly reviewer: string;
	readonly round: number;
	readonly task?: string;
	/** What was reviewed, named so the generator knows which change the findings refer to. */
	readonly subject?: ReviewSubject;
}

/**
 * The prompt that sends the blocker and major findings back to the generator, each with `file:line`, evidence and the
 * suggested fix. Minor and nit findings are left out (they do not block the loop).
 */
export function buildRevisePrompt(input: RevisePromptInput): string {
	const blocking = input.review.findings.filter(isBlocking);
	const items = blocking.map((f, i) =>
		[`${i + 1}. [${f.severity.toUpperCase()}] ${findingLocation(f)} — ${f.title}`, `   Evidence: ${f.evidence}`, `   Suggested fix: ${f.fix}`].join('\n'),
	);
	const parts = [
		`A code reviewer (${input.reviewer}) found ${blocking.length} blocking problem${blocking.length === 1 ? '' : 's'} in review round ${input.round}. Fix every finding below by editing the files in the workspace. Do not make unrelated changes.`,
	];
	if (input.task) parts.push(`The original task:\n<task>\n${input.task}\n</task>`);
	if (input.subject) parts.push(`The findings refer to: ${input.subject.kind} ${input.subject.label}.`);
	if (input.review.summary) parts.push(`Reviewer's summary: ${input.review.summary}`);
	parts.push(`Findings to fix:\n${items.join('\n')}`);
	parts.push('When you are done, reply with a short summary: for each finding number, what you changed (or why you disagree).');
	return parts.join('\n\n');
}

/** The default review subject after a generator run when no reader of the real change is given: its answer and edited files. */
export function generatedSubject(round: number, text: string, filesChanged: readonly string[]): ReviewSubject {
	const files = filesChanged.length > 0 ? `Files changed: ${filesChanged.join(', ')}\n\n` : '';
	return { kind: 'generated', label: `generator's work before review round ${round}`, text: `${files}The generator reported:\n${text}` };
}
