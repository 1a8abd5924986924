import * as assert from 'node:assert/strict';
import { defaultRoutingPolicy } from '../../../../src/core/routing/defaultPolicy';
import { policyFromSettings } from '../../../../src/core/routing/policySettings';

const agents = ['claude', 'gemini', 'codex'];
const empty = { rules: [], preferences: {}, defaultAgent: 'claude', lowConfidenceAction: 'default', quotaSensitiveIntents: undefined };

describe('routing policy from settings', () => {
	it('gives the defaults for empty settings', () => {
		const { policy, problems } = policyFromSettings(empty, agents);
		assert.deepEqual(policy, defaultRoutingPolicy);
		assert.deepEqual(problems, []);
	});

	it('reads rules, preferences, default agent and the low-confidence action', () => {
		const { policy, problems } = policyFromSettings(
			{
				rules: [{ name: 'big', when: { minTokens: 100000, hasImages: false }, agent: 'gemini', model: 'gemini-2.5-pro' }],
				preferences: { docs: ['codex', 'claude'] },
				defaultAgent: 'gemini',
				lowConfidenceAction: 'ask',
				quotaSensitiveIntents: ['docs'],
			},
			agents,
		);
		assert.deepEqual(problems, []);
		assert.deepEqual(policy.rules, [{ name: 'big', when: { minTokens: 100000, hasImages: false }, agent: 'gemini', model: 'gemini-2.5-pro' }]);
		assert.deepEqual(policy.intentPreferences.docs, ['codex', 'claude']);
		assert.deepEqual(policy.intentPreferences.debug, defaultRoutingPolicy.intentPreferences.debug);
		assert.equal(policy.defaultAgent, 'gemini');
		assert.equal(policy.lowConfidenceAction, 'ask');
		assert.deepEqual(policy.quotaSensitiveIntents, ['docs']);
	});

	it('drops invalid entries and says why', () => {
		const { policy, problems } = policyFromSettings(
			{ rules: [{ when: {} }, { agent: 'codex', when: { pattern: '(', minTokens: -1, thinking: 'yes', intent: 'chat' } }], preferences: { chat: ['claude'], ui: [] }, defaultAgent: 'nobody', lowConfidenceAction: 'x', quotaSensitiveIntents: 'docs' },
			agents,
		);
		assert.equal(policy.rules.length, 1);
		assert.deepEqual(policy.rules[0]?.when, {});
		assert.equal(policy.defaultAgent, 'claude');
		assert.equal(problems.length, 7, problems.join('\n'));
		assert.match(problems.join('\n'), /not a valid regular expression/);
		assert.match(problems.join('\n'), /unknown intent "chat"/);
	});
});
