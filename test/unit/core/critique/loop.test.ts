import * as assert from 'node:assert/strict';
import {
	estimateNextRound,
	runCritique,
	stopAfterReview,
	type AgentRunContext,
	type AgentRunner,
	type AgentRunResult,
	type BudgetGate,
	type CritiqueOptions,
	type RoundEstimate,
} from '../../../../src/core/critique/loop';
import { buildRevisePrompt } from '../../../../src/core/critique/prompts';
import type { Review, ReviewFinding } from '../../../../src/core/critique/reviewFormat';

const blocker: ReviewFinding = { severity: 'blocker', file: 'src/a.ts', line: 3, title: 'Off by one', evidence: 'for (i <= n)', fix: 'use i < n' };
const major: ReviewFinding = { severity: 'major', file: 'src/b.ts', line: null, title: 'No error handling', evidence: 'await fetch()', fix: 'wrap in try/catch' };
const minor: ReviewFinding = { severity: 'minor', file: 'src/c.ts', line: 9, title: 'Naming', evidence: 'x1', fix: 'rename' };
const nit: ReviewFinding = { severity: 'nit', file: '', line: null, title: 'Typo', evidence: 'teh', fix: 'the' };
const review = (verdict: Review['verdict'], findings: ReviewFinding[]): Review => ({ verdict, summary: `${verdict} summary`, findings });
const answer = (r: unknown): string => `\`\`\`json\n${JSON.stringify(r)}\n\`\`\``;
const ok = (text: string, tokens = 100): AgentRunResult => ({ text, tokens, ok: true });

interface Call {
	readonly agent: string;
	readonly prompt: string;
	readonly context: AgentRunContext;
}

/** A runner answering from per-role queues; records every call. */
function scripted(generator: AgentRunResult[], reviewer: AgentRunResult[]): AgentRunner & { calls: Call[] } {
	const calls: Call[] = [];
	return {
		calls,
		run: async (agent, prompt, context) => {
			calls.push({ agent, prompt, context });
			const next = (context.role === 'generator' ? generator : reviewer).shift();
			return next ?? { text: 'queue empty', tokens: 0, ok: false, failure: 'queue empty' };
		},
	};
}

const existing = { mode: 'existing', subject: { kind: 'diff', label: 'git diff HEAD', text: '+bad code' } } as const;
const base = (runner: AgentRunner, extra: Partial<CritiqueOptions> = {}): CritiqueOptions => ({ start: existing, generator: 'claude', reviewer: 'gemini', runner, ...extra });

describe('critique loop', () => {
	describe('stop rule', () => {
		it('stops on pass, on no blocking findings, at the round limit, and otherwise goes on', () => {
			assert.equal(stopAfterReview(review('pass', [minor]), 1, 3)?.reason, 'passed');
			assert.equal(stopAfterReview(review('revise', [minor, nit]), 1, 3)?.reason, 'noBlockingFindings');
			assert.equal(stopAfterReview(review('revise', [blocker]), 3, 3)?.reason, 'roundLimit');
			assert.match(stopAfterReview(review('revise', [blocker, major]), 3, 3)?.detail ?? '', /round limit \(3\) with 2 blocker\/major findings open/);
			assert.equal(stopAfterReview(review('revise', [major]), 2, 3), undefined);
		});

		it('passes in existing-change mode after one review, reviewer first', async () => {
			const runner = scripted([], [ok(answer(review('pass', [nit])))]);
			const outcome = await runCritique(base(runner));
			assert.equal(outcome.stopReason, 'passed');
			assert.deepEqual(runner.calls.map((c) => `${c.context.role}:${c.agent}`), ['reviewer:gemini']);
			assert.ok(runner.calls[0]?.prompt.includes('+bad code'));
			assert.deepEqual(outcome.openFindings, [nit]);
			assert.equal(outcome.rounds[0]?.change, undefined);
		});

		it('stops when only minor and nit findings remain', async () => {
			const outcome = await runCritique(base(scripted([], [ok(answer(review('revise', [minor, nit])))])));
			assert.equal(outcome.stopReason, 'noBlockingFindings');
		});

		it('revises until the reviewer passes, recording what changed, was found and was fixed', async () => {
			const runner = scripted(
				[{ ...ok('Fixed the loop bound.', 50), filesChanged: ['src/a.ts'] }],
				[ok(answer(review('revise', [blocker, minor])), 30), ok(answer(review('pass', [minor])), 20)],
			);
			const progress: string[] = [];
			const outcome = await runCritique(base(runner, { onProgress: (p) => progress.push(p.type) }));
			assert.equal(outcome.stopReason, 'passed');
			assert.deepEqual(runner.calls.map((c) => `${c.context.role}:${c.context.round}`), ['reviewer:1', 'generator:2', 'reviewer:2']);
			assert.equal(outcome.rounds.length, 2);
			assert.equal(outcome.rounds[1]?.change?.kind, 'revise');
			assert.deepEqual(outcome.rounds[1]?.change?.addressed, [blocker]);
			assert.deepEqual(outcome.rounds[1]?.resolved, [blocker]);
			assert.deepEqual(outcome.rounds.map((r) => r.tokens), [30, 70]);
			assert.equal(outcome.totalTokens, 100);
			assert.match(outcome.rounds[1]?.review?.subject.text ?? '', /Files changed: src\/a\.ts/);
			assert.deepEqual(progress, ['roundStarted', 'agentStarted', 'roundFinished', 'roundStarted', 'agentStarted', 'agentStarted', 'roundFinished']);
		});

		it('stops at the round limit (default 3) with the blocking findings open', async () => {
			const bad = ok(answer(review('revise', [blocker])));
			const runner = scripted([ok('tried'), ok('tried again')], [bad, bad, bad]);
			const outcome = await runCritique(base(runner));
			assert.equal(outcome.stopReason, 'roundLimit');
			assert.equal(outcome.rounds.length, 3);
			assert.equal(runner.calls.filter((c) => c.context.role === 'generator').length, 2);
			assert.deepEqual(outcome.openFindings, [blocker]);
			assert.deepEqual(outcome.rounds[2]?.resolved, []);
		});

		it('honours a custom round limit', async () => {
			const bad = ok(answer(review('revise', [major])));
			const outcome = await runCritique(base(scripted([], [bad]), { maxRounds: 1 }));
			assert.equal(outcome.stopReason, 'roundLimit');
			assert.equal(outcome.rounds.length, 1);
		});

		it('stops before a round the budget gate refuses, passing the measured estimate', async () => {
			const asked: RoundEstimate[] = [];
			const budget: BudgetGate = {
				allow: (next) => {
					asked.push(next);
					return next.spentTokens + next.estimatedTokens > 1000 ? { ok: false, reason: 'Claude 5-hour window would pass 90%.' } : { ok: true };
				},
			};
			const bad = ok(answer(review('revise', [blocker])), 600);
			const outcome = await runCritique(base(scripted([ok('x', 1)], [bad, bad]), { budget, initialRoundEstimateTokens: 400 }));
			assert.equal(outcome.stopReason, 'budget');
			assert.equal(outcome.stopDetail, 'Claude 5-hour window would pass 90%.');
			assert.deepEqual(asked, [
				{ round: 1, estimatedTokens: 400, spentTokens: 0 },
				{ round: 2, estimatedTokens: 600, spentTokens: 600 },
			]);
			assert.equal(outcome.rounds.length, 1);
			assert.deepEqual(outcome.openFindings, [blocker]);
		});

		it('stops before any run when the budget refuses round 1', async () => {
			const runner = scripted([], []);
			const outcome = await runCritique(base(runner, { budget: { allow: () => ({ ok: false }) } }));
			assert.equal(outcome.stopReason, 'budget');
			assert.match(outcome.stopDetail, /Round 1 \(~\d+ tokens\) would exceed the budget/);
			assert.equal(runner.calls.length, 0);
		});

		it('stops when the generator fails', async () => {
			const runner = scripted([{ text: 'limit', tokens: 0, ok: false, failure: 'session limit, resets 5pm' }], []);
			const outcome = await runCritique({ start: { mode: 'generate', task: 'add a feature' }, generator: 'claude', reviewer: 'codex', runner });
			assert.equal(outcome.stopReason, 'generatorFailed');
			assert.equal(outcome.stopDetail, 'claude failed: session limit, resets 5pm');
			assert.equal(outcome.rounds[0]?.change?.kind, 'generate');
			assert.equal(outcome.rounds[0]?.review, undefined);
		});

		it('stops when the reviewer fails, without a retry', async () => {
			const runner = scripted([], [{ text: '', tokens: 0, ok: false, failure: 'daily quota' }]);
			const outcome = await runCritique(base(runner));
			assert.equal(outcome.stopReason, 'reviewerFailed');
			assert.equal(outcome.stopDetail, 'gemini failed: daily quota');
			assert.equal(runner.calls.length, 1);
		});

		it('stops when cancelled between runs', async () => {
			const signal = { aborted: false };
			const runner: AgentRunner = {
				run: async () => {
					signal.aborted = true;
					return ok(answer(review('revise', [blocker])));
				},
			};
			const outcome = await runCritique(base(runner, { signal }));
			assert.equal(outcome.stopReason, 'cancelled');
			assert.equal(outcome.rounds.length, 1);
		});
	});

	describe('generate mode', () => {
		it('runs the generator on the task first, then reviews the refreshed subject', async () => {
			const runner = scripted([ok('Added it.')], [ok(answer(review('pass', [])))]);
			const outcome = await runCritique({
				start: { mode: 'generate', task: 'add a --verbose flag' },
				generator: 'claude',
				reviewer: 'codex',
				runner,
				refreshSubject: async (round) => ({ kind: 'diff', label: `diff after ${round}`, text: '+--verbose' }),
			});
			assert.equal(outcome.stopReason, 'passed');
			assert.deepEqual(runner.calls.map((c) => c.context.role), ['generator', 'reviewer']);
			assert.ok(runner.calls[0]?.prompt.startsWith('add a --verbose flag'));
			assert.ok(runner.calls[1]?.prompt.includes('+--verbose'));
			assert.ok(runner.calls[1]?.prompt.includes('<task>\nadd a --verbose flag\n</task>'));
		});
	});

	describe('malformed reviews', () => {
		it('retries once with the validation errors and uses the corrected review', async () => {
			const runner = scripted([], [ok('LGTM!', 10), ok(answer(review('pass', [])), 20)]);
			const outcome = await runCritique(base(runner));
			assert.equal(outcome.stopReason, 'passed');
			assert.equal(runner.calls.length, 2);
			const retry = runner.calls[1]?.prompt ?? '';
			assert.ok(retry.includes('Validation errors:\n- the answer contains no JSON object'));
			assert.ok(retry.includes('<previous>\nLGTM!\n</previous>'));
			const step = outcome.rounds[0]?.review;
			assert.equal(step?.prompts.length, 2);
			assert.equal(step?.errors.length, 1);
			assert.equal(outcome.rounds[0]?.tokens, 30);
		});

		it('shows the answer raw when the retry is malformed too', async () => {
			const bad = answer({ verdict: 'maybe', summary: 's', findings: [] });
			const runner = scripted([], [ok('LGTM!'), ok(bad)]);
			const outcome = await runCritique(base(runner));
			assert.equal(outcome.stopReason, 'malformedReview');
			assert.equal(outcome.rawReview, bad);
			assert.match(outcome.stopDetail, /verdict: expected "pass" or "revise", got string "maybe"/);
			assert.equal(runner.calls.length, 2);
			assert.equal(outcome.finalReview, undefined);
		});
	});

	describe('revise prompt', () => {
		it('lists only blocker and major findings with file:line, evidence and fix', () => {
			const prompt = buildRevisePrompt({ review: review('revise', [blocker, minor, major, nit]), reviewer: 'gemini', round: 1, task: 'the task', subject: existing.subject });
			assert.ok(prompt.includes('1. [BLOCKER] src/a.ts:3 — Off by one\n   Evidence: for (i <= n)\n   Suggested fix: use i < n'));
			assert.ok(prompt.includes('2. [MAJOR] src/b.ts — No error handling\n   Evidence: await fetch()\n   Suggested fix: wrap in try/catch'));
			assert.ok(!prompt.includes('Naming') && !prompt.includes('Typo'));
			assert.match(prompt, /found 2 blocking problems in review round 1/);
			assert.ok(prompt.includes('<task>\nthe task\n</task>'));
			assert.ok(prompt.includes('diff git diff HEAD'));
			assert.ok(prompt.includes("Reviewer's summary: revise summary"));
		});
	});

	it('estimates the next round from measured rounds', () => {
		assert.equal(estimateNextRound([], 500), 500);
		assert.equal(estimateNextRound([{ round: 1, resolved: [], tokens: 100 }, { round: 2, resolved: [], tokens: 201 }], 500), 151);
	});
});
