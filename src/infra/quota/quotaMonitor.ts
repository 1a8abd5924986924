import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import type { RateLimitWindow } from '../../core/agents/events';
import type { FailureSignal } from '../../core/agents/signals';
import { batonDataDir } from '../../core/common/dataPaths';
import { QuotaEngine, type AgentQuotaSummary, type QuotaEvaluation } from '../../core/quota/engine';
import { resolveQuotaSettings, type QuotaSettings } from '../../core/quota/settings';
import type { QuotaNotification, RiskLevelEvent } from '../../core/quota/thresholds';
import type { QuotaAgent, QuotaObservation } from '../../core/quota/types';
import type { WindowSeries } from '../../core/quota/views';
import type { QuotaOutlookProvider } from '../../core/routing/types';
import { claudeRoots, codexHome, geminiDir } from './agentPaths';
import { statuslineStateFile } from './statuslineState';
import { UsageIngest } from './usageIngest';
import type { TranscriptLimit } from '../../core/continuity/transcriptLimits';

/** How to build a monitor. */
export interface QuotaMonitorOptions {
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly homeDir: string;
	readonly platform: string;
	readonly settings?: Partial<QuotaSettings>;
	/** IANA zone for per-day totals; default the process's zone. */
	readonly timeZone?: string;
	/** Full re-scan period, ms (a safety net behind file watching). Default 30 s. */
	readonly pollMs?: number;
	/** Re-evaluation period without any change (ages, resets, forecasts), ms. Default 60 s. */
	readonly tickMs?: number;
	/** Watch the data folders for changes. Default true. */
	readonly watch?: boolean;
	readonly clock?: () => number;
	readonly overrides?: { readonly claudeDir?: string; readonly codexHome?: string; readonly geminiDir?: string; readonly statuslineFile?: string };
	/** Where to report problems (never thrown). */
	readonly log?: (message: string) => void;
	/** Hears each usage/rate limit recorded in a transcript line as it is read (the first read includes old lines). */
	readonly onTranscriptLimit?: (limit: TranscriptLimit) => void;
}

/** What listeners receive after each evaluation. */
export interface QuotaUpdate {
	readonly evaluation: QuotaEvaluation;
	readonly summaries: readonly AgentQuotaSummary[];
}

type Listener<T> = (value: T) => void;

/**
 * The quota model kept current for the extension host (no `vscode` here): tails every usage source, re-evaluates
 * on file changes, on a poll and on a tick, and reports updates, risk-level events (for the router) and
 * notifications (once per risk episode). Signals and rate-limit events of headless runs are applied at once.
 */
export class QuotaMonitor {
	readonly engine: QuotaEngine;
	private readonly listeners = { update: [] as Listener<QuotaUpdate>[], notification: [] as Listener<QuotaNotification>[], risk: [] as Listener<RiskLevelEvent>[] };
	private readonly watchers: FSWatcher[] = [];
	private readonly timers: NodeJS.Timeout[] = [];
	private pending = new Set<string>();
	private flushTimer: NodeJS.Timeout | null = null;
	private busy: Promise<void> = Promise.resolve();
	private disposed = false;

	private constructor(
		private readonly ingest: UsageIngest,
		engine: QuotaEngine,
		private readonly options: QuotaMonitorOptions,
	) {
		this.engine = engine;
	}

	/** Resolves the data folders, reads everything once and evaluates. Call `start()` to keep it current. */
	static async create(options: QuotaMonitorOptions): Promise<QuotaMonitor> {
		const inputs = { env: options.env, homeDir: options.homeDir };
		const engine = new QuotaEngine(resolveQuotaSettings(options.settings));
		const statuslineFile = options.overrides?.statuslineFile ?? statuslineStateFile(batonDataDir({ platform: options.platform, homeDir: options.homeDir, env: options.env }));
		const ingest = new UsageIngest(
			{
				claudeRoots: await claudeRoots(inputs, options.overrides?.claudeDir),
				codexHome: codexHome(inputs, options.overrides?.codexHome),
				geminiDir: geminiDir(inputs, options.overrides?.geminiDir),
				statuslineFile,
				...(options.timeZone !== undefined ? { timeZone: options.timeZone } : {}),
			},
			engine,
			options.onTranscriptLimit,
		);
		const monitor = new QuotaMonitor(ingest, engine, options);
		await monitor.refresh();
		return monitor;
	}

	/** Starts watching, polling and ticking. */
	start(): void {
		if (this.options.watch ?? true) {
			const statusFile = this.options.overrides?.statuslineFile ?? statuslineStateFile(batonDataDir({ platform: this.options.platform, homeDir: this.options.homeDir, env: this.options.env }));
			try {
				mkdirSync(path.dirname(statusFile), { recursive: true, mode: 0o700 });
			} catch {
				// Unwritable data folder: the statusLine capture cannot write there either.
			}
			for (const [dir, recursive] of [...this.ingest.watchRoots().map((r) => [r, true] as const), [path.dirname(statusFile), false] as const]) {
				try {
					const watcher = watch(dir, { recursive, persistent: false }, (_event, name) => {
						if (name) this.changed(path.join(dir, name.toString()));
					});
					watcher.on('error', () => watcher.close());
					this.watchers.push(watcher);
				} catch {
					// Missing folder or no recursive watching here: the poll covers it.
				}
			}
		}
		this.timers.push(setInterval(() => void this.refresh(), this.options.pollMs ?? 30_000));
		this.timers.push(setInterval(() => this.evaluate(), this.options.tickMs ?? 60_000));
		this.timers.forEach((t) => t.unref());
	}

	/** Re-lists and reads every source, then evaluates. */
	refresh(): Promise<void> {
		return this.serial(async () => {
			await this.ingest.refresh();
			this.evaluate();
		});
	}

	/** Reads only these changed files, then evaluates (what file watching calls). */
	refreshPaths(paths: readonly string[]): Promise<void> {
		return this.serial(async () => {
			await this.ingest.refreshPaths(paths);
			this.evaluate();
		});
	}

	/** A failure signal of a headless run (`classifyFailure`): a limit marks its window exhausted until its reset. */
	applySignal(signal: FailureSignal): void {
		if (this.engine.ledger.applySignal(signal, this.now())) {
			this.evaluate();
		}
	}

	/** A `rateLimit` event of a headless run's stream. */
	applyRateLimitEvent(agent: QuotaAgent, event: { readonly status: 'allowed' | 'warning' | 'rejected'; readonly window: RateLimitWindow | null; readonly utilization?: number; readonly resetsAt?: string }): void {
		if (this.engine.ledger.applyRateLimitEvent(agent, event, this.now())) {
			this.evaluate();
		}
	}

	/**
	 * Readings from elsewhere: `readingsFromRateLimitEvent` of raw stream lines (keeps model scopes such as
	 * `seven_day_opus`), `readingsFromUnifiedHeaders`, or a Codex `token_count` seen live.
	 */
	recordReadings(readings: readonly QuotaObservation[]): void {
		readings.forEach((r) => this.engine.ledger.record(r));
		if (readings.length > 0) {
			this.evaluate();
		}
	}

	/** A Gemini request Baton made (API-key users' per-minute and per-day counts); `id` de-duplicates. */
	recordGeminiRequest(at = this.now(), id?: string): void {
		this.ingest.recordRequest(at, id);
		this.evaluate();
	}

	/** Replaces thresholds, freshness and plan limits, then evaluates. */
	updateSettings(settings: Partial<QuotaSettings>): void {
		this.engine.updateSettings(resolveQuotaSettings(settings));
		this.evaluate();
	}

	/** The latest evaluation (snapshot, forecasts, events, notifications). */
	latest(): QuotaEvaluation {
		return this.engine.latest();
	}

	/** Label, binding window and forecast per agent (for the status bar). */
	summaries(): AgentQuotaSummary[] {
		return this.engine.summaries();
	}

	/** Usage over time and the projection to the reset, per window (for the forecast panel). */
	series(agent?: QuotaAgent): WindowSeries[] {
		return this.engine.series(agent);
	}

	/** The router's `QuotaOutlookProvider`, answering from the latest evaluation. */
	outlookProvider(): QuotaOutlookProvider {
		return this.engine.outlookProvider();
	}

	/** Per-day token totals per agent. */
	daily(): ReturnType<UsageIngest['daily']> {
		return this.ingest.daily();
	}

	/** Called after every evaluation; returns an unsubscribe function. */
	onDidUpdate(listener: Listener<QuotaUpdate>): () => void {
		return this.subscribe(this.listeners.update, listener);
	}

	/** Called for each notification to show (at most one per level per risk episode of a window). */
	onNotification(listener: Listener<QuotaNotification>): () => void {
		return this.subscribe(this.listeners.notification, listener);
	}

	/** Called on every risk-level change of a window (for the router). */
	onRiskEvent(listener: Listener<RiskLevelEvent>): () => void {
		return this.subscribe(this.listeners.risk, listener);
	}

	/** Stops watching and timers; listeners are dropped. */
	dispose(): void {
		this.disposed = true;
		this.watchers.forEach((w) => w.close());
		this.timers.forEach((t) => clearInterval(t));
		if (this.flushTimer) clearTimeout(this.flushTimer);
		this.listeners.update = [];
		this.listeners.notification = [];
		this.listeners.risk = [];
	}

	private now(): number {
		return (this.options.clock ?? Date.now)();
	}

	private evaluate(): void {
		if (this.disposed) return;
		const now = this.now();
		this.ingest.publish(now);
		const evaluation = this.engine.evaluate(now);
		const update = { evaluation, summaries: this.engine.summaries() };
		this.emit(this.listeners.risk, evaluation.events);
		this.emit(this.listeners.notification, evaluation.notifications);
		this.emit(this.listeners.update, [update]);
	}

	private changed(file: string): void {
		this.pending.add(file);
		if (!this.flushTimer) {
			this.flushTimer = setTimeout(() => {
				this.flushTimer = null;
				const paths = [...this.pending];
				this.pending = new Set();
				void this.refreshPaths(paths);
			}, 50);
		}
	}

	private serial(task: () => Promise<void>): Promise<void> {
		const run = this.busy.then(task).catch((error: unknown) => this.options.log?.(`quota: ${error instanceof Error ? error.message : String(error)}`));
		this.busy = run;
		return run;
	}

	private subscribe<T>(list: Listener<T>[], listener: Listener<T>): () => void {
		list.push(listener);
		return () => {
			const index = list.indexOf(listener);
			if (index >= 0) list.splice(index, 1);
		};
	}

	private emit<T>(list: readonly Listener<T>[], values: readonly T[]): void {
		for (const value of values) {
			for (const listener of [...list]) {
				try {
					listener(value);
				} catch (error) {
					this.options.log?.(`quota listener: ${String(error)}`);
				}
			}
		}
	}
}
