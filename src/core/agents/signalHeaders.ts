import { evidence, windowFromClaudeType, windowFromMinutes, type Evidence, type UsageBucket } from './signalEvidence';
import { epochToMs, parseIsoInstant, type ClockContext } from './resetTime';

/** Rate-limit response headers found in the text (`name: value` lines), lower-cased names, last value wins. */
export type HeaderMap = Map<string, { readonly value: string; readonly order: number }>;

const headerLine = /^\s*(anthropic-ratelimit-[a-z0-9-]{1,60}|retry-after|x-codex-[a-z0-9-]{1,60}|x-should-retry)\s*:\s*(\S[^\n]{0,200})$/i;

/** Records `line` in `headers` when it is a rate-limit header line; returns whether it was one. */
export function collectHeader(line: string, order: number, headers: HeaderMap): boolean {
	const m = headerLine.exec(line);
	if (!m?.[1] || m[2] === undefined) {
		return false;
	}
	headers.set(m[1].toLowerCase(), { value: m[2].trim(), order });
	return true;
}

/** What the headers say: evidence (unified `rejected`, a standard limit at 0 remaining), buckets, a fallback reset. */
export interface HeaderFindings {
	readonly evidence: Evidence[];
	readonly buckets: UsageBucket[];
	/** Epoch ms from `retry-after` or the earliest standard `anthropic-ratelimit-*-reset`; for throttles without a time. */
	readonly fallbackReset: number | null;
}

function instant(value: string | undefined): number | null {
	if (value === undefined) {
		return null;
	}
	return /^\d+(?:\.\d+)?$/.test(value) ? epochToMs(Number(value)) : parseIsoInstant(value);
}

/**
 * Interprets collected headers (cli-contracts §5 and §3.4): `anthropic-ratelimit-unified-status: rejected` is a
 * Claude subscription quota (window from `-representative-claim`, reset from `-unified-reset` epoch seconds); a
 * standard `anthropic-ratelimit-<limit>-remaining: 0` is a per-minute throttle reset at `-<limit>-reset`
 * (RFC 3339); `x-codex-{primary,secondary}-*` become Codex usage buckets.
 */
export function readHeaders(headers: HeaderMap, clock: ClockContext): HeaderFindings {
	const found: Evidence[] = [];
	const get = (name: string): string | undefined => headers.get(name)?.value;
	const orderOf = (name: string): number => headers.get(name)?.order ?? 0;
	if (get('anthropic-ratelimit-unified-status')?.toLowerCase() === 'rejected') {
		const claim = get('anthropic-ratelimit-unified-representative-claim');
		const window = windowFromClaudeType(claim);
		const perWindow = window === 'five_hour' ? '5h' : window === 'weekly' ? '7d' : 'none';
		const resetsAt = instant(get('anthropic-ratelimit-unified-reset')) ?? instant(get(`anthropic-ratelimit-unified-${perWindow}-reset`));
		found.push(evidence('quota_exhausted', 2, orderOf('anthropic-ratelimit-unified-status'), { agent: 'claude', window, resetsAt, resetStructured: true }));
	}
	let earliest: number | null = null;
	for (const [name, { value, order }] of headers) {
		const limit = /^anthropic-ratelimit-(?!unified)([a-z0-9-]+)-remaining$/.exec(name)?.[1];
		if (limit !== undefined && Number(value) === 0) {
			found.push(evidence('rate_limited', 2, order, { agent: 'claude', window: 'per_minute', resetsAt: instant(get(`anthropic-ratelimit-${limit}-reset`)), resetStructured: true }));
		}
		if (/^anthropic-ratelimit-(?!unified)[a-z0-9-]+-reset$/.test(name)) {
			const at = instant(value);
			earliest = at !== null && (earliest === null || at < earliest) ? at : earliest;
		}
	}
	const buckets: UsageBucket[] = [];
	for (const key of ['primary', 'secondary']) {
		const used = get(`x-codex-${key}-used-percent`);
		if (used === undefined) {
			continue;
		}
		const after = Number(get(`x-codex-${key}-reset-after-seconds`));
		const resetsAt = instant(get(`x-codex-${key}-reset-at`)) ?? (Number.isFinite(after) && after >= 0 ? clock.now + after * 1000 : null);
		const minutes = Number(get(`x-codex-${key}-window-minutes`));
		const bucket = { usedPercent: Number.isFinite(Number(used)) ? Number(used) : null, windowMinutes: Number.isFinite(minutes) ? minutes : null, resetsAt };
		buckets.push(bucket);
		if ((bucket.usedPercent ?? 0) >= 100) {
			found.push(evidence('quota_exhausted', 2, orderOf(`x-codex-${key}-used-percent`), { agent: 'codex', window: windowFromMinutes(bucket.windowMinutes), resetsAt, resetStructured: true }));
		}
	}
	const retryAfter = Number(get('retry-after'));
	const fallbackReset = Number.isFinite(retryAfter) && retryAfter >= 0 && retryAfter < 1e7 ? clock.now + retryAfter * 1000 : earliest;
	return { evidence: found, buckets, fallbackReset };
}
