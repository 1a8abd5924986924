import { samplesDir } from '../../../support/samples';
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyFailure, type FailureSignal, type SignalInput } from '../../../../src/core/agents/signals';

const samples = samplesDir;
const sample = (path: string): string => readFileSync(join(samples, path), 'utf8');
const now = new Date('2026-11-25T14:00:00Z');

function classify(text: string, extra: Partial<SignalInput> = {}): FailureSignal {
	return classifyFailure({ text, now, timeZone: 'UTC', ...extra });
}

type Expected = Pick<FailureSignal, 'kind' | 'agent' | 'window' | 'resetsAt'> & { message?: string | RegExp };

function check(actual: FailureSignal, expected: Expected): void {
	const { message, ...rest } = expected;
	assert.deepEqual({ kind: actual.kind, agent: actual.agent, window: actual.window, resetsAt: actual.resetsAt }, rest);
	if (message instanceof RegExp) {
		assert.match(actual.message, message);
	} else if (message !== undefined) {
		assert.equal(actual.message, message);
	}
	assert.ok(actual.message.length <= 500);
}

describe('classifyFailure on the recorded CLI samples', () => {
	before(function () {
		if (!existsSync(samples)) {
			throw new Error(`samples not found at ${samples}`);
		}
	});

	describe('Claude Code', () => {
		it('API-key 429 (print json) is a per-minute rate limit', () => {
			check(classify(sample('claude/print-json-429.json'), { exitCode: 1 }), { kind: 'rate_limited', agent: 'claude', window: 'per_minute', resetsAt: null, message: /^API Error: Request rejected \(429\)/ });
		});

		it('API-key 429 after api_retry events (stream-json) is a rate limit', () => {
			check(classify(sample('claude/stream-json-api-429-with-retries.jsonl'), { exitCode: 1 }), { kind: 'rate_limited', agent: 'claude', window: 'per_minute', resetsAt: null });
		});

		it('API-key 429 in the transcript is a rate limit', () => {
			check(classify(sample('claude/transcript-api-429.jsonl')), { kind: 'rate_limited', agent: 'claude', window: 'per_minute', resetsAt: null });
		});

		it('subscriber session limit (print json) resolves "resets 4:21pm (UTC)"', () => {
			check(classify(sample('claude/print-json-unified429.json'), { exitCode: 1 }), {
				kind: 'quota_exhausted',
				agent: 'claude',
				window: 'five_hour',
				resetsAt: '2026-11-25T16:21:00.000Z',
				message: 'You\'ve hit your session limit · resets 4:21pm (UTC)',
			});
		});

		it('subscriber weekly limit (print json) converts "11:21am (America/New_York)" from EST', () => {
			check(classify(sample('claude/print-json-weekly429.json'), { exitCode: 1 }), { kind: 'quota_exhausted', agent: 'claude', window: 'weekly', resetsAt: '2026-11-25T16:21:00.000Z' });
		});

		it('session limit stream: the rate_limit_event epoch beats the minute-rounded text', () => {
			check(classify(sample('claude/stream-json-subscription-session-limit.jsonl'), { exitCode: 1 }), {
				kind: 'quota_exhausted',
				agent: 'claude',
				window: 'five_hour',
				resetsAt: '2026-11-25T15:59:26.000Z',
				message: 'You\'ve hit your session limit · resets 3:59pm (UTC)',
			});
		});

		it('weekly limit stream: seven_day → weekly, epoch reset', () => {
			check(classify(sample('claude/stream-json-subscription-weekly-limit.jsonl'), { exitCode: 1 }), {
				kind: 'quota_exhausted',
				agent: 'claude',
				window: 'weekly',
				resetsAt: '2026-11-25T15:59:34.000Z',
				message: /Europe\/Berlin/,
			});
		});

		it('session limit in the transcript (text only) resolves the clock time', () => {
			check(classify(sample('claude/transcript-subscription-session-limit.jsonl')), { kind: 'quota_exhausted', agent: 'claude', window: 'five_hour', resetsAt: '2026-11-25T15:59:00.000Z' });
		});

		it('StopFailure hook input is a session quota', () => {
			check(classify(sample('claude/hook-input/StopFailure.json')), { kind: 'quota_exhausted', agent: 'claude', window: 'five_hour', resetsAt: '2026-11-25T16:21:00.000Z' });
		});

		it('not logged in (print json) needs auth', () => {
			check(classify(sample('claude/print-json-notloggedin.json'), { exitCode: 1 }), { kind: 'auth_required', agent: 'claude', window: null, resetsAt: null, message: 'Not logged in · Please run /login' });
		});

		it('max turns is other, with its message', () => {
			check(classify(sample('claude/print-json-maxturns.json'), { exitCode: 1 }), { kind: 'other', agent: 'claude', window: null, resetsAt: null, message: 'Reached maximum number of turns (1)' });
		});

		it('an allowed_warning rate_limit_event is not a failure', () => {
			check(classify(sample('claude/stream-json-subscription-warning.jsonl')), { kind: 'other', agent: 'claude', window: null, resetsAt: null, message: '' });
		});
	});

	describe('Gemini CLI', () => {
		it('daily quota stderr JSON (exit 173) → daily, reset at the next midnight Pacific', () => {
			check(classify(sample('gemini/json-error-daily-quota-429.stderr.json'), { exitCode: 173 }), {
				kind: 'quota_exhausted',
				agent: 'gemini',
				window: 'daily',
				resetsAt: '2026-11-26T08:00:00.000Z',
				message: 'You have exhausted your daily quota on this model.',
			});
		});

		it('the last JSON block of stderr wins over the "Attempt n failed" lines before it', () => {
			const stderr = `Attempt 1 failed: You exceeded your current quota. Retrying after 1200ms...\nAttempt 2 failed: Resource has been exhausted. Retrying after 2400ms...\n${sample('gemini/json-error-daily-quota-429.stderr.json')}`;
			check(classify(stderr, { exitCode: 173 }), { kind: 'quota_exhausted', agent: 'gemini', window: 'daily', resetsAt: '2026-11-26T08:00:00.000Z' });
		});

		it('daily quota in stream-json (exit 173)', () => {
			check(classify(sample('gemini/stream-json-daily-quota-429.jsonl'), { exitCode: 173 }), { kind: 'quota_exhausted', agent: 'gemini', window: 'daily', resetsAt: '2026-11-26T08:00:00.000Z' });
		});

		it('auth stderr JSON (code 41) needs auth', () => {
			check(classify(sample('gemini/json-error-auth-41.stderr.json'), { exitCode: 41 }), { kind: 'auth_required', agent: 'gemini', window: null, resetsAt: null, message: /^Please set an Auth method/ });
		});

		it('retryable 429 after 10 attempts: "Suggested retry after 2s" → per_minute, now + 2 s', () => {
			check(classify(sample('gemini/stream-json-retryable-429-after-10-attempts.jsonl'), { exitCode: 173 }), { kind: 'rate_limited', agent: 'gemini', window: 'per_minute', resetsAt: '2026-11-25T14:00:02.000Z' });
		});

		it('capacity 429 is a rate limit without a window', () => {
			check(classify(sample('gemini/stream-json-capacity-429.jsonl'), { exitCode: 173 }), { kind: 'rate_limited', agent: 'gemini', window: null, resetsAt: null, message: /No capacity available/ });
		});

		it('503 after retries (exit 247) is a rate limit (server overloaded), not network', () => {
			check(classify(sample('gemini/stream-json-503-after-retries.jsonl'), { exitCode: 247 }), { kind: 'rate_limited', agent: 'gemini', window: null, resetsAt: null, message: /overloaded/ });
		});
	});

	describe('Codex CLI', () => {
		it('usage limit with a curly apostrophe: "try again at 4:35 PM." in UTC is 2 h 35 min away → five_hour', () => {
			check(classify(sample('codex/exec-json-usage-limit.jsonl'), { exitCode: 1 }), { kind: 'quota_exhausted', agent: 'codex', window: 'five_hour', resetsAt: '2026-11-25T16:35:00.000Z', message: /^You’ve hit your usage limit/ });
		});

		it('the same message read in America/New_York is 7 h 35 min away → weekly', () => {
			check(classify(sample('codex/exec-json-usage-limit.jsonl'), { exitCode: 1, timeZone: 'America/New_York' }), { kind: 'quota_exhausted', agent: 'codex', window: 'weekly', resetsAt: '2026-11-25T21:35:00.000Z' });
		});

		it('rollout: the exhausted bucket (300 min, resets_at) beats the text', () => {
			check(classify(sample('codex/rollout-usage-limit.jsonl')), { kind: 'quota_exhausted', agent: 'codex', window: 'five_hour', resetsAt: '2026-11-25T15:18:20.000Z' });
		});

		it('429 retry exhausted is a rate limit', () => {
			check(classify(sample('codex/exec-json-429-retry-exhausted.jsonl'), { exitCode: 1 }), { kind: 'rate_limited', agent: 'codex', window: null, resetsAt: null, message: /exceeded retry limit, last status: 429/ });
		});

		it('insufficient_quota is a quota without a reset', () => {
			check(classify(sample('codex/exec-json-insufficient-quota.jsonl'), { exitCode: 1 }), { kind: 'quota_exhausted', agent: 'codex', window: null, resetsAt: null, message: 'Quota exceeded. Check your plan and billing details.' });
		});
	});

	it('successful runs and non-output samples classify as other with an empty message', () => {
		const files = [
			'claude/print-json-success.json',
			'claude/stream-json-tool-success.jsonl',
			'claude/stream-json-permission-denied.jsonl',
			'claude/stream-json-subscription-allowed.jsonl',
			'claude/stream-json-include-partial-messages.jsonl',
			'claude/transcript-tool-session.jsonl',
			'gemini/json-success.json',
			'gemini/stream-json-success.jsonl',
			'gemini/stream-json-tool-yolo.jsonl',
			'codex/exec-json-success.jsonl',
			'codex/exec-json-with-hook-warnings.jsonl',
			'codex/rollout-success.jsonl',
		];
		for (const file of files) {
			const result = classify(sample(file));
			assert.equal(result.kind, 'other', file);
			assert.equal(result.message, '', file);
			assert.equal(result.resetsAt, null, file);
		}
	});

	it('infers the agent from JSON shapes and lets a hint override it', () => {
		assert.equal(classify(sample('gemini/stream-json-success.jsonl')).agent, 'gemini');
		assert.equal(classify(sample('codex/exec-json-success.jsonl')).agent, 'codex');
		assert.equal(classify(sample('claude/stream-json-tool-success.jsonl')).agent, 'claude');
		assert.equal(classify(sample('codex/exec-json-usage-limit.jsonl'), { agent: 'claude' }).agent, 'claude');
	});

	describe('decisions and messages', () => {
		it('exit 55 alone explains the untrusted folder; with stderr, the stderr line is the message', () => {
			check(classify('', { exitCode: 55 }), { kind: 'other', agent: 'gemini', window: null, resetsAt: null, message: /untrusted folder \(exit 55\): pass --skip-trust/ });
			const line = 'Gemini CLI is not running in a trusted directory. To proceed, either use `--skip-trust`, set the `GEMINI_CLI_TRUST_WORKSPACE=true` environment variable, or trust this directory.';
			check(classify(`\u001b[31m${line}\u001b[0m`, { exitCode: 55 }), { kind: 'other', agent: 'gemini', window: null, resetsAt: null, message: line });
		});

		it('exit 130 (SIGINT) outranks transient api_retry 429s, but not a quota', () => {
			const retries = '{"type":"system","subtype":"api_retry","attempt":1,"error_status":429,"error":"rate_limit"}';
			check(classify(retries, { exitCode: 130 }), { kind: 'cancelled', agent: 'claude', window: null, resetsAt: null });
			check(classify(sample('claude/stream-json-subscription-session-limit.jsonl'), { exitCode: 130 }), { kind: 'quota_exhausted', agent: 'claude', window: 'five_hour', resetsAt: '2026-11-25T15:59:26.000Z' });
		});

		it('an unknown failure keeps the last stderr line as its message, cut to 500 characters', () => {
			check(classify(`starting\nsomething odd happened ${'x'.repeat(600)}`, { exitCode: 1 }), { kind: 'other', agent: null, window: null, resetsAt: null });
			assert.equal(classify(`starting\nsomething odd happened ${'x'.repeat(600)}`, { exitCode: 1 }).message.length, 500);
			assert.equal(classify('starting\nsomething odd happened', { exitCode: 1 }).message, 'something odd happened');
		});

		it('a Gemini stream-json warning event (with a timestamp) is not taken for Codex', () => {
			assert.equal(classify('{"type":"error","timestamp":"2026-11-25T14:00:00Z","severity":"warning","message":"Loop detected"}').agent, null);
		});

		it('an invalid zone falls back to UTC and an invalid now to the current time, without throwing', () => {
			check(classify('You\'ve hit your session limit · resets 4:21pm', { timeZone: 'Nowhere/Town' }), { kind: 'quota_exhausted', agent: 'claude', window: 'five_hour', resetsAt: '2026-11-25T16:21:00.000Z' });
			assert.equal(classify('Not logged in · Please run /login', { now: new Date(Number.NaN) }).kind, 'auth_required');
		});
	});

	it('reads stdout and stderr mixed together', () => {
		const mixed = `${sample('gemini/stream-json-daily-quota-429.jsonl')}\n(node:123) Warning: something\n${sample('gemini/json-error-daily-quota-429.stderr.json')}`;
		check(classify(mixed, { exitCode: 173 }), { kind: 'quota_exhausted', agent: 'gemini', window: 'daily', resetsAt: '2026-11-26T08:00:00.000Z' });
	});
});
