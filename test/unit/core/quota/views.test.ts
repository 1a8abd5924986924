import * as assert from 'node:assert/strict';
import { QuotaEngine } from '../../../../src/core/quota/engine';
import { resolveQuotaSettings } from '../../../../src/core/quota/settings';
import type { QuotaObservation } from '../../../../src/core/quota/types';
import { bindingWindow, compactLabel, formatDuration } from '../../../../src/core/quota/views';

const min = 60_000;
const t0 = Date.parse('2026-11-25T10:00:00Z');

function obs(extra: Partial<QuotaObservation>): QuotaObservation {
	return { agent: 'claude', window: 'five_hour', model: null, provenance: 'official', source: 'statusline', observedAt: t0, usedFraction: 0.42, used: null, limit: null, unit: 'percent', resetsAt: t0 + 3 * 60 * min, windowStart: null, exhausted: false, ...extra };
}

describe('quota: UI helpers', () => {
	it('the binding window is the one closest to its limit; the label shows it', () => {
		const engine = new QuotaEngine(resolveQuotaSettings());
		engine.ledger.record(obs({}));
		engine.ledger.record(obs({ window: 'weekly', usedFraction: 0.78, resetsAt: t0 + 3 * 86_400_000 }));
		engine.ledger.record(obs({ window: 'weekly', model: 'opus', usedFraction: 0.2, resetsAt: t0 + 3 * 86_400_000 }));
		const { snapshot } = engine.evaluate(t0 + min);
		assert.equal(bindingWindow(snapshot, 'claude')?.key, 'claude:weekly');
		const label = compactLabel(snapshot, 'claude');
		assert.equal(label.text, 'Claude 78%');
		assert.match(label.tooltip, /5-hour: 42% · official \(statusline, 1m ago\) · resets in 2h 59m/);
		assert.match(label.tooltip, /weekly \(opus\): 20%/);
		assert.equal(compactLabel(snapshot, 'codex').text, 'Codex —');
	});

	it('labels estimates, stale values, counts and exhausted windows', () => {
		const estimate = new QuotaEngine(resolveQuotaSettings());
		estimate.ledger.record(obs({ provenance: 'estimate', source: 'transcripts', usedFraction: null, used: 780, limit: 1000, unit: 'tokens' }));
		assert.equal(compactLabel(estimate.evaluate(t0).snapshot, 'claude').text, 'Claude ~78% est.');
		const stale = new QuotaEngine(resolveQuotaSettings());
		stale.ledger.record(obs({}));
		assert.equal(compactLabel(stale.evaluate(t0 + 30 * min).snapshot, 'claude').text, 'Claude 42% (stale)');
		const counted = new QuotaEngine(resolveQuotaSettings());
		counted.ledger.record(obs({ agent: 'gemini', window: 'daily', provenance: 'counted', source: 'requests', usedFraction: null, used: 100, limit: 250, unit: 'requests' }));
		assert.equal(compactLabel(counted.evaluate(t0).snapshot, 'gemini').text, 'Gemini 40% counted');
		const out = new QuotaEngine(resolveQuotaSettings());
		out.ledger.applySignal({ kind: 'quota_exhausted', agent: 'codex', window: 'weekly', resetsAt: null, message: '' }, t0);
		assert.equal(compactLabel(out.evaluate(t0).snapshot, 'codex').text, 'Codex limit');
	});

	it('gives chart series with a projection to the reset, and the router an outlook', () => {
		const engine = new QuotaEngine(resolveQuotaSettings());
		for (let m = 0; m <= 20; m++) {
			engine.ledger.record(obs({ observedAt: t0 + m * min, usedFraction: 0.3 + 0.01 * m }));
		}
		const evaluation = engine.evaluate(t0 + 20 * min);
		const [series] = engine.series('claude');
		assert.equal(series?.unit, 'fraction');
		assert.equal(series?.points.length, 21);
		assert.equal(series?.projection[0]?.value, 0.5);
		assert.equal(series?.projection[series.projection.length - 1]?.value, 1);
		assert.equal(evaluation.forecasts.get('claude:five_hour')?.runsOutBeforeReset, true);
		const outlook = engine.outlookProvider().outlook('claude');
		assert.equal(outlook.level, 'warn');
		assert.equal(outlook.crossesWarnBeforeReset, true);
		assert.match(outlook.summary ?? '', /5-hour: 50%/);
		assert.deepEqual(engine.outlookProvider().outlook('other'), { level: 'unknown', crossesWarnBeforeReset: false });
		const [claude] = engine.summaries();
		assert.equal(claude?.label.text, 'Claude 50%');
		assert.equal(claude?.forecast?.runsOutBeforeReset, true);
	});

	it('formats durations compactly', () => {
		assert.deepEqual([formatDuration(30_000), formatDuration(45 * min), formatDuration(130 * min), formatDuration(3 * 1440 * min + 4 * 60 * min)], ['<1m', '45m', '2h 10m', '3d 4h']);
	});
});
