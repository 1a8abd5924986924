import * as assert from 'node:assert/strict';
import { burnRate, forecastWindow, projectionPoints, type ForecastInput } from '../../../../src/core/quota/forecast';
import type { UsageSample } from '../../../../src/core/quota/types';

const min = 60_000;
const t0 = Date.parse('2026-11-25T10:00:00Z');
const base = { idleGapMs: 15 * min, lookbackMs: 60 * min };

/** Cumulative samples from (minute offset, increment) pairs, starting at `start`. */
function trace(start: number, steps: ReadonlyArray<readonly [number, number]>): UsageSample[] {
	let value = start;
	return steps.map(([m, inc]) => {
		value += inc;
		return { at: t0 + m * min, value };
	});
}

function within(actual: number | null, expected: number, tolerance = 0.05): void {
	assert.ok(actual !== null, 'expected a value');
	assert.ok(Math.abs(actual - expected) / expected <= tolerance, `${actual} is not within ${tolerance * 100}% of ${expected}`);
}

function forecast(samples: UsageSample[], now: number, extra: Partial<ForecastInput> = {}): ReturnType<typeof forecastWindow> {
	const last = samples[samples.length - 1] as UsageSample;
	return forecastWindow({ samples, current: last.value, limit: 1, resetsAt: t0 + 5 * 60 * min, now, ...base, ...extra });
}

describe('quota: forecast (fake clock)', () => {
	it('constant use: ETA = remaining / rate', () => {
		// 1 % a minute for 30 minutes from 10 %: at 40 % with 60 % left → 60 minutes.
		const samples = trace(0.1, Array.from({ length: 31 }, (_, i) => [i, i === 0 ? 0 : 0.01] as const));
		const f = forecast(samples, t0 + 30 * min);
		within(f.ratePerHour, 0.6);
		within(f.timeToLimitMs, 60 * min);
		assert.equal(f.runsOutBeforeReset, true);
		within(f.projectedAtReset, 0.4 + 0.01 * 270);
	});

	it('bursty use: short pauses average out (ETA from the long-run rate)', () => {
		// 90 minutes of 1-minute bursts (a sample every 15 s, +0.2 % each) and 2-minute pauses: 1 % per 3 minutes.
		const steps: Array<readonly [number, number]> = [];
		for (let cycle = 0; cycle < 30; cycle++) {
			for (let k = 0; k < 5; k++) steps.push([cycle * 3 + k * 0.25, 0.002]);
		}
		const samples = trace(0, steps);
		const now = t0 + 90 * min;
		const current = (samples[samples.length - 1] as UsageSample).value;
		const longRunPerMin = 0.01 / 3;
		const f = forecast(samples, now);
		within(f.timeToLimitMs, ((1 - current) / longRunPerMin) * min);
		const instantaneous = 0.002 / 0.25;
		assert.ok((f.ratePerHour ?? 0) / 60 < instantaneous / 2, 'not the burst rate');
	});

	it('an idle gap does not dilute the rate', () => {
		// 30 minutes at 1 %/min, two idle hours, then 20 minutes at 1 %/min: ETA from 1 %/min, not the 0.29 %/min average.
		const before = Array.from({ length: 31 }, (_, i) => [i, i === 0 ? 0 : 0.01] as const);
		const after = Array.from({ length: 21 }, (_, i) => [150 + i, 0.01] as const);
		const samples = trace(0, [...before, ...after]);
		const now = t0 + 170 * min;
		const current = (samples[samples.length - 1] as UsageSample).value;
		const f = forecast(samples, now);
		within(f.timeToLimitMs, ((1 - current) / 0.01) * min);
		within(f.ratePerHour, 0.6);
	});

	it('stops at a decrease (the window reset) and needs two minutes of activity', () => {
		const samples = [...trace(0.9, [[0, 0], [1, 0.05]]), ...trace(0, [[2, 0.01], [3, 0.01], [4, 0.01]])];
		const rate = burnRate(samples, 15 * min, 60 * min);
		assert.equal(rate.activeMs, 2 * min);
		within(rate.perMs, 0.02 / (2 * min), 1e-9);
		const f = forecast(samples.slice(-2), t0 + 4 * min);
		assert.equal(f.ratePerHour, null);
		assert.equal(f.runsOutBeforeReset, null);
	});

	it('a window that will not run out says so, and no rate means no ETA', () => {
		const samples = trace(0.1, Array.from({ length: 11 }, (_, i) => [i, i === 0 ? 0 : 0.001] as const));
		const f = forecast(samples, t0 + 10 * min);
		assert.equal(f.runsOutBeforeReset, false);
		const flat = forecast(trace(0.5, [[0, 0], [5, 0], [10, 0]]), t0 + 10 * min);
		assert.equal(flat.timeToLimitMs, null);
		assert.equal(flat.runsOutBeforeReset, false);
	});

	it('an exhausted window has zero time to limit', () => {
		const f = forecastWindow({ samples: [], current: 1, limit: 1, resetsAt: t0 + min, now: t0, ...base });
		assert.equal(f.timeToLimitMs, 0);
		assert.equal(f.runsOutBeforeReset, true);
	});

	it('projection points stop at the limit', () => {
		const samples = trace(0.1, Array.from({ length: 31 }, (_, i) => [i, i === 0 ? 0 : 0.01] as const));
		const now = t0 + 30 * min;
		const f = forecast(samples, now);
		const points = projectionPoints(0.4, f, 1, t0 + 300 * min, now);
		assert.equal(points.length, 3);
		assert.equal(points[1]?.value, 1);
		assert.equal(points[2]?.at, t0 + 300 * min);
	});
});
