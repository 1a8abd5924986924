import type { DailyTokenRow, QuotaAgent, TokenTotals } from './types';

interface DayTotals {
	/** Entries on the day; the day disappears at zero (ccusage lists days that have entries, even all-zero ones). */
	entries: number;
	inputTokens: number;
	outputTokens: number;
	cacheCreationTokens: number;
	cacheReadTokens: number;
}

/** Token totals per local day for one agent, updated by adding and removing entries. */
export class DayTable {
	private readonly days = new Map<string, DayTotals>();

	constructor(private readonly agent: QuotaAgent) {}

	/** Adds (`sign` 1) or removes (−1) one entry's tokens on `day`. */
	add(day: string, t: TokenTotals, sign: 1 | -1): void {
		let d = this.days.get(day);
		if (!d) {
			d = { entries: 0, inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0 };
			this.days.set(day, d);
		}
		d.entries += sign;
		if (d.entries <= 0) {
			this.days.delete(day);
			return;
		}
		d.inputTokens += sign * t.inputTokens;
		d.outputTokens += sign * t.outputTokens;
		d.cacheCreationTokens += sign * t.cacheCreationTokens;
		d.cacheReadTokens += sign * t.cacheReadTokens;
	}

	/** Rows oldest day first. */
	rows(): DailyTokenRow[] {
		return [...this.days.entries()]
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([date, t]) => ({ date, agent: this.agent, inputTokens: t.inputTokens, outputTokens: t.outputTokens, cacheCreationTokens: t.cacheCreationTokens, cacheReadTokens: t.cacheReadTokens }));
	}
}
