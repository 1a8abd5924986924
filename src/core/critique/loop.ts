import { buildGeneratePrompt, buildRevisePrompt, generatedSubject } from './prompts';
import { buildReviewPrompt, buildReviewRetryPrompt, isBlocking, parseReview, type Review, type ReviewFinding, type ReviewSubject } from './reviewFormat';

/** Which part an agent plays in one run: the generator edits the workspace, the reviewer only reads it. */
export type CritiqueRole = 'generator' | 'reviewer';

/** Context of one agent run, so the runner can choose permissions (edit for the generator, read-only for the reviewer). */
export interface AgentRunContext {
	readonly role: CritiqueRole;
	/** 1-based review round the run belongs to. */
	readonly round: number;
}

/** What one agent run produced. `tokens`: all tokens the run used (input + output + cache), 0 when unreported. */
export interface AgentRunResult {
	readonly text: string;
	readonly tokens: number;
	readonly ok: boolean;
	/** Plain-language reason when `ok` is false. */
	readonly failure?: string;
	/** Workspace files the run edited, as the CLI reported them. */
	readonly filesChanged?: readonly string[];
}

/** Runs one prompt on one agent. Implemented over the headless CLIs in `src/infra/critique/critiqueRunner.ts`. Must not reject. */
export interface AgentRunner {
	run(agent: string, prompt: string, context: AgentRunContext): Promise<AgentRunResult>;
}

/** What the loop asks the budget about before each round: that round's estimated tokens and the tokens spent so far. */
export interface RoundEstimate {
	readonly round: number;
	readonly estimatedTokens: number;
	readonly spentTokens: number;
}

/** Decides whether the next round fits the token/quota budget (the quota model implements it). Pure, synchronous. */
export interface BudgetGate {
	allow(next: RoundEstimate): { readonly ok: boolean; readonly reason?: string };
}

/** Why the loop stopped. */
export type CritiqueStopReason =
	| 'passed'
	| 'noBlockingFindings'
	| 'roundLimit'
	| 'budget'
	| 'generatorFailed'
	| 'reviewerFailed'
	| 'malformedReview'
	| 'cancelled';

/** How the loop starts: `generate` runs the generator on a task first; `existing` reviews a given change first. */
export type CritiqueStart =
	| { readonly mode: 'generate'; readonly task: string }
	| { readonly mode: 'existing'; readonly subject: ReviewSubject; readonly task?: string };

/** One generator run: the first generation (`generate`) or a revision sent the previous round's blocking findings. */
export interface GeneratorStep {
	readonly kind: 'generate' | 'revise';
	readonly agent: string;
	readonly prompt: string;
	readonly result: AgentRunResult;
	/** Blocking findings this revision was asked to fix (empty for `generate`). */
	readonly addressed: readonly ReviewFinding[];
}

/** One review, with its retry when the first answer was malformed. `review` is absent when both answers were malformed. */
export interface ReviewStep {
	readonly agent: string;
	readonly subject: ReviewSubject;
	readonly prompts: readonly string[];
	readonly results: readonly AgentRunResult[];
	readonly review?: Review;
	/** Validation errors of each malformed answer, in order. */
	readonly errors: readonly (readonly string[])[];
	/** The last answer as the reviewer wrote it (shown raw when it could not be read). */
	readonly rawText: string;
}

/** The record of one round: what changed (generator step), what was found (review), what was fixed, and the tokens used. */
export interface CritiqueRound {
	/** 1-based. */
	readonly round: number;
	readonly change?: GeneratorStep;
	readonly review?: ReviewStep;
	/** Blocking findings of the previous round that this round's review no longer reports (matched by file and title). */
	readonly resolved: readonly ReviewFinding[];
	readonly tokens: number;
}

/** The final outcome: why it stopped (with plain-language detail), every round, and the findings still open. */
export interface CritiqueOutcome {
	readonly generator: string;
	readonly reviewer: string;
	readonly stopReason: CritiqueStopReason;
	readonly stopDetail: string;
	readonly rounds: readonly CritiqueRound[];
	/** The last review that could be read, if any. */
	readonly finalReview?: Review;
	/** Findings of the final review (all severities), for diagnostics at file:line. */
	readonly openFindings: readonly ReviewFinding[];
	/** The unreadable reviewer answer when the loop stopped on `malformedReview`. */
	readonly rawReview?: string;
	readonly totalTokens: number;
}

/** Progress notices for the UI, emitted as the loop runs. */
export type CritiqueProgress =
	| { readonly type: 'roundStarted'; readonly round: number }
	| { readonly type: 'agentStarted'; readonly role: CritiqueRole; readonly agent: string; readonly round: number; readonly retry: boolean }
	| { readonly type: 'roundFinished'; readonly record: CritiqueRound };

/** Everything the loop needs. Defaults: `maxRounds` 3; `initialRoundEstimateTokens` ≈ prompt characters / 4 × 3 + 2000. */
export interface CritiqueOptions {
	readonly start: CritiqueStart;
	readonly generator: string;
	readonly reviewer: string;
	readonly runner: AgentRunner;
	/** Most reviews the loop runs (a round is an optional generator run followed by one review). At least 1. */
	readonly maxRounds?: number;
	readonly budget?: BudgetGate;
	/** Estimated tokens of round 1, before any round has been measured. */
	readonly initialRoundEstimateTokens?: number;
	/** Reads the change to review after a generator run (e.g. the working-tree diff); defaults to the generator's own report. */
	readonly refreshSubject?: (round: number, change: GeneratorStep) => Promise<ReviewSubject>;
	readonly onProgress?: (progress: CritiqueProgress) => void;
	/** Checked between agent runs; when aborted the loop stops with `cancelled`. */
	readonly signal?: { readonly aborted: boolean };
}

/** The stop rule after a readable review: pass verdict, no blocker/major left, or the round limit; undefined to go on. */
export function stopAfterReview(review: Review, round: number, maxRounds: number): { readonly reason: CritiqueStopReason; readonly detail: string } | undefined {
	if (review.verdict === 'pass') return { reason: 'passed', detail: `The reviewer passed the change in round ${round}.` };
	const blocking = review.findings.filter(isBlocking).length;
	if (blocking === 0) return { reason: 'noBlockingFindings', detail: `No blocker or major findings remain after round ${round}.` };
	if (round >= maxRounds) return { reason: 'roundLimit', detail: `Stopped at the round limit (${maxRounds}) with ${blocking} blocker/major finding${blocking === 1 ? '' : 's'} open.` };
	return undefined;
}

/** The next round's token estimate: the mean of measured rounds, or the initial estimate before any. */
export function estimateNextRound(rounds: readonly CritiqueRound[], initial: number): number {
	if (rounds.length === 0) return initial;
	return Math.ceil(rounds.reduce((sum, r) => sum + r.tokens, 0) / rounds.length);
}

const findingKey = (f: ReviewFinding): string => `${f.file}\u0000${f.title.trim().toLowerCase()}`;

/** Blocking findings of `before` that `after` does not report again (same file and title). */
export function resolvedFindings(before: Review | undefined, after: Review | undefined): ReviewFinding[] {
	if (!before || !after) return [];
	const still = new Set(after.findings.map(findingKey));
	return before.findings.filter((f) => isBlocking(f) && !still.has(findingKey(f)));
}

/**
 * Runs the critique loop to its end. Each round: (budget check) → generator run (generate mode's first round, or a
 * revision with the previous review's blocker/major findings) → review, retried once with the validation errors when
 * malformed → stop rule. Never rejects unless the runner or a callback throws.
 */
export async function runCritique(options: CritiqueOptions): Promise<CritiqueOutcome> {
	const { start, runner, generator, reviewer } = options;
	const maxRounds = Math.max(1, Math.floor(options.maxRounds ?? 3));
	const task = start.task;
	const startText = start.mode === 'generate' ? start.task : `${start.task ?? ''}${start.subject.text}`;
	const initialEstimate = options.initialRoundEstimateTokens ?? Math.ceil(startText.length / 4) * 3 + 2000;
	const rounds: CritiqueRound[] = [];
	let subject: ReviewSubject | undefined = start.mode === 'existing' ? start.subject : undefined;
	let lastReview: Review | undefined;
	let spent = 0;
	const finish = (reason: CritiqueStopReason, detail: string, rawReview?: string): CritiqueOutcome => ({
		generator,
		reviewer,
		stopReason: reason,
		stopDetail: detail,
		rounds,
		...(lastReview ? { finalReview: lastReview } : {}),
		openFindings: lastReview?.findings ?? [],
		...(rawReview !== undefined ? { rawReview } : {}),
		totalTokens: spent,
	});
	const cancelled = (): boolean => options.signal?.aborted === true;
	const record = (r: CritiqueRound): void => {
		rounds.push(r);
		spent += r.tokens;
		options.onProgress?.({ type: 'roundFinished', record: r });
	};

	for (let round = 1; round <= maxRounds; round++) {
		if (cancelled()) return finish('cancelled', 'The critique loop was cancelled.');
		const estimate = estimateNextRound(rounds, initialEstimate);
		const gate = options.budget?.allow({ round, estimatedTokens: estimate, spentTokens: spent });
		if (gate && !gate.ok) return finish('budget', gate.reason ?? `Round ${round} (~${estimate} tokens) would exceed the budget.`);
		options.onProgress?.({ type: 'roundStarted', round });

		let change: GeneratorStep | undefined;
		if (round > 1 || start.mode === 'generate') {
			const kind = round === 1 ? 'generate' : 'revise';
			const addressed = lastReview?.findings.filter(isBlocking) ?? [];
			const prompt =
				kind === 'generate'
					? buildGeneratePrompt(start.task ?? '')
					: buildRevisePrompt({ review: lastReview ?? { verdict: 'revise', summary: '', findings: [] }, reviewer, round: round - 1, ...(task ? { task } : {}), ...(subject ? { subject } : {}) });
			options.onProgress?.({ type: 'agentStarted', role: 'generator', agent: generator, round, retry: false });
			const result = await runner.run(generator, prompt, { role: 'generator', round });
			change = { kind, agent: generator, prompt, result, addressed: kind === 'revise' ? addressed : [] };
			if (!result.ok) {
				record({ round, change, resolved: [], tokens: result.tokens });
				return finish('generatorFailed', `${generator} failed: ${result.failure ?? result.text}`);
			}
			if (cancelled()) {
				record({ round, change, resolved: [], tokens: result.tokens });
				return finish('cancelled', 'The critique loop was cancelled.');
			}
			subject = options.refreshSubject ? await options.refreshSubject(round, change) : generatedSubject(round, result.text, result.filesChanged ?? []);
		}
		const reviewSubject = subject ?? generatedSubject(round, '', []);
		const step = await reviewOnce(options, reviewSubject, round);
		const tokens = (change?.result.tokens ?? 0) + step.results.reduce((sum, r) => sum + r.tokens, 0);
		const failed = step.results.find((r) => !r.ok);
		const resolved = resolvedFindings(lastReview, step.review);
		record({ round, ...(change ? { change } : {}), review: step, resolved, tokens });
		if (failed) return finish('reviewerFailed', `${reviewer} failed: ${failed.failure ?? failed.text}`);
		if (!step.review) {
			return finish('malformedReview', `The review could not be read after one retry: ${(step.errors.at(-1) ?? []).join('; ')}`, step.rawText);
		}
		lastReview = step.review;
		const stop = stopAfterReview(step.review, round, maxRounds);
		if (stop) return finish(stop.reason, stop.detail);
	}
	return finish('roundLimit', `Stopped at the round limit (${maxRounds}).`);
}

/** One review with at most one retry quoting the validation errors. */
async function reviewOnce(options: CritiqueOptions, subject: ReviewSubject, round: number): Promise<ReviewStep> {
	const { reviewer, runner } = options;
	const prompts: string[] = [buildReviewPrompt({ subject, round, ...(options.start.task ? { task: options.start.task } : {}) })];
	const results: AgentRunResult[] = [];
	const errors: (readonly string[])[] = [];
	for (let attempt = 0; attempt < 2; attempt++) {
		const prompt = prompts[attempt] ?? '';
		options.onProgress?.({ type: 'agentStarted', role: 'reviewer', agent: reviewer, round, retry: attempt > 0 });
		const result = await runner.run(reviewer, prompt, { role: 'reviewer', round });
		results.push(result);
		if (!result.ok) break;
		const parsed = parseReview(result.text);
		if (parsed.ok) return { agent: reviewer, subject, prompts, results, review: parsed.review, errors, rawText: result.text };
		errors.push(parsed.errors);
		if (attempt === 0) prompts.push(buildReviewRetryPrompt(parsed.errors, result.text));
	}
	return { agent: reviewer, subject, prompts, results, errors, rawText: results.at(-1)?.text ?? '' };
}
