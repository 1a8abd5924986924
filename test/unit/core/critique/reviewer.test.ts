import * as assert from 'node:assert/strict';
import { routerReviewerPreference, selectReviewer, vendorOf } from '../../../../src/core/critique/reviewer';
import { defaultRoutingPolicy } from '../../../../src/core/routing/defaultPolicy';
import type { RouteContext } from '../../../../src/core/routing/router';
import type { AgentCandidate, QuotaOutlook, RouteTask } from '../../../../src/core/routing/types';

const agents: AgentCandidate[] = [
	{ id: 'claude', displayName: 'Claude Code', available: true, contextWindowTokens: 200_000, acceptsImages: true },
	{ id: 'gemini', displayName: 'Gemini CLI', available: true, contextWindowTokens: 1_000_000, acceptsImages: true },
	{ id: 'codex', displayName: 'Codex CLI', available: true, contextWindowTokens: 258_400, acceptsImages: false },
];
const context: RouteContext = { agents, quota: { outlook: (): QuotaOutlook => ({ level: 'unknown', crossesWarnBeforeReset: false }) }, policy: defaultRoutingPolicy, now: new Date('2026-11-25T12:00:00Z') };
const task: RouteTask = { text: 'review this diff', estimatedTokens: 2000, attachedFiles: [], imageCount: 0 };
const all = ['claude', 'gemini', 'codex'];

describe('critique reviewer selection', () => {
	it('maps agents to vendors', () => {
		assert.deepEqual(all.map(vendorOf), ['anthropic', 'google', 'openai']);
		assert.equal(vendorOf('aider'), 'aider');
	});

	it("uses the router's review choice among the other vendors", () => {
		const prefer = routerReviewerPreference(task, context);
		assert.deepEqual(selectReviewer({ generator: 'claude', available: all, prefer }), { agent: 'codex', sameVendor: false, reason: 'codex reviews: a different vendor than the generator claude.' });
		assert.equal(selectReviewer({ generator: 'gemini', available: all, prefer }).agent, 'codex');
		// codex is the router's first review choice but the generator's vendor, so the next preference wins
		assert.equal(selectReviewer({ generator: 'codex', available: all, prefer }).agent, 'claude');
	});

	it('skips unavailable agents and never picks the generator while another vendor is available', () => {
		const prefer = routerReviewerPreference(task, context);
		assert.equal(selectReviewer({ generator: 'claude', available: ['claude', 'gemini'], prefer }).agent, 'gemini');
		assert.equal(selectReviewer({ generator: 'claude', available: ['claude', 'gemini'], prefer: () => 'claude' }).agent, 'gemini');
		assert.equal(selectReviewer({ generator: 'codex', available: ['codex', 'gemini'] }).agent, 'gemini');
	});

	it('follows the router past an agent whose quota is exhausted', () => {
		const exhausted: RouteContext = { ...context, quota: { outlook: (a) => ({ level: a === 'codex' ? 'exhausted' : 'ok', crossesWarnBeforeReset: false }) } };
		assert.equal(selectReviewer({ generator: 'claude', available: all, prefer: routerReviewerPreference(task, exhausted) }).agent, 'gemini');
	});

	it('honours a requested reviewer of another vendor, and ignores one of the same vendor', () => {
		assert.equal(selectReviewer({ generator: 'claude', available: all, requested: 'gemini' }).agent, 'gemini');
		const same = selectReviewer({ generator: 'claude', available: all, requested: 'claude' });
		assert.equal(same.agent, 'gemini');
		assert.match(same.reason, /requested claude is unavailable or shares claude's vendor/);
	});

	it("falls back to the generator's vendor only when nothing else is available", () => {
		const only = selectReviewer({ generator: 'claude', available: ['claude'] });
		assert.deepEqual(only, { agent: 'claude', sameVendor: true, reason: 'Only anthropic agents are available, so claude reviews its own vendor\'s work.' });
		assert.deepEqual(selectReviewer({ generator: 'claude', available: [] }), { agent: null, sameVendor: false, reason: 'No agent is available to review.' });
	});
});
