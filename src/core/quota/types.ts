/**
 * The quota model's vocabulary: agents, limit windows, provenance and the per-window state the UI and router read.
 * Pure data; every time is epoch milliseconds (UTC) unless a field says otherwise.
 */

/** The agents Baton tracks. */
export type QuotaAgent = 'claude' | 'gemini' | 'codex';

/** All tracked agents, in display order. */
export const quotaAgents: readonly QuotaAgent[] = ['claude', 'codex', 'gemini'];

/**
 * A limit window: Claude's 5-hour session, weekly limits (optionally scoped to a model family, e.g. Claude's
 * `seven_day_opus`), Gemini's daily quota and per-minute throttles. Same names as `FailureSignal.window`.
 */
export type WindowKind = 'five_hour' | 'weekly' | 'daily' | 'per_minute';

/**
 * Where a number comes from. `official`: the vendor's own figure (statusLine `rate_limits`, `rate_limit_event`,
 * Codex rollout `rate_limits`, a rate-limit error). `estimate`: Baton's arithmetic over local token logs.
 * `counted`: requests Baton counted itself against a limit the user configured.
 */
export type Provenance = 'official' | 'estimate' | 'counted';

/** `fresh`: recent enough to trust; `stale`: old but its window has not reset; `expired`: its window has reset since. */
export type Staleness = 'fresh' | 'stale' | 'expired';

/** Identifies one window of one agent; `model` scopes model-specific limits (`opus`, `sonnet`), null for the plan-wide one. */
export interface WindowRef {
	readonly agent: QuotaAgent;
	readonly window: WindowKind;
	readonly model: string | null;
}

/** One reading of a window, as a source reported it. */
export interface QuotaObservation extends WindowRef {
	readonly provenance: Provenance;
	/** Short source name, e.g. `statusline`, `rate_limit_event`, `rollout`, `transcripts`, `signal`, `requests`. */
	readonly source: string;
	/** When the reading was true (the vendor's or the log line's time, not when Baton read it), epoch ms. */
	readonly observedAt: number;
	/** Share of the limit used, 0–1 (may exceed 1 for overage); null when unknown. */
	readonly usedFraction: number | null;
	/** Tokens (or requests for `counted`) used in the window; null when unknown. */
	readonly used: number | null;
	/** The limit in the same unit as `used`; null when not known (never invented). */
	readonly limit: number | null;
	/** Unit of `used` / `limit`. */
	readonly unit: 'tokens' | 'requests' | 'percent';
	/** When the window resets, epoch ms; null when unknown. */
	readonly resetsAt: number | null;
	/** When the window started, epoch ms, when known (5-hour blocks, rolling windows). */
	readonly windowStart: number | null;
	/** The vendor said the limit is reached (a rejection or a 100 % reading). */
	readonly exhausted: boolean;
}

/** A point of a window's usage history: `value` in the window's unit (fraction for percent windows). */
export interface UsageSample {
	readonly at: number;
	readonly value: number;
}

/** The state of one window after weighing every source: the chosen reading plus the runner-up. */
export interface QuotaWindowState extends WindowRef {
	/** Stable key, `agent:window` or `agent:window:model`. */
	readonly key: string;
	readonly chosen: QuotaObservation;
	readonly staleness: Staleness;
	/** Milliseconds since `chosen.observedAt`. */
	readonly ageMs: number;
	/** The best reading of another provenance, e.g. the estimate while an official value is shown; null when none. */
	readonly alternative: QuotaObservation | null;
	/** `chosen.usedFraction`, or used / limit when both are known; null when no share can be given honestly. */
	readonly usedFraction: number | null;
	/** True when the window is known to be at its limit and not yet reset. */
	readonly exhausted: boolean;
}

/** Every window Baton knows of, per agent. */
export interface QuotaSnapshot {
	readonly at: number;
	readonly windows: readonly QuotaWindowState[];
}

/** Token totals in ccusage's four buckets. */
export interface TokenTotals {
	readonly inputTokens: number;
	readonly outputTokens: number;
	readonly cacheCreationTokens: number;
	readonly cacheReadTokens: number;
}

/** One agent's tokens on one local calendar day (`YYYY-MM-DD`), comparable with ccusage's `daily --json`. */
export interface DailyTokenRow extends TokenTotals {
	readonly date: string;
	readonly agent: QuotaAgent;
}

/** Key of a window: `agent:window` or `agent:window:model`. */
export function windowKey(ref: WindowRef): string {
	return ref.model === null ? `${ref.agent}:${ref.window}` : `${ref.agent}:${ref.window}:${ref.model}`;
}

/** Sum of the four token buckets. */
export function totalTokens(t: TokenTotals): number {
	return t.inputTokens + t.outputTokens + t.cacheCreationTokens + t.cacheReadTokens;
}

/** Totals with every bucket zero. */
export const zeroTotals: TokenTotals = { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0 };

/** Human name of an agent for labels. */
export function agentDisplayName(agent: QuotaAgent): string {
	return agent === 'claude' ? 'Claude' : agent === 'codex' ? 'Codex' : 'Gemini';
}

/** Human name of a window for labels, e.g. `5-hour`, `weekly (opus)`. */
export function windowDisplayName(ref: Pick<WindowRef, 'window' | 'model'>): string {
	const base = ref.window === 'five_hour' ? '5-hour' : ref.window === 'per_minute' ? 'per-minute' : ref.window;
	return ref.model === null ? base : `${base} (${ref.model})`;
}
