import * as vscode from 'vscode';
import { builtInAgents } from '../core/agents/descriptors';
import { locateAgents } from '../infra/agents/cliLocator';
import type { AgentStatus } from '../shared/agents';
import type { BatonConfig } from './config';
import type { Logger } from './log';

/** Keeps the latest "which agent CLIs are usable" answer and tells listeners when it changes. */
export class AgentStatusService implements vscode.Disposable {
	private statuses: readonly AgentStatus[] = [];
	private lastChecked: Date | undefined;
	private inFlight: Promise<readonly AgentStatus[]> | undefined;
	private queued: Promise<readonly AgentStatus[]> | undefined;
	private readonly changed = new vscode.EventEmitter<readonly AgentStatus[]>();

	/** Fires with the new list after every refresh. */
	readonly onDidChange = this.changed.event;

	constructor(
		private readonly config: BatonConfig,
		private readonly log: Logger,
	) {}

	/** The last known statuses; empty until the first refresh finishes. */
	get current(): readonly AgentStatus[] {
		return this.statuses;
	}

	/** When the last refresh finished, or undefined before the first. */
	get checkedAt(): Date | undefined {
		return this.lastChecked;
	}

	/** The last known statuses, or a fresh lookup's when none is known yet. */
	async knownOrLookUp(): Promise<readonly AgentStatus[]> {
		return this.statuses.length > 0 ? this.statuses : this.refresh();
	}

	/** Resolves once any lookup in flight or queued (e.g. started by a settings change) has finished. */
	async whenSettled(): Promise<readonly AgentStatus[]> {
		return this.queued ?? this.inFlight ?? this.statuses;
	}

	/**
	 * Looks for the CLIs again. A call while a lookup runs queues one more lookup after it (settings may have changed
	 * since it started); calls while one is queued share it.
	 */
	refresh(): Promise<readonly AgentStatus[]> {
		if (this.inFlight) {
			this.queued ??= this.inFlight.then(
				() => this.startLookUp(),
				() => this.startLookUp(),
			);
			return this.queued;
		}
		return this.startLookUp();
	}

	private startLookUp(): Promise<readonly AgentStatus[]> {
		this.queued = undefined;
		const run = this.lookUp().finally(() => {
			if (this.inFlight === run) this.inFlight = undefined;
		});
		this.inFlight = run;
		return run;
	}

	private async lookUp(): Promise<readonly AgentStatus[]> {
		const started = Date.now();
		const statuses = await locateAgents(builtInAgents, { configuredPaths: this.config.agentPaths() });
		this.statuses = statuses;
		this.lastChecked = new Date();
		for (const s of statuses) {
			this.log.info(s.problem ? `${s.id}: ${s.problem}` : `${s.id}: ${s.version ?? '?'} at ${s.path ?? '?'}`);
		}
		this.log.info(`agent lookup took ${Date.now() - started} ms`);
		this.changed.fire(statuses);
		return statuses;
	}

	dispose(): void {
		this.changed.dispose();
	}
}
