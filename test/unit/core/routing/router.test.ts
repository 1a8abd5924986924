import * as assert from 'node:assert/strict';
import { classificationFromProbabilities, type Classification } from '../../../../src/core/classifier/intentClassifier';
import { INTENT_LABELS, type IntentLabel } from '../../../../src/core/classifier/labels';
import { defaultRoutingPolicy } from '../../../../src/core/routing/defaultPolicy';
import { route, type RouteContext } from '../../../../src/core/routing/router';
import type { AgentCandidate, QuotaOutlook, RouteTask, RoutingPolicy } from '../../../../src/core/routing/types';

function classified(label: IntentLabel, confidence = 0.9): Classification {
	const rest = (1 - confidence) / (INTENT_LABELS.length - 1);
	return classificationFromProbabilities(INTENT_LABELS.map((l) => (l === label ? confidence : rest)));
}

const agents: AgentCandidate[] = [
	{ id: 'claude', displayName: 'Claude Code', available: true, contextWindowTokens: 200_000, acceptsImages: true },
	{ id: 'gemini', displayName: 'Gemini CLI', available: true, contextWindowTokens: 1_000_000, acceptsImages: true },
	{ id: 'codex', displayName: 'Codex CLI', available: true, contextWindowTokens: 258_400, acceptsImages: false },
];
const now = new Date('2026-11-25T12:00:00Z');
const unknownQuota = { outlook: (): QuotaOutlook => ({ level: 'unknown', crossesWarnBeforeReset: false }) };

function task(text: string, extra: Partial<RouteTask> = {}): RouteTask {
	return { text, estimatedTokens: Math.ceil(text.length / 4), attachedFiles: [], imageCount: 0, ...extra };
}

function ctx(extra: Omit<Partial<RouteContext>, 'policy'> & { policy?: Partial<RoutingPolicy> } = {}): RouteContext {
	return { agents, quota: unknownQuota, now, ...extra, policy: { ...defaultRoutingPolicy, ...extra.policy } };
}

describe('routing policy', () => {
	it('routes by intent preference with a reason naming the intent', () => {
		const d = route(task('Fix the crash in auth.ts'), classified('debug'), ctx());
		assert.equal(d.agent, 'claude');
		assert.match(d.reasons[0] ?? '', /debug task \(90% confidence\)/);
		assert.equal(route(task('latest CVEs for lodash'), classified('research'), ctx()).agent, 'gemini');
		assert.equal(route(task('set up CI'), classified('ops'), ctx()).agent, 'codex');
	});

	it('applies user rules first; first match wins; each condition kind matches', () => {
		const rules = [
			{ name: 'long', when: { minTokens: 50_000 }, agent: 'gemini' },
			{ name: 'short', when: { maxTokens: 3 }, agent: 'codex' },
			{ name: 'sql', when: { pattern: '\\bsql\\b' }, agent: 'codex', model: 'o3' },
			{ name: 'images', when: { hasImages: true }, agent: 'gemini' },
			{ name: 'files', when: { hasAttachments: true }, agent: 'codex' },
			{ name: 'opus', when: { model: 'opus' }, agent: 'claude' },
			{ name: 'think', when: { thinking: true }, agent: 'claude' },
			{ name: 'web', when: { tool: 'web_search' }, agent: 'gemini' },
			{ name: 'tests', when: { intent: 'test' as const }, agent: 'codex' },
		];
		const c = ctx({ policy: { rules } });
		const cases: Array<[RouteTask, IntentLabel, string, RegExp]> = [
			[task('x', { estimatedTokens: 60_000 }), 'debug', 'long', /tokens ≥ 50,000/],
			[task('hi'), 'debug', 'short', /tokens ≤ 3/],
			[task('optimise this SQL query please'), 'refactor', 'sql', /matches \/\\bsql\\b\//],
			[task('make it look like this mockup', { imageCount: 2 }), 'ui', 'images', /2 image\(s\)/],
			[task('review these files carefully', { attachedFiles: ['a.ts'] }), 'review', 'files', /1 file\(s\) attached/],
			[task('refactor the parser module', { requestedModel: 'claude-opus-4' }), 'refactor', 'opus', /model "claude-opus-4"/],
			[task('design the cache layer', { thinking: true }), 'implement', 'think', /extended thinking/],
			[task('what changed in react 20', { toolHints: ['web_search'] }), 'research', 'web', /web_search tool/],
			[task('add unit tests for the lexer'), 'test', 'tests', /intent is test/],
		];
		for (const [t, intent, rule, why] of cases) {
			const d = route(t, classified(intent), c);
			assert.equal(d.rule, rule, t.text);
			assert.match(d.reasons[0] ?? '', why);
		}
		assert.equal(route(task('optimise this SQL query please'), classified('refactor'), c).model, 'o3');
	});

	it('skips a matching rule whose agent cannot run, saying why', () => {
		const c = ctx({ policy: { rules: [{ name: 'use codex', when: { pattern: 'deploy' }, agent: 'codex' }] }, agents: agents.map((a) => (a.id === 'codex' ? { ...a, available: false } : a)) });
		const d = route(task('deploy the app'), classified('ops'), c);
		assert.equal(d.rule, undefined);
		assert.equal(d.agent, 'claude');
		assert.match(d.alternatives[0]?.reason ?? '', /rule "use codex" matched but Codex CLI is not installed/);
	});

	it('ignores a rule with an invalid regular expression', () => {
		const d = route(task('anything ('), classified('debug'), ctx({ policy: { rules: [{ name: 'bad', when: { pattern: '(' }, agent: 'codex' }] } }));
		assert.equal(d.agent, 'claude');
	});

	it('skips agents that are missing, cooling down, exhausted or too small, with reasons', () => {
		const c = ctx({
			agents: [
				{ ...agents[0]!, coolingDownUntil: '2026-11-25T13:00:00Z' },
				{ ...agents[1]!, available: false },
				agents[2]!,
			],
		});
		const d = route(task('fix the bug'), classified('debug'), c);
		assert.equal(d.agent, 'codex');
		assert.match(d.alternatives.map((a) => a.reason).join('\n'), /cooling down after a limit until 2026-11-25 13:00 UTC/);
		const exhausted = ctx({ quota: { outlook: (a) => ({ level: a === 'claude' ? 'exhausted' : 'ok', crossesWarnBeforeReset: false, summary: '5-hour window at 100%' }) } });
		const d2 = route(task('fix the bug'), classified('debug'), exhausted);
		assert.equal(d2.agent, 'codex');
		assert.match(d2.reasons.join(' '), /no quota left \(5-hour window at 100%\)/);
		const big = route(task('summarise', { estimatedTokens: 400_000 }), classified('explain'), ctx());
		assert.equal(big.agent, 'gemini');
		const pastCooldown = ctx({ agents: [{ ...agents[0]!, coolingDownUntil: '2026-11-25T11:00:00Z' }, agents[1]!, agents[2]!] });
		assert.equal(route(task('fix the bug'), classified('debug'), pastCooldown).agent, 'claude');
	});

	it('puts the biggest context first for very large tasks and explains it', () => {
		const d = route(task('refactor everything', { estimatedTokens: 150_000 }), classified('refactor'), ctx());
		assert.equal(d.agent, 'gemini');
		assert.match(d.reasons.join(' '), /task is large/);
	});

	it('sends images only to agents that take them', () => {
		const d = route(task('build this screen', { imageCount: 1 }), classified('ops'), ctx());
		assert.notEqual(d.agent, 'codex');
		assert.match(d.alternatives.map((a) => a.reason).join(' '), /does not take images/);
	});

	it('moves quota-sensitive intents off an agent forecast to cross the warn threshold, but not critical work', () => {
		const quota = { outlook: (a: string): QuotaOutlook => (a === 'gemini' ? { level: 'warn', crossesWarnBeforeReset: true, summary: '5-hour window at 83%' } : { level: 'ok', crossesWarnBeforeReset: false }) };
		const research = route(task('compare state libraries'), classified('research'), ctx({ quota }));
		assert.equal(research.agent, 'claude');
		assert.match(research.reasons.join(' '), /forecast crosses the warn threshold before it resets \(5-hour window at 83%\)/);
		const ui = route(task('center the modal'), classified('ui'), ctx({ quota }));
		assert.equal(ui.agent, 'gemini', 'ui is not in the quota-sensitive set');
	});

	it('falls back to a warned agent when nothing else can run, and asks', () => {
		const quota = { outlook: (): QuotaOutlook => ({ level: 'warn', crossesWarnBeforeReset: true }) };
		const only = ctx({ quota, agents: [agents[1]!] });
		const d = route(task('write the changelog'), classified('docs'), only);
		assert.equal(d.agent, 'gemini');
		assert.equal(d.askUser, true);
	});

	it('returns no agent when none can run', () => {
		const d = route(task('anything'), classified('debug'), ctx({ agents: agents.map((a) => ({ ...a, available: false })) }));
		assert.equal(d.agent, null);
		assert.match(d.reasons.at(-1) ?? '', /No agent can take this task/);
	});

	it('says when it is unsure, uses the default agent, and asks when configured to', () => {
		const d = route(task('hmm'), classified('research', 0.2), ctx());
		assert.equal(d.agent, 'claude');
		assert.match(d.reasons[0] ?? '', /Not sure what kind of task this is \(research at 20% confidence\)/);
		assert.equal(d.askUser, false);
		assert.equal(route(task('hmm'), classified('research', 0.2), ctx({ policy: { lowConfidenceAction: 'ask' } })).askUser, true);
	});

	it('follows a learned correction first', () => {
		const d = route(task('write docs for the API'), classified('docs'), ctx({ learned: { agent: 'codex', example: 'write docs for the api' } }));
		assert.equal(d.agent, 'codex');
		assert.match(d.reasons[0] ?? '', /near-identical task to Codex CLI before/);
	});
});
