import * as assert from 'node:assert/strict';
import { activeBlock, cumulativeSeries, identifyBlocks, lastBreakIndex, type BlockEntry } from '../../../../src/core/quota/blocks';

const h = 3_600_000;
const at = (iso: string): number => Date.parse(iso);
const e = (iso: string, tokens = 100): BlockEntry => ({ at: at(iso), inputTokens: tokens, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0, model: 'm' });

describe('quota: 5-hour blocks (ccusage algorithm)', () => {
	const entries = [e('2026-11-25T08:17:00Z'), e('2026-11-25T10:00:00Z'), e('2026-11-25T13:16:59Z'), e('2026-11-25T13:30:00Z'), e('2026-11-25T20:00:00Z'), e('2026-11-25T20:30:00Z')];

	it('starts blocks at the floored hour and splits after 5 h from the start or after a 5 h gap', () => {
		const blocks = identifyBlocks(entries, at('2026-11-25T21:00:00Z'));
		assert.deepEqual(blocks.map((b) => [new Date(b.start).toISOString(), b.entries, b.totalTokens, b.isActive]), [
			['2026-11-25T08:00:00.000Z', 2, 200, false],
			['2026-11-25T13:00:00.000Z', 2, 200, false],
			['2026-11-25T20:00:00.000Z', 2, 200, true],
		]);
		assert.equal(blocks[2]?.end, at('2026-11-26T01:00:00Z'));
		assert.equal(blocks[2]?.tokensPerMinute, 200 / 30);
		assert.equal(identifyBlocks([e('2026-11-25T08:17:00Z')], 0)[0]?.tokensPerMinute, null);
	});

	it('groups only since the last long gap for the active block, with the same result', () => {
		assert.equal(lastBreakIndex(entries), 4);
		const now = at('2026-11-25T21:00:00Z');
		assert.deepEqual(activeBlock(entries, now), identifyBlocks(entries, now).pop());
		assert.equal(activeBlock(entries, at('2026-11-26T02:00:00Z')), null);
		assert.equal(activeBlock(entries, at('2026-11-25T13:20:00Z'))?.entries, 1, 'entries after now are ignored');
	});

	it('gives a cumulative series within a block', () => {
		assert.deepEqual(cumulativeSeries(entries, at('2026-11-25T20:00:00Z'), at('2026-11-26T01:00:00Z')), [
			{ at: at('2026-11-25T20:00:00Z'), value: 100 },
			{ at: at('2026-11-25T20:30:00Z'), value: 200 },
		]);
		assert.equal(identifyBlocks([], 0).length, 0);
		assert.equal(identifyBlocks(entries, 0, h).length, 4, 'block length is a parameter');
	});
});
