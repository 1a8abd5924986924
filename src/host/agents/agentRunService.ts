import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { applyRunEvent, finishRunView, newRunView } from '../../core/agents/runView';
import type { AgentEvent } from '../../core/agents/events';
import type { McpServerSpec } from '../../core/agents/headless';
import { startHeadlessRun, type HeadlessRun, type HeadlessRunOutcome } from '../../infra/agents/headlessRunner';
import type { RunView } from '../../shared/runs';
import type { AgentStatusService } from '../agentStatusService';
import type { BatonConfig } from '../config';
import type { Logger } from '../log';
import { agentsConnected } from '../bridge/connectCommands';
import { workspaceCwd } from '../workspace';
import { RunRefusedError, resolveUsableAgent } from './agentPreflight';

interface RunEntry {
	view: RunView;
	handle?: HeadlessRun;
}

const maxKeptRuns = 30;

/** Hears every run's events and outcome (the quota model uses rate-limit events and failure signals, failover the outcome). */
export interface RunObserver {
	onEvent(agentId: string, event: AgentEvent): void;
	/** `run` is the run's view just before the outcome is applied (id, prompt, start time, session id). */
	onFinished(agentId: string, outcome: HeadlessRunOutcome, run: RunView): void;
}

/** MCP servers to give a headless run of `agentId` in `cwd` (Baton's own, when enabled); {} for none. */
export type RunMcpServers = (agentId: string, cwd: string) => Readonly<Record<string, McpServerSpec>>;

/** Starts headless agent runs, keeps their live views and tells listeners (throttled) when any changes. */
export class AgentRunService implements vscode.Disposable {
	private readonly entries: RunEntry[] = [];
	private readonly changed = new vscode.EventEmitter<readonly RunView[]>();
	private pendingFire: NodeJS.Timeout | undefined;
	private readonly observers: RunObserver[];

	/** Fires with all runs, newest first, at most every 100 ms while runs stream. */
	readonly onDidChange = this.changed.event;

	constructor(
		private readonly agents: AgentStatusService,
		private readonly config: BatonConfig,
		private readonly log: Logger,
		observers: readonly RunObserver[] = [],
		private readonly recall: (task: string) => Promise<string> = async () => '',
		private readonly mcpServers: RunMcpServers = () => ({}),
	) {
		this.observers = [...observers];
	}

	/** Adds an observer for runs started from now on and those still running. */
	addObserver(observer: RunObserver): vscode.Disposable {
		this.observers.push(observer);
		return new vscode.Disposable(() => {
			const at = this.observers.indexOf(observer);
			if (at >= 0) this.observers.splice(at, 1);
		});
	}

	/** The run with this id, if Baton still keeps it. */
	run(runId: string): RunView | undefined {
		return this.entries.find((e) => e.view.id === runId)?.view;
	}

	/** All runs, newest first. */
	get runs(): RunView[] {
		return this.entries.map((e) => e.view);
	}

	/**
	 * Starts `prompt` on `agentId` in the first workspace folder. Throws `RunRefusedError` when the workspace is
	 * untrusted, no folder is open, or the CLI is missing. Resolves once started; `done` settles with the final view.
	 */
	async start(agentId: string, prompt: string): Promise<{ runId: string; done: Promise<RunView> }> {
		const { descriptor, executable } = await resolveUsableAgent(this.agents, agentId);
		const cwd = workspaceCwd();
		if (!cwd) {
			throw new RunRefusedError('Open a folder first: agents run in the workspace folder.');
		}
		const id = randomUUID();
		const entry: RunEntry = { view: newRunView(id, agentId, descriptor.displayName, prompt, new Date().toISOString()) };
		this.entries.unshift(entry);
		this.entries.splice(maxKeptRuns);
		const model = this.config.agentModel(agentId);
		const recalled = await this.recall(prompt).catch((error: unknown) => {
			this.log.warn(`memory recall skipped: ${error instanceof Error ? error.message : String(error)}`);
			return '';
		});
		const instructions = recalled.trim() ? `Relevant notes from Baton's shared memory (cite ids when you use them):\n${recalled}` : undefined;
		const timeoutMinutes = this.config.get('agents.runTimeoutMinutes');
		const mcpServers = this.mcpServers(agentId, cwd);
		this.log.info(`run ${id}: ${agentId} in ${cwd}${model ? ` (model ${model})` : ''}`);
		entry.handle = startHeadlessRun({
			agentId,
			executable,
			dialect: descriptor.headless,
			request: { prompt, cwd, permission: this.config.get('agents.headlessPermission'), ...(model ? { model } : {}), ...(instructions ? { instructions } : {}), ...(Object.keys(mcpServers).length > 0 ? { mcpServers } : {}), ...(agentsConnected(cwd) ? { projectHooksApproved: true } : {}) },
			timeoutMs: timeoutMinutes > 0 ? timeoutMinutes * 60_000 : 0,
			onEvent: (event) => {
				this.observers.forEach((o) => o.onEvent(agentId, event));
				entry.view = applyRunEvent(entry.view, event);
				this.scheduleChange();
			},
		});
		const done = entry.handle.done.then((outcome) => {
			const before = entry.view;
			this.observers.forEach((o) => o.onFinished(agentId, outcome, before));
			entry.view = finishRunView(entry.view, outcome);
			delete entry.handle;
			this.log.info(`run ${id}: ${outcome.status} in ${outcome.durationMs} ms (exit ${outcome.exitCode}, Baton ${outcome.batonMs.toFixed(1)} ms)${outcome.failure ? ` — ${outcome.failure.kind}: ${outcome.failure.message}` : ''}`);
			this.fireNow();
			return entry.view;
		});
		this.fireNow();
		return { runId: id, done };
	}

	/** Asks a running run to stop; no-op for finished or unknown runs. */
	cancel(runId: string): void {
		this.entries.find((e) => e.view.id === runId)?.handle?.cancel();
	}

	/** Ids of runs still going. */
	get runningIds(): string[] {
		return this.entries.filter((e) => e.handle).map((e) => e.view.id);
	}

	private scheduleChange(): void {
		this.pendingFire ??= setTimeout(() => this.fireNow(), 100);
	}

	private fireNow(): void {
		if (this.pendingFire) {
			clearTimeout(this.pendingFire);
			this.pendingFire = undefined;
		}
		this.changed.fire(this.runs);
	}

	dispose(): void {
		for (const entry of this.entries) {
			entry.handle?.cancel();
		}
		if (this.pendingFire) {
			clearTimeout(this.pendingFire);
		}
		this.changed.dispose();
	}
}
