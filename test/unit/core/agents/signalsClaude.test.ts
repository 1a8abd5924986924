import type { FailureSignal } from '../../../../src/core/agents/signals';
import { quota, runVariants, verdict, type Variant } from './signalVariants';

const q = (window: FailureSignal['window'], resetsAt: string | null): Variant['expected'] => quota(window, resetsAt, 'claude');
const k = (kind: FailureSignal['kind'], agent: string | null = 'claude', window: FailureSignal['window'] = null, resetsAt: string | null = null): Variant['expected'] =>
	verdict(kind, agent, window, resetsAt);

describe('classifyFailure: Claude Code wordings', () => {
	runVariants([
		{ title: 'session limit, straight apostrophe', text: 'You\'ve hit your session limit · resets 4:21pm (UTC)', expected: q('five_hour', '2026-11-25T16:21:00.000Z') },
		{ title: 'session limit, curly apostrophe (U+2019)', text: 'You’ve hit your session limit · resets 4:21pm (UTC)', expected: q('five_hour', '2026-11-25T16:21:00.000Z') },
		{ title: 'session limit past midnight rolls to tomorrow', text: 'You\'ve hit your session limit · resets 1am (UTC)', input: { now: '2026-11-25T22:30:00Z' }, expected: q('five_hour', '2026-11-26T01:00:00.000Z') },
		{ title: 'weekly limit in America/New_York, winter (EST, UTC−5)', text: 'You\'ve hit your weekly limit · resets 11:21am (America/New_York)', expected: q('weekly', '2026-11-25T16:21:00.000Z') },
		{ title: 'weekly limit in America/New_York, summer (EDT, UTC−4)', text: 'You\'ve hit your weekly limit · resets 11:21am (America/New_York)', input: { now: '2026-07-01T12:00:00Z' }, expected: q('weekly', '2026-07-01T15:21:00.000Z') },
		{ title: 'DST fall-back day: 11:21am on 1 Nov 2026 is already EST', text: 'You\'ve hit your weekly limit · resets 11:21am (America/New_York)', input: { now: '2026-11-01T04:30:00Z' }, expected: q('weekly', '2026-11-01T16:21:00.000Z') },
		{ title: 'DST spring-forward day: 3:30am on 8 Mar 2026 is EDT', text: 'You\'ve hit your session limit · resets 3:30am (America/New_York)', input: { now: '2026-03-08T05:00:00Z' }, expected: q('five_hour', '2026-03-08T07:30:00.000Z') },
		{ title: 'reset more than 24 h away: "Nov 28, 3pm (UTC)"', text: 'You\'ve hit your weekly limit · resets Nov 28, 3pm (UTC)', expected: q('weekly', '2026-11-28T15:00:00.000Z') },
		{ title: 'date form across the new year: "Jan 2, 9:30am" read on 30 Dec', text: 'You\'ve hit your weekly limit · resets Jan 2, 9:30am (Europe/Berlin)', input: { now: '2026-12-30T10:00:00Z' }, expected: q('weekly', '2027-01-02T08:30:00.000Z') },
		{ title: 'Opus limit → weekly', text: 'You\'ve hit your Opus limit · resets Nov 28, 3pm (UTC)', expected: q('weekly', '2026-11-28T15:00:00.000Z') },
		{ title: 'Sonnet limit → weekly', text: 'You\'ve hit your Sonnet limit · resets 4:21pm (UTC)', expected: q('weekly', '2026-11-25T16:21:00.000Z') },
		{ title: 'Fable 5 limit → weekly', text: 'You\'ve hit your Fable 5 limit · resets Nov 30, 9am (UTC)', expected: q('weekly', '2026-11-30T09:00:00.000Z') },
		{ title: 'generic "hit your limit" 3 h away → five_hour', text: 'You\'ve hit your limit · resets 5pm (UTC)', expected: q('five_hour', '2026-11-25T17:00:00.000Z') },
		{ title: 'legacy "5-hour limit reached ∙ resets 5am" (no zone → input zone)', text: '5-hour limit reached ∙ resets 5am', input: { timeZone: 'America/Los_Angeles' }, expected: q('five_hour', '2026-11-26T13:00:00.000Z') },
		{ title: 'legacy "resets 5am" without zone in UTC rolls to tomorrow', text: 'Claude usage limit reached. 5-hour limit reached ∙ resets 5am', expected: q('five_hour', '2026-11-26T05:00:00.000Z') },
		{ title: 'legacy "Claude AI usage limit reached|<epoch>"', text: 'Claude AI usage limit reached|1795622366', expected: q('five_hour', '2026-11-25T15:59:26.000Z') },
		{ title: 'out of usage credits', text: 'You\'re out of usage credits · resets Dec 1, 12am (UTC)', expected: q(null, '2026-12-01T00:00:00.000Z') },
		{ title: 'org out of usage', text: 'Your org is out of usage · add funds to continue', expected: q(null, null) },
		{ title: 'org monthly spend limit', text: 'You\'ve hit your org\'s monthly spend limit · ask an admin', expected: q(null, null) },
		{ title: 'API credit balance too low', text: 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.', expected: q(null, null) },
		{ title: 'API-key 429 "Request rejected (429)"', text: 'API Error: Request rejected (429) · This request would exceed the rate limit for your organization of 50,000 input tokens per minute.', expected: k('rate_limited', 'claude', 'per_minute') },
		{ title: 'subscriber 429 without unified headers', text: 'API Error: Server is temporarily limiting requests (not your usage limit) · Rate limited', expected: k('rate_limited') },
		{ title: '529 overloaded with the API error body', text: 'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', expected: k('rate_limited') },
		{ title: 'usage warning is not a failure', text: 'You\'ve used 93% of your session limit · resets 4:21pm (UTC)', input: { agent: 'claude' }, expected: k('other') },
		{ title: 'approaching weekly limit is not a failure', text: 'Approaching weekly limit', input: { agent: 'claude' }, expected: k('other') },
		{ title: 'not logged in', text: 'Not logged in · Please run /login', input: { exitCode: 1 }, expected: k('auth_required') },
		{ title: 'invalid API key', text: 'Invalid API key · Please run /login', expected: k('auth_required') },
		{ title: '401 authentication_error body', text: 'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}', expected: k('auth_required') },
		{ title: 'expired OAuth token', text: 'API Error: 401 · OAuth token has expired. Please obtain a new token or refresh your existing token.', expected: k('auth_required') },
		{ title: 'prompt is too long', text: 'Prompt is too long', expected: k('context_too_long') },
		{ title: 'API 400 prompt too long body', text: 'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 216327 tokens > 200000 maximum"}}', expected: k('context_too_long') },
		{ title: 'input length and max_tokens exceed context limit', text: 'API Error: input length and `max_tokens` exceed context limit: 197000 + 8192 > 200000', expected: k('context_too_long') },
		{ title: 'output token maximum', text: 'API Error: Claude\'s response exceeded the 32000 output token maximum.', expected: k('context_too_long') },
		{ title: 'request aborted', text: 'Request was aborted.', input: { agent: 'claude' }, expected: k('cancelled') },
		{ title: 'interrupted by user', text: '[Request interrupted by user]', input: { agent: 'claude' }, expected: k('cancelled') },
		{ title: 'exit 130 alone', text: '', input: { exitCode: 130, agent: 'claude' }, expected: k('cancelled') },
		{ title: 'connection error', text: 'API Error: Connection error.', input: { agent: 'claude' }, expected: k('network') },
		{ title: 'unable to connect (ECONNREFUSED)', text: 'API Error: Unable to connect to API (ECONNREFUSED)', expected: k('network', null) },
		{ title: 'ENOTFOUND', text: 'Error: getaddrinfo ENOTFOUND api.anthropic.com', expected: k('network') },
		{ title: 'socket hang up', text: 'Error: socket hang up', input: { agent: 'claude' }, expected: k('network') },
		{ title: 'ECONNRESET', text: 'read ECONNRESET', input: { agent: 'claude' }, expected: k('network') },
		{ title: 'a connection that was interrupted is network, not a cancel', text: 'API Error: Connection error (connection interrupted)', input: { agent: 'claude' }, expected: k('network') },
	]);

	describe('structured Claude signals', () => {
		runVariants([
			{
				title: 'rate_limit_event rejected seven_day_opus → weekly with epoch reset',
				text: '{"type":"rate_limit_event","rate_limit_info":{"status":"rejected","resetsAt":1795961890,"rateLimitType":"seven_day_opus"}}',
				expected: q('weekly', '2026-11-29T14:18:10.000Z'),
			},
			{ title: 'StopFailure authentication_failed', text: '{"hook_event_name":"StopFailure","error":"authentication_failed","last_assistant_message":"Invalid API key · Please run /login"}', expected: k('auth_required') },
			{ title: 'StopFailure overloaded', text: '{"hook_event_name":"StopFailure","error":"overloaded","last_assistant_message":"API Error: Repeated 529 Overloaded errors"}', expected: k('rate_limited') },
			{ title: 'StopFailure billing_error', text: '{"hook_event_name":"StopFailure","error":"billing_error"}', expected: q(null, null) },
			{ title: 'StopFailure max_output_tokens', text: '{"hook_event_name":"StopFailure","error":"max_output_tokens"}', expected: k('context_too_long') },
			{ title: 'result with api_error_status 401', text: '{"type":"result","subtype":"success","is_error":true,"api_error_status":401,"result":"Failed to authenticate. API Error: 401","total_cost_usd":0}', expected: k('auth_required') },
			{ title: 'api_retry 529 events, then a successful result, is a rate limit', text: '{"type":"system","subtype":"api_retry","attempt":1,"error_status":529,"error":"overloaded"}\n{"type":"result","is_error":false,"result":"ok","total_cost_usd":0}', expected: k('rate_limited') },
			{
				title: 'unified headers: rejected, five_hour claim, epoch reset',
				text: 'anthropic-ratelimit-unified-status: rejected\nanthropic-ratelimit-unified-representative-claim: five_hour\nanthropic-ratelimit-unified-reset: 1795622366',
				expected: q('five_hour', '2026-11-25T15:59:26.000Z'),
			},
			{
				title: 'standard headers: tokens remaining 0 with an RFC 3339 reset',
				text: 'HTTP/1.1 429 Too Many Requests\nanthropic-ratelimit-tokens-remaining: 0\nanthropic-ratelimit-tokens-reset: 2026-11-25T14:00:30Z\nretry-after: 30',
				expected: k('rate_limited', 'claude', 'per_minute', '2026-11-25T14:00:30.000Z'),
			},
			{
				title: 'a 429 with only retry-after gets now + retry-after',
				text: 'API Error: Request rejected (429) · slow down\nretry-after: 45',
				expected: k('rate_limited', 'claude', null, '2026-11-25T14:00:45.000Z'),
			},
		]);
	});
});
