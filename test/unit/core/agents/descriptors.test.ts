import * as assert from 'node:assert/strict';
import { builtInAgents, findAgentDescriptor, installCommandFor, parseVersionOutput } from '../../../../src/core/agents/descriptors';

describe('agent descriptors', () => {
	it('reads the version from each CLI\'s --version output', () => {
		assert.equal(parseVersionOutput('2.1.197 (Claude Code)\n'), '2.1.197');
		assert.equal(parseVersionOutput('0.61.0\n'), '0.61.0');
		assert.equal(parseVersionOutput('codex-cli 0.169.0'), '0.169.0');
		assert.equal(parseVersionOutput('gemini 1.0.0-preview.3 build'), '1.0.0-preview.3');
	});

	it('returns undefined when there is no version', () => {
		assert.equal(parseVersionOutput(''), undefined);
		assert.equal(parseVersionOutput('command not found'), undefined);
		assert.equal(parseVersionOutput('v12'), undefined);
	});

	it('knows the three built-in CLIs and how to install them', () => {
		assert.deepEqual(builtInAgents.map((a) => a.id), ['claude', 'gemini', 'codex']);
		assert.equal(installCommandFor(findAgentDescriptor('claude')!), 'npm i -g @anthropic-ai/claude-code');
		assert.equal(installCommandFor(findAgentDescriptor('gemini')!), 'npm i -g @google/gemini-cli');
		assert.equal(installCommandFor(findAgentDescriptor('codex')!), 'npm i -g @openai/codex');
		assert.equal(findAgentDescriptor('agy'), undefined);
	});
});
