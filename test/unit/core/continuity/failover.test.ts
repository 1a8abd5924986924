import * as assert from 'node:assert/strict';
import { classificationFromProbabilities, type Classification } from '../../../../src/core/classifier/intentClassifier';
import { INTENT_LABELS, type IntentLabel } from '../../../../src/core/classifier/labels';
import { assumedCooldownMs, cooldownUntil, failoverDecision, failureReason, handBackDelayMs, handoffPrompt, isFailoverSignal, needsHandBack, withCooldowns } from '../../../../src/core/continuity/failover';
import { briefFiles, handoffMemoryRecord, sourceCounts } from '../../../../src/core/continuity/handoffRecord';
import { defaultRoutingPolicy } from '../../../../src/core/routing/defaultPolicy';
import type { RouteContext } from '../../../../src/core/routing/router';
import type { AgentCandidate, QuotaOutlook } from '../../../../src/core/routing/types';
import type { HandoffView } from '../../../../src/shared/handoffs';

const now = new Date('2026-11-25T12:00:00Z');
const agents: AgentCandidate[] = [
	{ id: 'claude', displayName: 'Claude Code', available: true, contextWindowTokens: 200_000, acceptsImages: true },
	{ id: 'gemini', displayName: 'Gemini CLI', available: true, contextWindowTokens: 1_000_000, acceptsImages: true },
	{ id: 'codex', displayName: 'Codex CLI', available: true, contextWindowTokens: 258_400, acceptsImages: false },
];
const context: RouteContext = { agents, quota: { outlook: (): QuotaOutlook => ({ level: 'unknown', crossesWarnBeforeReset: false }) }, policy: defaultRoutingPolicy, now };
const task = { text: 'Fix the crash in auth.ts', estimatedTokens: 10, attachedFiles: [], imageCount: 0 };

function classified(label: IntentLabel): Classification {
	return classificationFromProbabilities(INTENT_LABELS.map((l) => (l === label ? 0.9 : 0.1 / 9)));
}

describe('failover', () => {
	it('acts on quota and rate limits only', () => {
		assert.ok(isFailoverSignal('quota_exhausted'));
		assert.ok(isFailoverSignal('rate_limited'));
		for (const k of ['auth_required', 'network', 'other', 'cancelled', 'context_too_long', 'manual']) assert.equal(isFailoverSignal(k), false, k);
	});

	it('cools the failed agent down until its reset, or for an assumed time when none is known or it has passed', () => {
		assert.equal(cooldownUntil({ kind: 'quota_exhausted', resetsAt: '2026-11-25T16:21:00.000Z' }, now), '2026-11-25T16:21:00.000Z');
		assert.equal(cooldownUntil({ kind: 'quota_exhausted', resetsAt: null }, now), new Date(now.getTime() + assumedCooldownMs('quota_exhausted')).toISOString());
		assert.equal(cooldownUntil({ kind: 'rate_limited', resetsAt: '2026-11-25T11:00:00.000Z' }, now), new Date(now.getTime() + 15 * 60_000).toISOString());
	});

	it('routes the task away from the stopped agent and any other agent cooling down, with reasons', () => {
		const d = failoverDecision(task, classified('debug'), context, 'claude', '2026-11-25T16:21:00.000Z');
		assert.equal(d.agent, 'codex', 'debug prefers Claude, then Codex');
		assert.ok(d.alternatives.some((a) => a.agent === 'claude' && /cooling down after a limit until 2026-11-25 16:21 UTC/.test(a.reason)), JSON.stringify(d.alternatives));
		const second = failoverDecision(task, classified('debug'), context, 'claude', '2026-11-25T16:21:00.000Z', new Map([['codex', '2026-11-25T13:00:00.000Z']]));
		assert.equal(second.agent, 'gemini');
		const none = failoverDecision(task, classified('debug'), { ...context, agents: agents.filter((a) => a.id === 'claude') }, 'claude', '2026-11-25T16:21:00.000Z');
		assert.equal(none.agent, null);
	});

	it('keeps the later of two cooldowns', () => {
		const cooled = withCooldowns([{ ...agents[0]!, coolingDownUntil: '2026-11-26T00:00:00.000Z' }], new Map([['claude', '2026-11-25T13:00:00.000Z']]));
		assert.equal(cooled[0]?.coolingDownUntil, '2026-11-26T00:00:00.000Z');
	});

	it('says why in plain words', () => {
		assert.equal(failureReason({ kind: 'quota_exhausted', window: 'five_hour', resetsAt: '2026-11-25T16:21:00.000Z' }), 'hit its 5-hour limit (resets 2026-11-25T16:21:00.000Z)');
		assert.equal(failureReason({ kind: 'quota_exhausted', window: null, resetsAt: null }), 'hit its usage limit');
		assert.equal(failureReason({ kind: 'quota_exhausted', window: 'weekly', resetsAt: '2026-11-28T15:00:00.000Z' }, (iso) => iso.slice(0, 10)), 'hit its weekly limit (resets 2026-11-28)');
		assert.equal(failureReason({ kind: 'rate_limited', window: 'per_minute', resetsAt: null }), 'was rate-limited');
	});

	it('gives the target the reason, the brief and the original request', () => {
		const p = handoffPrompt({ fromName: 'Claude Code', toName: 'Gemini CLI', reason: 'hit its 5-hour limit', briefMarkdown: '# Handoff brief\n\n## Goal\n- g [cp:1]\n', originalPrompt: 'Fix the crash' });
		assert.match(p, /^You are taking over a task from Claude Code, which stopped: it hit its 5-hour limit\./);
		assert.match(p, /## Goal\n- g \[cp:1\]/);
		assert.match(p, /## Original request\nFix the crash\n$/);
		assert.match(handoffPrompt({ fromName: 'Gemini CLI', toName: 'Claude Code', reason: '', briefMarkdown: 'b', originalPrompt: 'x', handBack: true }), /^You are taking this task back from Gemini CLI/);
		assert.match(handoffPrompt({ fromName: 'Claude Code', toName: 'Gemini CLI', reason: 'was handed off by you', briefMarkdown: 'b', originalPrompt: 'x', byUser: true }), /^You are taking over a task from Claude Code; the user handed it to you\./);
	});
});

describe('hand-back', () => {
	const t = now.getTime();
	it('is offered just after the source\'s reset, for failovers with a known reset within a week', () => {
		assert.equal(handBackDelayMs({ kind: 'failover', handBackAt: new Date(t + 60_000).toISOString() }, true, t), 65_000);
		assert.equal(handBackDelayMs({ kind: 'failover', handBackAt: new Date(t - 60_000).toISOString() }, true, t), 5_000, 'a past reset: at once');
		assert.equal(handBackDelayMs({ kind: 'failover', handBackAt: new Date(t + 8 * 24 * 3600_000).toISOString() }, true, t), null);
		assert.equal(handBackDelayMs({ kind: 'failover' }, true, t), null);
		assert.equal(handBackDelayMs({ kind: 'handBack', handBackAt: new Date(t).toISOString() }, true, t), null, 'no hand-back of a hand-back');
		assert.equal(handBackDelayMs({ kind: 'failover', handBackAt: new Date(t).toISOString() }, false, t), null, 'setting off');
	});

	it('only where work is left', () => {
		const to = { agent: 'gemini' };
		assert.equal(needsHandBack({ mode: 'headless', status: 'succeeded', to }, 'ask'), false);
		assert.equal(needsHandBack({ mode: 'headless', status: 'failed', to }, 'auto'), true);
		assert.equal(needsHandBack({ mode: 'terminal', status: 'started', to }, 'ask'), true);
		assert.equal(needsHandBack({ mode: 'terminal', status: 'started', to }, 'off'), false);
		assert.equal(needsHandBack({ mode: 'terminal', status: 'noTarget', to: null }, 'auto'), false);
	});
});

describe('handoff records', () => {
	const brief = '# Handoff brief (Claude Code → Gemini CLI)\n\n## Goal\n- g [cp:1]\n\n## Files\n- src/auth.ts [cp:1]\n- src/session.ts (written) [tx:a.jsonl#4]\n- /etc/passwd (read) [tx:a.jsonl#5]\n\n## Last errors\n- (nothing recorded)\n';
	const view: HandoffView = {
		id: 'h1',
		at: now.toISOString(),
		kind: 'failover',
		from: { agent: 'claude', agentName: 'Claude Code', sessionId: 's-claude', runId: 'r1' },
		to: { agent: 'gemini', agentName: 'Gemini CLI', sessionId: 's-gemini' },
		reason: 'hit its 5-hour limit',
		routeReasons: [],
		mode: 'headless',
		status: 'succeeded',
		brief,
		briefTokens: 40,
		sourceCounts: { checkpoint: 2, transcript: 2, memory: 0 },
		outcome: 'Gemini CLI finished: fixed',
	};

	it('lists the brief\'s workspace files, not absolute or escaping paths', () => {
		assert.deepEqual(briefFiles(brief), ['src/auth.ts', 'src/session.ts']);
	});

	it('counts brief lines per source kind', () => {
		assert.deepEqual(sourceCounts([{ section: 'Goal', text: 'g', sources: ['checkpoint:1', 'transcript:a#1'], priority: 1 }, { section: 'Files', text: 'f', sources: ['memory:m'], priority: 1 }]), { checkpoint: 1, transcript: 1, memory: 1 });
	});

	it('links both sessions in the memory entry', () => {
		const r = handoffMemoryRecord(view);
		assert.equal(r.kind, 'handoff');
		assert.equal(r.title, 'Handoff: Claude Code → Gemini CLI (succeeded)');
		assert.equal(r.sessionId, 's-claude');
		assert.equal(r.agent, 'gemini');
		assert.match(r.body, /From: Claude Code — session s-claude, Baton run r1/);
		assert.match(r.body, /To: Gemini CLI — session s-gemini/);
		assert.match(r.body, /outcome: Gemini CLI finished: fixed/);
		assert.ok(r.body.endsWith(brief));
		assert.deepEqual(r.tags, ['failover', 'claude', 'gemini']);
		assert.deepEqual(r.files, ['src/auth.ts', 'src/session.ts']);
	});
});
