import type { FailureKind, LimitWindow } from './signals';

/**
 * One clue about why an agent run failed, found in a JSON object, a message string, a text line or the exit
 * code. `tier` ranks the source: 2 = machine-readable fields (status codes, `rate_limit_event`,
 * `codex_error_info`, error types), 1 = a human message inside a JSON error field, 0 = plain text or exit code.
 * `resetsAt` is epoch ms. `order` is the position in the input (later = larger), used to break ties.
 */
export interface Evidence {
	readonly kind: FailureKind;
	readonly agent: string | null;
	readonly window: LimitWindow | null;
	readonly resetsAt: number | null;
	/** True when the reset came from a relative duration (`retry in 39s`), not a clock time or epoch. */
	readonly resetRelative: boolean;
	/** True when the reset came from a machine-readable field (epoch `resetsAt`, RetryInfo, a header), not wording. */
	readonly resetStructured: boolean;
	readonly message: string;
	readonly tier: 0 | 1 | 2;
	readonly order: number;
}

/** A usage bucket reported by Codex (rollout `rate_limits.primary|secondary`, `x-codex-*` headers). */
export interface UsageBucket {
	readonly usedPercent: number | null;
	readonly windowMinutes: number | null;
	/** Epoch ms, or null when unknown. */
	readonly resetsAt: number | null;
}

/** How much a kind matters when clues disagree: a quota outranks a transient 429, which outranks a network blip. */
export const kindSeverity: Readonly<Record<FailureKind, number>> = {
	quota_exhausted: 6,
	auth_required: 5,
	context_too_long: 4,
	cancelled: 3,
	rate_limited: 2,
	network: 1,
	other: 0,
};

/** Longest `message` kept, in characters. */
export const maxMessageLength = 500;

/** `text` trimmed and cut to `maxMessageLength` characters. */
export function cleanMessage(text: string): string {
	const trimmed = text.trim();
	return trimmed.length <= maxMessageLength ? trimmed : trimmed.slice(0, maxMessageLength).trimEnd();
}

/** True when `a` should decide over `b`: a real kind beats 'other', then higher tier, severity, later position. */
export function outranks(a: Evidence, b: Evidence): boolean {
	const realA = a.kind !== 'other' ? 1 : 0;
	const realB = b.kind !== 'other' ? 1 : 0;
	if (realA !== realB) {
		return realA > realB;
	}
	if (a.tier !== b.tier) {
		return a.tier > b.tier;
	}
	if (kindSeverity[a.kind] !== kindSeverity[b.kind]) {
		return kindSeverity[a.kind] > kindSeverity[b.kind];
	}
	return a.order >= b.order;
}

/** The window of a Codex bucket length in minutes: 300 → five_hour, 1440 → daily, 10080 → weekly, 1 → per_minute. */
export function windowFromMinutes(minutes: number | null): LimitWindow | null {
	if (minutes === null || !Number.isFinite(minutes)) {
		return null;
	}
	if (minutes <= 1) {
		return 'per_minute';
	}
	if (minutes >= 240 && minutes <= 360) {
		return 'five_hour';
	}
	if (minutes >= 1380 && minutes <= 1500) {
		return 'daily';
	}
	return minutes >= 9000 && minutes <= 11000 ? 'weekly' : null;
}

/** Claude `rateLimitType` / unified `representative-claim` → window: five_hour → five_hour, seven_day* → weekly. */
export function windowFromClaudeType(type: string | undefined): LimitWindow | null {
	if (type === undefined) {
		return null;
	}
	if (type === 'five_hour' || type === '5h') {
		return 'five_hour';
	}
	return type.startsWith('seven_day') || type.startsWith('7d') ? 'weekly' : null;
}

/** For a usage limit named only by its reset: five_hour when the reset is at most 5 h (+5 min) after now, else weekly. */
export function windowByDistance(resetsAt: number | null, now: number): LimitWindow | null {
	if (resetsAt === null) {
		return null;
	}
	return resetsAt - now <= 5 * 3_600_000 + 300_000 ? 'five_hour' : 'weekly';
}

/** Builds an evidence record with defaults for the optional parts. */
export function evidence(
	kind: FailureKind,
	tier: 0 | 1 | 2,
	order: number,
	parts: { agent?: string | null; window?: LimitWindow | null; resetsAt?: number | null; resetRelative?: boolean; resetStructured?: boolean; message?: string } = {},
): Evidence {
	return {
		kind,
		tier,
		order,
		agent: parts.agent ?? null,
		window: parts.window ?? null,
		resetsAt: parts.resetsAt ?? null,
		resetRelative: parts.resetRelative ?? false,
		resetStructured: (parts.resetStructured ?? false) && parts.resetsAt !== null && parts.resetsAt !== undefined,
		message: cleanMessage(parts.message ?? ''),
	};
}
