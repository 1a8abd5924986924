import type { QuotaOutlook } from '../routing/types';
import { projectionPoints, type WindowForecast } from './forecast';
import type { QuotaSettings } from './settings';
import { riskOf } from './thresholds';
import { agentDisplayName, windowDisplayName, type Provenance, type QuotaAgent, type QuotaSnapshot, type QuotaWindowState, type UsageSample } from './types';

/** A compact status text for one agent, e.g. `Claude 78%`, `Claude ~78% est.`, with a tooltip and its level. */
export interface QuotaLabel {
	readonly agent: QuotaAgent;
	/** `Claude 78%` (official, fresh), `Claude 78% (stale)`, `Claude ~78% est.` (estimate), `Gemini 40% counted`, `Claude limit` (exhausted), `Claude —` (no share known). */
	readonly text: string;
	/** One line per window with provenance, age and reset. */
	readonly tooltip: string;
	readonly provenance: Provenance | null;
	/** The binding window's key, or null. */
	readonly windowKey: string | null;
}

/** Data for charting one window: usage over time and the projection to its reset, in the window's unit. */
export interface WindowSeries {
	readonly key: string;
	/** `fraction` for official percentages; otherwise the estimate's or count's unit. */
	readonly unit: 'fraction' | 'tokens' | 'requests';
	readonly points: readonly UsageSample[];
	readonly projection: readonly UsageSample[];
	readonly limit: number | null;
	readonly resetsAt: number | null;
	readonly provenance: Provenance;
}

/** `2h 10m`, `45m`, `3d 4h`, `<1m` for a duration in ms. */
export function formatDuration(ms: number): string {
	const minutes = Math.floor(ms / 60_000);
	if (minutes < 1) {
		return '<1m';
	}
	const days = Math.floor(minutes / 1440);
	const hours = Math.floor((minutes % 1440) / 60);
	const mins = minutes % 60;
	if (days > 0) {
		return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
	}
	return hours > 0 ? (mins > 0 ? `${hours}h ${mins}m` : `${hours}h`) : `${mins}m`;
}

/** The windows of `agent` that are not expired. */
export function windowsOf(snapshot: QuotaSnapshot, agent: QuotaAgent): QuotaWindowState[] {
	return snapshot.windows.filter((w) => w.agent === agent && w.staleness !== 'expired');
}

/**
 * The window that binds `agent`: the one closest to its limit (exhausted first, then the highest used share; on a
 * tie the one that resets later). Null when no window of the agent has a share.
 */
export function bindingWindow(snapshot: QuotaSnapshot, agent: QuotaAgent): QuotaWindowState | null {
	let best: QuotaWindowState | null = null;
	const score = (w: QuotaWindowState): number => (w.exhausted ? Number.POSITIVE_INFINITY : (w.usedFraction ?? Number.NEGATIVE_INFINITY));
	for (const w of windowsOf(snapshot, agent)) {
		if (w.usedFraction === null && !w.exhausted) {
			continue;
		}
		if (!best || score(w) > score(best) || (score(w) === score(best) && (w.chosen.resetsAt ?? 0) > (best.chosen.resetsAt ?? 0))) {
			best = w;
		}
	}
	return best;
}

function percentText(fraction: number): string {
	return `${Math.round(fraction * 100)}%`;
}

/** One tooltip line for a window, e.g. `5-hour: 78% · official (statusline, 2m ago) · resets in 2h 10m`. */
export function describeWindow(w: QuotaWindowState, now: number): string {
	const share = w.exhausted ? 'limit reached' : w.usedFraction !== null ? percentText(w.usedFraction) : w.chosen.used !== null ? `${Math.round(w.chosen.used).toLocaleString('en-US')} ${w.chosen.unit}` : 'unknown';
	const tilde = w.chosen.provenance === 'estimate' && w.usedFraction !== null && !w.exhausted ? '~' : '';
	const staleNote = w.staleness === 'fresh' ? '' : `, ${w.staleness}`;
	const origin = `${w.chosen.provenance} (${w.chosen.source}, ${formatDuration(w.ageMs)} ago${staleNote})`;
	const reset = w.chosen.resetsAt !== null && w.chosen.resetsAt > now ? ` · resets in ${formatDuration(w.chosen.resetsAt - now)}` : '';
	return `${windowDisplayName(w)}: ${tilde}${share} · ${origin}${reset}`;
}

/** The compact label of `agent` from its binding window; estimates and counts are marked, stale values flagged. */
export function compactLabel(snapshot: QuotaSnapshot, agent: QuotaAgent): QuotaLabel {
	const name = agentDisplayName(agent);
	const windows = windowsOf(snapshot, agent);
	const tooltip = windows.length === 0 ? `${name}: no quota data yet` : windows.map((w) => describeWindow(w, snapshot.at)).join('\n');
	const binding = bindingWindow(snapshot, agent);
	if (!binding) {
		return { agent, text: `${name} —`, tooltip, provenance: null, windowKey: null };
	}
	const provenance = binding.chosen.provenance;
	let text: string;
	if (binding.exhausted) {
		text = `${name} limit`;
	} else {
		const pct = percentText(binding.usedFraction ?? 0);
		text = provenance === 'estimate' ? `${name} ~${pct} est.` : provenance === 'counted' ? `${name} ${pct} counted` : binding.staleness === 'stale' ? `${name} ${pct} (stale)` : `${name} ${pct}`;
	}
	return { agent, text, tooltip, provenance, windowKey: binding.key };
}

/** Chart data for a window: its history in its unit, and the projection to the reset. */
export function windowSeries(state: QuotaWindowState, history: readonly UsageSample[], forecast: WindowForecast | null, now: number): WindowSeries {
	const obs = state.chosen;
	const isFraction = obs.unit === 'percent';
	const unit = isFraction ? 'fraction' : obs.unit === 'requests' ? 'requests' : 'tokens';
	const current = isFraction ? (state.usedFraction ?? 0) : (obs.used ?? 0);
	const limit = isFraction ? 1 : obs.limit;
	const start = obs.windowStart ?? (obs.resetsAt !== null ? Number.NEGATIVE_INFINITY : now - 24 * 3_600_000);
	const points = history.filter((s) => s.at >= start && s.at <= now);
	const last = points[points.length - 1];
	const withNow = last && last.at < now && last.value === current ? [...points, { at: now, value: current }] : points;
	return {
		key: state.key,
		unit,
		points: withNow,
		projection: forecast ? projectionPoints(current, forecast, limit, obs.resetsAt, now) : [],
		limit,
		resetsAt: obs.resetsAt,
		provenance: obs.provenance,
	};
}

/**
 * The router's view of an agent (`QuotaOutlookProvider.outlook`): its binding window's risk level (`unknown`
 * without data), whether any window's forecast crosses `warnAt` before its reset, and a plain-words summary.
 */
export function quotaOutlook(snapshot: QuotaSnapshot, forecasts: ReadonlyMap<string, WindowForecast>, agent: QuotaAgent, settings: QuotaSettings): QuotaOutlook {
	const windows = windowsOf(snapshot, agent);
	if (windows.length === 0) {
		return { level: 'unknown', crossesWarnBeforeReset: false };
	}
	let worst: { level: QuotaOutlook['level']; window: QuotaWindowState } | null = null;
	const order: Record<string, number> = { unknown: 0, ok: 1, warn: 2, critical: 3, exhausted: 4 };
	let crosses = false;
	for (const w of windows) {
		const forecast = forecasts.get(w.key) ?? null;
		const { level } = riskOf(w, forecast, settings);
		const shown = w.usedFraction === null && !w.exhausted && level === 'ok' ? 'unknown' : level;
		if (!worst || (order[shown] ?? 0) > (order[worst.level] ?? 0)) {
			worst = { level: shown, window: w };
		}
		const projected = forecast?.projectedFractionAtReset ?? null;
		crosses ||= (projected !== null && projected * 100 >= settings.warnAt) || forecast?.runsOutBeforeReset === true;
	}
	if (!worst) {
		return { level: 'unknown', crossesWarnBeforeReset: false };
	}
	return { level: worst.level, crossesWarnBeforeReset: crosses, summary: describeWindow(worst.window, snapshot.at) };
}
