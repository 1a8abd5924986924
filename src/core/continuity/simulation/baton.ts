import { INTENT_LABELS, type IntentLabel } from '../../classifier/labels';
import type { Classification } from '../../classifier/intentClassifier';
import { defaultRoutingPolicy } from '../../routing/defaultPolicy';
import { route, type RouteContext } from '../../routing/router';
import type { AgentCandidate, QuotaOutlook } from '../../routing/types';
import type { AgentView, LimitAction, SimView, Strategy } from './engine';
import type { TaskView } from './types';

/** Baton's tuning: warn threshold (share of a window), minutes of headroom a new task needs, the simulated day's start. */
export interface BatonSimOptions {
	readonly warnShare: number;
	readonly admitMinutes: number;
	readonly dayStart: Date;
}

const defaults: BatonSimOptions = { warnShare: 0.8, admitMinutes: 10, dayStart: new Date('2026-11-25T08:00:00Z') };

function classification(intent: IntentLabel): Classification {
	const scores = Object.fromEntries(INTENT_LABELS.map((l) => [l, l === intent ? 0.9 : 0.1 / (INTENT_LABELS.length - 1)])) as Record<IntentLabel, number>;
	return { label: intent, confidence: 0.9, scores };
}

/** Tokens left before the tightest window of `agent` is full, after the burn already committed for the next minutes. */
function headroom(agent: AgentView, minutes: number): number {
	return Math.min(...agent.windows.map((w) => w.capacity - w.used)) - agent.committedBurn * minutes;
}

/** The quota forecast, from usage so far, observed burn and reset times only. */
function outlook(agent: AgentView | undefined, now: number, options: BatonSimOptions): QuotaOutlook {
	if (!agent) return { level: 'unknown', crossesWarnBeforeReset: false };
	const share = Math.max(...agent.windows.map((w) => w.used / w.capacity));
	const crosses = agent.windows.some((w) => w.used + agent.burnRate * ((w.resetAt ?? now + w.length) - now) >= options.warnShare * w.capacity);
	const level = share >= 0.95 ? 'critical' : share >= options.warnShare ? 'warn' : 'ok';
	return { level, crossesWarnBeforeReset: crosses, summary: `${Math.round(share * 100)}% used` };
}

/**
 * Baton under simulation: routes each task with the real `route()` and default policy (intent preferences; agents
 * whose forecast crosses the warn threshold before reset are skipped for quota-sensitive intents; agents without
 * `admitMinutes` of headroom count as cooling down). Before each minute it checks every agent's committed burn
 * against its remaining quota (with one minute of reporting lag) and hands tasks off with a brief before a request
 * would be rejected, or pauses them when no agent has room. It sees usage, burn, reset times and intents only.
 */
export function batonStrategy(options: Partial<BatonSimOptions> = {}): Strategy {
	const o: BatonSimOptions = { ...defaults, ...options };
	const decide = (task: TaskView, view: SimView, exclude: ReadonlySet<string>, agents: readonly AgentView[]): string | null => {
		const at = (minute: number): string => new Date(o.dayStart.getTime() + minute * 60_000).toISOString();
		const candidates: AgentCandidate[] = agents.map((a) => {
			const full = exclude.has(a.id) || headroom(a, 2) < a.tokensPerMinute * o.admitMinutes;
			const reset = Math.max(view.now + 1, ...a.windows.filter((w) => w.capacity - w.used < a.tokensPerMinute * o.admitMinutes).map((w) => w.resetAt ?? view.now + 1));
			return { id: a.id, displayName: a.id, available: true, contextWindowTokens: a.contextWindowTokens, acceptsImages: true, ...(full ? { coolingDownUntil: at(reset) } : {}) };
		});
		const context: RouteContext = {
			agents: candidates,
			quota: { outlook: (id) => outlook(agents.find((a) => a.id === id), view.now, o) },
			policy: defaultRoutingPolicy,
			now: new Date(o.dayStart.getTime() + view.now * 60_000),
		};
		const decision = route({ text: '', estimatedTokens: task.contextTokens, attachedFiles: [], imageCount: 0, thinking: task.thinking }, classification(task.intent), context);
		return decision.agent;
	};
	return {
		name: 'baton',
		carriesContext: true,
		assign: (task, view) => decide(task, view, new Set(), view.agents),
		onLimit: (task, agent, view): LimitAction => {
			const to = decide(task, view, new Set([agent]), view.agents);
			return to ? { kind: 'move', agent: to } : { kind: 'wait' };
		},
		rebalance: (view) => {
			const moves: Array<{ taskId: string; to: string | null }> = [];
			let agents = view.agents.map((a) => ({ ...a }));
			for (const agent of view.agents) {
				const running = view.running.filter((r) => r.agent === agent.id).sort((a, b) => b.assignedAt - a.assignedAt || (a.task.id < b.task.id ? 1 : -1));
				let burn = agent.committedBurn;
				for (const r of running) {
					if (Math.min(...agent.windows.map((w) => w.capacity - w.used)) >= burn * 2) break;
					const to = decide(r.task, view, new Set([agent.id]), agents);
					moves.push({ taskId: r.task.id, to });
					burn -= agent.tokensPerMinute;
					agents = agents.map((a) => (a.id === agent.id ? { ...a, committedBurn: burn } : a.id === to ? { ...a, committedBurn: a.committedBurn + a.tokensPerMinute } : a));
				}
			}
			return moves;
		},
	};
}
