import type { QuotaOutlook, QuotaOutlookProvider } from '../routing/types';
import { forecastWindow, type WindowForecast } from './forecast';
import { QuotaLedger } from './ledger';
import { windowLengthMs, type QuotaSettings } from './settings';
import { ThresholdMonitor, type QuotaNotification, type RiskLevelEvent } from './thresholds';
import { quotaAgents, type QuotaAgent, type QuotaSnapshot, type QuotaWindowState } from './types';
import { bindingWindow, compactLabel, quotaOutlook, windowSeries, type QuotaLabel, type WindowSeries } from './views';

/** One evaluation of every window at a moment: states, forecasts, and what changed since the previous evaluation. */
export interface QuotaEvaluation {
	readonly snapshot: QuotaSnapshot;
	/** Forecast per window key (windows without enough data have none). */
	readonly forecasts: ReadonlyMap<string, WindowForecast>;
	/** Risk level changes since the previous evaluation (for the router). */
	readonly events: readonly RiskLevelEvent[];
	/** Notifications to show, de-duplicated per risk episode. */
	readonly notifications: readonly QuotaNotification[];
}

/** Per-agent summary for a status bar: label, binding window and its forecast. */
export interface AgentQuotaSummary {
	readonly agent: QuotaAgent;
	readonly label: QuotaLabel;
	readonly binding: QuotaWindowState | null;
	readonly forecast: WindowForecast | null;
}

/**
 * The quota model in one object: a ledger of readings, forecasts and threshold tracking. Feed readings through
 * `ledger` (or `applySignal`), call `evaluate(now)` on a timer or after ingest, and read labels, series and the
 * router's outlook from the latest evaluation. Pure: the caller supplies every time.
 */
export class QuotaEngine {
	readonly ledger: QuotaLedger;
	private readonly monitor: ThresholdMonitor;
	private last: QuotaEvaluation;

	constructor(private settings: QuotaSettings) {
		this.ledger = new QuotaLedger(settings);
		this.monitor = new ThresholdMonitor(settings);
		this.last = { snapshot: { at: 0, windows: [] }, forecasts: new Map(), events: [], notifications: [] };
	}

	/** Current settings. */
	get currentSettings(): QuotaSettings {
		return this.settings;
	}

	/** Replaces thresholds, freshness and plan limits. */
	updateSettings(settings: QuotaSettings): void {
		this.settings = settings;
		this.ledger.updateSettings(settings);
		this.monitor.updateSettings(settings);
	}

	/** Evaluates all windows at `now` and remembers the result for labels, series and the outlook. */
	evaluate(now: number): QuotaEvaluation {
		const snapshot = this.ledger.snapshot(now);
		const forecasts = new Map<string, WindowForecast>();
		for (const state of snapshot.windows) {
			const forecast = this.forecastOf(state, now);
			if (forecast) {
				forecasts.set(state.key, forecast);
			}
		}
		const { events, notifications } = this.monitor.update(
			snapshot.windows.map((state) => ({ state, forecast: forecasts.get(state.key) ?? null })),
			now,
		);
		this.last = { snapshot, forecasts, events, notifications };
		return this.last;
	}

	/** The latest evaluation (empty before the first). */
	latest(): QuotaEvaluation {
		return this.last;
	}

	/** Label, binding window and forecast per agent from the latest evaluation. */
	summaries(): AgentQuotaSummary[] {
		return quotaAgents.map((agent) => {
			const binding = bindingWindow(this.last.snapshot, agent);
			return { agent, label: compactLabel(this.last.snapshot, agent), binding, forecast: binding ? (this.last.forecasts.get(binding.key) ?? null) : null };
		});
	}

	/** Chart data of every window of `agent` (all agents when omitted) from the latest evaluation. */
	series(agent?: QuotaAgent): WindowSeries[] {
		const now = this.last.snapshot.at;
		return this.last.snapshot.windows
			.filter((w) => (agent === undefined || w.agent === agent) && w.staleness !== 'expired')
			.map((w) => windowSeries(w, this.ledger.history(w, w.chosen.provenance), this.last.forecasts.get(w.key) ?? null, now));
	}

	/** The router's `QuotaOutlookProvider`, answering from the latest evaluation. */
	outlookProvider(): QuotaOutlookProvider {
		return {
			outlook: (agent: string): QuotaOutlook =>
				quotaAgents.includes(agent as QuotaAgent) ? quotaOutlook(this.last.snapshot, this.last.forecasts, agent as QuotaAgent, this.settings) : { level: 'unknown', crossesWarnBeforeReset: false },
		};
	}

	/** Forecast of one window from its history within the current window; null without a usable history. */
	forecastOf(state: QuotaWindowState, now: number): WindowForecast | null {
		if (state.staleness === 'expired') {
			return null;
		}
		const obs = state.chosen;
		const isFraction = obs.unit === 'percent';
		const current = isFraction ? state.usedFraction : obs.used;
		if (current === null) {
			return null;
		}
		const start = obs.windowStart ?? (obs.resetsAt !== null ? obs.resetsAt - windowLengthMs(obs.window) : now - windowLengthMs(obs.window));
		const samples = this.ledger.history(state, obs.provenance).filter((s) => s.at >= start && s.at <= now);
		return forecastWindow({
			samples,
			current,
			limit: isFraction ? 1 : obs.limit,
			resetsAt: obs.resetsAt,
			now,
			idleGapMs: this.settings.idleGapMs,
			lookbackMs: this.settings.lookbackMs,
		});
	}
}
