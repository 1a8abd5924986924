import type { WindowForecast } from './forecast';
import type { QuotaSettings } from './settings';
import type { Provenance, QuotaAgent, QuotaWindowState, WindowKind } from './types';

/** How close a window is to its limit: `warn` at `warnAt` % or when the forecast runs out before the reset. */
export type RiskLevel = 'ok' | 'warn' | 'critical' | 'exhausted';

/** Why a window is at risk. */
export type RiskReason = 'threshold' | 'forecast' | 'exhausted';

/** A change of a window's risk level; emitted on every change, for the router. */
export interface RiskLevelEvent {
	readonly agent: QuotaAgent;
	readonly window: WindowKind;
	readonly model: string | null;
	readonly key: string;
	readonly level: RiskLevel;
	readonly previous: RiskLevel;
	readonly reason: RiskReason | null;
	/** Percent used (0–100+), null when unknown. */
	readonly usedPercent: number | null;
	readonly projectedPercentAtReset: number | null;
	readonly resetsAt: number | null;
	readonly provenance: Provenance;
	readonly at: number;
}

/** A notification to show the user: at most one per level per risk episode of a window. */
export interface QuotaNotification {
	readonly agent: QuotaAgent;
	readonly window: WindowKind;
	readonly model: string | null;
	readonly key: string;
	readonly level: 'warn' | 'critical';
	readonly reason: RiskReason;
	readonly usedPercent: number | null;
	readonly projectedPercentAtReset: number | null;
	/** When the limit is expected to be reached at the current pace, epoch ms. */
	readonly limitAt: number | null;
	readonly resetsAt: number | null;
	readonly provenance: Provenance;
	/** Identifies the risk episode; notifications of one episode share it. */
	readonly episode: string;
	readonly at: number;
}

interface WindowTrack {
	level: RiskLevel;
	inEpisode: boolean;
	episode: string;
	notified: Set<'warn' | 'critical'>;
	/** Since when the window has been calm (below the thresholds minus hysteresis), epoch ms; null while not calm. */
	calmSince: number | null;
	resetsAt: number | null;
}

/** Percentage points below `warnAt` a window must fall to count as calm. */
const hysteresis = 5;
/** How long a window must stay calm before its risk episode ends. */
const calmMs = 10 * 60_000;

/** The risk level and reason of a window at `settings`' thresholds. */
export function riskOf(state: QuotaWindowState, forecast: WindowForecast | null, settings: QuotaSettings): { level: RiskLevel; reason: RiskReason | null } {
	if (state.exhausted) {
		return { level: 'exhausted', reason: 'exhausted' };
	}
	const used = state.usedFraction === null ? null : state.usedFraction * 100;
	if (used !== null && used >= settings.criticalAt) {
		return { level: 'critical', reason: 'threshold' };
	}
	if (used !== null && used >= settings.warnAt) {
		return { level: 'warn', reason: 'threshold' };
	}
	if (forecast?.runsOutBeforeReset === true) {
		return { level: 'warn', reason: 'forecast' };
	}
	return { level: 'ok', reason: null };
}

/**
 * Turns window states and forecasts into level-change events (every change) and notifications (once per level per
 * risk episode). An episode starts when a window leaves `ok`; it ends when the window resets (its reset time
 * passes or moves on) or after it has stayed 5 points below `warnAt` with no run-out forecast for 10 minutes, so a
 * forecast that flickers does not notify twice. Stateful; feed it in time order.
 */
export class ThresholdMonitor {
	private readonly tracks = new Map<string, WindowTrack>();

	constructor(private settings: QuotaSettings) {}

	/** Replaces the thresholds used from now on. */
	updateSettings(settings: QuotaSettings): void {
		this.settings = settings;
	}

	/** Evaluates every window at `now`. */
	update(windows: readonly { readonly state: QuotaWindowState; readonly forecast: WindowForecast | null }[], now: number): { events: RiskLevelEvent[]; notifications: QuotaNotification[] } {
		const events: RiskLevelEvent[] = [];
		const notifications: QuotaNotification[] = [];
		for (const { state, forecast } of windows) {
			const { level, reason } = state.staleness === 'expired' ? { level: 'ok' as const, reason: null } : riskOf(state, forecast, this.settings);
			const track = this.trackOf(state.key);
			const resetsAt = state.chosen.resetsAt;
			const wasReset = (track.resetsAt !== null && now >= track.resetsAt) || (track.resetsAt !== null && resetsAt !== null && resetsAt > track.resetsAt + 60_000);
			if (wasReset) {
				this.endEpisode(track);
				track.resetsAt = resetsAt;
			} else if (resetsAt !== null) {
				track.resetsAt = resetsAt;
			}
			const usedPercent = state.usedFraction === null ? null : state.usedFraction * 100;
			const projected = forecast?.projectedFractionAtReset ?? null;
			const base = { agent: state.agent, window: state.window, model: state.model, key: state.key, usedPercent, projectedPercentAtReset: projected === null ? null : projected * 100, resetsAt, provenance: state.chosen.provenance, at: now };
			if (level !== track.level) {
				events.push({ ...base, level, previous: track.level, reason });
				track.level = level;
			}
			const calm = level === 'ok' && (usedPercent === null || usedPercent < this.settings.warnAt - hysteresis);
			track.calmSince = calm ? (track.calmSince ?? now) : null;
			if (track.inEpisode && track.calmSince !== null && now - track.calmSince >= calmMs) {
				this.endEpisode(track);
			}
			if (level === 'ok' || reason === null) {
				continue;
			}
			if (!track.inEpisode) {
				track.inEpisode = true;
				track.episode = `${state.key}@${now}`;
			}
			const notifyLevel = level === 'warn' ? 'warn' : 'critical';
			const alreadyCritical = track.notified.has('critical');
			if (!track.notified.has(notifyLevel) && !(notifyLevel === 'warn' && alreadyCritical)) {
				track.notified.add(notifyLevel);
				notifications.push({ ...base, level: notifyLevel, reason, limitAt: forecast?.limitAt ?? null, episode: track.episode });
			}
		}
		return { events, notifications };
	}

	private trackOf(key: string): WindowTrack {
		let track = this.tracks.get(key);
		if (!track) {
			track = { level: 'ok', inEpisode: false, episode: '', notified: new Set(), calmSince: null, resetsAt: null };
			this.tracks.set(key, track);
		}
		return track;
	}

	private endEpisode(track: WindowTrack): void {
		track.inEpisode = false;
		track.notified.clear();
		track.calmSince = null;
	}
}
