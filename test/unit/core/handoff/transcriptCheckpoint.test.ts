import * as assert from 'node:assert/strict';
import { renderCheckpoint } from '../../../../src/core/delegation/delegation';
import { parseCheckpointText } from '../../../../src/core/handoff/checkpointText';
import { checkpointFromTranscript } from '../../../../src/core/handoff/transcriptCheckpoint';
import type { SessionRecord } from '../../../../src/core/handoff/types';

const src = (line: number): { file: string; line: number } => ({ file: 't.jsonl', line });

describe('checkpoint from a transcript', () => {
	const records: SessionRecord[] = [
		{ kind: 'user', text: 'Fix the flaky login test', source: src(1) },
		{ kind: 'toolCall', id: 'c1', name: 'Bash', access: 'exec', paths: [], command: 'npm test -- login', source: src(2) },
		{ kind: 'toolResult', callId: 'c1', isError: true, text: 'Timeout after 5000 ms', source: src(3) },
		{ kind: 'toolCall', id: 'c2', name: 'Edit', access: 'write', paths: ['src/login.test.ts'], source: src(4) },
		{ kind: 'plan', items: [{ text: 'Reproduce', status: 'completed' }, { text: 'Raise the timeout', status: 'in_progress' }, { text: 'Run the suite', status: 'pending' }], source: src(5) },
		{ kind: 'assistant', text: 'Raising the timeout now.', source: src(6) },
	];

	it('copies goal, approach, next step, written files and failed commands from the records', () => {
		const c = checkpointFromTranscript(records, 'task text');
		assert.deepEqual(c, {
			goal: 'Fix the flaky login test',
			ruledOut: ['`npm test -- login` — failed: Timeout after 5000 ms'],
			currentApproach: 'Plan item in progress: Raise the timeout',
			nextStep: 'First pending plan item: Run the suite',
			files: ['src/login.test.ts'],
		});
	});

	it('falls back to the last message and the task, and gives nothing for an empty transcript', () => {
		const c = checkpointFromTranscript([{ kind: 'assistant', text: 'Looking at auth.ts', source: src(1) }], 'Fix auth');
		assert.equal(c?.goal, 'Fix auth');
		assert.equal(c?.currentApproach, "Agent's last message: Looking at auth.ts");
		assert.equal(c?.nextStep, "Continue from the agent's last message.");
		assert.equal(checkpointFromTranscript([], 'x'), null);
	});

	it('round-trips through the stored text the brief reads', () => {
		const c = checkpointFromTranscript(records, 'task text');
		assert.ok(c);
		const parsed = parseCheckpointText(renderCheckpoint(c), { id: 'm', at: '2026-11-25T00:00:00.000Z', files: [] });
		assert.equal(parsed.goal, 'Fix the flaky login test');
		assert.deepEqual(parsed.ruledOut, [{ item: '`npm test -- login`', evidence: 'failed: Timeout after 5000 ms' }]);
		assert.deepEqual(parsed.files, ['src/login.test.ts']);
	});
});
