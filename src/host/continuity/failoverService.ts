import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { agentName, builtInAgents } from '../../core/agents/descriptors';
import type { BusEvent } from '../../core/bridge/types';
import { cooldownUntil, failureReason, handBackDelayMs, handoffPrompt, isFailoverSignal, needsHandBack } from '../../core/continuity/failover';
import type { TranscriptLimit } from '../../core/continuity/transcriptLimits';
import { buildHandoffBrief } from '../../core/handoff/brief';
import type { QuotaNotification } from '../../core/quota/thresholds';
import { gatherBriefSources, type BriefSession } from '../../infra/continuity/briefSources';
import type { SessionRecord } from '../../core/handoff/types';
import type { HandoffView } from '../../shared/handoffs';
import type { RunView } from '../../shared/runs';
import type { AgentRunService } from '../agents/agentRunService';
import type { BridgeService } from '../bridge/bridgeService';
import type { BatonConfig } from '../config';
import type { Logger } from '../log';
import type { MemoryService } from '../memory/memoryService';
import type { QuotaService } from '../quota/quotaService';
import type { RouterService } from '../routing/routerService';
import type { AgentTerminals } from '../terminals/agentTerminals';
import { workspaceCwd } from '../workspace';
import { handoffMemoryRecord, sourceCounts, type HandoffSignal } from '../../core/continuity/handoffRecord';
import { checkpointRunningWork, interactiveFailureReport, terminalFailureReport } from './interactiveLimits';

/** A session that stopped (or that the user hands off). Times are ms since the Unix epoch. */
export interface FailureReport {
	readonly agent: string;
	readonly sessionId?: string;
	readonly runId?: string;
	/** The task as the session was given it. */
	readonly prompt: string;
	readonly mode: 'headless' | 'terminal';
	readonly signal: HandoffSignal;
	readonly startedAt: number;
	readonly endedAt: number;
	/** The session's transcript records, when already read (the brief then reads the transcript no second time). */
	readonly records?: readonly SessionRecord[];
}

/** What failover uses. */
export interface FailoverDeps {
	readonly runs: AgentRunService;
	readonly terminals: AgentTerminals;
	readonly router: RouterService;
	readonly memory: MemoryService;
	readonly bridge: BridgeService;
	readonly quota: QuotaService;
	readonly config: BatonConfig;
	readonly log: Logger;
}

interface Pending {
	view: HandoffView;
	readonly report: FailureReport;
	readonly prompt: string;
	finished?: Promise<void>;
}

const maxKept = 30;
/** Wait before acting on a hook's limit signal, so a headless run's own outcome (same session) wins, ms. */
const hookSignalDelayMs = 2500;

const nameOf = agentName;
const localTime = (iso: string): string => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Failover with a context handoff: when a run or hooked session stops on a usage/rate limit, picks the next agent with
 * the router (the stopped agent and others cooling down excluded), builds the brief from checkpoints, transcript and
 * memory, and — per `baton.failover.mode` — asks, or starts the target the same way (headless or terminal) with the
 * brief. Each handoff is recorded in memory (kind `handoff`) and shown in the panel; hand-back is offered at the reset.
 */
export class FailoverService implements vscode.Disposable {
	private readonly items = new Map<string, Pending>();
	private readonly handled = new Set<string>();
	private readonly cooldowns = new Map<string, string>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private readonly changed = new vscode.EventEmitter<readonly HandoffView[]>();
	private readonly disposables: vscode.Disposable[] = [];
	/** Transcript limits from before this window started (minus a little slack) were another window's to act on. */
	private readonly startedAt = Date.now() - 30_000;

	/** Fires with all handoffs, newest first. */
	readonly onDidChange = this.changed.event;

	constructor(private readonly deps: FailoverDeps) {
		this.disposables.push(
			deps.runs.addObserver({
				onEvent: () => undefined,
				onFinished: (agent, outcome, run) => {
					if (!outcome.failure || !isFailoverSignal(outcome.failure.kind)) return;
					void this.failover({ agent, ...(outcome.sessionId || run.sessionId ? { sessionId: outcome.sessionId ?? run.sessionId } : {}), runId: run.id, prompt: run.prompt, mode: 'headless', signal: outcome.failure, startedAt: Date.parse(run.startedAt), endedAt: Date.now() });
				},
			}),
		);
		this.disposables.push(
			deps.quota.onTranscriptLimit((limit) => this.later(() => this.onTranscriptLimit(limit))),
			deps.quota.onRisk((risk) => void this.checkpointAhead(risk).catch((error: unknown) => deps.log.warn(`checkpoint before the limit failed: ${String(error)}`))),
		);
		const subscription = deps.bridge.hub?.subscribe((e) => this.onBusEvent(e));
		if (subscription) this.disposables.push(new vscode.Disposable(() => subscription.dispose()));
	}

	/** Handoffs, newest first. */
	get handoffs(): HandoffView[] {
		return [...this.items.values()].map((p) => p.view).reverse();
	}

	/**
	 * Starts a failover for a stopped session; resolves with the handoff as proposed (ask), started (auto or an explicit
	 * target) or with no target. Undefined when failover is off or this session was already failed over automatically.
	 */
	async failover(report: FailureReport, explicitTarget?: string, kind: HandoffView['kind'] = 'failover'): Promise<HandoffView | undefined> {
		const mode = this.deps.config.get('failover.mode');
		if (mode === 'off' && !explicitTarget) {
			this.deps.log.info(`failover off: ${report.agent} ${failureReason(report.signal, localTime)}`);
			return undefined;
		}
		// One automatic failover per session (signals arrive from several sources); what the user asks for always runs.
		// Gemini transcripts name a session by its first 8 characters, so sessions are keyed by that prefix.
		const key = `${kind}:${report.runId ?? report.sessionId?.slice(0, 8) ?? `${report.agent}@${report.startedAt}`}`;
		if (!explicitTarget && this.handled.has(key)) return undefined;
		this.handled.add(key);
		const now = new Date();
		let target = explicitTarget ?? null;
		let routeReasons: readonly string[] = explicitTarget ? [`${nameOf(explicitTarget)} was chosen by you.`] : [];
		if (isFailoverSignal(report.signal.kind)) {
			const until = cooldownUntil(report.signal, now);
			this.cooldowns.set(report.agent, until);
		}
		if (!explicitTarget) {
			const decision = await this.deps.router.failoverTarget(report.prompt, report.agent, this.cooldowns.get(report.agent) ?? now.toISOString(), this.activeCooldowns(now));
			target = decision.agent;
			routeReasons = [...decision.reasons, ...decision.alternatives.map((a) => `Not ${nameOf(a.agent)}: ${a.reason}`)];
		}
		const view = await this.propose(report, target, routeReasons, kind, now);
		if (!target) {
			void vscode.window.showWarningMessage(`Baton: ${nameOf(report.agent)} ${view.reason}, and no other agent can take the task now. ${routeReasons[0] ?? ''}`);
			return view;
		}
		if (explicitTarget || mode === 'auto') {
			await this.accept(view.id);
		} else {
			void this.ask(view.id);
		}
		return this.items.get(view.id)?.view ?? view;
	}

	/** Starts the target of a proposed handoff (the panel's and the notification's accept). */
	async accept(id: string): Promise<void> {
		const item = this.items.get(id);
		const to = item?.view.to;
		if (!item || !to || item.view.status !== 'proposed') return;
		this.update(item, { status: 'started' });
		const memoryId = await this.record(item);
		if (memoryId) this.update(item, { memoryId });
		try {
			if (item.view.mode === 'terminal') {
				await this.deps.terminals.openTerminal(to.agent, item.prompt);
				this.update(item, { outcome: `Continued in a ${to.agentName} terminal.` });
				item.finished = Promise.resolve();
			} else {
				const { runId, done } = await this.deps.runs.start(to.agent, item.prompt);
				this.update(item, { to: { ...to, runId } });
				item.finished = done.then((run) => this.finish(item, run));
			}
			void vscode.window.showInformationMessage(`Baton: continuing on ${to.agentName} with the handoff brief (${item.view.kind === 'handBack' ? 'hand-back' : `${item.view.from.agentName} ${item.view.reason}`}).`);
			this.scheduleHandBack(item);
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			this.update(item, { status: 'failed', outcome: `${to.agentName} could not start: ${message}` });
			await this.record(item);
			void vscode.window.showWarningMessage(`Baton: ${to.agentName} could not take over: ${message}`);
		}
	}

	/** Marks a proposed handoff declined. */
	decline(id: string): void {
		const item = this.items.get(id);
		if (item?.view.status === 'proposed') this.update(item, { status: 'declined', outcome: 'Declined: the task stays where it stopped.' });
	}

	/** Hands a run to another agent by hand (`Baton: Hand Off Run to Another Agent…`). */
	handOffRun(run: RunView, target: string): Promise<HandoffView | undefined> {
		const signal: HandoffSignal = run.failure && isFailoverSignal(run.failure.kind) ? run.failure : { kind: 'manual', window: null, resetsAt: null, message: 'handed off by you' };
		const ended = run.durationMs !== undefined ? Date.parse(run.startedAt) + run.durationMs : Date.now();
		return this.failover({ agent: run.agentId, ...(run.sessionId ? { sessionId: run.sessionId } : {}), runId: run.id, prompt: run.prompt, mode: 'headless', signal, startedAt: Date.parse(run.startedAt), endedAt: ended }, target, 'failover');
	}

	private activeCooldowns(now: Date): Map<string, string> {
		return new Map([...this.cooldowns].filter(([, until]) => Date.parse(until) > now.getTime()));
	}

	/** Before a limit stops running work, checkpoints it (see {@link checkpointRunningWork}); once per risk episode. */
	async checkpointAhead(risk: QuotaNotification): Promise<void> {
		if (this.deps.config.get('failover.mode') === 'off' || this.handled.has(`risk:${risk.episode}`)) return;
		this.handled.add(`risk:${risk.episode}`);
		await checkpointRunningWork(risk, this.deps);
	}

	/** Runs `task` after {@link hookSignalDelayMs}, so a headless run's own outcome for the same session wins. */
	private later(task: () => Promise<void> | void): void {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			void Promise.resolve(task()).catch((error: unknown) => this.deps.log.warn(`failover check failed: ${error instanceof Error ? error.message : String(error)}`));
		}, hookSignalDelayMs);
		this.timers.add(timer);
	}

	private isHeadlessSession(sessionId: string): boolean {
		return this.deps.runs.runs.some((r) => r.sessionId !== undefined && r.sessionId.startsWith(sessionId));
	}

	/** A hook's stop-failure (e.g. Claude's StopFailure `rate_limit`) of an interactive session. */
	private onBusEvent(event: BusEvent): void {
		if (event.type !== 'signal' || !isFailoverSignal(event.data.kind) || !event.agent || event.agent === 'user' || !event.sessionId) return;
		const { agent, sessionId, data } = event;
		this.later(() => {
			if (this.isHeadlessSession(sessionId)) return;
			const hubSession = this.deps.bridge.hub?.listSessions().find((s) => s.sessionId === sessionId);
			void this.failover(terminalFailureReport({ agent, sessionId, hubSession, fallbackPrompt: hubSession?.lastPrompt ?? null, at: event.at, signal: data }));
		});
	}

	/** A limit written into a session transcript: interactive sessions in this workspace fail over to a terminal. */
	private async onTranscriptLimit(limit: TranscriptLimit): Promise<void> {
		if (!limit.sessionId || Date.parse(limit.at) < this.startedAt || this.isHeadlessSession(limit.sessionId)) return;
		const report = await interactiveFailureReport(limit, this.deps);
		if (report) await this.failover(report);
	}

	private async propose(report: FailureReport, target: string | null, routeReasons: readonly string[], kind: HandoffView['kind'], now: Date): Promise<HandoffView> {
		const cwd = workspaceCwd() ?? process.cwd();
		const session: BriefSession = { agent: report.agent, ...(report.sessionId ? { sessionId: report.sessionId } : {}), startedAt: report.startedAt, endedAt: report.endedAt, cwd, task: report.prompt, ...(report.records ? { records: report.records } : {}) };
		const store = await this.deps.memory.open();
		const sources = await gatherBriefSources(store, session, { env: process.env, homeDir: homedir() }).catch((error: unknown) => {
			this.deps.log.warn(`handoff sources incomplete: ${error instanceof Error ? error.message : String(error)}`);
			return { checkpoints: [], records: [], memories: [] };
		});
		const targetWindow = builtInAgents.find((a) => a.id === target)?.contextWindowTokens ?? 200_000;
		const brief = buildHandoffBrief({ ...sources, targetContextWindowTokens: targetWindow, fromAgent: nameOf(report.agent), toAgent: target ? nameOf(target) : '?', now });
		const reason = kind === 'handBack' ? 'continued the task while the original agent was limited' : report.signal.kind === 'manual' ? 'was handed off by you' : failureReason(report.signal, localTime);
		const view: HandoffView = {
			id: randomUUID(),
			at: now.toISOString(),
			kind,
			from: { agent: report.agent, agentName: nameOf(report.agent), ...(report.sessionId ? { sessionId: report.sessionId } : {}), ...(report.runId ? { runId: report.runId } : {}) },
			to: target ? { agent: target, agentName: nameOf(target) } : null,
			reason,
			routeReasons,
			mode: report.mode,
			status: target ? 'proposed' : 'noTarget',
			brief: brief.markdown,
			briefTokens: brief.tokens,
			sourceCounts: sourceCounts(brief.lines),
			...(kind === 'failover' && report.signal.resetsAt ? { handBackAt: report.signal.resetsAt } : {}),
		};
		const prompt = handoffPrompt({ fromName: nameOf(report.agent), toName: target ? nameOf(target) : '?', reason, briefMarkdown: brief.markdown, originalPrompt: report.prompt, handBack: kind === 'handBack', byUser: report.signal.kind === 'manual' });
		this.items.set(view.id, { view, report, prompt });
		while (this.items.size > maxKept) this.items.delete(this.items.keys().next().value as string);
		this.deps.log.info(`handoff ${view.id}: ${report.agent} → ${target ?? 'none'} (${reason}); brief ${brief.tokens}/${brief.budgetTokens} tokens, ${brief.lines.length} lines from ${sources.checkpoints.length} checkpoint(s), ${sources.records.length} transcript record(s), ${sources.memories.length} memories`);
		this.changed.fire(this.handoffs);
		return view;
	}

	private async ask(id: string): Promise<void> {
		for (;;) {
			const item = this.items.get(id);
			const to = item?.view.to;
			if (!item || !to || item.view.status !== 'proposed') return;
			const accept = `Continue on ${to.agentName}`;
			const choice = await vscode.window.showWarningMessage(`Baton: ${item.view.from.agentName} ${item.view.reason}. Continue the task on ${to.agentName} with a handoff brief?`, accept, 'Show Brief', 'Not Now');
			if (choice === 'Show Brief') {
				await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: item.view.brief || '(empty brief)' }), { preview: true });
				continue;
			}
			if (choice === accept) await this.accept(id);
			else if (choice === 'Not Now') this.decline(id);
			return;
		}
	}

	private finish(item: Pending, run: RunView): void {
		const firstLine = (run.failure?.message || run.text).trim().split('\n')[0]?.slice(0, 200) ?? '';
		const status = run.status === 'succeeded' ? 'succeeded' : 'failed';
		this.update(item, { status, outcome: `${run.agentName} ${run.status === 'succeeded' ? 'finished' : run.status}: ${firstLine}`, ...(item.view.to ? { to: { ...item.view.to, ...(run.sessionId ? { sessionId: run.sessionId } : {}) } } : {}) });
		void this.record(item);
	}

	private scheduleHandBack(item: Pending): void {
		const delay = handBackDelayMs(item.view, this.deps.config.get('failover.handBack'), Date.now());
		if (delay === null) return;
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			void (item.finished ?? Promise.resolve()).then(() => this.offerHandBack(item));
		}, delay);
		this.timers.add(timer);
	}

	/**
	 * At the source's reset: a headless task the target finished needs nothing; otherwise (terminal sessions, or a
	 * target that failed) Baton hands the task back — at once in `auto` mode, after asking in `ask` mode.
	 */
	private async offerHandBack(item: Pending): Promise<void> {
		const { from, to } = item.view;
		const mode = this.deps.config.get('failover.mode');
		if (!to || !needsHandBack(item.view, mode)) return;
		this.cooldowns.delete(from.agent);
		if (mode === 'ask') {
			const back = `Hand Back to ${from.agentName}`;
			const choice = await vscode.window.showInformationMessage(`Baton: ${from.agentName}'s limit has reset. Hand the task back from ${to.agentName}?`, back, `Keep on ${to.agentName}`);
			if (choice !== back) return;
		}
		const startedAt = Date.parse(item.view.at);
		await this.failover({ agent: to.agent, ...(to.sessionId ? { sessionId: to.sessionId } : {}), ...(to.runId ? { runId: to.runId } : {}), prompt: item.report.prompt, mode: item.view.mode, signal: { kind: 'handBack', window: null, resetsAt: null, message: '' }, startedAt, endedAt: Date.now() }, from.agent, 'handBack');
	}

	private async record(item: Pending): Promise<string | undefined> {
		try {
			const store = await this.deps.memory.open();
			if (!store) return undefined;
			const record = handoffMemoryRecord(item.view);
			if (item.view.memoryId && (await store.update(item.view.memoryId, record))) return item.view.memoryId;
			return (await store.add({ ...record, source: 'handoff' })).id;
		} catch (error) {
			this.deps.log.warn(`handoff not recorded in memory: ${error instanceof Error ? error.message : String(error)}`);
			return undefined;
		}
	}

	private update(item: Pending, patch: Partial<HandoffView>): void {
		item.view = { ...item.view, ...patch };
		this.changed.fire(this.handoffs);
	}

	dispose(): void {
		for (const t of this.timers) clearTimeout(t);
		vscode.Disposable.from(...this.disposables).dispose();
		this.changed.dispose();
	}
}
