import * as assert from 'node:assert/strict';
import { epochToMs, findResetTime, parseDurationMs, parseIsoInstant } from '../../../../src/core/agents/resetTime';
import { isValidTimeZone, localToUtc, nextLocalMidnight, zoneOffsetMs } from '../../../../src/core/agents/zonedTime';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

function reset(text: string, now = '2026-11-25T14:00:00Z', timeZone = 'UTC'): string | null {
	return iso(findResetTime(text, { now: at(now), timeZone })?.at);
}

describe('zoned time', () => {
	it('knows valid and invalid zones', () => {
		assert.ok(isValidTimeZone('America/New_York'));
		assert.ok(isValidTimeZone('UTC'));
		assert.ok(!isValidTimeZone('Mars/Olympus_Mons'));
		assert.ok(!isValidTimeZone(''));
	});

	it('computes offsets on both sides of DST', () => {
		assert.equal(zoneOffsetMs(at('2026-01-15T12:00:00Z'), 'America/New_York'), -5 * 3_600_000);
		assert.equal(zoneOffsetMs(at('2026-07-15T12:00:00Z'), 'America/New_York'), -4 * 3_600_000);
		assert.equal(zoneOffsetMs(at('2026-07-15T12:00:00Z'), 'Asia/Kolkata'), 5.5 * 3_600_000);
	});

	it('converts wall-clock times, picking the earlier instant in a fall-back hour', () => {
		assert.equal(iso(localToUtc({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York')), '2026-11-01T05:30:00.000Z');
		assert.equal(iso(localToUtc({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin')), '2026-10-25T00:30:00.000Z');
	});

	it('reads a time inside a spring-forward gap with the offset before the gap', () => {
		assert.equal(iso(localToUtc({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York')), '2026-03-08T07:30:00.000Z');
	});

	it('finds the next local midnight', () => {
		assert.equal(iso(nextLocalMidnight(at('2026-11-25T14:00:00Z'), 'America/Los_Angeles')), '2026-11-26T08:00:00.000Z');
		assert.equal(iso(nextLocalMidnight(at('2026-11-26T07:59:00Z'), 'America/Los_Angeles')), '2026-11-26T08:00:00.000Z');
		assert.equal(nextLocalMidnight(0, 'Not/AZone'), null);
	});
});

describe('reset time parsing', () => {
	it('reads clock times with a zone in parentheses', () => {
		assert.equal(reset('resets 4:21pm (UTC)'), '2026-11-25T16:21:00.000Z');
		assert.equal(reset('resets 11:21am (America/New_York)'), '2026-11-25T16:21:00.000Z');
		assert.equal(reset('resets 12:50am (America/Los_Angeles)'), '2026-11-26T08:50:00.000Z');
		assert.equal(reset('resets 12pm (UTC)', '2026-11-25T11:00:00Z'), '2026-11-25T12:00:00.000Z');
	});

	it('uses the input zone for a clock time without one, and for an unknown zone name', () => {
		assert.equal(reset('resets 5am', '2026-11-25T14:00:00Z', 'Europe/Berlin'), '2026-11-26T04:00:00.000Z');
		assert.equal(reset('resets 5pm (Nowhere/Town)', '2026-11-25T14:00:00Z', 'Europe/Berlin'), '2026-11-25T16:00:00.000Z');
	});

	it('rolls a past clock time to tomorrow, with 5 minutes of slack', () => {
		assert.equal(reset('try again at 1:00 PM.'), '2026-11-26T13:00:00.000Z');
		assert.equal(reset('try again at 1:56 PM.'), '2026-11-25T13:56:00.000Z');
		assert.equal(reset('try again at 1:54 PM.'), '2026-11-26T13:54:00.000Z');
	});

	it('reads date forms, with and without a year', () => {
		assert.equal(reset('resets Nov 28, 3pm (UTC)'), '2026-11-28T15:00:00.000Z');
		assert.equal(reset('resets Nov 24, 3pm (UTC)'), '2027-11-24T15:00:00.000Z');
		assert.equal(reset('try again at Nov 28th, 2026 2:19 PM.', '2026-11-25T14:00:00Z', 'America/New_York'), '2026-11-28T19:19:00.000Z');
		assert.equal(reset('try again at March 1st, 2027 9:05 AM.', '2026-11-25T14:00:00Z', 'America/New_York'), '2027-03-01T14:05:00.000Z');
	});

	it('reads relative durations', () => {
		assert.equal(reset('try again in 2 days 3 hours 5 minutes'), '2026-11-27T17:05:00.000Z');
		assert.equal(reset('try again in 3h 20m'), '2026-11-25T17:20:00.000Z');
		assert.equal(reset('Please retry in 39.5s.'), '2026-11-25T14:00:39.500Z');
		assert.equal(reset('Suggested retry after 2s.'), '2026-11-25T14:00:02.000Z');
		assert.equal(reset('"retryDelay": "39s"'), '2026-11-25T14:00:39.000Z');
	});

	it('reads epoch and RFC 3339 forms', () => {
		assert.equal(reset('Claude AI usage limit reached|1795622366'), '2026-11-25T15:59:26.000Z');
		assert.equal(reset('"resets_at":1795622366'), '2026-11-25T15:59:26.000Z');
		assert.equal(reset('anthropic-ratelimit-unified-reset: 1795622366'), '2026-11-25T15:59:26.000Z');
		assert.equal(reset('anthropic-ratelimit-requests-reset: 2026-11-25T14:00:30Z'), '2026-11-25T14:00:30.000Z');
		assert.equal(reset('anthropic-ratelimit-tokens-reset: 2026-11-25T09:00:30-05:00'), '2026-11-25T14:00:30.000Z');
	});

	it('finds nothing in text without a reset', () => {
		assert.equal(reset('Please wait and try again later.'), null);
		assert.equal(reset('resets 25 times'), null);
		assert.equal(reset('resets 13pm (UTC)'), null);
		assert.equal(reset(''), null);
	});

	it('parses durations and instants', () => {
		assert.equal(parseDurationMs('1m30s'), 90_000);
		assert.equal(parseDurationMs('1500ms'), 1500);
		assert.equal(parseDurationMs('2 hours and 5 mins'), 7_500_000);
		assert.equal(parseDurationMs('soon'), null);
		assert.equal(epochToMs(1795622366), 1795622366000);
		assert.equal(epochToMs(1795622366000), 1795622366000);
		assert.equal(epochToMs(-1), null);
		assert.equal(epochToMs(Number.NaN), null);
		assert.equal(parseIsoInstant('2026-11-25T14:00:30Z'), at('2026-11-25T14:00:30Z'));
		assert.equal(parseIsoInstant('2026-11-25 14:00'), null);
	});
});
