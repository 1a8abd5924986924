import type { QuotaAgentView, QuotaView, QuotaWindowView } from '../../shared/quota';
import type { QuotaEvaluation } from './engine';
import type { PlanLimit, QuotaSettings } from './settings';
import { quotaAgents, type QuotaAgent, type QuotaWindowState } from './types';
import { bindingWindow, compactLabel, type WindowSeries } from './views';

const agentNames: Readonly<Record<QuotaAgent, string>> = { claude: 'Claude', gemini: 'Gemini', codex: 'Codex' };
const windowNames: Readonly<Record<QuotaWindowState['window'], string>> = { five_hour: '5-hour', weekly: 'Weekly', daily: 'Daily', per_minute: 'Per minute' };

/** Risk level of a window against the thresholds (percent). */
export function windowLevel(w: QuotaWindowState | null, warnAt: number, criticalAt: number): QuotaAgentView['level'] {
	if (!w) return 'unknown';
	if (w.exhausted) return 'exhausted';
	if (w.usedFraction === null) return 'unknown';
	const pct = w.usedFraction * 100;
	return pct >= criticalAt ? 'critical' : pct >= warnAt ? 'warn' : 'ok';
}

function windowView(w: QuotaWindowState, evaluation: QuotaEvaluation, series: WindowSeries | undefined): QuotaWindowView {
	const forecast = evaluation.forecasts.get(w.key);
	return {
		key: w.key,
		name: `${windowNames[w.window]}${w.model ? ` (${w.model})` : ''}`,
		usedFraction: w.usedFraction,
		used: w.chosen.used,
		limit: w.chosen.limit,
		unit: w.chosen.unit,
		provenance: w.chosen.provenance,
		source: w.chosen.source,
		staleness: w.staleness,
		observedAt: w.chosen.observedAt,
		resetsAt: w.chosen.resetsAt,
		exhausted: w.exhausted,
		forecast: forecast ? { ratePerHour: forecast.ratePerHour, limitAt: forecast.limitAt, runsOutBeforeReset: forecast.runsOutBeforeReset, projectedFractionAtReset: forecast.projectedFractionAtReset } : null,
		series: series ? { unit: series.unit, limit: series.limit, points: series.points, projection: series.projection } : { unit: 'fraction', limit: null, points: [], projection: [] },
	};
}

/** The quota picture for the status bar and the panel, from the latest evaluation and chart series. Pure. */
export function buildQuotaView(evaluation: QuotaEvaluation, series: readonly WindowSeries[], settings: Pick<QuotaSettings, 'warnAt' | 'criticalAt'>, agents: readonly QuotaAgent[]): QuotaView {
	const snapshot = evaluation.snapshot;
	const byKey = new Map(series.map((s) => [s.key, s]));
	return {
		at: snapshot.at,
		warnAt: settings.warnAt,
		criticalAt: settings.criticalAt,
		agents: agents.map((agent) => {
			const binding = bindingWindow(snapshot, agent);
			const windows = snapshot.windows.filter((w) => w.agent === agent && w.staleness !== 'expired');
			return {
				agent,
				displayName: agentNames[agent],
				label: compactLabel(snapshot, agent).text,
				level: windowLevel(binding, settings.warnAt, settings.criticalAt),
				bindingKey: binding?.key ?? null,
				windows: windows.map((w) => windowView(w, evaluation, byKey.get(w.key))),
			};
		}),
	};
}

/** The status bar's background: error when a visible agent is exhausted or critical, warning at the warn threshold. */
export function statusBarSeverity(view: QuotaView, hidden: readonly string[]): 'none' | 'warning' | 'error' {
	const levels = view.agents.filter((a) => !hidden.includes(a.agent)).map((a) => a.level);
	if (levels.some((l) => l === 'exhausted' || l === 'critical')) return 'error';
	return levels.includes('warn') ? 'warning' : 'none';
}

const windows = new Set(['five_hour', 'weekly', 'daily', 'per_minute']);

/** Valid plan limits from the `baton.quota.limits` setting (untrusted shapes); a missing model means plan-wide. */
export function planLimitsFromSettings(raw: readonly unknown[]): PlanLimit[] {
	return raw.flatMap((item) => {
		const r = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
		const ok = (quotaAgents as readonly unknown[]).includes(r['agent']) && windows.has(String(r['window'])) && typeof r['limit'] === 'number' && (r['unit'] === 'tokens' || r['unit'] === 'requests');
		return ok ? [{ agent: r['agent'] as QuotaAgent, window: r['window'] as PlanLimit['window'], model: typeof r['model'] === 'string' && r['model'] ? r['model'] : null, limit: r['limit'] as number, unit: r['unit'] as PlanLimit['unit'] }] : [];
	});
}
