import * as vscode from 'vscode';
import { dispatchMessage, isWebviewToHost, protocolVersion, type HandlerMap, type HostToWebview, type WebviewToHost } from '../../shared/protocol';
import type { AgentRunService } from '../agents/agentRunService';
import type { AgentStatusService } from '../agentStatusService';
import type { BridgeService } from '../bridge/bridgeService';
import type { FailoverService } from '../continuity/failoverService';
import type { CritiqueService } from '../critique/critiqueService';
import type { QuotaService } from '../quota/quotaService';
import type { RouterService } from '../routing/routerService';
import { commandIds, viewTypes } from '../ids';
import type { Logger } from '../log';
import { renderWebviewHtml, webviewOptions } from './webviewHtml';

/** Dependencies of the Baton panel. */
export interface BatonPanelDeps {
	readonly extensionUri: vscode.Uri;
	readonly agents: AgentStatusService;
	readonly runs: AgentRunService;
	readonly router: RouterService;
	readonly quota: QuotaService;
	readonly bridge: BridgeService;
	readonly critique: CritiqueService;
	readonly failover: FailoverService;
	readonly log: Logger;
}

/** The single Baton panel (editor-area webview): agents now; forecasts, handoffs and the bus view as they land. */
export class BatonPanelController implements vscode.Disposable {
	private panel: vscode.WebviewPanel | undefined;
	private panelDisposables: vscode.Disposable[] = [];
	private readonly disposables: vscode.Disposable[] = [];

	constructor(private readonly deps: BatonPanelDeps) {
		this.disposables.push(
			vscode.window.registerWebviewPanelSerializer(viewTypes.panel, {
				deserializeWebviewPanel: async (panel) => this.attach(panel),
			}),
			deps.runs.onDidChange((runs) => this.post({ type: 'runsChanged', runs })),
			deps.router.onDidChange((routes) => this.post({ type: 'routesChanged', routes })),
			deps.quota.onDidChange((quota) => this.post({ type: 'quotaChanged', quota })),
			deps.bridge.onDidChange((events) => this.post({ type: 'busChanged', events })),
			deps.critique.onDidChange((reviews) => this.post({ type: 'reviewsChanged', reviews })),
			deps.failover.onDidChange((handoffs) => this.post({ type: 'handoffsChanged', handoffs })),
			deps.agents.onDidChange((agents) =>
				this.post({ type: 'agentsChanged', agents, checkedAt: (deps.agents.checkedAt ?? new Date()).toISOString() }),
			),
		);
	}

	/** Reveals the panel, creating it on first use. */
	createOrShow(): void {
		if (this.panel) {
			this.panel.reveal();
			return;
		}
		const panel = vscode.window.createWebviewPanel(viewTypes.panel, 'Baton', vscode.ViewColumn.Active, webviewOptions(this.deps.extensionUri));
		this.attach(panel);
	}

	/** True while the panel is open. */
	get isOpen(): boolean {
		return this.panel !== undefined;
	}

	private attach(panel: vscode.WebviewPanel): void {
		this.panel = panel;
		panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'icons', 'baton.svg');
		panel.webview.options = webviewOptions(this.deps.extensionUri);
		panel.webview.html = renderWebviewHtml(panel.webview, this.deps.extensionUri, 'Baton');
		const handlers = this.handlers();
		this.panelDisposables.push(
			panel.webview.onDidReceiveMessage((message: unknown) => {
				if (!isWebviewToHost(message)) {
					this.deps.log.warn(`panel: ignored malformed message ${JSON.stringify(message).slice(0, 200)}`);
					return;
				}
				void Promise.resolve(dispatchMessage(handlers, message)).catch((error: unknown) =>
					this.deps.log.error(`panel: handling ${message.type} failed`, error),
				);
			}),
			panel.onDidDispose(() => this.detach()),
		);
	}

	private handlers(): HandlerMap<WebviewToHost> {
		return {
			ready: (message) => {
				if (message.protocol !== protocolVersion) {
					this.deps.log.warn(`panel: webview speaks protocol ${message.protocol}, host ${protocolVersion}`);
				}
				const checkedAt = this.deps.agents.checkedAt?.toISOString();
				this.post({ type: 'init', state: { agents: this.deps.agents.current, runs: this.deps.runs.runs, routes: this.deps.router.history, events: this.deps.bridge.events, reviews: this.deps.critique.views, handoffs: this.deps.failover.handoffs, ...(this.deps.quota.current ? { quota: this.deps.quota.current } : {}), ...(checkedAt ? { agentsCheckedAt: checkedAt } : {}) } });
			},
			refreshAgents: async () => {
				await this.deps.agents.refresh();
			},
			showLogs: async () => {
				await vscode.commands.executeCommand(commandIds.showLogs);
			},
			runTask: async () => {
				await vscode.commands.executeCommand(commandIds.runTask);
			},
			cancelRun: (message) => this.deps.runs.cancel(message.runId),
			handOffRun: async (message) => {
				await vscode.commands.executeCommand(commandIds.handOffRun, message.runId);
			},
			refreshQuota: async () => {
				await vscode.commands.executeCommand(commandIds.refreshQuota);
			},
			routeTask: async () => {
				await vscode.commands.executeCommand(commandIds.routeTask);
			},
			acceptHandoff: (message) => this.deps.failover.accept(message.handoffId),
			declineHandoff: (message) => this.deps.failover.decline(message.handoffId),
		};
	}

	private post(message: HostToWebview): void {
		void this.panel?.webview.postMessage(message);
	}

	private detach(): void {
		vscode.Disposable.from(...this.panelDisposables).dispose();
		this.panelDisposables = [];
		this.panel = undefined;
	}

	dispose(): void {
		this.panel?.dispose();
		this.detach();
		vscode.Disposable.from(...this.disposables).dispose();
	}
}
