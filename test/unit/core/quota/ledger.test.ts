import * as assert from 'node:assert/strict';
import { QuotaLedger } from '../../../../src/core/quota/ledger';
import { resolveQuotaSettings } from '../../../../src/core/quota/settings';
import type { QuotaObservation } from '../../../../src/core/quota/types';

const min = 60_000;
const t0 = Date.parse('2026-11-25T10:00:00Z');
const settings = resolveQuotaSettings();

function obs(extra: Partial<QuotaObservation>): QuotaObservation {
	return { agent: 'claude', window: 'five_hour', model: null, provenance: 'official', source: 'statusline', observedAt: t0, usedFraction: 0.4, used: null, limit: null, unit: 'percent', resetsAt: t0 + 3 * 60 * min, windowStart: null, exhausted: false, ...extra };
}
const estimate = (extra: Partial<QuotaObservation> = {}): QuotaObservation =>
	obs({ provenance: 'estimate', source: 'transcripts', usedFraction: null, used: 300_000, limit: 1_000_000, unit: 'tokens', ...extra });

describe('quota: ledger (official vs estimate vs counted)', () => {
	it('official wins while fresh, with the estimate kept as the alternative', () => {
		const ledger = new QuotaLedger(settings);
		ledger.record(obs({}));
		ledger.record(estimate({ observedAt: t0 + 5 * min }));
		const w = ledger.snapshot(t0 + 5 * min).windows[0];
		assert.equal(w?.chosen.provenance, 'official');
		assert.equal(w?.staleness, 'fresh');
		assert.equal(w?.usedFraction, 0.4);
		assert.equal(w?.alternative?.provenance, 'estimate');
	});

	it('a stale official value yields to an estimate against a user limit, and stays shown (stale) without one', () => {
		const ledger = new QuotaLedger(settings);
		ledger.record(obs({}));
		ledger.record(estimate({ observedAt: t0 + 30 * min }));
		const w = ledger.snapshot(t0 + 30 * min).windows[0];
		assert.equal(w?.chosen.provenance, 'estimate');
		assert.equal(w?.usedFraction, 0.3);
		const bare = new QuotaLedger(settings);
		bare.record(obs({}));
		bare.record(estimate({ observedAt: t0 + 30 * min, limit: null }));
		const v = bare.snapshot(t0 + 30 * min).windows[0];
		assert.equal(v?.chosen.provenance, 'official');
		assert.equal(v?.staleness, 'stale');
	});

	it('an official value expires at its reset; without a reset after one window length', () => {
		const ledger = new QuotaLedger(settings);
		ledger.record(obs({ resetsAt: t0 + 10 * min }));
		assert.equal(ledger.snapshot(t0 + 11 * min).windows[0]?.staleness, 'expired');
		assert.equal(ledger.snapshot(t0 + 11 * min).windows[0]?.usedFraction, null);
		const noReset = new QuotaLedger(settings);
		noReset.record(obs({ resetsAt: null }));
		assert.equal(noReset.snapshot(t0 + 4 * 60 * min).windows[0]?.staleness, 'stale');
		assert.equal(noReset.snapshot(t0 + 5 * 60 * min + 1).windows[0]?.staleness, 'expired');
	});

	it('a newer official reading supersedes an exhausted signal', () => {
		const ledger = new QuotaLedger(settings);
		ledger.applySignal({ kind: 'quota_exhausted', agent: 'claude', window: null, resetsAt: null, message: '' }, t0);
		assert.equal(ledger.snapshot(t0 + min).windows[0]?.exhausted, true);
		assert.equal(ledger.snapshot(t0 + min).windows[0]?.window, 'five_hour');
		ledger.record(obs({ observedAt: t0 + 2 * min, usedFraction: 0.03 }));
		const w = ledger.snapshot(t0 + 2 * min).windows[0];
		assert.equal(w?.exhausted, false);
		assert.equal(w?.chosen.source, 'statusline');
	});

	it('applySignal maps agents and windows: Gemini daily by default, throttles per minute, other failures ignored', () => {
		const ledger = new QuotaLedger(settings);
		const daily = ledger.applySignal({ kind: 'quota_exhausted', agent: 'gemini', window: null, resetsAt: '2026-11-26T08:00:00.000Z', message: '' }, t0);
		assert.equal(daily?.window, 'daily');
		assert.equal(daily?.resetsAt, Date.parse('2026-11-26T08:00:00.000Z'));
		assert.equal(ledger.applySignal({ kind: 'rate_limited', agent: 'codex', window: null, resetsAt: null, message: '' }, t0)?.window, 'per_minute');
		assert.equal(ledger.applySignal({ kind: 'auth_required', agent: 'codex', window: null, resetsAt: null, message: '' }, t0), null);
		assert.equal(ledger.applySignal({ kind: 'quota_exhausted', agent: null, window: null, resetsAt: null, message: '' }, t0), null);
	});

	it('reads normalised rateLimit events of headless runs', () => {
		const ledger = new QuotaLedger(settings);
		ledger.applyRateLimitEvent('claude', { status: 'warning', window: 'weekly', utilization: 0.93, resetsAt: '2026-11-28T10:00:00.000Z' }, t0);
		ledger.applyRateLimitEvent('claude', { status: 'rejected', window: 'five_hour', resetsAt: '2026-11-25T12:00:00.000Z' }, t0);
		assert.equal(ledger.applyRateLimitEvent('claude', { status: 'allowed', window: null }, t0), null);
		const byKey = new Map(ledger.snapshot(t0).windows.map((w) => [w.key, w]));
		assert.equal(byKey.get('claude:weekly')?.usedFraction, 0.93);
		assert.equal(byKey.get('claude:five_hour')?.exhausted, true);
	});

	it('keeps official history for forecasts and ignores older readings of the same source', () => {
		const ledger = new QuotaLedger(settings);
		ledger.record(obs({ observedAt: t0 + 2 * min, usedFraction: 0.5 }));
		ledger.record(obs({ observedAt: t0, usedFraction: 0.4 }));
		ledger.record(obs({ observedAt: t0 + min, usedFraction: 0.45 }));
		assert.deepEqual(ledger.history({ agent: 'claude', window: 'five_hour', model: null }, 'official').map((s) => s.value), [0.4, 0.45, 0.5]);
		assert.equal(ledger.snapshot(t0 + 2 * min).windows[0]?.usedFraction, 0.5);
	});

	it('counted requests against a configured limit win over a stale official value', () => {
		const ledger = new QuotaLedger(settings);
		ledger.record(obs({ agent: 'gemini', window: 'daily', resetsAt: t0 + 20 * 60 * min }));
		ledger.record(obs({ agent: 'gemini', window: 'daily', provenance: 'counted', source: 'requests', observedAt: t0 + 30 * min, usedFraction: null, used: 100, limit: 250, unit: 'requests', resetsAt: t0 + 20 * 60 * min }));
		const w = ledger.snapshot(t0 + 30 * min).windows[0];
		assert.equal(w?.chosen.provenance, 'counted');
		assert.equal(w?.usedFraction, 0.4);
	});
});
