import type { IntentLabel } from '../../classifier/labels';

/** A task of the workload. Times are simulation minutes from the start of the day. Token counts are tokens. */
export interface SimTask {
	readonly id: string;
	readonly arrival: number;
	readonly intent: IntentLabel;
	/** Tokens of work the task takes to finish on any agent (unknown to every strategy). */
	readonly work: number;
	/** Estimated prompt + attachments, tokens (what a router sees up front). */
	readonly contextTokens: number;
	/** Needs web search (research). */
	readonly webSearch: boolean;
	/** User asked for extended thinking. */
	readonly thinking: boolean;
	/** Small background chore. */
	readonly background: boolean;
	/** `day` for the developer's sequential day, `burst` for the parallel Conductor-style burst. */
	readonly lane: 'day' | 'burst';
}

/** What a strategy may see of a task: everything but the amount of work. */
export type TaskView = Omit<SimTask, 'work'>;

/** One usage window of an agent. */
export interface WindowSpec {
	readonly name: 'five_hour' | 'weekly' | 'daily';
	/** Tokens allowed per window. */
	readonly capacity: number;
	/** Window length, minutes. */
	readonly length: number;
	/** `first-use`: the window starts at the first request after a reset (Claude/Codex 5-hour); `fixed`: resets at `firstReset` then every `length`. */
	readonly anchor: 'first-use' | 'fixed';
	/** For fixed windows: minute of the first reset. */
	readonly firstReset?: number;
	/** Tokens already used in the window when the day starts. */
	readonly usedAtStart?: number;
}

/** A simulated agent: its id (as the router knows it), windows and work speed. */
export interface AgentSpec {
	readonly id: string;
	readonly windows: readonly WindowSpec[];
	/** Tokens a task burns per minute on this agent. */
	readonly tokensPerMinute: number;
	readonly contextWindowTokens: number;
}

/** A whole scenario: agents, tasks and how long the simulation runs (minutes). */
export interface Scenario {
	readonly agents: readonly AgentSpec[];
	readonly tasks: readonly SimTask[];
	readonly horizon: number;
}

/** Per-strategy outcome, the bench's row. `blockedMinutes` sums task-minutes spent waiting for a limit or a free agent. */
export interface StrategyResult {
	readonly strategy: string;
	readonly completed: number;
	readonly hardLimitHits: number;
	readonly restartsFromScratch: number;
	readonly blockedMinutes: number;
	/** Share of completed tasks that finished on their intent's preferred agent, 0–1. */
	readonly preferredShare: number;
	/** Handoffs with a brief (Baton only), and tokens thrown away by restarts. */
	readonly handoffs: number;
	readonly wastedTokens: number;
}
