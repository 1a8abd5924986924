import * as assert from 'node:assert/strict';
import { renderCheckpoint } from '../../../../src/core/delegation/delegation';
import { parseCheckpointText, splitRuledOut } from '../../../../src/core/handoff/checkpointText';

const meta = { id: 'm1', at: '2026-11-25T12:00:00.000Z', files: ['src/auth.ts'] };

describe('checkpoint text', () => {
	it('reads back what the MCP checkpoint tool stored', () => {
		const text = renderCheckpoint({
			goal: 'Fix the login redirect loop',
			hypotheses: ['The session cookie is set on the wrong path', 'The CSRF check rejects the callback'],
			ruledOut: ['Clock skew — tokens validate with a 5-minute leeway', 'The proxy strips cookies'],
			currentApproach: 'Trace the cookie through the callback handler',
			nextStep: 'Add a test for the callback with a stale cookie',
			files: ['src/session.ts', 'src/auth.ts'],
			notes: 'Staging reproduces it; local does not',
		});
		const c = parseCheckpointText(text, meta);
		assert.equal(c.id, 'm1');
		assert.equal(c.at, meta.at);
		assert.equal(c.goal, 'Fix the login redirect loop');
		assert.deepEqual(c.hypotheses, ['The session cookie is set on the wrong path', 'The CSRF check rejects the callback']);
		assert.deepEqual(c.ruledOut, [
			{ item: 'Clock skew', evidence: 'tokens validate with a 5-minute leeway' },
			{ item: 'The proxy strips cookies', evidence: '' },
		]);
		assert.equal(c.currentApproach, 'Trace the cookie through the callback handler (notes: Staging reproduces it; local does not)');
		assert.equal(c.nextStep, 'Add a test for the callback with a stale cookie');
		assert.deepEqual(c.files, ['src/session.ts', 'src/auth.ts']);
	});

	it('keeps free text it cannot read as the current approach, so nothing is lost', () => {
		const c = parseCheckpointText('Halfway through the migration; users table done.', meta);
		assert.equal(c.currentApproach, 'Halfway through the migration; users table done.');
		assert.equal(c.goal, '');
		assert.deepEqual(c.files, ['src/auth.ts']);
	});

	it('joins wrapped lines to the item above', () => {
		const c = parseCheckpointText('Goal: g\nHypotheses:\n- first part\n  continues here\nNext step: n', meta);
		assert.deepEqual(c.hypotheses, ['first part continues here']);
		assert.equal(c.nextStep, 'n');
	});

	it('splits ruled-out lines at the first separator only', () => {
		assert.deepEqual(splitRuledOut('Caching because the bug shows with the cache off - twice'), { item: 'Caching', evidence: 'the bug shows with the cache off - twice' });
		assert.deepEqual(splitRuledOut('- leading dash is not a separator'), { item: '- leading dash is not a separator', evidence: '' });
	});
});
