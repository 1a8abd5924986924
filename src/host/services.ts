import * as vscode from 'vscode';
import { batonMcpLaunch } from '../core/bridge/mcpConfig';
import { isBridgeAgent } from '../core/bridge/types';
import { AgentRunService, type RunMcpServers } from './agents/agentRunService';
import { AgentStatusService } from './agentStatusService';
import { BridgeService } from './bridge/bridgeService';
import { refreshStaleConnection } from './bridge/connectCommands';
import { batonMcpBase } from './bridge/mcpLaunch';
import { FailoverService } from './continuity/failoverService';
import { CritiqueService } from './critique/critiqueService';
import { MemoryService } from './memory/memoryService';
import { MemoryDocumentProvider, MemoryTreeProvider } from './memory/memoryTree';
import { registerCommands } from './commands/registerCommands';
import { BatonConfig } from './config';
import { contextKeys, viewIds } from './ids';
import type { Logger } from './log';
import { QuotaService } from './quota/quotaService';
import { refreshClaudeStatusline } from './quota/statuslineCommands';
import { RouterService } from './routing/routerService';
import { BatonStatusBar } from './statusBar/batonStatusBar';
import { AgentTerminals } from './terminals/agentTerminals';
import { AgentsTreeProvider } from './views/agentsTree';
import { BatonPanelController } from './webviews/batonPanel';

/** Everything the extension built on activation; dispose to tear it all down. */
export interface Services extends vscode.Disposable {
	readonly agents: AgentStatusService;
	readonly runs: AgentRunService;
	readonly quota: QuotaService;
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
	const memory = new MemoryService(context, log.child('memory'));
	const memoryTree = new MemoryTreeProvider(memory, config.get('memory.groupBy'));
	const quota = new QuotaService(config, context.globalState, log.child('quota'));
	const bridge = new BridgeService(log.child('bridge'));
	const runMcpServers: RunMcpServers = (agentId, cwd) => {
		if (!config.get('agents.headlessMcp') || !isBridgeAgent(agentId) || !bridge.hub) return {};
		const storage = context.storageUri?.fsPath;
		const base = batonMcpBase(context.extensionPath, agents.current, config.get('agents.headlessPermission'));
		const launch = batonMcpLaunch(base, agentId, ['--cwd', cwd, ...(storage ? ['--storage-dir', storage] : [])]);
		return { baton: { command: launch.command, args: [...launch.args], env: { ...bridge.env, ...launch.env } } };
	};
	const runs = new AgentRunService(agents, config, log.child('runs'), [
		{
			onEvent: (agentId, event) => event.type === 'rateLimit' && quota.applyRateLimit(agentId, event),
			onFinished: (_agentId, outcome) => outcome.failure && quota.applySignal(outcome.failure),
		},
	], async (task) => (await memory.open())?.recall(task, { budgetTokens: 1500 }).then((r) => r.markdown) ?? '', runMcpServers);
	bridge.hub?.setMemory(memory.bridgeMemory());
	const terminals = new AgentTerminals(agents, log.child('terminals'), () => bridge.env);
	const router = new RouterService(context.extensionUri, context.workspaceState, agents, config, log.child('router'), () => quota.outlookProvider());
	const critique = new CritiqueService(agents, config, memory, quota, log.child('review'));
	const failover = new FailoverService({ runs, terminals, router, memory, bridge, quota, config, log: log.child('failover') });
	const panel = new BatonPanelController({ extensionUri: context.extensionUri, agents, runs, router, quota, bridge, critique, failover, log: log.child('panel') });
	const tree = new AgentsTreeProvider(agents);
	const disposables: vscode.Disposable[] = [
		agents,
		quota,
		runs,
		bridge,
		terminals,
		router,
		critique,
		failover,
		panel,
		tree,
		vscode.window.createTreeView(viewIds.agents, { treeDataProvider: tree, showCollapseAll: false }),
		memory,
		memoryTree,
		vscode.window.createTreeView(viewIds.memory, { treeDataProvider: memoryTree, showCollapseAll: true }),
		vscode.workspace.registerTextDocumentContentProvider('baton-memory', new MemoryDocumentProvider(memory)),
		new BatonStatusBar(agents, quota, config),
		registerCommands({ log, agents, runs, terminals, router, panel, quota, memory, memoryTree, critique, failover, setGrouping: (g) => vscode.workspace.getConfiguration('baton').update('memory.groupBy', g, vscode.ConfigurationTarget.Global), extensionPath: context.extensionPath, config, storageDir: context.storageUri?.fsPath }),
		runs.onDidChange((all) => void vscode.commands.executeCommand('setContext', contextKeys.runsActive, all.some((r) => r.status === 'running'))),
		vscode.workspace.onDidChangeConfiguration((e) => {
			if (config.changed(e, 'agents')) {
				void agents.refresh();
			}
		}),
	];
	setTimeout(() => {
		void agents
			.refresh()
			.then(() => refreshStaleConnection({ extensionPath: context.extensionPath, agents, config, storageDir: context.storageUri?.fsPath }))
			.catch((error: unknown) => log.warn(`refreshing Baton's hooks and MCP entries failed: ${String(error)}`));
		void quota.start();
		void bridge.start();
		void refreshClaudeStatusline(context.extensionPath).catch((error: unknown) => log.warn(`status line refresh failed: ${String(error)}`));
	}, 0);
	return {
		agents,
		runs,
		quota,
		flush: () => memory.close(),
		dispose: () => vscode.Disposable.from(...disposables.reverse()).dispose(),
	};
}
