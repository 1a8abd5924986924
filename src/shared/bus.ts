/** One bus event as the activity timeline shows it. `at` is ISO-8601 UTC. Plain data: crosses to the webview. */
export interface BusEventView {
	readonly seq: number;
	readonly type: string;
	readonly at: string;
	readonly agent: string | null;
	readonly sessionId: string | null;
	/** One line in plain words, e.g. "claude wrote src/auth.ts". */
	readonly summary: string;
	/** `warn` for blocks and collisions, `attention` for notifications, else `info`. */
	readonly severity: 'info' | 'warn' | 'attention';
}
