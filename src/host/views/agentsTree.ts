import * as vscode from 'vscode';
import { isAgentAvailable, type AgentStatus } from '../../shared/agents';
import type { AgentStatusService } from '../agentStatusService';
import { commandIds } from '../ids';

/** The "Agents" tree in Baton's activity-bar container: one row per agent CLI with its version or problem. */
export class AgentsTreeProvider implements vscode.TreeDataProvider<AgentStatus>, vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<void>();
	private readonly subscription: vscode.Disposable;
	readonly onDidChangeTreeData = this.changed.event;

	constructor(private readonly agents: AgentStatusService) {
		this.subscription = agents.onDidChange(() => this.changed.fire());
	}

	getChildren(element?: AgentStatus): AgentStatus[] {
		return element ? [] : [...this.agents.current];
	}

	getTreeItem(status: AgentStatus): vscode.TreeItem {
		const item = new vscode.TreeItem(status.displayName, vscode.TreeItemCollapsibleState.None);
		item.id = status.id;
		if (isAgentAvailable(status)) {
			item.description = status.version ?? '';
			item.iconPath = new vscode.ThemeIcon('check', new vscode.ThemeColor('testing.iconPassed'));
			item.tooltip = `${status.displayName} ${status.version ?? ''}\n${status.path ?? ''}`;
			item.contextValue = 'agent.ready';
		} else {
			item.description = status.path ? 'not working' : 'not installed';
			item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
			item.tooltip = `${status.problem ?? 'unusable'}\nInstall: ${status.installCommand}`;
			item.contextValue = 'agent.missing';
			item.command = { command: commandIds.checkAgents, title: 'Check Agent CLIs' };
		}
		item.accessibilityInformation = { label: `${status.displayName}: ${item.description as string}` };
		return item;
	}

	dispose(): void {
		this.subscription.dispose();
		this.changed.dispose();
	}
}
