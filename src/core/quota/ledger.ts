import type { RateLimitWindow } from '../agents/events';
import type { FailureSignal } from '../agents/signals';
import { windowLengthMs, type QuotaSettings } from './settings';
import { windowKey, type Provenance, type QuotaAgent, type QuotaObservation, type QuotaSnapshot, type QuotaWindowState, type Staleness, type UsageSample, type WindowKind, type WindowRef } from './types';

const maxHistory = 4000;
const agents = new Set<string>(['claude', 'gemini', 'codex']);

/** Default window of a limit a signal names without one: the 5-hour window, Gemini's daily quota; throttles per minute. */
function defaultWindow(agent: QuotaAgent, kind: FailureSignal['kind']): WindowKind {
	if (kind === 'rate_limited') {
		return 'per_minute';
	}
	return agent === 'gemini' ? 'daily' : 'five_hour';
}

/**
 * Staleness of a reading at `now`: `expired` once its reset has passed (or, without a reset time, one window length
 * after it was observed); `fresh` within the freshness period of its provenance; otherwise `stale`.
 */
export function stalenessOf(obs: QuotaObservation, now: number, settings: QuotaSettings): Staleness {
	if (obs.resetsAt !== null ? now >= obs.resetsAt : now - obs.observedAt > windowLengthMs(obs.window)) {
		return 'expired';
	}
	const freshMs = obs.provenance === 'official' ? settings.officialFreshMs : settings.localFreshMs;
	return now - obs.observedAt <= freshMs ? 'fresh' : 'stale';
}

/** used / limit when both are known, else the reading's own fraction. */
export function fractionOf(obs: QuotaObservation): number | null {
	if (obs.usedFraction !== null) {
		return obs.usedFraction;
	}
	return obs.used !== null && obs.limit !== null && obs.limit > 0 ? obs.used / obs.limit : null;
}

/** Rank of a candidate (lower wins): fresh or exhausted official, fresh counted/estimate with a limit, stale official, the rest. */
function rank(obs: QuotaObservation, staleness: Staleness): number {
	if (staleness === 'expired') {
		return 9;
	}
	const hasShare = fractionOf(obs) !== null;
	if (obs.provenance === 'official') {
		return staleness === 'fresh' || obs.exhausted ? 0 : hasShare ? 3 : 5;
	}
	if (staleness === 'fresh' && hasShare) {
		return obs.provenance === 'counted' ? 1 : 2;
	}
	return hasShare ? 4 : 6;
}

/**
 * Holds every reading of every window and picks, per window, the one to show: official values win while fresh
 * (or while they say the limit is reached, until its reset); then Baton's counts and estimates that can be put
 * against a user-entered limit; then stale official values; then bare token totals. Not thread-safe; pure.
 */
export class QuotaLedger {
	private readonly readings = new Map<string, Map<string, QuotaObservation>>();
	private readonly histories = new Map<string, UsageSample[]>();

	constructor(private settings: QuotaSettings) {}

	/** Replaces the settings (thresholds, freshness, limits) used from now on. */
	updateSettings(settings: QuotaSettings): void {
		this.settings = settings;
	}

	/** Records a reading; an older reading than the one held for the same window and source is ignored. */
	record(obs: QuotaObservation): void {
		const key = windowKey(obs);
		if (obs.provenance === 'official') {
			const fraction = fractionOf(obs);
			if (fraction !== null) {
				this.appendHistory(`${key}|official`, { at: obs.observedAt, value: fraction });
			}
		}
		const perSource = this.readings.get(key) ?? new Map<string, QuotaObservation>();
		this.readings.set(key, perSource);
		const slot = `${obs.provenance}:${obs.source}`;
		const held = perSource.get(slot);
		if (!held || held.observedAt <= obs.observedAt) {
			perSource.set(slot, obs);
		}
	}

	/** Records an estimate or count together with its usage series (cumulative, in the reading's unit) for forecasting. */
	recordWithSeries(obs: QuotaObservation, series: readonly UsageSample[]): void {
		this.record(obs);
		this.histories.set(`${windowKey(obs)}|${obs.provenance}`, series.slice(-maxHistory));
	}

	/** Removes every reading from `source` (e.g. before re-deriving all estimates). */
	forgetSource(source: string): void {
		for (const perSource of this.readings.values()) {
			for (const slot of [...perSource.keys()]) {
				if (slot.endsWith(`:${source}`)) {
					perSource.delete(slot);
				}
			}
		}
	}

	/**
	 * A failure signal from a headless run: `quota_exhausted` / `rate_limited` with an agent marks its window
	 * exhausted (official: it is the vendor's own refusal) until the parsed reset, or for one window length when
	 * no reset was given. Returns the reading recorded, or null when the signal is not about a limit.
	 */
	applySignal(signal: FailureSignal, now: number): QuotaObservation | null {
		if ((signal.kind !== 'quota_exhausted' && signal.kind !== 'rate_limited') || signal.agent === null || !agents.has(signal.agent)) {
			return null;
		}
		const agent = signal.agent as QuotaAgent;
		const resetsAt = signal.resetsAt === null ? null : Date.parse(signal.resetsAt);
		const obs: QuotaObservation = {
			agent,
			window: signal.window ?? defaultWindow(agent, signal.kind),
			model: null,
			provenance: 'official',
			source: 'signal',
			observedAt: now,
			usedFraction: 1,
			used: null,
			limit: null,
			unit: 'percent',
			resetsAt: resetsAt !== null && Number.isFinite(resetsAt) && resetsAt > now ? resetsAt : null,
			windowStart: null,
			exhausted: true,
		};
		this.record(obs);
		return obs;
	}

	/**
	 * A normalised `rateLimit` event of a headless run (`AgentEvent`): utilization becomes an official reading of
	 * its window; `rejected` marks the window exhausted. Events without a window or any figure are ignored.
	 */
	applyRateLimitEvent(
		agent: QuotaAgent,
		event: { readonly status: 'allowed' | 'warning' | 'rejected'; readonly window: RateLimitWindow | null; readonly utilization?: number; readonly resetsAt?: string },
		now: number,
	): QuotaObservation | null {
		const rejected = event.status === 'rejected';
		if (event.window === null && !rejected) {
			return null;
		}
		const resetsAt = event.resetsAt === undefined ? null : Date.parse(event.resetsAt);
		const utilization = event.utilization !== undefined && Number.isFinite(event.utilization) ? event.utilization : null;
		if (utilization === null && !rejected) {
			return null;
		}
		const obs: QuotaObservation = {
			agent,
			window: event.window ?? defaultWindow(agent, 'quota_exhausted'),
			model: null,
			provenance: 'official',
			source: 'rate_limit_event',
			observedAt: now,
			usedFraction: rejected ? Math.max(1, utilization ?? 1) : utilization,
			used: null,
			limit: null,
			unit: 'percent',
			resetsAt: resetsAt !== null && Number.isFinite(resetsAt) ? resetsAt : null,
			windowStart: null,
			exhausted: rejected,
		};
		this.record(obs);
		return obs;
	}

	/** Usage history of a window for one provenance (official fractions, or the estimate's series), oldest first. */
	history(ref: WindowRef, provenance: Provenance): readonly UsageSample[] {
		return this.histories.get(`${windowKey(ref)}|${provenance}`) ?? [];
	}

	/** The chosen reading of every window at `now`, windows in agent then window order. */
	snapshot(now: number): QuotaSnapshot {
		const windows: QuotaWindowState[] = [];
		for (const [key, perSource] of this.readings) {
			const state = this.choose(key, [...perSource.values()], now);
			if (state) {
				windows.push(state);
			}
		}
		windows.sort((a, b) => a.key.localeCompare(b.key));
		return { at: now, windows };
	}

	private choose(key: string, readings: readonly QuotaObservation[], now: number): QuotaWindowState | null {
		const all = readings.map((obs) => ({ obs, staleness: stalenessOf(obs, now, this.settings) }));
		// Official readings describe the same server-side state, so only the newest one counts (a newer statusLine
		// reading after a reset supersedes an older rejection); expired ones only when nothing else is left.
		const official = all
			.filter((c) => c.obs.provenance === 'official')
			.sort((a, b) => Number(a.staleness === 'expired') - Number(b.staleness === 'expired') || b.obs.observedAt - a.obs.observedAt)[0];
		const candidates = [...(official ? [official] : []), ...all.filter((c) => c.obs.provenance !== 'official')]
			.map((c) => ({ ...c, rank: rank(c.obs, c.staleness) }))
			.sort((a, b) => a.rank - b.rank || b.obs.observedAt - a.obs.observedAt);
		const best = candidates[0];
		if (!best) {
			return null;
		}
		const other = candidates.find((c) => c.obs.provenance !== best.obs.provenance && c.staleness !== 'expired');
		const usedFraction = best.staleness === 'expired' ? null : fractionOf(best.obs);
		const exhausted = best.staleness !== 'expired' && (best.obs.exhausted || (usedFraction !== null && usedFraction >= 1));
		return {
			agent: best.obs.agent,
			window: best.obs.window,
			model: best.obs.model,
			key,
			chosen: best.obs,
			staleness: best.staleness,
			ageMs: Math.max(0, now - best.obs.observedAt),
			alternative: other?.obs ?? null,
			usedFraction,
			exhausted,
		};
	}

	/** Inserts a sample in time order; a second sample at the same instant is ignored (re-read files). */
	private appendHistory(key: string, sample: UsageSample): void {
		const series = this.histories.get(key) ?? [];
		this.histories.set(key, series);
		let lo = 0;
		let hi = series.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if ((series[mid] as UsageSample).at < sample.at) {
				lo = mid + 1;
			} else {
				hi = mid;
			}
		}
		if (series[lo]?.at === sample.at) {
			return;
		}
		series.splice(lo, 0, sample);
		if (series.length > maxHistory) {
			series.splice(0, series.length - maxHistory);
		}
	}
}
