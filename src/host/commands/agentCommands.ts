import * as vscode from 'vscode';
import { isFailoverSignal } from '../../core/continuity/failover';
import { isAgentAvailable, type AgentStatus } from '../../shared/agents';
import type { RunView } from '../../shared/runs';
import type { AgentRunService } from '../agents/agentRunService';
import type { BatonConfig } from '../config';
import type { AgentStatusService } from '../agentStatusService';
import type { AgentTerminals } from '../terminals/agentTerminals';
import type { BatonPanelController } from '../webviews/batonPanel';

/** What the agent commands use. */
export interface AgentCommandDeps {
	readonly config: BatonConfig;
	readonly agents: AgentStatusService;
	readonly runs: AgentRunService;
	readonly terminals: AgentTerminals;
	readonly panel: BatonPanelController;
}

/** Asks for an agent (usable ones first); undefined when the user cancels. */
export async function pickAgent(agents: AgentStatusService, title: string): Promise<string | undefined> {
	const statuses = await agents.knownOrLookUp();
	const items = [...statuses]
		.sort((a, b) => Number(isAgentAvailable(b)) - Number(isAgentAvailable(a)))
		.map((s: AgentStatus) => ({
			label: s.displayName,
			description: isAgentAvailable(s) ? (s.version ?? '') : 'not usable',
			detail: isAgentAvailable(s) ? (s.path ?? '') : (s.problem ?? ''),
			id: s.id,
		}));
	return (await vscode.window.showQuickPick(items, { title, placeHolder: 'Agent' }))?.id;
}

function selectedText(): string {
	const editor = vscode.window.activeTextEditor;
	return editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
}

/**
 * `Baton: Run Task with Agent…`: asks for agent and prompt (or takes them as arguments), runs headless with a
 * cancellable progress notification, shows the run in the Baton panel and resolves with its final view.
 */
export async function runTask(deps: AgentCommandDeps, agentArg?: unknown, promptArg?: unknown): Promise<RunView | undefined> {
	const agentId = typeof agentArg === 'string' ? agentArg : await pickAgent(deps.agents, 'Run Task with Agent');
	if (!agentId) {
		return undefined;
	}
	const prompt =
		typeof promptArg === 'string'
			? promptArg
			: await vscode.window.showInputBox({ title: 'Run Task with Agent', prompt: 'What should the agent do?', value: selectedText(), ignoreFocusOut: true });
	if (!prompt?.trim()) {
		return undefined;
	}
	const { runId, done } = await deps.runs.start(agentId, prompt);
	deps.panel.createOrShow();
	const view = await vscode.window.withProgress(
		{ location: vscode.ProgressLocation.Notification, title: `${deps.agents.current.find((a) => a.id === agentId)?.displayName ?? agentId}: running`, cancellable: true },
		(_progress, token) => {
			token.onCancellationRequested(() => deps.runs.cancel(runId));
			return done;
		},
	);
	void reportOutcome(deps, view);
	return view;
}

async function reportOutcome(deps: AgentCommandDeps, view: RunView): Promise<void> {
	const seconds = ((view.durationMs ?? 0) / 1000).toFixed(1);
	if (view.status === 'succeeded') {
		const firstLine = view.text.trim().split('\n')[0] ?? '';
		const choice = await vscode.window.showInformationMessage(`${view.agentName} finished in ${seconds} s: ${firstLine.slice(0, 160)}`, 'Show in Panel');
		if (choice) {
			deps.panel.createOrShow();
		}
		return;
	}
	if (view.status === 'cancelled') {
		void vscode.window.showInformationMessage(`${view.agentName} run cancelled after ${seconds} s.`);
		return;
	}
	if (view.failure && isFailoverSignal(view.failure.kind) && deps.config.get('failover.mode') !== 'off') {
		return; // the failover prompt (or its notice in auto mode) says it, with what happens next
	}
	const reset = view.failure?.resetsAt ? ` Resets ${new Date(view.failure.resetsAt).toLocaleString()}.` : '';
	const kind = view.failure ? `${view.failure.kind.replace(/_/g, ' ')}: ` : '';
	const choice = await vscode.window.showWarningMessage(`${view.agentName} ${view.status === 'timedOut' ? 'timed out' : 'failed'} — ${kind}${(view.failure?.message || view.text).slice(0, 200)}${reset}`, 'Show in Panel');
	if (choice) {
		deps.panel.createOrShow();
	}
}

/** `Baton: Cancel Agent Run`: cancels the given run, or one picked from the running ones. */
export async function cancelRun(deps: AgentCommandDeps, runArg?: unknown): Promise<void> {
	const running = deps.runs.runs.filter((r) => r.status === 'running');
	const runId =
		typeof runArg === 'string'
			? runArg
			: running.length === 1
				? running[0]?.id
				: (await vscode.window.showQuickPick(running.map((r) => ({ label: r.agentName, description: r.prompt.slice(0, 80), id: r.id })), { title: 'Cancel Agent Run' }))?.id;
	if (runId) {
		deps.runs.cancel(runId);
	}
}

/** `Baton: Open Agent Terminal`: opens the agent's interactive CLI in a terminal in the workspace folder. */
export async function openAgentTerminal(deps: AgentCommandDeps, agentArg?: unknown): Promise<vscode.Terminal | undefined> {
	const agentId = typeof agentArg === 'string' ? agentArg : await pickAgent(deps.agents, 'Open Agent Terminal');
	return agentId ? deps.terminals.openTerminal(agentId) : undefined;
}
