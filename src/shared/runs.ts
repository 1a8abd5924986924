/** A headless agent run as the UI shows it. Plain data: crosses to the webview. */
export interface RunView {
	readonly id: string;
	readonly agentId: string;
	readonly agentName: string;
	readonly prompt: string;
	readonly status: 'running' | 'succeeded' | 'failed' | 'cancelled' | 'timedOut';
	/** ISO-8601 UTC. */
	readonly startedAt: string;
	readonly durationMs?: number;
	readonly sessionId?: string;
	readonly model?: string;
	/** Assistant text so far (the final answer once done), at most the last 8,000 characters. */
	readonly text: string;
	/** Tool calls in order, as `name: short input`, at most the last 50. */
	readonly tools: readonly string[];
	readonly fileEdits: readonly string[];
	readonly usage?: RunUsageView;
	readonly failure?: RunFailureView;
	/** Output the CLI printed that Baton could not parse, shown as is. */
	readonly rawOutput?: string;
	readonly exitCode?: number | null;
}

/** Token counts of a run (tokens) and cost in USD where the CLI reports one. */
export interface RunUsageView {
	readonly inputTokens: number;
	readonly outputTokens: number;
	readonly cacheReadTokens: number;
	readonly cacheCreationTokens: number;
	readonly costUsd?: number;
	/** True when the CLI reports the session's running total rather than this run's. */
	readonly cumulative: boolean;
}

/** Why a run did not succeed; `resetsAt` is ISO-8601 UTC when a limit's reset is known. */
export interface RunFailureView {
	readonly kind: string;
	readonly window: string | null;
	readonly resetsAt: string | null;
	readonly message: string;
}
