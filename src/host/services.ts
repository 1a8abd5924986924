import * as vscode from 'vscode';
import { AgentStatusService } from './agentStatusService';
import { registerCommands } from './commands/registerCommands';
import { BatonConfig } from './config';
import { viewIds } from './ids';
import type { Logger } from './log';
import { BatonStatusBar } from './statusBar/batonStatusBar';
import { AgentsTreeProvider } from './views/agentsTree';
import { BatonPanelController } from './webviews/batonPanel';

/** Everything the extension built on activation; dispose to tear it all down. */
export interface Services extends vscode.Disposable {
	readonly agents: AgentStatusService;
	/** Writes pending state to disk; awaited by `deactivate`. */
	flush(): Promise<void>;
}

/**
 * Composition root: builds every service in dependency order and registers contributions.
 * Cheap by contract (no disk scans, no native loads); slow work starts after activation returns.
 */
export function createServices(context: vscode.ExtensionContext, log: Logger): Services {
	const config = new BatonConfig();
	const agents = new AgentStatusService(config, log.child('agents'));
	const panel = new BatonPanelController({ extensionUri: context.extensionUri, agents, log: log.child('panel') });
	const tree = new AgentsTreeProvider(agents);
	const disposables: vscode.Disposable[] = [
		agents,
		panel,
		tree,
		vscode.window.createTreeView(viewIds.agents, { treeDataProvider: tree, showCollapseAll: false }),
		new BatonStatusBar(agents, config),
		registerCommands({ log, agents, panel }),
		vscode.workspace.onDidChangeConfiguration((e) => {
			if (config.changed(e, 'agents')) {
				void agents.refresh();
			}
		}),
	];
	setTimeout(() => void agents.refresh(), 0);
	return {
		agents,
		flush: async () => undefined,
		dispose: () => vscode.Disposable.from(...disposables.reverse()).dispose(),
	};
}
