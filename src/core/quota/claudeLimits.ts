import { asNumber, asRecord, asString, parseJsonRecord, type JsonRecord } from '../common/json';
import type { QuotaObservation, WindowKind } from './types';

/**
 * A compact record of the `rate_limits` block of Claude Code's statusLine input (cli-contracts §1.6), one JSON line
 * per capture in Baton's state file: `{"v":1,"t":<epoch ms>,"sid":"…","rl":{"five_hour":{"p":42,"r":1795626000}}}`
 * where `p` is the used percentage (0–100) and `r` the reset in epoch seconds (or null).
 */
export interface StatuslineSnapshot {
	readonly v: 1;
	/** When Baton captured it, epoch ms. */
	readonly t: number;
	/** Claude session id, when given. */
	readonly sid?: string;
	readonly rl: Readonly<Record<string, { readonly p: number; readonly r: number | null }>>;
}

/**
 * Claude limit names (statusLine keys, `rateLimitType`, unified header prefixes) → window and model scope:
 * `five_hour`/`5h` → 5-hour; `seven_day`/`7d` → weekly; `seven_day_opus` → weekly (opus); `7d_oi` /
 * `seven_day_overage_included` → weekly (overage_included). Null for `overage` and unknown names.
 */
export function claudeWindowOf(name: string): { window: WindowKind; model: string | null } | null {
	const n = name.toLowerCase();
	if (n === 'five_hour' || n === '5h') {
		return { window: 'five_hour', model: null };
	}
	if (n === 'seven_day' || n === '7d') {
		return { window: 'weekly', model: null };
	}
	const scoped = /^(?:seven_day|7d)_([a-z0-9_]{1,40})$/.exec(n)?.[1];
	if (scoped !== undefined) {
		return { window: 'weekly', model: scoped === 'oi' ? 'overage_included' : scoped };
	}
	return null;
}

/** Epoch seconds (or ms) → epoch ms; null for non-positive values. */
function epochMs(value: number | undefined): number | null {
	if (value === undefined || !Number.isFinite(value) || value <= 0) {
		return null;
	}
	return value < 1e11 ? value * 1000 : value;
}

function reading(name: string, fraction: number, resetsAt: number | null, source: string, at: number, rejected = false): QuotaObservation | null {
	const ref = claudeWindowOf(name);
	if (!ref) {
		return null;
	}
	return {
		agent: 'claude',
		...ref,
		provenance: 'official',
		source,
		observedAt: at,
		usedFraction: fraction,
		used: null,
		limit: null,
		unit: 'percent',
		resetsAt,
		windowStart: null,
		exhausted: rejected || fraction >= 1,
	};
}

/** The snapshot to store for a statusLine input captured at `now`; null when it has no usable `rate_limits`. */
export function snapshotFromStatusline(input: unknown, now: number): StatuslineSnapshot | null {
	const record = asRecord(input);
	const limits = asRecord(record?.['rate_limits']);
	if (!record || !limits) {
		return null;
	}
	const rl: Record<string, { p: number; r: number | null }> = {};
	for (const [name, value] of Object.entries(limits)) {
		const bucket = asRecord(value);
		const p = asNumber(bucket?.['used_percentage']);
		if (p !== undefined && claudeWindowOf(name)) {
			const r = asNumber(bucket?.['resets_at']);
			rl[name] = { p, r: r !== undefined && r > 0 ? r : null };
		}
	}
	if (Object.keys(rl).length === 0) {
		return null;
	}
	const sid = asString(record['session_id']);
	return { v: 1, t: now, ...(sid ? { sid } : {}), rl };
}

/** Reads one line of the state file; null for anything that is not a snapshot. */
export function parseSnapshotLine(line: string): StatuslineSnapshot | null {
	const record = parseJsonRecord(line);
	const t = asNumber(record?.['t']);
	const rl = asRecord(record?.['rl']);
	if (!record || record['v'] !== 1 || t === undefined || !rl) {
		return null;
	}
	const limits: Record<string, { p: number; r: number | null }> = {};
	for (const [name, value] of Object.entries(rl)) {
		const p = asNumber(asRecord(value)?.['p']);
		const r = asNumber(asRecord(value)?.['r']);
		if (p !== undefined) {
			limits[name] = { p, r: r ?? null };
		}
	}
	const sid = asString(record['sid']);
	return { v: 1, t, ...(sid ? { sid } : {}), rl: limits };
}

/** Official readings of a snapshot (source `statusline`). */
export function readingsFromSnapshot(snapshot: StatuslineSnapshot): QuotaObservation[] {
	return Object.entries(snapshot.rl).flatMap(([name, b]) => {
		const r = reading(name, b.p / 100, epochMs(b.r ?? undefined), 'statusline', snapshot.t);
		return r ? [r] : [];
	});
}

/**
 * Official reading of a `rate_limit_event` line of `claude -p --output-format stream-json` (cli-contracts §1.3):
 * `rate_limit_info{status, resetsAt (epoch s), rateLimitType, utilization (0–1)}`. `rejected` marks the window
 * exhausted. Empty for other lines and events without a known window.
 */
export function readingsFromRateLimitEvent(line: JsonRecord | string, now: number): QuotaObservation[] {
	const record = typeof line === 'string' ? parseJsonRecord(line) : line;
	if (!record || asString(record['type']) !== 'rate_limit_event') {
		return [];
	}
	const info = asRecord(record['rate_limit_info']);
	const type = asString(info?.['rateLimitType']);
	if (!info || type === undefined) {
		return [];
	}
	const rejected = asString(info['status']) === 'rejected';
	const utilization = asNumber(info['utilization']);
	if (utilization === undefined && !rejected) {
		return [];
	}
	const r = reading(type, rejected ? Math.max(1, utilization ?? 1) : (utilization ?? 0), epochMs(asNumber(info['resetsAt'])), 'rate_limit_event', now, rejected);
	return r ? [r] : [];
}

/**
 * Official readings of Anthropic's subscription `anthropic-ratelimit-unified-*` response headers (cli-contracts §5):
 * per window `-{5h,7d,7d_oi,…}-utilization` (0–1) and `-reset` (epoch s); `-status: rejected` marks the
 * representative claim's window exhausted. Header names are matched case-insensitively.
 */
export function readingsFromUnifiedHeaders(headers: Readonly<Record<string, string>>, now: number): QuotaObservation[] {
	const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.trim()]));
	const prefix = 'anthropic-ratelimit-unified-';
	const rejected = lower.get(`${prefix}status`)?.toLowerCase() === 'rejected';
	const claim = lower.get(`${prefix}representative-claim`);
	const claimRef = claim === undefined ? null : claudeWindowOf(claim);
	const out: QuotaObservation[] = [];
	for (const [name, value] of lower) {
		const id = name.startsWith(prefix) && name.endsWith('-utilization') ? name.slice(prefix.length, -'-utilization'.length) : null;
		const fraction = Number(value);
		const ref = id === null ? null : claudeWindowOf(id);
		if (id === null || !ref || !Number.isFinite(fraction)) {
			continue;
		}
		const isClaim = rejected && claimRef !== null && claimRef.window === ref.window && claimRef.model === ref.model;
		const r = reading(id, isClaim ? Math.max(1, fraction) : fraction, epochMs(Number(lower.get(`${prefix}${id}-reset`))), 'headers', now, isClaim);
		if (r) {
			out.push(r);
		}
	}
	if (rejected && claim !== undefined && claimRef && !out.some((o) => o.exhausted)) {
		const r = reading(claim, 1, epochMs(Number(lower.get(`${prefix}reset`))), 'headers', now, true);
		if (r) {
			out.push(r);
		}
	}
	return out;
}
