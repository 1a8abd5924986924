import * as os from 'node:os';
import * as vscode from 'vscode';
import type { FailureSignal } from '../../core/agents/signals';
import type { TranscriptLimit } from '../../core/continuity/transcriptLimits';
import { buildQuotaView, planLimitsFromSettings } from '../../core/quota/quotaView';
import type { QuotaSettings } from '../../core/quota/settings';
import type { QuotaNotification } from '../../core/quota/thresholds';
import { quotaAgents, type QuotaAgent } from '../../core/quota/types';
import { formatDuration } from '../../core/quota/views';
import type { QuotaOutlook, QuotaOutlookProvider } from '../../core/routing/types';
import { QuotaMonitor } from '../../infra/quota/quotaMonitor';
import type { QuotaView } from '../../shared/quota';
import type { BatonConfig } from '../config';
import type { Logger } from '../log';

const unknownOutlook: QuotaOutlook = { level: 'unknown', crossesWarnBeforeReset: false };
const dismissedKey = (agent: string): string => `baton.quota.dismissed.${agent}`;
/** Transcript limits older than this are history, not news: neither applied nor reported, ms. */
const recentLimitMs = 5 * 60_000;

/**
 * Keeps the quota model current in the extension host: starts the monitor after activation (it reads usage files),
 * feeds it headless-run signals, and publishes a `QuotaView` for the status bar and the panel.
 */
export class QuotaService implements vscode.Disposable {
	private monitor: QuotaMonitor | undefined;
	private starting: Promise<void> | undefined;
	private view: QuotaView | undefined;
	private readonly changed = new vscode.EventEmitter<QuotaView>();
	private readonly limits = new vscode.EventEmitter<TranscriptLimit>();
	private readonly risks = new vscode.EventEmitter<QuotaNotification>();
	private readonly unappliedLimits: FailureSignal[] = [];
	private readonly disposables: vscode.Disposable[] = [];
	private disposed = false;

	/** Fires with the new picture after each evaluation. */
	readonly onDidChange = this.changed.event;

	/** Fires once per risk episode when an agent's window turns warn or critical (forecast or usage), or is exhausted. */
	readonly onRisk = this.risks.event;

	/** Fires for each usage/rate limit a session transcript records now (any session, interactive ones included). */
	readonly onTranscriptLimit = this.limits.event;

	constructor(
		private readonly config: BatonConfig,
		private readonly globalState: vscode.Memento,
		private readonly log: Logger,
	) {
		this.disposables.push(
			this.changed,
			this.limits,
			this.risks,
			vscode.workspace.onDidChangeConfiguration((e) => {
				if (config.changed(e, 'quota')) {
					this.monitor?.updateSettings(this.settings());
				}
			}),
		);
	}

	/** The latest picture, or undefined before the first evaluation. */
	get current(): QuotaView | undefined {
		return this.view;
	}

	/** Starts the monitor once (reads every usage source, then watches). Never rejects. */
	start(): Promise<void> {
		this.starting ??= this.create();
		return this.starting;
	}

	/** Re-reads every source now. */
	async refresh(): Promise<void> {
		await this.start();
		await this.monitor?.refresh();
	}

	/** The router's view of quota; `unknown` until the monitor has data. */
	outlookProvider(): QuotaOutlookProvider {
		return { outlook: (agent) => this.monitor?.outlookProvider().outlook(agent) ?? unknownOutlook };
	}

	/** Applies a headless run's failure signal (limits mark their window exhausted until the reset). */
	applySignal(signal: FailureSignal): void {
		if (signal.kind === 'quota_exhausted' || signal.kind === 'rate_limited') {
			this.monitor?.applySignal(signal);
		}
	}

	/** Applies a rate-limit event seen in a headless run's stream. */
	applyRateLimit(agent: string, event: Parameters<QuotaMonitor['applyRateLimitEvent']>[1]): void {
		if ((quotaAgents as readonly string[]).includes(agent)) {
			this.monitor?.applyRateLimitEvent(agent as QuotaAgent, event);
		}
	}

	private settings(): Partial<QuotaSettings> {
		return { warnAt: this.config.get('quota.warnAt'), criticalAt: this.config.get('quota.criticalAt'), limits: planLimitsFromSettings(this.config.get('quota.limits')) };
	}

	private onLimit(limit: TranscriptLimit): void {
		if (Date.now() - Date.parse(limit.at) > recentLimitMs) return;
		this.log.info(`${limit.agent} session ${limit.sessionId ?? '?'} recorded a limit: ${limit.signal.message}`);
		if (this.monitor) this.monitor.applySignal(limit.signal);
		else this.unappliedLimits.push(limit.signal);
		this.limits.fire(limit);
	}

	private async create(): Promise<void> {
		try {
			const started = Date.now();
			const monitor = await QuotaMonitor.create({ env: process.env, homeDir: os.homedir(), platform: process.platform, settings: this.settings(), log: (m) => this.log.warn(m), onTranscriptLimit: (l) => this.onLimit(l) });
			if (this.disposed) {
				monitor.dispose();
				return;
			}
			this.monitor = monitor;
			this.unappliedLimits.splice(0).forEach((signal) => monitor.applySignal(signal));
			const offUpdate = monitor.onDidUpdate(() => this.publish());
			const offNotify = monitor.onNotification((n) => {
				this.risks.fire(n);
				void this.notify(n);
			});
			this.disposables.push({ dispose: offUpdate }, { dispose: offNotify });
			monitor.start();
			this.publish();
			this.log.info(`quota monitor ready in ${Date.now() - started} ms`);
		} catch (error) {
			this.log.error('quota monitor failed to start', error);
		}
	}

	private publish(): void {
		const monitor = this.monitor;
		if (!monitor) return;
		const settings = { warnAt: this.config.get('quota.warnAt'), criticalAt: this.config.get('quota.criticalAt') };
		this.view = buildQuotaView(monitor.latest(), monitor.series(), settings, quotaAgents);
		this.changed.fire(this.view);
	}

	private async notify(n: QuotaNotification): Promise<void> {
		if (this.globalState.get<boolean>(dismissedKey(n.agent))) return;
		const name = { claude: 'Claude', gemini: 'Gemini', codex: 'Codex' }[n.agent];
		const reset = n.resetsAt !== null ? `; resets in ${formatDuration(n.resetsAt - Date.now())}` : '';
		const what =
			n.reason === 'exhausted'
				? `${name} reached its ${n.window.replace('_', '-')} limit`
				: n.reason === 'forecast'
					? `${name} is on pace to reach ${Math.round((n.projectedPercentAtReset ?? 0))}% of its ${n.window.replace('_', '-')} window before it resets`
					: `${name} has used ${Math.round(n.usedPercent ?? 0)}% of its ${n.window.replace('_', '-')} window`;
		const message = `Baton: ${what}${reset}. New non-critical tasks will go to other agents.`;
		const show = n.level === 'critical' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
		const choice = await show(message, 'Open Panel', "Don't Show Again");
		if (choice === "Don't Show Again") {
			await this.globalState.update(dismissedKey(n.agent), true);
		} else if (choice === 'Open Panel') {
			await vscode.commands.executeCommand('baton.openPanel');
		}
	}

	dispose(): void {
		this.disposed = true;
		this.monitor?.dispose();
		vscode.Disposable.from(...this.disposables).dispose();
	}
}
