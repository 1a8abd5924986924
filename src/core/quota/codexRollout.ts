import { windowFromMinutes } from '../agents/signalEvidence';
import { asNumber, asRecord, asString, parseJsonRecord, type JsonRecord } from '../common/json';
import type { QuotaObservation, TokenTotals, WindowKind } from './types';

/** Tokens of one Codex model response (cli-contracts §3.5), in ccusage's buckets. */
export interface CodexUsage extends TokenTotals {
	readonly at: number;
	readonly model: string | null;
}

/** What one rollout line yields. */
export interface CodexLineResult {
	readonly usage: CodexUsage | null;
	/** Official readings of `rate_limits.primary/secondary` (placeholders skipped). */
	readonly limits: readonly QuotaObservation[];
}

interface RawUsage {
	readonly input: number;
	readonly cached: number;
	readonly cacheWrite: number;
	readonly output: number;
}

const none: CodexLineResult = { usage: null, limits: [] };

function rawUsage(value: unknown): RawUsage | null {
	const r = asRecord(value);
	if (!r) {
		return null;
	}
	const input = asNumber(r['input_tokens']);
	const output = asNumber(r['output_tokens']);
	if (input === undefined && output === undefined) {
		return null;
	}
	return { input: input ?? 0, cached: asNumber(r['cached_input_tokens']) ?? 0, cacheWrite: asNumber(r['cache_write_input_tokens']) ?? 0, output: output ?? 0 };
}

/** `input_tokens` includes cached reads (and writes); ccusage's input bucket is the uncached rest. Reasoning is inside output. */
function totalsOf(u: RawUsage): TokenTotals {
	return { inputTokens: Math.max(0, u.input - u.cached - u.cacheWrite), outputTokens: u.output, cacheCreationTokens: u.cacheWrite, cacheReadTokens: u.cached };
}

function minus(a: RawUsage, b: RawUsage): RawUsage {
	return { input: a.input - b.input, cached: a.cached - b.cached, cacheWrite: a.cacheWrite - b.cacheWrite, output: a.output - b.output };
}

/** A `primary` / `secondary` bucket → official reading; null for all-zero placeholders and unreadable buckets. */
function bucketReading(slot: 'primary' | 'secondary', bucket: JsonRecord, limitId: string | null, at: number): QuotaObservation | null {
	const used = asNumber(bucket['used_percent']);
	const minutes = asNumber(bucket['window_minutes']);
	const resetsAtSeconds = asNumber(bucket['resets_at']);
	const resetsIn = asNumber(bucket['resets_in_seconds']);
	if (used === undefined || (used === 0 && !minutes && !resetsAtSeconds && !resetsIn)) {
		return null;
	}
	const window: WindowKind | null = minutes ? windowFromMinutes(minutes) : slot === 'primary' ? 'five_hour' : 'weekly';
	if (window === null) {
		return null;
	}
	const resetsAt = resetsAtSeconds !== undefined && resetsAtSeconds > 0 ? resetsAtSeconds * 1000 : resetsIn !== undefined && resetsIn >= 0 ? at + resetsIn * 1000 : null;
	return {
		agent: 'codex',
		window,
		model: limitId,
		provenance: 'official',
		source: 'rollout',
		observedAt: at,
		usedFraction: used / 100,
		used: null,
		limit: null,
		unit: 'percent',
		resetsAt,
		windowStart: resetsAt !== null && minutes ? resetsAt - minutes * 60_000 : null,
		exhausted: used >= 100,
	};
}

/** Official readings of a `token_count` payload's `rate_limits`. */
export function codexLimitReadings(rateLimits: unknown, at: number): QuotaObservation[] {
	const limits = asRecord(rateLimits);
	if (!limits) {
		return [];
	}
	const id = asString(limits['limit_id']);
	const limitId = id === undefined || id === 'codex' ? null : id;
	const out: QuotaObservation[] = [];
	for (const slot of ['primary', 'secondary'] as const) {
		const bucket = asRecord(limits[slot]);
		const reading = bucket ? bucketReading(slot, bucket, limitId, at) : null;
		if (reading) {
			out.push(reading);
		}
	}
	return out;
}

/**
 * Reads one rollout file (`$CODEX_HOME/sessions/**\/rollout-*.jsonl`) line by line; create one per file. Token usage
 * comes from `event_msg`/`token_count`: the growth of `total_token_usage` since the file's previous count (so a
 * repeated count adds nothing), or `last_token_usage` when there is no earlier total or the total went back.
 * The model is the latest `turn_context.model` (or `info.model`).
 */
export class CodexRolloutReader {
	private previousTotal: RawUsage | null = null;
	private model: string | null = null;

	/** Reads one line; malformed and unrelated lines yield nothing. */
	push(line: string): CodexLineResult {
		const record = parseJsonRecord(line);
		const payload = asRecord(record?.['payload']);
		if (!record || !payload) {
			return none;
		}
		const type = asString(record['type']);
		if (type === 'turn_context') {
			this.model = asString(payload['model']) ?? this.model;
			return none;
		}
		if (type !== 'event_msg' || asString(payload['type']) !== 'token_count') {
			return none;
		}
		const at = Date.parse(asString(record['timestamp']) ?? '');
		if (!Number.isFinite(at)) {
			return none;
		}
		const info = asRecord(payload['info']);
		return { usage: info ? this.usageOf(info, at) : null, limits: codexLimitReadings(payload['rate_limits'], at) };
	}

	private usageOf(info: JsonRecord, at: number): CodexUsage | null {
		const total = rawUsage(info['total_token_usage']);
		const last = rawUsage(info['last_token_usage']);
		let delta: RawUsage | null;
		if (total && this.previousTotal) {
			const growth = minus(total, this.previousTotal);
			const back = growth.input < 0 || growth.output < 0 || growth.cached < 0 || growth.cacheWrite < 0;
			delta = back ? last : growth;
		} else {
			delta = last ?? total;
		}
		this.previousTotal = total ?? this.previousTotal;
		if (!delta || (delta.input === 0 && delta.output === 0 && delta.cached === 0 && delta.cacheWrite === 0)) {
			return null;
		}
		return { at, model: asString(info['model']) ?? this.model, ...totalsOf(delta) };
	}
}
