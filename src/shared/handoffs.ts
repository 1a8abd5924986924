/** One side of a handoff: the agent and, once known, its session and Baton run. */
export interface HandoffEndView {
	readonly agent: string;
	readonly agentName: string;
	readonly sessionId?: string;
	/** Baton's headless run id, for headless sessions. */
	readonly runId?: string;
}

/**
 * A failover (or hand-back) from one agent to another, as the panel shows it. Plain data: crosses to the webview.
 * `status`: `proposed` (waiting for the user in ask mode), `declined`, `started` (target running), `succeeded`,
 * `failed` (target failed or could not start), `noTarget` (no other agent could take it).
 */
export interface HandoffView {
	readonly id: string;
	/** ISO-8601 UTC. */
	readonly at: string;
	readonly kind: 'failover' | 'handBack';
	readonly from: HandoffEndView;
	readonly to: HandoffEndView | null;
	/** Plain words: why the source stopped, e.g. "hit its 5-hour limit (resets …)". */
	readonly reason: string;
	/** Why the router picked the target (or why none). */
	readonly routeReasons: readonly string[];
	readonly mode: 'headless' | 'terminal';
	readonly status: 'proposed' | 'declined' | 'started' | 'succeeded' | 'failed' | 'noTarget';
	/** The brief given to the target (Markdown) and its size in estimated tokens. */
	readonly brief: string;
	readonly briefTokens: number;
	/** How many lines of the brief came from checkpoints, the transcript and memory. */
	readonly sourceCounts: { readonly checkpoint: number; readonly transcript: number; readonly memory: number };
	/** Last words on the outcome (target's result or error). */
	readonly outcome?: string;
	/** Memory entry (kind `handoff`) that records it. */
	readonly memoryId?: string;
	/** ISO-8601 UTC when the source agent's limit resets (hand-back is offered then). */
	readonly handBackAt?: string;
}

/** Whether the target agent finished the task itself (a headless run that succeeded): nothing is left to hand back. */
export function targetFinishedTask(view: { readonly mode: string; readonly status: string }): boolean {
	return view.mode === 'headless' && view.status === 'succeeded';
}
