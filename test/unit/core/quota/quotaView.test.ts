import * as assert from 'node:assert/strict';
import { planLimitsFromSettings, statusBarSeverity, windowLevel } from '../../../../src/core/quota/quotaView';
import type { QuotaView } from '../../../../src/shared/quota';
import type { QuotaWindowState } from '../../../../src/core/quota/types';

function windowAt(usedFraction: number | null, exhausted = false): QuotaWindowState {
	return {
		agent: 'claude',
		window: 'five_hour',
		model: null,
		key: 'claude:five_hour',
		staleness: 'fresh',
		ageMs: 0,
		alternative: null,
		usedFraction,
		exhausted,
		chosen: { agent: 'claude', window: 'five_hour', model: null, provenance: 'official', source: 'statusline', observedAt: 0, usedFraction, used: null, limit: null, unit: 'percent', resetsAt: null, windowStart: null, exhausted },
	};
}

describe('quota view for the status bar and panel', () => {
	it('grades a window against the thresholds', () => {
		assert.equal(windowLevel(null, 80, 95), 'unknown');
		assert.equal(windowLevel(windowAt(null), 80, 95), 'unknown');
		assert.equal(windowLevel(windowAt(0.5), 80, 95), 'ok');
		assert.equal(windowLevel(windowAt(0.8), 80, 95), 'warn');
		assert.equal(windowLevel(windowAt(0.95), 80, 95), 'critical');
		assert.equal(windowLevel(windowAt(0.2, true), 80, 95), 'exhausted');
	});

	it('colours the status bar by the worst visible agent', () => {
		const view = (levels: Record<string, QuotaView['agents'][number]['level']>): QuotaView => ({
			at: 0,
			warnAt: 80,
			criticalAt: 95,
			agents: Object.entries(levels).map(([agent, level]) => ({ agent, displayName: agent, label: agent, level, bindingKey: null, windows: [] })),
		});
		assert.equal(statusBarSeverity(view({ claude: 'ok', codex: 'unknown' }), []), 'none');
		assert.equal(statusBarSeverity(view({ claude: 'ok', codex: 'warn' }), []), 'warning');
		assert.equal(statusBarSeverity(view({ claude: 'critical', codex: 'warn' }), []), 'error');
		assert.equal(statusBarSeverity(view({ claude: 'exhausted', codex: 'ok' }), ['claude']), 'none', 'hidden agents do not colour it');
	});

	it('reads plan limits from settings, dropping invalid ones; no model means plan-wide', () => {
		assert.deepEqual(
			planLimitsFromSettings([
				{ agent: 'claude', window: 'five_hour', limit: 100, unit: 'tokens' },
				{ agent: 'claude', window: 'weekly', model: 'opus', limit: 5, unit: 'tokens' },
				{ agent: 'nobody', window: 'daily', limit: 1, unit: 'requests' },
				{ agent: 'gemini', window: 'hourly', limit: 1, unit: 'requests' },
				{ agent: 'gemini', window: 'daily', limit: '100', unit: 'requests' },
				null,
			]),
			[
				{ agent: 'claude', window: 'five_hour', model: null, limit: 100, unit: 'tokens' },
				{ agent: 'claude', window: 'weekly', model: 'opus', limit: 5, unit: 'tokens' },
			],
		);
	});
});
