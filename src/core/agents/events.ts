/** Token counts of one run, normalised across CLIs. All values are tokens, not requests. */
export interface TokenUsage {
	/** Input tokens not served from cache. */
	readonly inputTokens: number;
	readonly outputTokens: number;
	/** Input tokens read from the prompt cache. */
	readonly cacheReadTokens: number;
	/** Input tokens written to the prompt cache (Claude, Codex); 0 where the CLI does not report it. */
	readonly cacheCreationTokens: number;
}

/** Rate-limit window named by a CLI's structured output. */
export type RateLimitWindow = 'five_hour' | 'weekly' | 'daily' | 'per_minute';

/**
 * One normalised event of a headless agent run. Every CLI's stream maps onto these; lines a parser cannot read become
 * `raw` so nothing is dropped silently.
 */
export type AgentEvent =
	| { readonly type: 'session'; readonly sessionId: string; readonly model?: string }
	| { readonly type: 'text'; readonly text: string; readonly delta: boolean }
	| { readonly type: 'toolCall'; readonly id: string; readonly name: string; readonly input: unknown }
	| { readonly type: 'toolResult'; readonly id: string; readonly ok: boolean; readonly output: string }
	| { readonly type: 'fileEdit'; readonly path: string; readonly tool: string; readonly change: 'add' | 'update' | 'delete' | 'write' }
	/** `cumulative`: the counts are the session's running total (Codex), not this run's alone. */
	| { readonly type: 'usage'; readonly usage: TokenUsage; readonly cumulative: boolean; readonly costUsd?: number; readonly model?: string }
	/** `utilization` is a fraction 0–1; `resetsAt` ISO-8601 UTC. */
	| {
			readonly type: 'rateLimit';
			readonly status: 'allowed' | 'warning' | 'rejected';
			readonly window: RateLimitWindow | null;
			readonly utilization?: number;
			readonly resetsAt?: string;
	  }
	| { readonly type: 'retry'; readonly attempt: number; readonly maxRetries?: number; readonly delayMs?: number; readonly status?: number }
	| { readonly type: 'result'; readonly ok: boolean; readonly text: string; readonly durationMs?: number; readonly turns?: number }
	| { readonly type: 'error'; readonly message: string }
	| { readonly type: 'raw'; readonly text: string };

/** Turns a CLI's stdout, one line at a time, into events. Stateful per run. */
export interface StreamParser {
	/** Events for one complete stdout line (without its newline). Never throws. */
	push(line: string): AgentEvent[];
}

/** Adds two usages field by field. */
export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
	return {
		inputTokens: a.inputTokens + b.inputTokens,
		outputTokens: a.outputTokens + b.outputTokens,
		cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
		cacheCreationTokens: a.cacheCreationTokens + b.cacheCreationTokens,
	};
}

/** Usage with every count zero. */
export const zeroUsage: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0 };
