import { activeBlock, cumulativeSeries, tokensBetween } from '../../core/quota/blocks';
import { createDayKeyer } from '../../core/quota/dayKey';
import type { ClaudeStoreStats } from '../../core/quota/claudeUsageStore';
import type { QuotaEngine } from '../../core/quota/engine';
import { countedReadings, RequestLog } from '../../core/quota/requestCounter';
import { planLimitFor } from '../../core/quota/settings';
import type { DailyTokenRow, QuotaObservation, WindowRef } from '../../core/quota/types';
import { claudeTranscriptLimit, codexTranscriptLimit, geminiTranscriptLimit, type TranscriptLimit } from '../../core/continuity/transcriptLimits';
import { claudeSource, codexSource, geminiSource, statuslineSource, type LineObserver } from './usageSources';
import type { RefreshStats, TailedFiles } from './tailedFiles';

/** Where the ingest reads from; a null location is skipped. */
export interface IngestLocations {
	/** Claude config roots (each with a `projects/` folder). */
	readonly claudeRoots: readonly string[];
	readonly codexHome: string | null;
	readonly geminiDir: string | null;
	/** Baton's statusLine capture file. */
	readonly statuslineFile: string | null;
	/** IANA zone for per-day totals; undefined = the process's zone (what ccusage uses). */
	readonly timeZone?: string;
}

/** What one refresh read, per source. */
export interface IngestStats {
	readonly claude: RefreshStats;
	readonly codex: RefreshStats;
	readonly gemini: RefreshStats;
	readonly statusline: RefreshStats;
	readonly ms: number;
}

const weekMs = 7 * 24 * 3_600_000;

/**
 * Reads every local usage source incrementally (tails files, never re-reads them) and feeds the quota engine:
 * official readings as they are read (Codex rollouts, statusLine captures), and on `publish(now)` the local
 * estimates (Claude's active 5-hour block and rolling week, ccusage-style) and Baton's Gemini request counts.
 */
export class UsageIngest {
	private readonly claude;
	private readonly codex;
	private readonly gemini;
	private readonly statusline: TailedFiles | null;
	private readonly requests = new RequestLog();

	/** `onLimit` hears every usage/rate limit a transcript line records (old lines too: filter by `at`). */
	constructor(
		private readonly locations: IngestLocations,
		private readonly engine: QuotaEngine,
		onLimit?: (limit: TranscriptLimit) => void,
	) {
		const dayOf = createDayKeyer(locations.timeZone);
		const record = (r: QuotaObservation): void => engine.ledger.record(r);
		const zone = locations.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
		const now = (): Date => new Date();
		const observer = (detect: (file: string, line: string) => TranscriptLimit | null): LineObserver | undefined =>
			onLimit
				? (file, line) => {
						const limit = detect(file, line);
						if (limit) onLimit(limit);
					}
				: undefined;
		this.claude = claudeSource(locations.claudeRoots, dayOf, observer((f, line) => claudeTranscriptLimit(line, f, now, zone)));
		this.codex = locations.codexHome === null ? null : codexSource(locations.codexHome, dayOf, record, observer((f, line) => codexTranscriptLimit(line, f, now, zone)));
		this.gemini = locations.geminiDir === null ? null : geminiSource(locations.geminiDir, dayOf, observer((f, line) => geminiTranscriptLimit(line, f, now, zone)));
		this.statusline = locations.statuslineFile === null ? null : statuslineSource(locations.statuslineFile, record);
	}

	/** Lists every source's files again and reads what was appended. */
	async refresh(): Promise<IngestStats> {
		const started = performance.now();
		const none: RefreshStats = { files: 0, newFiles: 0, lines: 0, resets: 0 };
		const claude = await this.claude.files.refresh();
		const codex = this.codex ? await this.codex.files.refresh() : none;
		const gemini = this.gemini ? await this.gemini.files.refresh() : none;
		if (this.gemini) {
			await this.gemini.wholeFiles.refresh();
		}
		const statusline = this.statusline ? await this.statusline.refresh() : none;
		return { claude, codex, gemini, statusline, ms: performance.now() - started };
	}

	/** Reads only the named files (from change notifications); unknown paths are added when a source accepts them. */
	async refreshPaths(paths: readonly string[]): Promise<void> {
		await this.claude.files.refreshPaths(paths);
		await this.codex?.files.refreshPaths(paths);
		await this.gemini?.files.refreshPaths(paths);
		await this.statusline?.refreshPaths(paths);
	}

	/** Records a request Baton made to `gemini` (API-key users), de-duplicated by `id`. */
	recordRequest(at: number, id?: string): void {
		this.requests.record(at, id);
	}

	/** Pushes the estimates and counts as of `now` into the engine's ledger. */
	publish(now: number): void {
		const settings = this.engine.currentSettings;
		const ledger = this.engine.ledger;
		if (this.locations.claudeRoots.length > 0) {
			const line = this.claude.store.timeline();
			const block = activeBlock(line, now);
			const fiveHour: WindowRef = { agent: 'claude', window: 'five_hour', model: null };
			const weekly: WindowRef = { agent: 'claude', window: 'weekly', model: null };
			const limit5h = planLimitFor(settings, fiveHour, 'tokens');
			const used = block?.totalTokens ?? 0;
			ledger.recordWithSeries(
				this.estimate(fiveHour, used, limit5h, block ? block.start : null, block ? block.end : null, now),
				block ? cumulativeSeries(line, block.start, now + 1) : [],
			);
			const weekUsed = tokensBetween(line, now - weekMs, now + 1);
			ledger.recordWithSeries(this.estimate(weekly, weekUsed, planLimitFor(settings, weekly, 'tokens'), now - weekMs, null, now), []);
			if (block?.limitResetAt && block.limitResetAt > now) {
				ledger.record({ ...fiveHour, provenance: 'official', source: 'transcripts', observedAt: block.lastAt, usedFraction: 1, used: null, limit: null, unit: 'percent', resetsAt: block.limitResetAt, windowStart: block.start, exhausted: true });
			}
		}
		if (this.gemini) {
			this.requests.prune(now);
			const times = [...this.gemini.store.requestTimes(), ...this.requests.sorted()].sort((a, b) => a - b);
			const configured = settings.limits.some((l) => l.agent === 'gemini');
			if (times.length > 0 || configured) {
				for (const { observation, series } of countedReadings('gemini', times, now, settings)) {
					ledger.recordWithSeries(observation, series);
				}
			}
		}
	}

	/** Per-day token totals of every agent, by date then agent (`claude`, `codex`, `gemini`). */
	daily(): DailyTokenRow[] {
		const rows = [...this.claude.store.daily(), ...(this.codex?.usage.days.rows() ?? []), ...(this.gemini?.store.daily() ?? [])];
		return rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0));
	}

	/** Claude store sizes and tracked file counts, for diagnostics. */
	diagnostics(): { claude: ClaudeStoreStats; claudeFiles: number; codexFiles: number; geminiMessages: number } {
		return { claude: this.claude.store.stats(), claudeFiles: this.claude.files.paths().length, codexFiles: this.codex?.files.paths().length ?? 0, geminiMessages: this.gemini?.store.size() ?? 0 };
	}

	/** Folders worth watching for changes. */
	watchRoots(): string[] {
		const roots = this.locations.claudeRoots.map((r) => `${r}/projects`);
		if (this.locations.codexHome !== null) roots.push(`${this.locations.codexHome}/sessions`);
		if (this.locations.geminiDir !== null) roots.push(`${this.locations.geminiDir}/tmp`);
		return roots;
	}

	private estimate(ref: WindowRef, used: number, limit: number | null, windowStart: number | null, resetsAt: number | null, now: number): QuotaObservation {
		return {
			...ref,
			provenance: 'estimate',
			source: ref.window === 'five_hour' ? 'transcripts (5-hour block)' : 'transcripts (rolling 7 days)',
			observedAt: now,
			usedFraction: null,
			used,
			limit,
			unit: 'tokens',
			resetsAt,
			windowStart,
			exhausted: false,
		};
	}
}
