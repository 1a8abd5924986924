import { cleanMessage, evidence, kindSeverity, windowByDistance, type Evidence } from './signalEvidence';
import { classifyMessage } from './signalText';
import type { ClockContext, ResetTime } from './resetTime';
import type { FailureKind, LimitWindow } from './signals';

/** A failure cause named by a machine-readable code; `window: 'by_reset'` infers the window from the reset time. */
export interface CodeVerdict {
	readonly kind: FailureKind;
	readonly window: LimitWindow | 'by_reset' | null;
}

const rate: CodeVerdict = { kind: 'rate_limited', window: null };
const quota: CodeVerdict = { kind: 'quota_exhausted', window: null };
const usage: CodeVerdict = { kind: 'quota_exhausted', window: 'by_reset' };
const auth: CodeVerdict = { kind: 'auth_required', window: null };
const context: CodeVerdict = { kind: 'context_too_long', window: null };

/**
 * Error type / code strings of the three CLIs and their APIs: Claude `error` fields (`rate_limit`,
 * `authentication_failed`, …), Anthropic `error.type`, OpenAI / Codex `error.type|code` and `codex_error_info`,
 * Google RPC `status` and `ErrorInfo.reason`.
 */
const codeVerdicts: Readonly<Record<string, CodeVerdict>> = {
	rate_limit: rate,
	rate_limit_error: rate,
	rate_limit_exceeded: rate,
	ratelimitexceeded: rate,
	overloaded: rate,
	overloaded_error: rate,
	server_is_overloaded: rate,
	server_overloaded: rate,
	slow_down: rate,
	resource_exhausted: rate,
	unavailable: rate,
	model_capacity_exhausted: rate,
	model_capacity_exceeded: rate,
	usage_limit_reached: usage,
	usage_limit_exceeded: usage,
	workspace_owner_usage_limit_reached: usage,
	workspace_member_usage_limit_reached: usage,
	workspace_member_credits_depleted: quota,
	usage_not_included: quota,
	insufficient_quota: quota,
	billing_error: quota,
	insufficient_g1_credits_balance: quota,
	quota_exhausted: { kind: 'quota_exhausted', window: 'daily' },
	authentication_failed: auth,
	authentication_error: auth,
	invalid_api_key: auth,
	unauthorized: auth,
	unauthenticated: auth,
	oauth_org_not_allowed: auth,
	context_length_exceeded: context,
	context_window_exceeded: context,
	max_output_tokens: context,
	request_too_large: context,
};

/** The verdict for an error code string, case-insensitive; null for codes that name no specific cause. */
export function verdictForCode(code: string | undefined): CodeVerdict | null {
	return code === undefined ? null : (codeVerdicts[code.toLowerCase()] ?? null);
}

/** The verdict for an HTTP status: 429/503/529 → rate_limited, 401 → auth, 413 → context, 502/504 → network. */
export function verdictForHttpStatus(status: number | undefined): CodeVerdict | null {
	switch (status) {
		case 429:
		case 503:
		case 529:
			return rate;
		case 401:
			return auth;
		case 413:
			return context;
		case 502:
		case 504:
			return { kind: 'network', window: null };
		default:
			return null;
	}
}

/**
 * The verdict for a Gemini CLI exit code (also used as `error.code` in its stderr JSON): 41 auth, 130 cancelled,
 * 173 (= 429 & 0xFF) and 247 (= 503 & 0xFF) rate_limited, 42/44/52/53/54/55 other. Null for the rest.
 */
export function verdictForGeminiCode(code: number | undefined): CodeVerdict | null {
	switch (code) {
		case 41:
			return auth;
		case 130:
			return { kind: 'cancelled', window: null };
		case 173:
		case 247:
			return rate;
		case 42:
		case 44:
		case 52:
		case 53:
		case 54:
		case 55:
			return { kind: 'other', window: null };
		default:
			return null;
	}
}

/** Plain-language explanations of Gemini CLI's fatal exit codes, used when the output says nothing. */
export const geminiExitMessages: Readonly<Record<number, string>> = {
	41: 'Gemini CLI is not authenticated (exit 41): run `gemini` once to log in, or set GEMINI_API_KEY.',
	42: 'Gemini CLI rejected its input (exit 42).',
	44: 'Gemini CLI sandbox error (exit 44).',
	52: 'Gemini CLI configuration error (exit 52): check ~/.gemini/settings.json.',
	53: 'Gemini CLI reached its session turn limit (exit 53, model.maxSessionTurns).',
	54: 'Gemini CLI tool execution failed (exit 54).',
	55: 'Gemini CLI refused to run in an untrusted folder (exit 55): pass --skip-trust or set GEMINI_CLI_TRUST_WORKSPACE=true.',
};

/** What `decide` combines: codes already read from the object, its human text, a structured reset, and context. */
export interface DecideInput {
	readonly verdicts: readonly (CodeVerdict | null)[];
	readonly text: string;
	readonly reset: ResetTime | null;
	readonly agent: string | null;
	readonly tier: 0 | 1 | 2;
	readonly order: number;
	readonly clock: ClockContext;
	/** Emit an 'other' evidence carrying the text when nothing names a cause (an is_error result, a failed turn). */
	readonly otherWhenUnknown: boolean;
}

function firstLine(text: string): string {
	return text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
}

/**
 * Combines machine-readable verdicts with the wording of the accompanying message: the most severe cause wins
 * (a 429 whose text says "You've hit your session limit" is a quota, not a throttle). A structured reset beats one
 * read from the text; `by_reset` windows and per-minute throttles are resolved against `clock.now`.
 */
export function decide(input: DecideInput): Evidence | null {
	const fromText = input.text.trim() === '' ? null : classifyMessage(input.text, { tier: input.tier, order: input.order, clock: input.clock });
	let chosen: CodeVerdict | null = null;
	for (const verdict of input.verdicts) {
		if (verdict && (chosen === null || kindSeverity[verdict.kind] > kindSeverity[chosen.kind])) {
			chosen = verdict;
		}
	}
	const textWins = fromText !== null && (chosen === null || kindSeverity[fromText.kind] > kindSeverity[chosen.kind] || chosen.kind === 'other');
	const kind = textWins && fromText ? fromText.kind : chosen?.kind;
	if (kind === undefined) {
		return input.otherWhenUnknown ? evidence('other', input.tier, input.order, { agent: input.agent, message: firstLine(input.text) }) : null;
	}
	const sameText = fromText !== null && fromText.kind === kind ? fromText : null;
	const limited = kind === 'rate_limited' || kind === 'quota_exhausted';
	let resetsAt = limited ? (input.reset?.at ?? sameText?.resetsAt ?? null) : null;
	const relative = input.reset ? input.reset.form === 'relative' : (sameText?.resetRelative ?? false);
	let window: LimitWindow | null = null;
	const codeWindow = textWins ? null : (chosen?.window ?? null);
	if (codeWindow === 'by_reset') {
		window = sameText?.window ?? windowByDistance(resetsAt, input.clock.now);
	} else {
		window = codeWindow ?? sameText?.window ?? null;
	}
	if (kind === 'rate_limited' && window === null && relative && resetsAt !== null && resetsAt - input.clock.now <= 300_000) {
		window = 'per_minute';
	}
	if (window === 'daily' && relative && resetsAt !== null && resetsAt - input.clock.now < 300_000) {
		resetsAt = null;
	}
	return evidence(kind, input.tier, input.order, {
		agent: input.agent ?? sameText?.agent ?? null,
		window: limited ? window : null,
		resetsAt,
		resetRelative: relative,
		resetStructured: input.reset !== null && resetsAt === input.reset.at,
		message: sameText?.message ?? cleanMessage(firstLine(input.text)),
	});
}
