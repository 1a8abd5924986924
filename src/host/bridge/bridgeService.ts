import * as vscode from 'vscode';
import { BridgeHub } from '../../core/bridge/bridgeHub';
import { busEventView } from '../../core/bridge/busView';
import type { BusEvent } from '../../core/bridge/types';
import { recordSpooledCheckpoints, startHubBridge } from '../../infra/bridge/hubBridge';
import type { RunningBridge } from '../../infra/bridge/bridgeServer';
import type { BusEventView } from '../../shared/bus';
import type { Logger } from '../log';
import { workspaceCwd } from '../workspace';

const maxTimeline = 300;
const agentNames: Readonly<Record<string, string>> = { claude: 'Claude', gemini: 'Gemini', codex: 'Codex' };

/**
 * The local bridge for the workspace: the hub (sessions, claims, bus, messages) served over an authenticated socket,
 * the activity timeline for the panel, and notifications for what needs the user (agent attention, collisions).
 */
export class BridgeService implements vscode.Disposable {
	readonly hub: BridgeHub | undefined;
	private running: RunningBridge | undefined;
	private readonly timeline: BusEventView[] = [];
	private readonly changed = new vscode.EventEmitter<readonly BusEventView[]>();
	private unsubscribe: { dispose(): void } | undefined;

	/** Fires with the whole timeline, newest first. */
	readonly onDidChange = this.changed.event;

	constructor(private readonly log: Logger) {
		const folder = workspaceCwd();
		this.hub = folder ? new BridgeHub({ clock: () => new Date(), workspaceFolder: folder, onError: (e: unknown) => log.warn(`bridge hub: ${String(e)}`) }) : undefined;
	}

	/** The activity timeline, newest first. */
	get events(): readonly BusEventView[] {
		return this.timeline;
	}

	/** Environment for terminals Baton opens, so their agents' hooks reach this bridge. Empty before the bridge runs. */
	get env(): Readonly<Record<string, string>> {
		return this.running?.address.env ?? {};
	}

	/** Starts serving the bridge (trusted workspace with a folder only). Never rejects. */
	async start(): Promise<void> {
		const folder = workspaceCwd();
		if (!this.hub || !folder || !vscode.workspace.isTrusted || this.running) return;
		this.unsubscribe = this.hub.subscribe((e) => this.onEvent(e));
		try {
			this.running = await startHubBridge(folder, this.hub, { onError: (e) => this.log.warn(`bridge: ${e instanceof Error ? e.message : String(e)}`) });
			this.log.info(`bridge listening for ${folder} (discovery ${this.running.address.discoveryFile})`);
			const spooled = await recordSpooledCheckpoints(this.hub, this.running.address.discoveryFile);
			if (spooled.sent + spooled.kept > 0) this.log.info(`recorded ${spooled.sent} checkpoint(s) agents saved while Baton was not running${spooled.kept > 0 ? `; ${spooled.kept} still waiting` : ''}`);
		} catch (error) {
			this.log.error('bridge failed to start; agents\' hooks will spool until the next start', error);
		}
	}

	private onEvent(e: BusEvent): void {
		const view = busEventView(e);
		this.timeline.unshift(view);
		this.timeline.splice(maxTimeline);
		this.changed.fire(this.timeline);
		if (e.type === 'notification') {
			void vscode.window.showInformationMessage(`${agentNames[e.agent ?? ''] ?? 'An agent'} needs your attention: ${e.data.message}`);
		} else if (e.type === 'collision') {
			void vscode.window.showWarningMessage(`Baton: ${view.summary}. Both sessions have been told.`);
		}
	}

	dispose(): void {
		this.unsubscribe?.dispose();
		void this.running?.dispose();
		this.changed.dispose();
	}
}
