import * as assert from 'node:assert/strict';
import { QuotaEngine } from '../../../../src/core/quota/engine';
import { resolveQuotaSettings } from '../../../../src/core/quota/settings';
import type { QuotaNotification } from '../../../../src/core/quota/thresholds';
import type { QuotaObservation } from '../../../../src/core/quota/types';

const min = 60_000;
const t0 = Date.parse('2026-11-25T10:00:00Z');
const resetsAt = t0 + 5 * 60 * min;

function official(at: number, fraction: number, reset = resetsAt): QuotaObservation {
	return { agent: 'claude', window: 'five_hour', model: null, provenance: 'official', source: 'statusline', observedAt: at, usedFraction: fraction, used: null, limit: null, unit: 'percent', resetsAt: reset, windowStart: null, exhausted: fraction >= 1 };
}

/** Feeds a reading every minute from `from` for `minutes`, growing `perMinute`, evaluating each time; returns all notifications. */
function run(engine: QuotaEngine, start: number, perMinute: number, minutes: number, from = t0, reset = resetsAt): QuotaNotification[] {
	const all: QuotaNotification[] = [];
	for (let m = 0; m <= minutes; m++) {
		const at = from + m * min;
		engine.ledger.record(official(at, start + perMinute * m, reset));
		all.push(...engine.evaluate(at).notifications);
	}
	return all;
}

describe('quota: thresholds and risk episodes (fake clock)', () => {
	it('a window that will run out before its reset raises exactly one warning', () => {
		const engine = new QuotaEngine(resolveQuotaSettings());
		// 0.5 %/min from 10 %: runs out after 180 min, the reset is in 300 → warn early (forecast), then keep going to 90 %.
		const notes = run(engine, 0.1, 0.005, 160);
		const warns = notes.filter((n) => n.level === 'warn');
		assert.equal(warns.length, 1);
		assert.equal(warns[0]?.reason, 'forecast');
		assert.equal(notes.filter((n) => n.level === 'critical').length, 0);
		assert.ok((warns[0]?.limitAt ?? 0) > t0);
	});

	it('a window on pace to stay under its limit raises nothing', () => {
		const engine = new QuotaEngine(resolveQuotaSettings());
		assert.deepEqual(run(engine, 0.1, 0.001, 120), []);
	});

	it('escalates once to critical in the same episode, and starts a new episode after the reset', () => {
		const engine = new QuotaEngine(resolveQuotaSettings());
		const first = run(engine, 0.1, 0.005, 200);
		assert.deepEqual(first.map((n) => n.level), ['warn', 'critical']);
		assert.equal(first[0]?.episode, first[1]?.episode);
		const second = run(engine, 0, 0.01, 30, resetsAt + min, resetsAt + 5 * 60 * min);
		assert.deepEqual(second.map((n) => n.level), ['warn']);
		assert.notEqual(second[0]?.episode, first[0]?.episode);
	});

	it('emits a level event on every change for the router', () => {
		const engine = new QuotaEngine(resolveQuotaSettings({ warnAt: 50, criticalAt: 60 }));
		engine.ledger.record(official(t0, 0.4));
		assert.deepEqual(engine.evaluate(t0).events.map((e) => e.level), []);
		engine.ledger.record(official(t0 + min, 0.55));
		assert.deepEqual(engine.evaluate(t0 + min).events.map((e) => [e.previous, e.level]), [['ok', 'warn']]);
		engine.ledger.record(official(t0 + 2 * min, 1));
		assert.deepEqual(engine.evaluate(t0 + 2 * min).events.map((e) => [e.previous, e.level]), [['warn', 'exhausted']]);
	});

	it('a rate-limit signal marks the window exhausted until its reset and notifies once', () => {
		const engine = new QuotaEngine(resolveQuotaSettings());
		const reset = new Date(t0 + 90 * min).toISOString();
		engine.ledger.applySignal({ kind: 'quota_exhausted', agent: 'claude', window: 'five_hour', resetsAt: reset, message: '' }, t0);
		const first = engine.evaluate(t0);
		assert.equal(first.snapshot.windows[0]?.exhausted, true);
		assert.deepEqual(first.notifications.map((n) => [n.level, n.reason]), [['critical', 'exhausted']]);
		assert.deepEqual(engine.evaluate(t0 + 30 * min).notifications, []);
		assert.equal(engine.evaluate(t0 + 30 * min).snapshot.windows[0]?.exhausted, true, 'still exhausted while stale');
		assert.equal(engine.evaluate(t0 + 91 * min).snapshot.windows[0]?.exhausted, false);
		assert.equal(engine.outlookProvider().outlook('claude').level, 'unknown');
	});
});
