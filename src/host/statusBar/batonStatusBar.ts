import * as vscode from 'vscode';
import { statusBarSeverity } from '../../core/quota/quotaView';
import { formatDuration } from '../../core/quota/views';
import { isAgentAvailable, type AgentStatus } from '../../shared/agents';
import type { QuotaView, QuotaWindowView } from '../../shared/quota';
import type { AgentStatusService } from '../agentStatusService';
import type { BatonConfig } from '../config';
import { commandIds, statusBarIds } from '../ids';
import type { QuotaService } from '../quota/quotaService';

/**
 * Baton's single status bar item: each agent's binding quota window (`Claude 78% · Codex 40%`), coloured at the
 * warn and critical thresholds, with a table of every window in the tooltip. Before any quota data exists it shows
 * how many agent CLIs are usable.
 */
export class BatonStatusBar implements vscode.Disposable {
	private readonly item: vscode.StatusBarItem;
	private readonly disposables: vscode.Disposable[] = [];

	constructor(
		private readonly agents: AgentStatusService,
		private readonly quota: QuotaService,
		private readonly config: BatonConfig,
	) {
		this.item = vscode.window.createStatusBarItem(statusBarIds.main, vscode.StatusBarAlignment.Right, 100);
		this.item.name = 'Baton';
		this.item.command = commandIds.openPanel;
		this.item.text = '$(loading~spin) Baton';
		this.item.tooltip = 'Baton: looking for agent CLIs…';
		this.disposables.push(
			this.item,
			agents.onDidChange(() => this.render()),
			quota.onDidChange(() => this.render()),
			vscode.workspace.onDidChangeConfiguration((e) => {
				if (config.changed(e, 'statusBar')) {
					this.applyVisibility();
					this.render();
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

	private render(): void {
		const statuses = this.agents.current;
		const hidden = this.config.get('statusBar.hiddenAgents');
		const view = this.quota.current;
		const shown = view?.agents.filter((a) => !hidden.includes(a.agent) && a.bindingKey !== null) ?? [];
		const usable = statuses.filter(isAgentAvailable);
		if (view && shown.length > 0) {
			this.item.text = `$(pulse) ${shown.map((a) => a.label).join(' · ')}`;
			const severity = statusBarSeverity(view, hidden);
			this.item.backgroundColor = severity === 'none' ? undefined : new vscode.ThemeColor(severity === 'error' ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground');
			this.item.accessibilityInformation = { label: `Baton quota: ${shown.map((a) => `${a.label} (${a.level})`).join(', ')}` };
		} else {
			this.item.text = usable.length > 0 ? `$(pulse) Baton ${usable.length}/${statuses.length}` : '$(circle-slash) Baton 0 agents';
			this.item.backgroundColor = undefined;
			this.item.accessibilityInformation = {
				label: `Baton: ${usable.length} of ${statuses.length} agent CLIs usable: ${usable.map((s) => s.displayName).join(', ') || 'none'}`,
			};
		}
		this.item.tooltip = renderTooltip(statuses, view, hidden);
	}

	dispose(): void {
		vscode.Disposable.from(...this.disposables).dispose();
	}
}

function escapeCell(text: string): string {
	return text.replace(/[|\\`*_[\]<>]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
}

function windowRow(agent: string, w: QuotaWindowView, now: number): string {
	const used = w.exhausted ? 'limit' : w.usedFraction !== null ? `${w.provenance === 'estimate' ? '~' : ''}${Math.round(w.usedFraction * 100)}%` : w.used !== null ? `${Math.round(w.used).toLocaleString('en-US')} ${w.unit}` : '—';
	const fresh = `${w.staleness}, ${formatDuration(Math.max(0, now - w.observedAt))} ago`;
	const reset = w.resetsAt !== null && w.resetsAt > now ? formatDuration(w.resetsAt - now) : '—';
	const eta = w.forecast?.limitAt ? `${w.forecast.runsOutBeforeReset ? '$(warning) ' : ''}${formatDuration(Math.max(0, w.forecast.limitAt - now))}` : '—';
	return `| ${escapeCell(agent)} | ${escapeCell(w.name)} | ${used} | ${w.provenance} | ${escapeCell(fresh)} | ${reset} | ${eta} |\n`;
}

function renderTooltip(statuses: readonly AgentStatus[], view: QuotaView | undefined, hidden: readonly string[]): vscode.MarkdownString {
	const md = new vscode.MarkdownString(undefined, true);
	md.isTrusted = { enabledCommands: [commandIds.openPanel, commandIds.refreshAgents, commandIds.refreshQuota, commandIds.showLogs] };
	const rows = view?.agents.filter((a) => !hidden.includes(a.agent)).flatMap((a) => a.windows.map((w) => windowRow(a.displayName, w, view.at))) ?? [];
	if (rows.length > 0) {
		md.appendMarkdown(`**Baton quota** (warn ${view?.warnAt}%, critical ${view?.criticalAt}%)\n\n| Agent | Window | Used | Provenance | Freshness | Resets in | Limit ETA |\n|---|---|---|---|---|---|---|\n`);
		md.appendMarkdown(rows.join(''));
		md.appendMarkdown('\n*official*: the vendor\'s own figure · *estimate*: local token math · *counted*: requests Baton counted\n\n');
	}
	md.appendMarkdown('**Agent CLIs**\n\n| Agent | Version | Status |\n|---|---|---|\n');
	for (const s of statuses) {
		const state = isAgentAvailable(s) ? '$(check) ready' : `$(warning) ${escapeCell(s.problem ?? 'unusable')}`;
		md.appendMarkdown(`| ${escapeCell(s.displayName)} | ${escapeCell(s.version ?? '—')} | ${state} |\n`);
	}
	md.appendMarkdown(`\n[Open Panel](command:${commandIds.openPanel}) · [Refresh Quota](command:${commandIds.refreshQuota}) · [Show Logs](command:${commandIds.showLogs})`);
	return md;
}
