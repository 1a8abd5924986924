import type { UsageSample } from './types';

/** What a forecast is computed from; `current`, `limit` and the samples share one unit (a fraction, tokens or requests). */
export interface ForecastInput {
	/** Cumulative usage of the current window over time, oldest first (at most one window's worth matters). */
	readonly samples: readonly UsageSample[];
	/** Usage now. */
	readonly current: number;
	/** The limit in the same unit (1 for fractions); null when unknown — then no time to limit is given. */
	readonly limit: number | null;
	/** When the window resets, epoch ms; null when unknown. */
	readonly resetsAt: number | null;
	readonly now: number;
	/** A pause between samples longer than this is idle time: neither its duration nor its growth enters the rate. */
	readonly idleGapMs: number;
	/** How much active time, counted back from the newest sample, the rate averages over. */
	readonly lookbackMs: number;
	/** Less active time than this gives no rate. Default 2 minutes. */
	readonly minActiveMs?: number;
}

/** A window's outlook. Rates are per hour of *active* use; times in epoch ms. */
export interface WindowForecast {
	/** Units per hour while active; null when there is too little recent activity to say. */
	readonly ratePerHour: number | null;
	/** Active minutes the rate is based on. */
	readonly activeMinutes: number;
	/** Usage expected at the reset if the current pace holds; null without a rate or a reset time. */
	readonly projectedAtReset: number | null;
	/** `projectedAtReset / limit`; null when either is unknown. */
	readonly projectedFractionAtReset: number | null;
	/** Milliseconds until the limit is reached at this pace (0 when already reached); null when never or unknown. */
	readonly timeToLimitMs: number | null;
	/** `now + timeToLimitMs`; null with it. */
	readonly limitAt: number | null;
	/** True when the limit is reached before the reset; false when it is not; null when unknown. */
	readonly runsOutBeforeReset: boolean | null;
}

/**
 * Burn rate over recent activity, robust to idle gaps: walks back from the newest sample over consecutive pairs,
 * skipping pairs further apart than `idleGapMs` (an idle gap, or a sample after one: counting its growth over the
 * whole gap would dilute the rate) and stopping at a decrease (the window reset) or once `lookbackMs` of active time
 * is covered. Short pauses inside a session count, so bursty use averages out. Returns units per ms and the active time.
 */
export function burnRate(samples: readonly UsageSample[], idleGapMs: number, lookbackMs: number): { perMs: number; activeMs: number } {
	let activeMs = 0;
	let growth = 0;
	for (let i = samples.length - 1; i > 0 && activeMs < lookbackMs; i--) {
		const later = samples[i] as UsageSample;
		const earlier = samples[i - 1] as UsageSample;
		const dt = later.at - earlier.at;
		const dv = later.value - earlier.value;
		if (dv < 0) {
			break;
		}
		if (dt <= 0 || dt > idleGapMs) {
			continue;
		}
		activeMs += dt;
		growth += dv;
	}
	return { perMs: activeMs > 0 ? growth / activeMs : 0, activeMs };
}

/** Forecast of one window: pace, projected use at the reset, time to the limit, and whether it runs out first. */
export function forecastWindow(input: ForecastInput): WindowForecast {
	const { perMs, activeMs } = burnRate(input.samples, input.idleGapMs, input.lookbackMs);
	const enough = activeMs >= (input.minActiveMs ?? 2 * 60_000);
	const rate = enough ? perMs : null;
	const remainingMs = input.resetsAt === null ? null : Math.max(0, input.resetsAt - input.now);
	const projectedAtReset = rate === null || remainingMs === null ? null : input.current + rate * remainingMs;
	const limit = input.limit !== null && input.limit > 0 ? input.limit : null;
	let timeToLimitMs: number | null = null;
	if (limit !== null && input.current >= limit) {
		timeToLimitMs = 0;
	} else if (limit !== null && rate !== null && rate > 0) {
		timeToLimitMs = (limit - input.current) / rate;
	}
	let runsOutBeforeReset: boolean | null = null;
	if (limit !== null && (rate !== null || timeToLimitMs === 0)) {
		runsOutBeforeReset = timeToLimitMs === null ? false : remainingMs === null ? null : timeToLimitMs < remainingMs;
	}
	return {
		ratePerHour: rate === null ? null : rate * 3_600_000,
		activeMinutes: activeMs / 60_000,
		projectedAtReset,
		projectedFractionAtReset: projectedAtReset !== null && limit !== null ? projectedAtReset / limit : null,
		timeToLimitMs,
		limitAt: timeToLimitMs === null ? null : input.now + timeToLimitMs,
		runsOutBeforeReset,
	};
}

/**
 * Points for a chart of the projection: from now at the current use to the reset (or, without one, four hours on),
 * with the point where the limit is met inserted and later values clamped to the limit.
 */
export function projectionPoints(current: number, forecast: WindowForecast, limit: number | null, resetsAt: number | null, now: number): UsageSample[] {
	if (forecast.ratePerHour === null) {
		return [];
	}
	const perMs = forecast.ratePerHour / 3_600_000;
	const end = resetsAt !== null && resetsAt > now ? resetsAt : now + 4 * 3_600_000;
	const points: UsageSample[] = [{ at: now, value: current }];
	if (limit !== null && forecast.limitAt !== null && forecast.limitAt > now && forecast.limitAt < end) {
		points.push({ at: forecast.limitAt, value: limit });
		points.push({ at: end, value: limit });
		return points;
	}
	const value = current + perMs * (end - now);
	points.push({ at: end, value: limit !== null && current < limit ? Math.min(limit, value) : value });
	return points;
}
