import * as assert from 'node:assert/strict';
import { buildDelegation, clampTimeoutSeconds, delegationHeader, headOf, longOutputAnswer, newDelegationId, outputStats, renderCheckpoint } from '../../../../src/core/delegation/delegation';
import { builtInRoles } from '../../../../src/core/delegation/roles';

const reviewer = builtInRoles[2];

describe('delegation', () => {
	it('puts the role and recalled memory in the instructions, the task and files in the prompt', () => {
		assert.ok(reviewer);
		const d = buildDelegation({ role: reviewer, prompt: '  review upload.ts \n', files: ['src/upload.ts', 'test/upload.test.ts'], memory: 'Uploads are multipart.', from: 'Claude Code' });
		assert.ok(d.instructions.startsWith(`Role: Code reviewer.\n\n${reviewer.instructions}`));
		assert.match(d.instructions, /delegated by Claude Code/);
		assert.match(d.instructions, /Project memory recalled by Baton \(may be incomplete or outdated\):\nUploads are multipart\.$/);
		assert.equal(d.prompt, 'review upload.ts\n\nFiles to look at:\n- src/upload.ts\n- test/upload.test.ts');
		const bare = buildDelegation({ role: reviewer, prompt: 'x', files: [], memory: ' ' });
		assert.equal(bare.prompt, 'x');
		assert.ok(!bare.instructions.includes('memory'));
	});

	it('clamps timeouts to 1…3600 s with 600 s by default', () => {
		assert.deepEqual([undefined, Number.NaN, 0, 2.4, 600, 7200].map(clampTimeoutSeconds), [600, 600, 1, 2, 600, 3600]);
	});

	it('makes ids that sort by time and are safe as file names', () => {
		assert.equal(newDelegationId(new Date('2025-01-02T03:04:05.678Z'), 'AbC/12'), 'd-20250102-030405-abc12');
		assert.equal(newDelegationId(new Date('2025-01-02T03:04:05Z'), '//'), 'd-20250102-030405-0');
	});

	it('summarises a long output: stats, the path on its own line, and the start cut at a line end', () => {
		const output = Array.from({ length: 300 }, (_, i) => `line ${i} of the findings`).join('\n');
		const answer = longOutputAnswer(output, '/s/delegations/d-1.md', 1000);
		const s = outputStats(output);
		assert.deepEqual(s, { chars: output.length, lines: 300, words: 1500 });
		assert.match(answer, /^The output is 7,389 characters \(300 lines, 1,500 words\), over the inline limit of 1,000; the whole output is in this file:\nFull output: \/s\/delegations\/d-1\.md\n\nFirst 2,000 characters:\nline 0 of the findings\n/);
		assert.ok(answer.endsWith('\n[…]'));
		assert.ok(answer.length < 2400);
		assert.equal(headOf('short', 10), 'short');
		assert.equal(headOf('x'.repeat(30), 10), `${'x'.repeat(10)}\n[…]`);
	});

	it('heads the answer with agent, role, status, model, tokens, edits and the problem', () => {
		const base = { id: 'd-1', agentName: 'Gemini CLI', role: 'researcher', durationMs: 12_345, fileEdits: [], timeoutSeconds: 600 } as const;
		assert.equal(delegationHeader({ ...base, status: 'succeeded', model: 'gemini-2.5-pro', tokens: { input: 12_000, output: 340 } }), 'Gemini CLI (role: researcher) succeeded in 12.3 s · model gemini-2.5-pro · 12,000 input / 340 output tokens · delegation d-1');
		assert.equal(
			delegationHeader({ ...base, status: 'timedOut', timeoutSeconds: 2, fileEdits: ['a.ts'], failure: 'Timed out after 2 s.' }),
			'Gemini CLI (role: researcher) timed out after 2 s · delegation d-1\nFiles edited: a.ts\nProblem: Timed out after 2 s.',
		);
	});

	it('renders a checkpoint with only the parts given', () => {
		assert.equal(renderCheckpoint({ goal: ' g ', nextStep: 'n' }), 'Goal: g\nNext step: n');
		assert.equal(
			renderCheckpoint({ goal: 'g', hypotheses: ['h1', 'h2'], ruledOut: ['r'], currentApproach: 'a', nextStep: 'n', files: ['f.ts'], notes: 'x' }),
			'Goal: g\nHypotheses:\n- h1\n- h2\nRuled out:\n- r\nCurrent approach: a\nNext step: n\nFiles:\n- f.ts\nNotes: x',
		);
	});
});
