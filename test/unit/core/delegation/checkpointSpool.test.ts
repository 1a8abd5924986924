import * as assert from 'node:assert/strict';
import { checkpointSpoolFileFor, checkpointSpoolRecord, parseSpooledCheckpoints } from '../../../../src/core/bridge/protocol';

describe('checkpoint spool records', () => {
	it('live beside the discovery file and round-trip through JSON, first of each id only', () => {
		assert.equal(checkpointSpoolFileFor('/d/bridges/0123456789abcdef.json'), '/d/bridges/0123456789abcdef.checkpoints.jsonl');
		const a = { id: 'c1', at: '2025-01-01T00:00:00.000Z', params: { summary: 'Goal: g\nNext step: n', agent: 'claude' as const, sessionId: 's1', files: ['a.ts'], goal: 'g' } };
		const b = { id: 'c2', at: '2025-01-01T00:01:00.000Z', params: { summary: 'second' } };
		const records = [a, a, b].map((c) => JSON.parse(JSON.stringify(checkpointSpoolRecord(c))) as unknown);
		assert.deepEqual(parseSpooledCheckpoints(records), [a, b]);
	});

	it('skips malformed records and hook events, and drops unknown agents and non-string files', () => {
		const records = [
			{ v: 1, event: { kind: 'stop' } },
			{ v: 2, checkpoint: { id: 'x', params: { summary: 's' } } },
			{ v: 1, checkpoint: { id: 'y', params: {} } },
			{ v: 1, checkpoint: { params: { summary: 's' } } },
			{ v: 1, checkpoint: { id: 'z', params: { summary: 's', agent: 'cursor', files: ['a', 3] } } },
			'text',
		];
		assert.deepEqual(parseSpooledCheckpoints(records), [{ id: 'z', at: '', params: { summary: 's', files: ['a'] } }]);
	});
});
