import { evidence, kindSeverity, windowByDistance, type Evidence } from './signalEvidence';
import { findResetTime, type ClockContext, type ResetTime } from './resetTime';
import type { FailureKind, LimitWindow } from './signals';

/** A wording rule: the first-matching line of a message decides `kind`; `window: 'by_reset'` infers it from the reset. */
interface Rule {
	readonly re: RegExp;
	readonly kind: FailureKind;
	readonly window?: LimitWindow | 'by_reset';
	readonly agent?: string;
}

const you = '(?:you[\'’]ve|you have)';
const rx = (source: string): RegExp => new RegExp(source, 'i');

/** The wordings of the three CLIs (and their APIs) that name a failure cause, checked against every message line. */
const rules: readonly Rule[] = [
	// Usage limits and quotas: waiting for a reset (or paying) is the only cure.
	{ re: rx(`${you} (?:hit|reached) your session limit`), kind: 'quota_exhausted', window: 'five_hour', agent: 'claude' },
	{ re: rx(`${you} (?:hit|reached) your (?:weekly|opus|sonnet|haiku|fable\\b[^·∙\\n]{0,16}?) limit`), kind: 'quota_exhausted', window: 'weekly', agent: 'claude' },
	{ re: rx(`${you} (?:hit|reached) your limit`), kind: 'quota_exhausted', window: 'by_reset', agent: 'claude' },
	{ re: /\b5-hour limit reached/i, kind: 'quota_exhausted', window: 'five_hour', agent: 'claude' },
	{ re: /\b(?:weekly|opus|sonnet) (?:usage )?limit reached/i, kind: 'quota_exhausted', window: 'weekly', agent: 'claude' },
	{ re: /\bClaude (?:AI )?usage limit reached/i, kind: 'quota_exhausted', window: 'five_hour', agent: 'claude' },
	{ re: rx('you[\'’]re out of (?:usage |extra usage )?credits|your org(?:anization)? is out of usage|monthly spend limit|credit balance is too low'), kind: 'quota_exhausted', agent: 'claude' },
	{ re: /hit your usage limit|usage_limit_(?:reached|exceeded)|usage_not_included|credits_depleted|usage limit has been reached/i, kind: 'quota_exhausted', window: 'by_reset', agent: 'codex' },
	{ re: /insufficient_quota|Quota exceeded\. Check your plan and billing/i, kind: 'quota_exhausted', agent: 'codex' },
	{ re: /exhausted your daily quota|daily quota/i, kind: 'quota_exhausted', window: 'daily', agent: 'gemini' },
	{ re: /PerDay|QUOTA_EXHAUSTED/, kind: 'quota_exhausted', window: 'daily', agent: 'gemini' },
	{ re: /Switching to the [\w.-]*flash[\w.-]* model/i, kind: 'quota_exhausted', window: 'daily', agent: 'gemini' },
	{ re: /TerminalQuotaError|INSUFFICIENT_G1_CREDITS_BALANCE|[Qq]uota[^\n]{0,200}\blimit: 0\b/, kind: 'quota_exhausted', agent: 'gemini' },
	// Authentication.
	{ re: /Please run \/login|\/login\b[^\n]{0,20}authenticat|OAuth token (?:has )?(?:expired|revoked)|oauth_org_not_allowed|invalid x-api-key/i, kind: 'auth_required', agent: 'claude' },
	{ re: /Please set an Auth method|Invalid auth method selected|FatalAuthenticationError|GEMINI_API_KEY[^\n]{0,30}not (?:found|set)/i, kind: 'auth_required', agent: 'gemini' },
	{ re: /refresh token|sign in again|log out and sign in|codex login\b/i, kind: 'auth_required', agent: 'codex' },
	{ re: /Not logged in|Invalid API key|authentication_(?:error|failed)|\b401\b[^\n]{0,12}Unauthorized|\bUnauthorized\b|status(?: code)?:? 401\b|\(401\)|"code":\s*401\b|Please (?:log|sign) in\b|login required/i, kind: 'auth_required' },
	// The prompt or conversation no longer fits the model.
	{ re: /prompt is too long|input length and [`']?max_tokens[`']? exceed context limit/i, kind: 'context_too_long', agent: 'claude' },
	{ re: rx('ran out of room in the model[\'’]s context window|context_window_exceeded'), kind: 'context_too_long', agent: 'codex' },
	{ re: /input token count[^\n]{0,40}exceeds the maximum number of tokens|Context window will overflow|exceed the remaining context window/i, kind: 'context_too_long', agent: 'gemini' },
	{ re: /context_length_exceeded|maximum context length|exceeds? (?:the |your |its )?(?:model['’]s )?context (?:window|length|limit)|context (?:window|length) (?:exceeded|is full|overflow)|output token maximum|max_output_tokens|max(?:imum)? tokens exceeded|request_too_large|Request exceeds the maximum size|\b413\b[^\n]{0,20}(?:Payload|Request Entity) Too Large/i, kind: 'context_too_long' },
	// Cancelled by the user or by Baton.
	{ re: /Request was aborted|\bAbortError\b|\[Request interrupted by user[^\]\n]*\]|(?<!connection )\binterrupted\b|\boperation (?:was )?cancell?ed\b|\bcancell?ed by (?:the )?user\b|\bSIGINT\b|\bSIGTERM\b|\bturn aborted\b|(?<!connection )\bAborted\b/i, kind: 'cancelled' },
	// Transient throttling and overload: retry later, or route elsewhere meanwhile.
	{ re: /temporarily limiting requests/i, kind: 'rate_limited', agent: 'claude' },
	{ re: /RESOURCE_EXHAUSTED|RetryableQuotaError|PerMinute|MODEL_CAPACITY_EXHAUSTED|MODEL_CAPACITY_EXCEEDED/, kind: 'rate_limited', agent: 'gemini' },
	{ re: /Resource has been exhausted|No capacity available|exceeded your current quota/i, kind: 'rate_limited', agent: 'gemini' },
	{ re: /last status: 429|server_is_overloaded|server_overloaded|experiencing high demand/i, kind: 'rate_limited', agent: 'codex' },
	{ re: /\(429\)|\b429 Too Many Requests|Too Many Requests|rate_limit_(?:error|exceeded)|rate[ -]limit(?:ed|s)?\b|status(?: code)?:? 429\b|"code":\s*429\b|\bHTTP\/?[\d.]* 429\b|\berror:? 429\b|API Error:? 429\b/i, kind: 'rate_limited' },
	{ re: /overloaded_error|\boverloaded\b|\(529\)|\(503\)|Service Unavailable|status(?: code)?:? 50[3]\b|"code":\s*503\b/i, kind: 'rate_limited' },
	{ re: /\bUNAVAILABLE\b/, kind: 'rate_limited' },
	// The agent could not reach its API.
	{ re: /\b(?:ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ENETDOWN|ECONNABORTED|EPIPE|UND_ERR_[A-Z_]+)\b|fetch failed|socket hang up|getaddrinfo|Unable to connect to API|Connection error|network error|connection (?:refused|reset|closed|timed out)|stream disconnected|error sending request|failed to connect|Could not resolve host|Request timed out|dns error|\b50[24] (?:Bad Gateway|Gateway Time-?out)/i, kind: 'network' },
	// Known failures that are none of the above; kept so the message explains them.
	{ re: /not running in a trusted directory|--skip-trust|GEMINI_CLI_TRUST_WORKSPACE/i, kind: 'other', agent: 'gemini' },
	{ re: /Not inside a trusted directory and --skip-git-repo-check/i, kind: 'other', agent: 'codex' },
	{ re: /Reached maximum number of turns/i, kind: 'other', agent: 'claude' },
];

const maxScan = 8000;
const maxLine = 2000;
const perMinute = /per[ -]?minute|PerMinute/i;
const daily = /PerDay|daily/i;

/** `text` capped for regex scanning: the first `maxScan` characters (messages put the cause first). */
function capped(text: string): string {
	return text.length <= maxScan ? text : text.slice(0, maxScan);
}

/** The best rule match among the lines of `text`: highest severity, then the earliest line. */
function bestMatch(text: string): { rule: Rule; line: string } | null {
	let best: { rule: Rule; line: string } | null = null;
	for (const rawLine of text.split(/\r?\n|\r/)) {
		const line = rawLine.length > maxLine ? rawLine.slice(0, maxLine) : rawLine;
		if (line.trim() === '') {
			continue;
		}
		for (const rule of rules) {
			if ((best === null || kindSeverity[rule.kind] > kindSeverity[best.rule.kind]) && rule.re.test(line)) {
				best = { rule, line };
			}
		}
	}
	return best;
}

/** Options for `classifyMessage`. `resetText` is extra text searched for a reset time when the message has none. */
export interface MessageOptions {
	readonly tier: 0 | 1 | 2;
	readonly order: number;
	readonly clock: ClockContext;
	readonly resetText?: string;
}

/**
 * Classifies one human-readable message (one or more lines) by the CLIs' documented wordings. Returns null when no
 * rule matches. The evidence carries the matching line as `message`, the agent the wording belongs to (or null),
 * the window the wording names, and — for rate limits and quotas — the reset time written in the message.
 */
export function classifyMessage(message: string, options: MessageOptions): Evidence | null {
	const text = capped(message);
	const match = bestMatch(text);
	if (!match) {
		return null;
	}
	const { rule, line } = match;
	const limited = rule.kind === 'rate_limited' || rule.kind === 'quota_exhausted';
	let reset: ResetTime | null = limited ? findResetTime(text, options.clock) : null;
	if (limited && reset === null && options.resetText !== undefined) {
		reset = findResetTime(capped(options.resetText), options.clock);
	}
	let window: LimitWindow | null = rule.window === 'by_reset' ? windowByDistance(reset?.at ?? null, options.clock.now) : (rule.window ?? null);
	if (rule.kind === 'rate_limited' && (perMinute.test(text) || (reset?.form === 'relative' && reset.at - options.clock.now <= 300_000))) {
		window = 'per_minute';
	}
	if (rule.kind === 'quota_exhausted' && window === null && daily.test(text)) {
		window = 'daily';
	}
	if (window === 'daily' && reset?.form === 'relative' && reset.at - options.clock.now < 300_000) {
		reset = null;
	}
	return evidence(rule.kind, options.tier, options.order, {
		agent: rule.agent ?? null,
		window,
		resetsAt: reset?.at ?? null,
		resetRelative: reset?.form === 'relative',
		message: line,
	});
}
