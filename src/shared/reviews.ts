/** One finding as the UI shows it. `line` is 1-based or null. */
export interface FindingView {
	readonly severity: 'blocker' | 'major' | 'minor' | 'nit';
	readonly file: string;
	readonly line: number | null;
	readonly title: string;
	readonly fix: string;
}

/** One round of a review loop: what changed, what was found, what was fixed. */
export interface ReviewRoundView {
	readonly round: number;
	readonly changed: readonly string[];
	readonly changeKind: 'generate' | 'revise' | null;
	readonly verdict: 'pass' | 'revise' | null;
	readonly summary: string;
	readonly findings: readonly FindingView[];
	readonly fixed: readonly string[];
	readonly tokens: number;
}

/** A critique loop in the panel. Plain data: crosses to the webview. */
export interface ReviewLoopView {
	readonly id: string;
	readonly label: string;
	readonly generator: string;
	readonly reviewer: string;
	readonly status: 'running' | 'done';
	/** Plain words: why it stopped. */
	readonly stopDetail: string;
	readonly stopReason: string | null;
	readonly rounds: readonly ReviewRoundView[];
	readonly rawReview?: string;
	readonly totalTokens: number;
}
