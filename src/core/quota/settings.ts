import type { QuotaAgent, WindowKind, WindowRef } from './types';

/**
 * A plan limit the user entered (Baton never invents unpublished limits). `unit` says what `limit` counts:
 * `tokens` (for local estimates, e.g. Claude tokens per 5-hour block as ccusage totals them) or `requests`
 * (Gemini API-key requests per minute / per day).
 */
export interface PlanLimit {
	readonly agent: QuotaAgent;
	readonly window: WindowKind;
	/** Model scope, or null for the plan-wide window. */
	readonly model: string | null;
	readonly limit: number;
	readonly unit: 'tokens' | 'requests';
}

/** Everything the quota model can be tuned with; all durations in milliseconds, thresholds in percent (0–100). */
export interface QuotaSettings {
	/** Percent of a window at which a warning is raised. Default 80. */
	readonly warnAt: number;
	/** Percent at which the warning turns critical. Default 95. */
	readonly criticalAt: number;
	/** An official reading older than this is `stale` and yields to a labelled estimate. Default 10 minutes. */
	readonly officialFreshMs: number;
	/** Estimates and counts older than this (the ingest stopped) are `stale`. Default 10 minutes. */
	readonly localFreshMs: number;
	/** Forecast: pauses longer than this are idle time and do not dilute the burn rate. Default 15 minutes. */
	readonly idleGapMs: number;
	/** Forecast: how much recent active time the burn rate averages over. Default 60 minutes. */
	readonly lookbackMs: number;
	/** Plan limits entered by the user. */
	readonly limits: readonly PlanLimit[];
}

/** Defaults: warn at 80 %, critical at 95 %, official values fresh for 10 minutes, no plan limits. */
export const defaultQuotaSettings: QuotaSettings = {
	warnAt: 80,
	criticalAt: 95,
	officialFreshMs: 10 * 60_000,
	localFreshMs: 10 * 60_000,
	idleGapMs: 15 * 60_000,
	lookbackMs: 60 * 60_000,
	limits: [],
};

/**
 * Published Gemini request quotas (gemini-cli 0.61.0 `docs/resources/quota-and-pricing.md`), offered as presets the
 * user may pick for `PlanLimit`s; they are never applied on their own. Requests per day.
 */
export const geminiPublishedDailyRequests: Readonly<Record<string, number>> = {
	'free-api-key': 250,
	'code-assist-individual': 1000,
	'google-ai-pro': 1500,
	'google-ai-ultra': 2000,
};

/** Settings with `partial` laid over the defaults; thresholds clamped to 1–100 with warn ≤ critical. */
export function resolveQuotaSettings(partial: Partial<QuotaSettings> = {}): QuotaSettings {
	const merged = { ...defaultQuotaSettings, ...partial };
	const clamp = (v: number, fallback: number): number => (Number.isFinite(v) ? Math.min(100, Math.max(1, v)) : fallback);
	const criticalAt = clamp(merged.criticalAt, defaultQuotaSettings.criticalAt);
	const warnAt = Math.min(clamp(merged.warnAt, defaultQuotaSettings.warnAt), criticalAt);
	const positive = (v: number, fallback: number): number => (Number.isFinite(v) && v > 0 ? v : fallback);
	return {
		...merged,
		warnAt,
		criticalAt,
		officialFreshMs: positive(merged.officialFreshMs, defaultQuotaSettings.officialFreshMs),
		localFreshMs: positive(merged.localFreshMs, defaultQuotaSettings.localFreshMs),
		idleGapMs: positive(merged.idleGapMs, defaultQuotaSettings.idleGapMs),
		lookbackMs: positive(merged.lookbackMs, defaultQuotaSettings.lookbackMs),
		limits: merged.limits.filter((l) => Number.isFinite(l.limit) && l.limit > 0),
	};
}

/** The user's limit for `ref` in `unit`, or null when none was entered. */
export function planLimitFor(settings: QuotaSettings, ref: WindowRef, unit: PlanLimit['unit']): number | null {
	const found = settings.limits.find((l) => l.agent === ref.agent && l.window === ref.window && l.model === ref.model && l.unit === unit);
	return found ? found.limit : null;
}

/** Nominal length of a window, used when a reading has no reset time: 1 min, 5 h, 24 h or 7 days. */
export function windowLengthMs(window: WindowKind): number {
	switch (window) {
		case 'per_minute':
			return 60_000;
		case 'five_hour':
			return 5 * 3_600_000;
		case 'daily':
			return 24 * 3_600_000;
		case 'weekly':
			return 7 * 24 * 3_600_000;
	}
}
