import { defaultIntentPreferences } from '../../routing/defaultPolicy';
import { briefTokenBudget } from '../../handoff/budget';
import { AgentQuota } from './quotaState';
import type { Scenario, SimTask, StrategyResult, TaskView } from './types';

/** What a strategy sees of one agent: usage, reset times and burn — what a statusline or rate-limit headers report. */
export interface AgentView {
	readonly id: string;
	readonly windows: ReadonlyArray<{ readonly name: string; readonly used: number; readonly capacity: number; readonly length: number; readonly resetAt: number | undefined }>;
	/** Observed tokens per minute over the last 30 minutes. */
	readonly burnRate: number;
	/** Tokens per minute the tasks now assigned to it will burn next minute (observed per-task rate × tasks). */
	readonly committedBurn: number;
	readonly tokensPerMinute: number;
	readonly contextWindowTokens: number;
}

/** A task that is assigned to an agent and not waiting for a reset. */
export interface RunningView {
	readonly task: TaskView;
	readonly agent: string;
	readonly assignedAt: number;
}

/** Everything a strategy may read at a minute. Never the tasks' amount of work or future arrivals. */
export interface SimView {
	readonly now: number;
	readonly agents: readonly AgentView[];
	readonly running: readonly RunningView[];
	/** Agents known to be limited (from a rejected request's reset time) → minute they reset. */
	readonly limited: ReadonlyMap<string, number>;
}

/** What to do with a task whose request was just rejected: wait for the reset on the same agent, or move. */
export type LimitAction = { readonly kind: 'wait' } | { readonly kind: 'move'; readonly agent: string };

/** A routing/failover strategy under simulation. */
export interface Strategy {
	readonly name: string;
	/** True when moving a started task carries its context (a handoff brief); false: the new agent starts from scratch. */
	readonly carriesContext: boolean;
	/** The agent for a queued task, or null to keep it queued this minute. */
	assign(task: TaskView, view: SimView): string | null;
	/** Called after a rejected request (a hard limit hit). */
	onLimit(task: TaskView, agent: string, view: SimView): LimitAction;
	/** Proactive moves before the minute's requests: `to` null pauses the task (re-queued). */
	rebalance?(view: SimView): ReadonlyArray<{ readonly taskId: string; readonly to: string | null }>;
}

interface TaskState {
	readonly task: SimTask;
	agent: string | null;
	lastAgent: string | null;
	assignedAt: number;
	remaining: number;
	waitUntil: number;
	done: boolean;
}

/** Tokens a handoff costs the receiving agent: the brief (its budget) plus re-reading 10% of the work done, at most 30k. */
export function handoffOverhead(targetContextWindow: number, workDone: number): number {
	return briefTokenBudget(targetContextWindow) + Math.min(30_000, Math.round(workDone * 0.1));
}

/**
 * Runs one strategy over a scenario minute by minute. Each minute: windows reset, tasks arrive, the strategy may
 * rebalance (Baton), queued tasks are assigned, then every assigned task requests one minute of work; a request that
 * does not fit a window is rejected (a hard limit hit) and the strategy decides to wait for the reset or move (moving
 * a started task restarts it from scratch unless the strategy carries context, which instead adds the handoff
 * overhead). A task-minute without progress counts as blocked. Pure and deterministic.
 */
export function simulate(scenario: Scenario, strategy: Strategy): StrategyResult {
	const quotas = new Map(scenario.agents.map((a) => [a.id, new AgentQuota(a)]));
	const limited = new Map<string, number>();
	const states: TaskState[] = [];
	const pending = [...scenario.tasks];
	let hardLimitHits = 0;
	let restarts = 0;
	let blocked = 0;
	let handoffs = 0;
	let wasted = 0;
	const finishedOn = new Map<string, string>();

	const viewOf = (task: SimTask): TaskView => {
		const { work: _work, ...rest } = task;
		return rest;
	};
	const active = (s: TaskState, now: number): boolean => !s.done && s.agent !== null && now >= s.waitUntil;
	const makeView = (now: number): SimView => ({
		now,
		limited,
		running: states.filter((s) => active(s, now)).map((s) => ({ task: viewOf(s.task), agent: s.agent ?? '', assignedAt: s.assignedAt })),
		agents: scenario.agents.map((a) => {
			const q = quotas.get(a.id);
			const tasks = states.filter((s) => active(s, now) && s.agent === a.id).length;
			return {
				id: a.id,
				windows: (q?.windows ?? []).map((w) => ({ name: w.spec.name, used: w.used, capacity: w.spec.capacity, length: w.spec.length, resetAt: w.resetAt })),
				burnRate: q?.burnRate() ?? 0,
				committedBurn: tasks * a.tokensPerMinute,
				tokensPerMinute: a.tokensPerMinute,
				contextWindowTokens: a.contextWindowTokens,
			};
		}),
	});
	const moveTo = (s: TaskState, agent: string, now: number): void => {
		const done = s.task.work - s.remaining;
		if (s.lastAgent !== null && agent !== s.lastAgent && done > 0) {
			if (strategy.carriesContext) {
				handoffs++;
				s.remaining += handoffOverhead(scenario.agents.find((a) => a.id === agent)?.contextWindowTokens ?? 0, done);
			} else {
				restarts++;
				wasted += done;
				s.remaining = s.task.work;
			}
		}
		s.agent = agent;
		s.assignedAt = now;
	};

	for (let now = 0; now < scenario.horizon; now++) {
		for (const q of quotas.values()) q.tick(now);
		for (const [agent, until] of [...limited]) if (until <= now) limited.delete(agent);
		while (pending[0] && pending[0].arrival <= now) {
			const task = pending.shift() as SimTask;
			states.push({ task, agent: null, lastAgent: null, assignedAt: now, remaining: task.work, waitUntil: now, done: false });
		}
		for (const move of strategy.rebalance?.(makeView(now)) ?? []) {
			const s = states.find((x) => x.task.id === move.taskId && !x.done);
			if (!s) continue;
			if (move.to === null) s.agent = null;
			else moveTo(s, move.to, now);
		}
		for (const s of states) {
			if (s.done || s.agent !== null || now < s.waitUntil) continue;
			const agent = strategy.assign(viewOf(s.task), makeView(now));
			if (agent !== null) moveTo(s, agent, now);
		}
		const spent = new Map<string, number>();
		for (const s of states) {
			if (!active(s, now)) {
				if (!s.done) blocked++;
				continue;
			}
			const agent = s.agent as string;
			const q = quotas.get(agent);
			const burn = Math.min(q?.spec.tokensPerMinute ?? 0, s.remaining);
			if (!q || !q.fits(burn)) {
				hardLimitHits++;
				blocked++;
				limited.set(agent, q ? q.blockedUntil(burn, now) : now + 1);
				const action = strategy.onLimit(viewOf(s.task), agent, makeView(now));
				if (action.kind === 'move' && action.agent !== agent) moveTo(s, action.agent, now);
				else s.waitUntil = Math.max(now + 1, limited.get(agent) ?? now + 1);
				continue;
			}
			q.consume(burn, now);
			spent.set(agent, (spent.get(agent) ?? 0) + burn);
			s.remaining -= burn;
			s.lastAgent = agent;
			if (s.remaining <= 0) {
				s.done = true;
				finishedOn.set(s.task.id, agent);
			}
		}
		for (const [id, q] of quotas) q.endMinute(spent.get(id) ?? 0);
	}

	const completed = states.filter((s) => s.done);
	const preferred = completed.filter((s) => defaultIntentPreferences[s.task.intent][0] === finishedOn.get(s.task.id)).length;
	return {
		strategy: strategy.name,
		completed: completed.length,
		hardLimitHits,
		restartsFromScratch: restarts,
		blockedMinutes: blocked,
		preferredShare: completed.length === 0 ? 0 : preferred / completed.length,
		handoffs,
		wastedTokens: wasted,
	};
}
