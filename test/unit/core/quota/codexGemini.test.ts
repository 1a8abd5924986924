import * as assert from 'node:assert/strict';
import { CodexRolloutReader, codexLimitReadings } from '../../../../src/core/quota/codexRollout';
import { createDayKeyer } from '../../../../src/core/quota/dayKey';
import { GeminiUsageStore } from '../../../../src/core/quota/geminiChat';
import { countedReadings, lastLocalMidnight } from '../../../../src/core/quota/requestCounter';
import { resolveQuotaSettings } from '../../../../src/core/quota/settings';
import { sampleLines } from '../../../support/samples';

const at = Date.parse('2026-11-25T14:18:10.059Z');

describe('quota: Codex rollouts', () => {
	it('reads token deltas from totals and the official 5-hour and weekly windows', () => {
		const reader = new CodexRolloutReader();
		const results = sampleLines('codex/rollout-tool-then-resumed-twice.jsonl').map((l) => reader.push(l));
		const usages = results.flatMap((r) => (r.usage ? [r.usage] : []));
		assert.deepEqual(usages.map((u) => u.inputTokens + u.cacheReadTokens), usages.map(() => 2345));
		assert.deepEqual(usages[0], { at: usages[0]?.at, model: usages[0]?.model, inputTokens: 345, outputTokens: 67, cacheCreationTokens: 0, cacheReadTokens: 2000 });
		const limits = results.flatMap((r) => r.limits);
		assert.deepEqual([...new Set(limits.map((l) => l.window))], ['five_hour', 'weekly']);
		assert.equal(limits[0]?.usedFraction, 0.425);
		assert.equal(limits[0]?.provenance, 'official');
		assert.equal(limits[0]?.resetsAt, 1795619914000);
	});

	it('marks a 100 % primary window exhausted (usage-limit rollout) and yields no usage for info:null', () => {
		const reader = new CodexRolloutReader();
		const results = sampleLines('codex/rollout-usage-limit.jsonl').map((l) => reader.push(l));
		const limits = results.flatMap((r) => r.limits);
		assert.equal(limits.find((l) => l.window === 'five_hour')?.exhausted, true);
		assert.equal(results.filter((r) => r.usage).length, 0);
	});

	it('does not count a repeated total twice, and uses last_token_usage after a total goes back', () => {
		const reader = new CodexRolloutReader();
		const line = (total: number, last: number): string =>
			JSON.stringify({ timestamp: '2026-11-25T14:00:00.000Z', type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: { input_tokens: total, output_tokens: 1 }, last_token_usage: { input_tokens: last, output_tokens: 1 } } } });
		assert.equal(reader.push(line(100, 100)).usage?.inputTokens, 100);
		assert.equal(reader.push(line(100, 100)).usage, null);
		assert.equal(reader.push(line(150, 50)).usage?.inputTokens, 50);
		assert.equal(reader.push(line(20, 20)).usage?.inputTokens, 20);
		assert.equal(reader.push('{"timestamp":"x", broken').usage, null);
	});

	it('identifies windows by window_minutes, skips zero placeholders, accepts resets_in_seconds', () => {
		const readings = codexLimitReadings(
			{ limit_id: 'codex', primary: { used_percent: 0, window_minutes: 0, resets_at: 0 }, secondary: { used_percent: 50, window_minutes: 300, resets_in_seconds: 600 } },
			at,
		);
		assert.equal(readings.length, 1);
		assert.equal(readings[0]?.window, 'five_hour');
		assert.equal(readings[0]?.resetsAt, at + 600_000);
		const weeklyPrimary = codexLimitReadings({ limit_id: 'codex_other', primary: { used_percent: 10, window_minutes: 10080, resets_at: 1795961890 } }, at);
		assert.deepEqual([weeklyPrimary[0]?.window, weeklyPrimary[0]?.model], ['weekly', 'codex_other']);
	});
});

describe('quota: Gemini chats and counted requests', () => {
	it('keeps the last copy of each message id and splits tokens into ccusage buckets', () => {
		const store = new GeminiUsageStore(createDayKeyer('UTC'));
		const id = store.openFile('/g/chats/session-1.jsonl');
		for (const line of sampleLines('gemini/session-chats-file.jsonl')) {
			store.addLine(id, line);
		}
		assert.equal(store.size(), 2);
		assert.deepEqual(store.daily(), [{ date: '2026-11-25', agent: 'gemini', inputTokens: 468, outputTokens: 312, cacheCreationTokens: 0, cacheReadTokens: 2000 }]);
		store.resetFile(id);
		assert.deepEqual(store.daily(), []);
	});

	it('counts requests per minute and per Pacific day against configured limits only', () => {
		const now = Date.parse('2026-11-25T20:00:00Z');
		const times = [Date.parse('2026-11-25T07:59:00Z'), Date.parse('2026-11-25T08:01:00Z'), now - 30_000, now - 10_000];
		const noLimits = countedReadings('gemini', times, now, resolveQuotaSettings());
		assert.deepEqual(noLimits.map((r) => [r.observation.window, r.observation.used, r.observation.limit]), [['per_minute', 2, null], ['daily', 3, null]]);
		const limited = countedReadings('gemini', times, now, resolveQuotaSettings({ limits: [{ agent: 'gemini', window: 'daily', model: null, limit: 3, unit: 'requests' }] }));
		const daily = limited[1]?.observation;
		assert.equal(daily?.exhausted, true);
		assert.equal(daily?.resetsAt, Date.parse('2026-11-26T08:00:00Z'));
		assert.equal(daily?.windowStart, Date.parse('2026-11-25T08:00:00Z'));
		assert.equal(limited[0]?.observation.resetsAt, now - 30_000 + 60_000);
	});

	it('finds the last local midnight across DST changes', () => {
		assert.equal(lastLocalMidnight(Date.parse('2026-03-08T12:00:00Z'), 'America/Los_Angeles'), Date.parse('2026-03-08T08:00:00Z'));
		assert.equal(lastLocalMidnight(Date.parse('2026-03-09T06:59:00Z'), 'America/Los_Angeles'), Date.parse('2026-03-08T08:00:00Z'));
		assert.equal(lastLocalMidnight(Date.parse('2026-03-09T07:00:00Z'), 'America/Los_Angeles'), Date.parse('2026-03-09T07:00:00Z'));
	});
});
