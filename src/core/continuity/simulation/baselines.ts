import type { LimitAction, SimView, Strategy } from './engine';
import type { TaskView } from './types';

const agentOrder = ['claude', 'codex', 'gemini'] as const;

function free(view: SimView, agent: string): boolean {
	return !view.limited.has(agent);
}

/** Everything on Claude; after a limit the task waits for the reset and resumes the same session. */
export function singleAgentStrategy(agent = 'claude'): Strategy {
	return {
		name: 'single',
		carriesContext: false,
		assign: () => agent,
		onLimit: (): LimitAction => ({ kind: 'wait' }),
	};
}

/**
 * claude-code-mux style: one priority list for every request (claude → codex → gemini); after a 429 the agent is
 * skipped until its reset and the request goes to the next agent, which starts the task from scratch.
 */
export function reactiveFailoverStrategy(): Strategy {
	const next = (view: SimView, except?: string): string | null => agentOrder.find((a) => a !== except && free(view, a)) ?? null;
	return {
		name: 'reactive-failover',
		carriesContext: false,
		assign: (_task, view) => next(view),
		onLimit: (_task, agent, view): LimitAction => {
			const to = next(view, agent);
			return to ? { kind: 'move', agent: to } : { kind: 'wait' };
		},
	};
}

/**
 * CLIProxyAPI style: new tasks rotate over the agents (skipping ones cooling down until reset); after a 429 the
 * request goes to the next agent in the rotation, which starts the task from scratch.
 */
export function roundRobinStrategy(): Strategy {
	let cursor = 0;
	const rotate = (view: SimView, except?: string): string | null => {
		for (let i = 0; i < agentOrder.length; i++) {
			const agent = agentOrder[(cursor + i) % agentOrder.length] as string;
			if (agent !== except && free(view, agent)) {
				cursor = (cursor + i + 1) % agentOrder.length;
				return agent;
			}
		}
		return null;
	};
	return {
		name: 'round-robin',
		carriesContext: false,
		assign: (_task, view) => rotate(view),
		onLimit: (_task, agent, view): LimitAction => {
			const to = rotate(view, agent);
			return to ? { kind: 'move', agent: to } : { kind: 'wait' };
		},
	};
}

/**
 * CCProxy style static rules, first match wins: prompt over 60,000 tokens → gemini (long context); web search →
 * gemini; extended thinking → claude; background chores → codex; otherwise claude. No fallback is configured, so
 * after a limit the task waits for the reset on the same agent.
 */
export function staticRulesStrategy(): Strategy {
	const rule = (task: TaskView): string => {
		if (task.contextTokens > 60_000) return 'gemini';
		if (task.webSearch) return 'gemini';
		if (task.thinking) return 'claude';
		if (task.background) return 'codex';
		return 'claude';
	};
	return { name: 'static-rules', carriesContext: false, assign: (task) => rule(task), onLimit: (): LimitAction => ({ kind: 'wait' }) };
}
