import * as assert from 'node:assert/strict';
import { claudeWindowOf, parseSnapshotLine, readingsFromRateLimitEvent, readingsFromSnapshot, readingsFromUnifiedHeaders, snapshotFromStatusline } from '../../../../src/core/quota/claudeLimits';
import { readSample, sampleLines } from '../../../support/samples';

const now = Date.parse('2026-11-25T14:00:00Z');

describe('quota: Claude official limits', () => {
	it('turns the statusLine rate_limits block into a compact snapshot and back into readings', () => {
		const input: unknown = JSON.parse(readSample('claude/statusline-input-example.json'));
		const snapshot = snapshotFromStatusline(input, now);
		assert.deepEqual(snapshot, { v: 1, t: now, sid: '4242d6d3-cf0b-46bc-9d36-6fe9ed6ee93f', rl: { five_hour: { p: 42, r: 1795626000 }, seven_day: { p: 13, r: 1796050000 } } });
		assert.deepEqual(parseSnapshotLine(JSON.stringify(snapshot)), snapshot);
		const readings = readingsFromSnapshot(snapshot as NonNullable<typeof snapshot>);
		assert.deepEqual(readings.map((r) => [r.window, r.model, r.usedFraction, r.resetsAt, r.provenance, r.source]), [
			['five_hour', null, 0.42, 1795626000000, 'official', 'statusline'],
			['weekly', null, 0.13, 1796050000000, 'official', 'statusline'],
		]);
	});

	it('ignores statusLine input without rate_limits (API-key users, before the first response)', () => {
		assert.equal(snapshotFromStatusline(JSON.parse(readSample('ccusage/claude-statusline-input.json')), now), null);
		assert.equal(snapshotFromStatusline('not json', now), null);
		assert.equal(parseSnapshotLine('{"v":2}'), null);
	});

	it('names windows, including model-scoped weekly limits', () => {
		assert.deepEqual(claudeWindowOf('seven_day_opus'), { window: 'weekly', model: 'opus' });
		assert.deepEqual(claudeWindowOf('7d_oi'), { window: 'weekly', model: 'overage_included' });
		assert.deepEqual(claudeWindowOf('5h'), { window: 'five_hour', model: null });
		assert.equal(claudeWindowOf('overage'), null);
	});

	it('reads rate_limit_event lines of headless runs', () => {
		const lines = ['stream-json-subscription-warning', 'stream-json-subscription-session-limit', 'stream-json-subscription-weekly-limit'].flatMap((n) => sampleLines(`claude/${n}.jsonl`));
		const readings = lines.flatMap((l) => readingsFromRateLimitEvent(l, now));
		const warning = readings.find((r) => r.usedFraction === 0.93);
		assert.equal(warning?.window, 'five_hour');
		assert.equal(warning?.exhausted, false);
		const rejected = readings.filter((r) => r.exhausted);
		assert.deepEqual(rejected.map((r) => r.window).sort(), ['five_hour', 'weekly']);
		assert.equal(rejected.find((r) => r.window === 'five_hour')?.resetsAt, 1795622366000);
	});

	it('reads anthropic-ratelimit-unified-* headers', () => {
		const readings = readingsFromUnifiedHeaders(
			{
				'Anthropic-Ratelimit-Unified-Status': 'rejected',
				'anthropic-ratelimit-unified-representative-claim': 'five_hour',
				'anthropic-ratelimit-unified-5h-utilization': '1.02',
				'anthropic-ratelimit-unified-5h-reset': '1795622366',
				'anthropic-ratelimit-unified-7d-utilization': '0.41',
				'anthropic-ratelimit-unified-7d-reset': '1796050000',
				'anthropic-ratelimit-unified-overage-utilization': '0',
			},
			now,
		);
		assert.deepEqual(readings.map((r) => [r.window, r.usedFraction, r.exhausted, r.resetsAt]), [
			['five_hour', 1.02, true, 1795622366000],
			['weekly', 0.41, false, 1796050000000],
		]);
	});
});
