import type { QuotaEvaluation } from '../../core/quota/engine';
import type { WindowForecast } from '../../core/quota/forecast';
import { fractionOf } from '../../core/quota/ledger';
import { agentDisplayName, quotaAgents, totalTokens, windowDisplayName, type DailyTokenRow, type QuotaAgent, type QuotaObservation, type QuotaWindowState } from '../../core/quota/types';
import { bindingWindow, compactLabel, formatDuration } from '../../core/quota/views';

/** A window in `baton usage --json`: times ISO-8601 UTC, shares in percent. */
export interface UsageWindowJson {
	readonly key: string;
	readonly window: string;
	readonly model: string | null;
	readonly usedPercent: number | null;
	readonly used: number | null;
	readonly limit: number | null;
	readonly unit: string;
	readonly resetsAt: string | null;
	readonly provenance: string;
	readonly source: string;
	readonly observedAt: string;
	readonly staleness: string;
	readonly exhausted: boolean;
	readonly alternative: { provenance: string; source: string; usedPercent: number | null; used: number | null; limit: number | null; observedAt: string } | null;
	readonly forecast: {
		ratePercentPerHour: number | null;
		ratePerHour: number | null;
		projectedPercentAtReset: number | null;
		timeToLimitMinutes: number | null;
		limitAt: string | null;
		runsOutBeforeReset: boolean | null;
	} | null;
}

/** The whole `baton usage --json` document. */
export interface UsageReportJson {
	readonly generatedAt: string;
	readonly timeZone: string;
	readonly agents: readonly { agent: QuotaAgent; label: string; bindingWindow: string | null; windows: readonly UsageWindowJson[] }[];
	readonly daily: readonly DailyTokenRow[];
	readonly sources: Readonly<Record<string, unknown>>;
}

const iso = (ms: number | null): string | null => (ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString());
const round = (n: number | null, digits = 2): number | null => (n === null || !Number.isFinite(n) ? null : Math.round(n * 10 ** digits) / 10 ** digits);

function percentOf(obs: QuotaObservation): number | null {
	const f = fractionOf(obs);
	return f === null ? null : round(f * 100);
}

function forecastJson(w: QuotaWindowState, f: WindowForecast | undefined): UsageWindowJson['forecast'] {
	if (!f) {
		return null;
	}
	const isPercent = w.chosen.unit === 'percent';
	const limit = isPercent ? 1 : w.chosen.limit;
	return {
		ratePercentPerHour: f.ratePerHour !== null && limit ? round((f.ratePerHour / limit) * 100) : null,
		ratePerHour: isPercent ? null : round(f.ratePerHour),
		projectedPercentAtReset: f.projectedFractionAtReset === null ? null : round(f.projectedFractionAtReset * 100),
		timeToLimitMinutes: f.timeToLimitMs === null ? null : round(f.timeToLimitMs / 60_000, 1),
		limitAt: iso(f.limitAt),
		runsOutBeforeReset: f.runsOutBeforeReset,
	};
}

function windowJson(w: QuotaWindowState, evaluation: QuotaEvaluation): UsageWindowJson {
	const alt = w.alternative;
	return {
		key: w.key,
		window: w.window,
		model: w.model,
		usedPercent: w.usedFraction === null ? null : round(w.usedFraction * 100),
		used: w.chosen.used,
		limit: w.chosen.limit,
		unit: w.chosen.unit,
		resetsAt: iso(w.chosen.resetsAt),
		provenance: w.chosen.provenance,
		source: w.chosen.source,
		observedAt: iso(w.chosen.observedAt) ?? '',
		staleness: w.staleness,
		exhausted: w.exhausted,
		alternative: alt ? { provenance: alt.provenance, source: alt.source, usedPercent: percentOf(alt), used: alt.used, limit: alt.limit, observedAt: iso(alt.observedAt) ?? '' } : null,
		forecast: forecastJson(w, evaluation.forecasts.get(w.key)),
	};
}

/** Builds the JSON report from an evaluation and the per-day rows. */
export function usageReport(evaluation: QuotaEvaluation, daily: readonly DailyTokenRow[], timeZone: string, sources: Readonly<Record<string, unknown>>): UsageReportJson {
	const snapshot = evaluation.snapshot;
	return {
		generatedAt: iso(snapshot.at) ?? '',
		timeZone,
		agents: quotaAgents.map((agent) => ({
			agent,
			label: compactLabel(snapshot, agent).text,
			bindingWindow: bindingWindow(snapshot, agent)?.key ?? null,
			windows: snapshot.windows.filter((w) => w.agent === agent).map((w) => windowJson(w, evaluation)),
		})),
		daily,
		sources,
	};
}

/** Left-aligned text columns with a dashed rule under the header. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

/** The readable form of the report (without `--json`). */
export function renderUsageReport(report: UsageReportJson, now: number): string {
	const rows: string[][] = [];
	for (const agent of report.agents) {
		for (const w of agent.windows) {
			const used = w.exhausted ? 'limit reached' : w.usedPercent !== null ? `${w.provenance === 'estimate' ? '~' : ''}${w.usedPercent.toFixed(0)}%` : w.used !== null ? `${count(w.used)} ${w.unit}` : '?';
			const resets = w.resetsAt === null ? '-' : formatDuration(Math.max(0, Date.parse(w.resetsAt) - now));
			const f = w.forecast;
			const outlook = !f ? '-' : f.runsOutBeforeReset === true ? `runs out in ${formatDuration((f.timeToLimitMinutes ?? 0) * 60_000)}` : f.projectedPercentAtReset !== null ? `~${f.projectedPercentAtReset.toFixed(0)}% at reset` : '-';
			const age = formatDuration(Math.max(0, now - Date.parse(w.observedAt)));
			rows.push([
				agentDisplayName(agent.agent),
				windowDisplayName({ window: w.window as QuotaWindowState['window'], model: w.model }),
				used,
				w.limit === null ? '-' : `${count(w.limit)} ${w.unit}`,
				resets,
				outlook,
				`${w.provenance} · ${w.source} · ${age} ago${w.staleness === 'fresh' ? '' : ` · ${w.staleness}`}`,
			]);
		}
	}
	const parts = ['Quota windows (estimates are marked ~ and "estimate"; limits shown only when published or set by you)'];
	parts.push(rows.length > 0 ? textTable(['Agent', 'Window', 'Used', 'Limit', 'Resets in', 'Forecast', 'Source'], rows) : '  no quota data found');
	parts.push('', `Tokens per day (${report.timeZone})`);
	const dailyRows = report.daily.map((d) => [d.date, agentDisplayName(d.agent), count(d.inputTokens), count(d.outputTokens), count(d.cacheCreationTokens), count(d.cacheReadTokens), count(totalTokens(d))]);
	parts.push(dailyRows.length > 0 ? textTable(['Date', 'Agent', 'Input', 'Output', 'Cache create', 'Cache read', 'Total'], dailyRows) : '  no usage logs found');
	return `${parts.join('\n')}\n`;
}
