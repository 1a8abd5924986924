import { totalTokens, type TokenTotals, type UsageSample } from './types';

/** What the block algorithm needs of an entry. */
export interface BlockEntry extends TokenTotals {
	readonly at: number;
	readonly model: string | null;
	readonly limitResetAt?: number | null;
}

/** A 5-hour block as ccusage 17.2.1 `blocks --json` reports it (cli-contracts §4); times in epoch ms. */
export interface UsageBlock {
	/** First entry's time floored to the UTC hour. */
	readonly start: number;
	/** start + block length. */
	readonly end: number;
	readonly firstAt: number;
	readonly lastAt: number;
	readonly entries: number;
	readonly tokens: TokenTotals;
	/** All four token kinds. */
	readonly totalTokens: number;
	/** now − last entry < block length and now < end. */
	readonly isActive: boolean;
	readonly models: readonly string[];
	/** From a legacy `Claude AI usage limit reached|<epoch>` line, epoch ms. */
	readonly limitResetAt: number | null;
	/** Tokens per minute between the first and last entry (null when they coincide). */
	readonly tokensPerMinute: number | null;
	/** (input + output) per minute, ccusage's indicator rate. */
	readonly tokensPerMinuteForIndicator: number | null;
}

/** ccusage's default block length: 5 hours. */
export const blockLengthMs = 5 * 3_600_000;

function floorToHour(ms: number): number {
	const d = new Date(ms);
	d.setUTCMinutes(0, 0, 0);
	return d.getTime();
}

function makeBlock(start: number, entries: readonly BlockEntry[], from: number, to: number, now: number, lengthMs: number): UsageBlock {
	const tokens = { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0 };
	const models: string[] = [];
	let limitResetAt: number | null = null;
	for (let i = from; i < to; i++) {
		const e = entries[i] as BlockEntry;
		tokens.inputTokens += e.inputTokens;
		tokens.outputTokens += e.outputTokens;
		tokens.cacheCreationTokens += e.cacheCreationTokens;
		tokens.cacheReadTokens += e.cacheReadTokens;
		limitResetAt = e.limitResetAt ?? limitResetAt;
		const model = e.model ?? 'unknown';
		if (!models.includes(model)) {
			models.push(model);
		}
	}
	const firstAt = (entries[from] as BlockEntry).at;
	const lastAt = (entries[to - 1] as BlockEntry).at;
	const end = start + lengthMs;
	const minutes = (lastAt - firstAt) / 60_000;
	const total = totalTokens(tokens);
	return {
		start,
		end,
		firstAt,
		lastAt,
		entries: to - from,
		tokens,
		totalTokens: total,
		isActive: now - lastAt < lengthMs && now < end,
		models,
		limitResetAt,
		tokensPerMinute: minutes > 0 ? total / minutes : null,
		tokensPerMinuteForIndicator: minutes > 0 ? (tokens.inputTokens + tokens.outputTokens) / minutes : null,
	};
}

/**
 * ccusage's `identifySessionBlocks` over `entries` sorted by time (gap blocks omitted): a block starts at its first
 * entry floored to the UTC hour; the next entry opens a new block when it is more than `lengthMs` after the block
 * start or after the previous entry. Only entries from `fromIndex` on are grouped; start it at an entry that follows
 * a gap longer than `lengthMs` (see `lastBreakIndex`) and the result equals grouping everything.
 */
export function identifyBlocks(entries: readonly BlockEntry[], now: number, lengthMs = blockLengthMs, fromIndex = 0, toIndex = entries.length): UsageBlock[] {
	const blocks: UsageBlock[] = [];
	let blockStart: number | null = null;
	let from = fromIndex;
	for (let i = fromIndex; i < toIndex; i++) {
		const at = (entries[i] as BlockEntry).at;
		if (blockStart === null) {
			blockStart = floorToHour(at);
			from = i;
			continue;
		}
		const previous = (entries[i - 1] as BlockEntry).at;
		if (at - blockStart > lengthMs || at - previous > lengthMs) {
			blocks.push(makeBlock(blockStart, entries, from, i, now, lengthMs));
			blockStart = floorToHour(at);
			from = i;
		}
	}
	if (blockStart !== null) {
		blocks.push(makeBlock(blockStart, entries, from, toIndex, now, lengthMs));
	}
	return blocks;
}

/** Index (below `toIndex`) of the last entry preceded by a gap longer than `lengthMs` (0 when none): blocks never span such a gap. */
export function lastBreakIndex(entries: readonly BlockEntry[], lengthMs = blockLengthMs, toIndex = entries.length): number {
	for (let i = toIndex - 1; i > 0; i--) {
		if ((entries[i] as BlockEntry).at - (entries[i - 1] as BlockEntry).at > lengthMs) {
			return i;
		}
	}
	return 0;
}

/** The block that is active at `now` (entries after `now` ignored), or null; only entries since the last long gap are grouped. */
export function activeBlock(entries: readonly BlockEntry[], now: number, lengthMs = blockLengthMs): UsageBlock | null {
	const toIndex = lowerBound(entries, now + 1);
	const last = identifyBlocks(entries, now, lengthMs, lastBreakIndex(entries, lengthMs, toIndex), toIndex).pop();
	return last?.isActive ? last : null;
}

/** Cumulative token totals after each entry with `at` in [start, end), for charts and forecasts. */
export function cumulativeSeries(entries: readonly BlockEntry[], start: number, end: number): UsageSample[] {
	const series: UsageSample[] = [];
	let sum = 0;
	let i = lowerBound(entries, start);
	for (; i < entries.length; i++) {
		const e = entries[i] as BlockEntry;
		if (e.at >= end) {
			break;
		}
		sum += totalTokens(e);
		const last = series[series.length - 1];
		if (last && last.at === e.at) {
			series[series.length - 1] = { at: e.at, value: sum };
		} else {
			series.push({ at: e.at, value: sum });
		}
	}
	return series;
}

/** Sum of the tokens of entries with `at` in [start, end). */
export function tokensBetween(entries: readonly BlockEntry[], start: number, end: number): number {
	let sum = 0;
	for (let i = lowerBound(entries, start); i < entries.length && (entries[i] as BlockEntry).at < end; i++) {
		sum += totalTokens(entries[i] as BlockEntry);
	}
	return sum;
}

function lowerBound(entries: readonly BlockEntry[], at: number): number {
	let lo = 0;
	let hi = entries.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if ((entries[mid] as BlockEntry).at < at) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo;
}
