import { nextLocalMidnight } from '../agents/zonedTime';
import { planLimitFor, type QuotaSettings } from './settings';
import type { QuotaAgent, QuotaObservation, UsageSample } from './types';

/** Gemini API quotas reset at midnight Pacific time. */
export const geminiQuotaZone = 'America/Los_Angeles';

const dayMs = 86_400_000;

/** The last local midnight in `zone` at or before `now` (epoch ms); null for a bad zone. */
export function lastLocalMidnight(now: number, zone: string): number | null {
	let candidate = nextLocalMidnight(now - dayMs - 2 * 3_600_000, zone);
	for (let i = 0; candidate !== null && i < 3; i++) {
		const next = nextLocalMidnight(candidate, zone);
		if (next === null || next > now) {
			return candidate <= now ? candidate : null;
		}
		candidate = next;
	}
	return candidate;
}

/**
 * Requests Baton counted for an agent (Gemini API-key users have per-minute and per-day request quotas), keyed so
 * one request seen twice (a run Baton recorded and the chat file it wrote) counts once. Keeps two days.
 */
export class RequestLog {
	private readonly times = new Map<string, number>();

	/** Records a request at `at` (epoch ms); `id` de-duplicates, defaulting to the time itself. */
	record(at: number, id = `t${at}`): void {
		if (Number.isFinite(at)) {
			this.times.set(id, at);
		}
	}

	/** Drops requests older than two days before `now`. */
	prune(now: number): void {
		for (const [id, at] of this.times) {
			if (at < now - 2 * dayMs) {
				this.times.delete(id);
			}
		}
	}

	/** Request times, oldest first. */
	sorted(): number[] {
		return [...this.times.values()].sort((a, b) => a - b);
	}
}

/**
 * Counted readings of an agent's per-minute (the last 60 s, rolling) and daily (since local midnight in `zone`)
 * request windows at `now`, each against the user's configured request limit (none → no share). The series are
 * the cumulative counts within each window, for forecasts.
 */
export function countedReadings(
	agent: QuotaAgent,
	times: readonly number[],
	now: number,
	settings: QuotaSettings,
	zone = geminiQuotaZone,
): { observation: QuotaObservation; series: UsageSample[] }[] {
	const dayStart = lastLocalMidnight(now, zone) ?? now - (now % dayMs);
	const dayEnd = nextLocalMidnight(now, zone) ?? dayStart + dayMs;
	const minuteStart = now - 60_000;
	const inDay = times.filter((t) => t >= dayStart && t <= now);
	const inMinute = inDay.filter((t) => t > minuteStart);
	const oldestInMinute = inMinute[0];
	const make = (window: 'per_minute' | 'daily', list: readonly number[], start: number, resetsAt: number): { observation: QuotaObservation; series: UsageSample[] } => {
		const limit = planLimitFor(settings, { agent, window, model: null }, 'requests');
		return {
			observation: {
				agent,
				window,
				model: null,
				provenance: 'counted',
				source: 'requests',
				observedAt: now,
				usedFraction: null,
				used: list.length,
				limit,
				unit: 'requests',
				resetsAt,
				windowStart: start,
				exhausted: limit !== null && list.length >= limit,
			},
			series: list.map((at, i) => ({ at, value: i + 1 })),
		};
	};
	return [make('per_minute', inMinute, minuteStart, oldestInMinute === undefined ? now + 60_000 : oldestInMinute + 60_000), make('daily', inDay, dayStart, dayEnd)];
}
