import { quota, runVariants, verdict } from './signalVariants';

const googleBody = (quotaId: string, message: string, retryDelay: string): string =>
	JSON.stringify({
		error: {
			code: 429,
			status: 'RESOURCE_EXHAUSTED',
			message,
			details: [
				{ '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId }] },
				{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay },
			],
		},
	});

const rollout = (primary: string, secondary: string): string =>
	[
		'{"timestamp":"2026-11-25T13:00:00.000Z","type":"session_meta","payload":{"id":"x","originator":"codex_exec"}}',
		`{"timestamp":"2026-11-25T13:00:00.000Z","type":"event_msg","payload":{"type":"token_count","info":null,"rate_limits":{"primary":${primary},"secondary":${secondary}}}}`,
		'{"timestamp":"2026-11-25T13:00:01.000Z","type":"event_msg","payload":{"type":"task_complete","error":{"message":"You\'ve hit your usage limit.","codex_error_info":"usage_limit_exceeded"}}}',
	].join('\n');

describe('classifyFailure: Gemini CLI wordings and exit codes', () => {
	runVariants([
		{ title: '"Please retry in 39.5s." → per_minute, now + 39.5 s', text: '[API Error: You exceeded your current quota, please check your plan. Please retry in 39.5s.]', expected: verdict('rate_limited', 'gemini', 'per_minute', '2026-11-25T14:00:39.500Z') },
		{ title: 'RPC body, PerMinute quota with RetryInfo 39s', text: googleBody('GenerateRequestsPerMinutePerProjectPerModel-FreeTier', 'You exceeded your current quota.', '39s'), expected: verdict('rate_limited', 'gemini', 'per_minute', '2026-11-25T14:00:39.000Z') },
		{
			title: 'RPC body, PerDay quota: daily, reset at midnight Pacific (not in 39 s)',
			text: googleBody('GenerateRequestsPerDayPerProjectPerModel-FreeTier', 'You exceeded your current quota.\nPlease retry in 39.5s.', '39s'),
			expected: quota('daily', '2026-11-26T08:00:00.000Z', 'gemini'),
		},
		{ title: 'RPC body with a retry delay over 300 s is a quota with that reset', text: googleBody('SomeQuota', 'You exceeded your current quota.', '3600s'), expected: quota(null, '2026-11-25T15:00:00.000Z', 'gemini') },
		{ title: 'daily quota in summer: midnight Pacific is 07:00 UTC (PDT)', text: '[API Error: You have exhausted your daily quota on this model.]', input: { now: '2026-07-01T12:00:00Z' }, expected: quota('daily', '2026-07-02T07:00:00.000Z', 'gemini') },
		{ title: 'TerminalQuotaError', text: 'TerminalQuotaError: You have exhausted your capacity on this model.', expected: quota(null, null, 'gemini') },
		{
			title: 'Pro → Flash switch notice is a daily quota on Pro',
			text: '[API Error: Resource exhausted]\nPossible quota limitations in place or slow response times detected. Switching to the gemini-2.5-flash model for the rest of this session.',
			expected: quota('daily', '2026-11-26T08:00:00.000Z', 'gemini'),
		},
		{ title: 'exit 173 with quota wording → quota', text: 'You have exhausted your daily quota on this model.', input: { exitCode: 173 }, expected: quota('daily', '2026-11-26T08:00:00.000Z', 'gemini') },
		{ title: 'exit 173 alone → rate_limited (a bare 429 is retryable)', text: '', input: { exitCode: 173 }, expected: verdict('rate_limited', 'gemini') },
		{ title: 'exit 247 alone (503) → rate_limited', text: '', input: { exitCode: 247, agent: 'gemini' }, expected: verdict('rate_limited', 'gemini') },
		{ title: '503 UNAVAILABLE body → rate_limited', text: '{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}', input: { agent: 'gemini' }, expected: verdict('rate_limited', 'gemini') },
		{ title: 'exit 41 → auth', text: '', input: { exitCode: 41 }, expected: verdict('auth_required', 'gemini') },
		{ title: 'invalid auth method (exit 41)', text: 'Invalid auth method selected.', input: { exitCode: 41 }, expected: verdict('auth_required', 'gemini') },
		{ title: 'exit 55 untrusted workspace → other', text: 'Gemini CLI is not running in a trusted directory. To proceed, either use `--skip-trust`, set the `GEMINI_CLI_TRUST_WORKSPACE=true` environment variable, or trust this directory.', input: { exitCode: 55 }, expected: verdict('other', 'gemini') },
		{ title: 'exit 130 → cancelled', text: '', input: { exitCode: 130, agent: 'gemini' }, expected: verdict('cancelled', 'gemini') },
		{ title: 'input token count exceeds the maximum', text: '[API Error: The input token count (1054016) exceeds the maximum number of tokens allowed (1048576).]', expected: verdict('context_too_long', 'gemini') },
		{ title: 'text-mode generic failure (exit 1) → other', text: 'An unexpected critical error occurred:[object Object]', input: { exitCode: 1, agent: 'gemini' }, expected: verdict('other', 'gemini') },
		{ title: 'fetch failed → network', text: 'Error when talking to Gemini API TypeError: fetch failed', input: { exitCode: 1 }, expected: verdict('network', 'gemini') },
	]);
});

describe('classifyFailure: Codex CLI wordings and structures', () => {
	runVariants([
		{ title: 'plus plan, curly apostrophe, "try again at 4:35 PM." (UTC)', text: 'You’ve hit your usage limit. Upgrade to Pro (https://chatgpt.com/explore/pro), visit https://chatgpt.com/settings/usage to purchase more credits or try again at 4:35 PM.', expected: quota('five_hour', '2026-11-25T16:35:00.000Z', 'codex') },
		{ title: 'older build, straight apostrophe', text: 'ERROR: You\'ve hit your usage limit. Upgrade to Plus to continue using Codex (https://chatgpt.com/explore/plus), or try again at 2:29 PM.', expected: quota('five_hour', '2026-11-25T14:29:00.000Z', 'codex') },
		{ title: 'local time in America/New_York: 3:19 PM EST', text: 'You’ve hit your usage limit. To get more access now, send a request to your admin or try again at 3:19 PM.', input: { agent: 'codex', timeZone: 'America/New_York', now: '2026-11-25T17:00:00Z' }, expected: quota('five_hour', '2026-11-25T20:19:00.000Z', 'codex') },
		{ title: '"try again at 12:10 AM." just before midnight → tomorrow', text: 'You’ve hit your usage limit. Try again at 12:10 AM.', input: { now: '2026-11-25T23:50:00Z' }, expected: quota('five_hour', '2026-11-26T00:10:00.000Z', 'codex') },
		{ title: 'a time 3 minutes past is still today (slack)', text: 'You’ve hit your usage limit. Try again at 4:35 PM.', input: { now: '2026-11-25T16:38:00Z' }, expected: quota('five_hour', '2026-11-25T16:35:00.000Z', 'codex') },
		{ title: 'pro plan date form "Nov 28th, 2026 2:19 PM" (America/New_York) → weekly', text: 'You’ve hit your usage limit. Visit https://chatgpt.com/settings/usage to purchase more credits or try again at Nov 28th, 2026 2:19 PM.', input: { timeZone: 'America/New_York' }, expected: quota('weekly', '2026-11-28T19:19:00.000Z', 'codex') },
		{ title: 'no plan "Try again at Nov 26th, 2026 3:19 PM."', text: 'You’ve hit your usage limit. Try again at Nov 26th, 2026 3:19 PM.', expected: quota('weekly', '2026-11-26T15:19:00.000Z', 'codex') },
		{ title: '"try again in 2 days 3 hours 5 minutes"', text: 'You\'ve hit your usage limit. Please try again in 2 days 3 hours 5 minutes.', expected: quota('weekly', '2026-11-27T17:05:00.000Z', 'codex') },
		{ title: '"try again in 3h 20m"', text: 'You\'ve hit your usage limit, try again in 3h 20m', expected: quota('five_hour', '2026-11-25T17:20:00.000Z', 'codex') },
		{
			title: 'usage_limit_reached body with resets_at',
			text: '{"error":{"type":"usage_limit_reached","message":"The usage limit has been reached","plan_type":"plus","resets_at":1795622366,"resets_in_seconds":7166}}',
			expected: quota('five_hour', '2026-11-25T15:59:26.000Z', 'codex'),
		},
		{
			title: 'rollout: the weekly (10080 min) bucket at 100 % decides window and reset',
			text: rollout('{"used_percent":40.0,"window_minutes":300,"resets_at":1795619900}', '{"used_percent":100.0,"window_minutes":10080,"resets_at":1795961900}'),
			expected: quota('weekly', '2026-11-29T14:18:20.000Z', 'codex'),
		},
		{
			title: 'older rollout: resets_in_seconds counts from the line timestamp; 1440 min → daily',
			text: rollout('{"used_percent":100.0,"window_minutes":1440,"resets_in_seconds":7200}', 'null'),
			expected: quota('daily', '2026-11-25T15:00:00.000Z', 'codex'),
		},
		{
			title: 'x-codex headers at 100 %',
			text: 'x-codex-primary-used-percent: 100\nx-codex-primary-window-minutes: 300\nx-codex-primary-reset-at: 1795622366',
			expected: quota('five_hour', '2026-11-25T15:59:26.000Z', 'codex'),
		},
		{ title: 'insufficient_quota', text: 'ERROR: Quota exceeded. Check your plan and billing details.', input: { agent: 'codex' }, expected: quota(null, null, 'codex') },
		{ title: 'transient 429, retries exhausted', text: 'ERROR: exceeded retry limit, last status: 429 Too Many Requests, request id: req_1', expected: verdict('rate_limited', 'codex') },
		{
			title: 'server_is_overloaded inside an otherwise successful stream',
			text: '{"type":"thread.started","thread_id":"t"}\n{"type":"error","message":"Reconnecting... 1/5 (server_is_overloaded: We\'re currently experiencing high demand)"}\n{"type":"turn.completed","usage":{"input_tokens":1,"output_tokens":1}}',
			expected: verdict('rate_limited', 'codex'),
		},
		{ title: 'context window exhausted', text: 'Codex ran out of room in the model\'s context window. Start a new thread or clear earlier history before retrying.', expected: verdict('context_too_long', 'codex') },
		{ title: 'not logged in', text: 'Not logged in', input: { agent: 'codex', exitCode: 1 }, expected: verdict('auth_required', 'codex') },
		{ title: '401 Unauthorized', text: 'ERROR: unexpected status 401 Unauthorized: Missing bearer authentication in header', input: { agent: 'codex' }, expected: verdict('auth_required', 'codex') },
		{ title: 'turn_aborted in a rollout → cancelled', text: '{"timestamp":"2026-11-25T13:00:00.000Z","type":"event_msg","payload":{"type":"turn_aborted","reason":"interrupted"}}', expected: verdict('cancelled', 'codex') },
		{ title: 'stream disconnected → network', text: '{"type":"turn.failed","error":{"message":"stream disconnected before completion: error sending request for url (https://chatgpt.com/backend-api/codex/responses)"}}', expected: verdict('network', 'codex') },
		{ title: 'git repo check → other', text: 'Not inside a trusted directory and --skip-git-repo-check was not specified.', input: { exitCode: 1 }, expected: verdict('other', 'codex') },
	]);
});
