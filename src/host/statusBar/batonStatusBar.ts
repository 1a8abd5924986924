import * as vscode from 'vscode';
import { isAgentAvailable, type AgentStatus } from '../../shared/agents';
import type { AgentStatusService } from '../agentStatusService';
import type { BatonConfig } from '../config';
import { commandIds, statusBarIds } from '../ids';

/** Baton's single status bar item: which agents are usable now (quota figures join it later). */
export class BatonStatusBar implements vscode.Disposable {
	private readonly item: vscode.StatusBarItem;
	private readonly disposables: vscode.Disposable[] = [];

	constructor(
		private readonly agents: AgentStatusService,
		private readonly config: BatonConfig,
	) {
		this.item = vscode.window.createStatusBarItem(statusBarIds.main, vscode.StatusBarAlignment.Right, 100);
		this.item.name = 'Baton';
		this.item.command = commandIds.openPanel;
		this.item.text = '$(loading~spin) Baton';
		this.item.tooltip = 'Baton: looking for agent CLIs…';
		this.disposables.push(
			this.item,
			agents.onDidChange((statuses) => this.render(statuses)),
			vscode.workspace.onDidChangeConfiguration((e) => {
				if (config.changed(e, 'statusBar.enabled')) {
					this.applyVisibility();
				}
			}),
		);
		this.applyVisibility();
	}

	private applyVisibility(): void {
		if (this.config.get('statusBar.enabled')) {
			this.item.show();
		} else {
			this.item.hide();
		}
	}

	private render(statuses: readonly AgentStatus[]): void {
		const usable = statuses.filter(isAgentAvailable);
		this.item.text = usable.length > 0 ? `$(pulse) Baton ${usable.length}/${statuses.length}` : '$(circle-slash) Baton 0 agents';
		this.item.accessibilityInformation = {
			label: `Baton: ${usable.length} of ${statuses.length} agent CLIs usable: ${usable.map((s) => s.displayName).join(', ') || 'none'}`,
		};
		this.item.tooltip = renderTooltip(statuses);
	}

	dispose(): void {
		vscode.Disposable.from(...this.disposables).dispose();
	}
}

function renderTooltip(statuses: readonly AgentStatus[]): vscode.MarkdownString {
	const md = new vscode.MarkdownString(undefined, true);
	md.isTrusted = { enabledCommands: [commandIds.openPanel, commandIds.refreshAgents, commandIds.showLogs] };
	md.appendMarkdown('**Baton** — agent CLIs\n\n| Agent | Version | Status |\n|---|---|---|\n');
	for (const s of statuses) {
		const state = isAgentAvailable(s) ? '$(check) ready' : `$(warning) ${escapeCell(s.problem ?? 'unusable')}`;
		md.appendMarkdown(`| ${escapeCell(s.displayName)} | ${escapeCell(s.version ?? '—')} | ${state} |\n`);
	}
	md.appendMarkdown(`\n[Open Panel](command:${commandIds.openPanel}) · [Refresh](command:${commandIds.refreshAgents}) · [Show Logs](command:${commandIds.showLogs})`);
	return md;
}

function escapeCell(text: string): string {
	return text.replace(/[|\\`*_[\]<>]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
}
