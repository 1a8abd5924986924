import * as assert from 'node:assert/strict';
import { CorrectionMemory } from '../../../../src/core/routing/corrections';

describe('correction memory', () => {
	const at = new Date('2026-11-25T12:00:00Z');

	it('finds a near-identical task and ignores a different one', () => {
		const memory = new CorrectionMemory();
		memory.add('Write the release notes for version 2.3', 'codex', at);
		assert.equal(memory.nearest('write the release notes for version 2.3')?.agent, 'codex');
		assert.equal(memory.nearest('Write the release notes for version 2.4')?.agent, undefined, 'different version is not near-identical at 0.8');
		assert.equal(memory.nearest('Fix the login crash'), undefined);
	});

	it('lets a later correction of the same text replace an earlier one, and survives a round trip', () => {
		const memory = new CorrectionMemory();
		memory.add('summarise the repo', 'gemini', at);
		memory.add('Summarise the repo', 'claude', at);
		assert.equal(memory.nearest('summarise the repo')?.agent, 'claude');
		const restored = new CorrectionMemory(memory.toJSON());
		assert.equal(restored.toJSON().length, 1);
		assert.equal(restored.nearest('summarise the repo')?.agent, 'claude');
	});

	it('keeps at most its capacity, dropping the oldest', () => {
		const memory = new CorrectionMemory([], 0.8, 2);
		memory.add('task one alpha', 'a', at);
		memory.add('task two beta', 'b', at);
		memory.add('task three gamma', 'c', at);
		assert.equal(memory.nearest('task one alpha'), undefined);
		assert.equal(memory.nearest('task three gamma')?.agent, 'c');
	});
});
