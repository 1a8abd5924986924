/** Quota of one window as the UI shows it. Times are epoch milliseconds. Plain data: crosses to the webview. */
export interface QuotaWindowView {
	readonly key: string;
	/** e.g. `5-hour`, `Weekly (opus)`, `Daily`. */
	readonly name: string;
	/** Share of the limit used, 0–1; null when no share can be given honestly. */
	readonly usedFraction: number | null;
	readonly used: number | null;
	readonly limit: number | null;
	readonly unit: 'tokens' | 'requests' | 'percent';
	/** `official` (the vendor's figure), `estimate` (local token math) or `counted` (requests Baton counted). */
	readonly provenance: 'official' | 'estimate' | 'counted';
	readonly source: string;
	readonly staleness: 'fresh' | 'stale' | 'expired';
	readonly observedAt: number;
	readonly resetsAt: number | null;
	readonly exhausted: boolean;
	/** Forecast at the current pace; null fields mean unknown. */
	readonly forecast: { readonly ratePerHour: number | null; readonly limitAt: number | null; readonly runsOutBeforeReset: boolean | null; readonly projectedFractionAtReset: number | null } | null;
	/** Usage over time (in `seriesUnit`) and the projection to the reset, for the chart. */
	readonly series: { readonly unit: 'fraction' | 'tokens' | 'requests'; readonly limit: number | null; readonly points: ReadonlyArray<{ at: number; value: number }>; readonly projection: ReadonlyArray<{ at: number; value: number }> };
}

/** One agent's quota: compact label, risk level of its binding window, and every window. */
export interface QuotaAgentView {
	readonly agent: string;
	readonly displayName: string;
	/** e.g. `Claude 78%`, `Claude ~78% est.`, `Gemini 40% counted`, `Claude limit`, `Claude —`. */
	readonly label: string;
	readonly level: 'ok' | 'warn' | 'critical' | 'exhausted' | 'unknown';
	readonly bindingKey: string | null;
	readonly windows: readonly QuotaWindowView[];
}

/** The whole quota picture. Thresholds in percent. */
export interface QuotaView {
	readonly at: number;
	readonly warnAt: number;
	readonly criticalAt: number;
	readonly agents: readonly QuotaAgentView[];
}
