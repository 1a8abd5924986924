import * as vscode from 'vscode';
import { isAgentAvailable } from '../../shared/agents';
import { RunRefusedError } from '../agents/agentPreflight';
import { commandIds, type CommandId } from '../ids';
import type { Logger } from '../log';
import { cancelRun, openAgentTerminal, runTask, type AgentCommandDeps } from './agentCommands';
import { routeTask, type RouteCommandDeps } from './routeCommands';
import { connectAgents, disconnectAgents, type ConnectOptions } from '../bridge/connectCommands';
import { critiqueCurrentChange, generateWithReview, type CritiqueCommandDeps, type CritiqueCommandOptions } from '../critique/critiqueCommands';
import { handOffRun, type HandoffCommandDeps } from '../continuity/handoffCommands';
import * as memory from '../memory/memoryCommands';
import type { QuotaService } from '../quota/quotaService';
import type { BatonConfig } from '../config';
import { installClaudeStatusline, removeClaudeStatusline } from '../quota/statuslineCommands';

/** What command handlers may use. */
export interface CommandDeps extends AgentCommandDeps, RouteCommandDeps, memory.MemoryCommandDeps, CritiqueCommandDeps, HandoffCommandDeps {
	readonly log: Logger;
	readonly quota: QuotaService;
	readonly extensionPath: string;
	readonly config: BatonConfig;
	/** This workspace's storage folder, when VS Code gives it one. */
	readonly storageDir: string | undefined;
}

type Handler = (...args: unknown[]) => unknown;

/** One handler factory per contributed command; the compiler checks the key set against `CommandId`. */
const commandTable: Record<CommandId, (deps: CommandDeps) => Handler> = {
	[commandIds.showLogs]: (deps) => () => deps.log.show(),
	[commandIds.openPanel]: (deps) => () => deps.panel.createOrShow(),
	[commandIds.refreshAgents]: (deps) => () => deps.agents.refresh(),
	[commandIds.checkAgents]: (deps) => () => checkAgents(deps),
	[commandIds.runTask]: (deps) => (agent, prompt) => runTask(deps, agent, prompt),
	[commandIds.cancelRun]: (deps) => (runId) => cancelRun(deps, runId),
	[commandIds.openAgentTerminal]: (deps) => (agent) => openAgentTerminal(deps, agent),
	[commandIds.routeTask]: (deps) => (text, options) => routeTask(deps, text, options),
	[commandIds.routeSelection]: (deps) => (text, options) => routeTask(deps, text, options, true),
	[commandIds.refreshQuota]: (deps) => async () => {
		await deps.quota.refresh();
		return deps.quota.current;
	},
	[commandIds.installStatusline]: (deps) => () => installClaudeStatusline(deps.extensionPath),
	[commandIds.removeStatusline]: () => () => removeClaudeStatusline(),
	[commandIds.connectAgents]: (deps) => (options) => connectAgents(deps, (options ?? {}) as ConnectOptions),
	[commandIds.disconnectAgents]: () => (options) => disconnectAgents((options ?? {}) as ConnectOptions),
	[commandIds.rememberSelection]: (deps) => (options) => memory.rememberSelection(deps, (options ?? {}) as memory.RememberOptions),
	[commandIds.searchMemory]: (deps) => (query) => memory.searchMemory(deps, query),
	[commandIds.clearMemoryFilter]: (deps) => () => deps.memoryTree.setFilter(''),
	[commandIds.groupMemoryBy]: (deps) => (grouping) => memory.groupMemoryBy(deps, grouping),
	[commandIds.refreshMemory]: (deps) => () => deps.memoryTree.refresh(),
	[commandIds.exportMemory]: (deps) => () => memory.exportMemory(deps),
	[commandIds.importMemory]: (deps) => () => memory.importMemory(deps),
	[commandIds.openMemoryEntry]: () => (node) => memory.openMemoryEntry(node),
	[commandIds.editMemoryEntry]: (deps) => (node) => memory.editMemoryEntry(deps, node),
	[commandIds.pinMemoryEntry]: (deps) => (node) => memory.setMemoryPinned(deps, node, true),
	[commandIds.unpinMemoryEntry]: (deps) => (node) => memory.setMemoryPinned(deps, node, false),
	[commandIds.deleteMemoryEntry]: (deps) => (node) => memory.deleteMemoryEntry(deps, node),
	[commandIds.restoreMemoryEntry]: (deps) => (entry) => memory.restoreMemoryEntry(deps, entry),
	[commandIds.copyMemoryEntry]: () => (node) => memory.copyMemoryEntry(node),
	[commandIds.critiqueChange]: (deps) => (options) => critiqueCurrentChange(deps, (options ?? {}) as CritiqueCommandOptions),
	[commandIds.generateWithReview]: (deps) => (task, options) => generateWithReview(deps, task, (options ?? {}) as CritiqueCommandOptions),
	[commandIds.handOffRun]: (deps) => (run, agent) => handOffRun(deps, run, agent),
	[commandIds.showHandoffs]: (deps) => () => {
		deps.panel.createOrShow();
		return deps.failover.handoffs;
	},
};

/** Registers every command in the table; dispose the result to unregister them. */
export function registerCommands(deps: CommandDeps): vscode.Disposable {
	return vscode.Disposable.from(
		...Object.entries(commandTable).map(([id, factory]) => {
			const handler = factory(deps);
			return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
				try {
					return await handler(...args);
				} catch (error) {
					if (error instanceof RunRefusedError) {
						void showRefusal(error);
						return undefined;
					}
					deps.log.error(`command ${id} failed`, error);
					const choice = await vscode.window.showErrorMessage(`Baton: ${error instanceof Error ? error.message : String(error)}`, 'Show Logs');
					if (choice) {
						deps.log.show();
					}
					return undefined;
				}
			});
		}),
	);
}

async function showRefusal(error: RunRefusedError): Promise<void> {
	const copy = error.copyText ? `Copy "${error.copyText}"` : undefined;
	const choice = await vscode.window.showWarningMessage(`Baton: ${error.message}`, ...(copy ? [copy] : []));
	if (choice && error.copyText) {
		await vscode.env.clipboard.writeText(error.copyText);
	}
}

async function checkAgents(deps: CommandDeps): Promise<void> {
	const statuses = await deps.agents.refresh();
	const usable = statuses.filter(isAgentAvailable);
	const missing = statuses.filter((s) => !isAgentAvailable(s));
	if (missing.length === 0) {
		void vscode.window.showInformationMessage(`Baton found ${usable.map((s) => `${s.displayName} ${s.version ?? ''}`.trim()).join(', ')}.`);
		return;
	}
	const found = usable.length > 0 ? `Found ${usable.map((s) => s.displayName).join(', ')}. ` : '';
	const first = missing[0];
	const message = `${found}Not usable: ${missing.map((s) => `${s.displayName} (${s.problem ?? 'unknown problem'})`).join('; ')}`;
	const copy = first ? `Copy "${first.installCommand}"` : undefined;
	const choice = await vscode.window.showWarningMessage(`Baton: ${message}`, ...(copy ? [copy] : []), 'Show Logs');
	if (choice === copy && first) {
		await vscode.env.clipboard.writeText(first.installCommand);
	} else if (choice === 'Show Logs') {
		deps.log.show();
	}
}
