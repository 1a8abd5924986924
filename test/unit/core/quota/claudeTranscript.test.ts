import * as assert from 'node:assert/strict';
import { readClaudeLine, splitLines } from '../../../../src/core/quota/claudeTranscript';
import { sampleLines } from '../../../support/samples';

const ts = '2026-11-25T13:58:33.816Z';
function line(extra: Record<string, unknown> = {}, message: Record<string, unknown> = {}): string {
	return JSON.stringify({
		type: 'assistant',
		timestamp: ts,
		requestId: 'req_1',
		sessionId: 's1',
		version: '2.1.197',
		cwd: '/tmp/w',
		message: { id: 'msg_1', model: 'claude-opus-4-8', content: [{ type: 'text', text: 'hi' }], usage: { input_tokens: 12, output_tokens: 17, cache_creation_input_tokens: 345, cache_read_input_tokens: 6789 }, ...message },
		...extra,
	});
}

describe('quota: Claude transcript lines (ccusage 17.2.1 schema)', () => {
	it('reads a usage line into ccusage buckets with the message:request key', () => {
		const read = readClaudeLine(line());
		assert.deepEqual(read.entry, { at: Date.parse(ts), inputTokens: 12, outputTokens: 17, cacheCreationTokens: 345, cacheReadTokens: 6789, model: 'claude-opus-4-8', key: 'msg_1:req_1', limitResetAt: null });
		assert.equal(read.timestampMs, Date.parse(ts));
	});

	it('defaults missing cache fields to 0 and has no key without a request id', () => {
		const read = readClaudeLine(line({ requestId: undefined }, { usage: { input_tokens: 1, output_tokens: 2 } }));
		assert.equal(read.entry?.cacheCreationTokens, 0);
		assert.equal(read.entry?.key, null);
	});

	const rejected: Array<[string, string]> = [
		['null requestId', line({ requestId: null })],
		['empty requestId', line({ requestId: '' })],
		['string content', line({}, { content: 'text' })],
		['content item with numeric text', line({}, { content: [{ text: 5 }] })],
		['version without x.y.z', line({ version: 'dev' })],
		['timestamp with an offset', line({ timestamp: '2026-11-25T13:58:33.816+00:00' })],
		['timestamp with microseconds', line({ timestamp: '2026-11-25T13:58:33.816123Z' })],
		['string token count', line({}, { usage: { input_tokens: '12', output_tokens: 1 } })],
		['null cache tokens', line({}, { usage: { input_tokens: 1, output_tokens: 1, cache_read_input_tokens: null } })],
		['empty model', line({}, { model: '' })],
		['numeric message id', line({}, { id: 12345 })],
		['non-boolean isApiErrorMessage', line({ isApiErrorMessage: 'yes' })],
		['null cwd', line({ cwd: null })],
		['no usage', JSON.stringify({ type: 'user', timestamp: ts, message: { role: 'user', content: 'x' } })],
	];
	for (const [name, text] of rejected) {
		it(`does not count a line with ${name} (but still reads its timestamp when valid)`, () => {
			const read = readClaudeLine(text);
			assert.equal(read.entry, null);
		});
	}

	it('reads timestamps of any line for file ordering, leniently like new Date()', () => {
		assert.equal(readClaudeLine(JSON.stringify({ type: 'queue-operation', timestamp: '2026-11-25T13:58:33.406Z' })).timestampMs, Date.parse('2026-11-25T13:58:33.406Z'));
		assert.equal(readClaudeLine(JSON.stringify({ timestamp: '2026-11-25' })).timestampMs, Date.parse('2026-11-25'));
		assert.equal(readClaudeLine(JSON.stringify({ timestamp: 'soon' })).timestampMs, null);
		assert.equal(readClaudeLine('{"timestamp":').timestampMs, null);
		assert.equal(readClaudeLine('null').entry, null);
	});

	it('keeps an invalid calendar date as NaN (ccusage drops it after de-duplication)', () => {
		const read = readClaudeLine(line({ timestamp: '2026-13-45T10:00:00Z' }));
		assert.ok(read.entry && Number.isNaN(read.entry.at));
	});

	it('reads the legacy usage-limit reset of an API error line', () => {
		const read = readClaudeLine(line({ isApiErrorMessage: true }, { model: '<synthetic>', content: [{ type: 'text', text: 'Claude AI usage limit reached|1795622366' }] }));
		assert.equal(read.entry?.limitResetAt, 1795622366000);
	});

	it('counts the real sample transcripts like ccusage (synthetic lines included with zero tokens)', () => {
		const entries = ['transcript-tool-session', 'transcript-api-429', 'transcript-subscription-session-limit', 'transcript-max-turns']
			.flatMap((name) => sampleLines(`claude/${name}.jsonl`))
			.map((l) => readClaudeLine(l).entry)
			.filter((e) => e !== null);
		assert.equal(entries.length, 5);
		assert.ok(entries.some((e) => e?.model === '<synthetic>' && e.inputTokens === 0));
		assert.ok(entries.every((e) => e?.key !== null));
		// ccusage 17.2.1 `daily --json` over these four files: 36 / 101 / 1035 / 20367.
		const sum = (f: (e: NonNullable<(typeof entries)[number]>) => number): number => entries.reduce((n, e) => n + (e ? f(e) : 0), 0);
		assert.deepEqual([sum((e) => e.inputTokens), sum((e) => e.outputTokens), sum((e) => e.cacheCreationTokens), sum((e) => e.cacheReadTokens)], [36, 101, 1035, 20367]);
	});

	it('splits lines like readline: \\n, \\r\\n and a lone \\r', () => {
		assert.deepEqual(splitLines('a\nb\r\nc\rd\n'), ['a', 'b', 'c', 'd']);
		assert.deepEqual(splitLines('a\n\nb'), ['a', '', 'b']);
	});
});

describe('quota: Claude transcript lines, skipping lines that cannot matter', () => {
	const earliest = Date.parse('2026-11-25T10:00:00.000Z');
	it('parses a later non-usage line only when it could lower the earliest timestamp', () => {
		const later = JSON.stringify({ type: 'user', timestamp: '2026-11-25T11:00:00.000Z', message: { content: 'x' } });
		assert.deepEqual(readClaudeLine(later, earliest), { entry: null, timestampMs: null });
		const earlier = JSON.stringify({ type: 'user', timestamp: '2026-11-25T09:00:00.000Z' });
		assert.equal(readClaudeLine(earlier, earliest).timestampMs, Date.parse('2026-11-25T09:00:00.000Z'));
		const nested = JSON.stringify({ type: 'user', timestamp: '2026-11-25T11:00:00.000Z', toolUseResult: { timestamp: '2026-11-25T08:00:00.000Z' } });
		assert.equal(readClaudeLine(nested, earliest).timestampMs, Date.parse('2026-11-25T11:00:00.000Z'), 'parsed, and the top-level value wins');
		assert.equal(readClaudeLine(JSON.stringify({ timestamp: '2026-11-25T11:00:00.000Z' }), null).timestampMs, Date.parse('2026-11-25T11:00:00.000Z'));
	});

	it('always parses usage lines and lines with \\u escapes', () => {
		assert.ok(readClaudeLine(line(), earliest).entry);
		const escaped = line().replace('"usage"', '"\\u0075sage"');
		assert.ok(readClaudeLine(escaped, earliest).entry);
		const escapedKey = JSON.stringify({ type: 'user', timestamp: '2026-11-25T11:00:00.000Z' }).replace('"timestamp":"2026-11-25T11', '"timestamp":"2026-11-25T11').replace('"type"', '"typ\\u0065"').replace('2026-11-25T11', '2026-11-25T08');
		assert.equal(readClaudeLine(escapedKey, earliest).timestampMs, Date.parse('2026-11-25T08:00:00.000Z'));
	});
});
