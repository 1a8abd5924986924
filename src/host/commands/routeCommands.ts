import * as vscode from 'vscode';
import type { RouteLogEntry, RouteStepView } from '../../shared/routes';
import type { RunView } from '../../shared/runs';
import type { AgentRunService } from '../agents/agentRunService';
import type { AgentStatusService } from '../agentStatusService';
import type { RouterService } from '../routing/routerService';
import type { BatonPanelController } from '../webviews/batonPanel';
import { pickAgent } from './agentCommands';

/** What the route commands use. */
export interface RouteCommandDeps {
	readonly agents: AgentStatusService;
	readonly runs: AgentRunService;
	readonly router: RouterService;
	readonly panel: BatonPanelController;
}

/** Non-interactive choices for tests and other callers: skip the confirmation pick. */
export interface RouteOptions {
	readonly action?: 'run' | 'dryRun';
	/** Override the routed agent (recorded as a correction). */
	readonly agent?: string;
}

/** The result of a route command: the log entry and, when it ran, each step's final run view. */
export interface RouteOutcome {
	readonly entry: RouteLogEntry;
	readonly runs: readonly RunView[];
}

function describeStep(step: RouteStepView): string {
	return `${step.intent} (${Math.round(step.confidence * 100)}%) → ${step.agentName ?? 'no agent'}`;
}

/**
 * Runs the steps in order, each on its routed agent; every step after the first gets the previous step's result as
 * context. Stops at the first step that does not succeed.
 */
async function executeSteps(deps: RouteCommandDeps, steps: ReadonlyArray<{ text: string; agent: string }>): Promise<RunView[]> {
	const views: RunView[] = [];
	let previous: RunView | undefined;
	for (const step of steps) {
		const prompt = previous ? `${step.text}\n\nContext from the previous step (${previous.agentName}, "${previous.prompt.slice(0, 80)}"):\n${previous.text}` : step.text;
		const { done } = await deps.runs.start(step.agent, prompt);
		deps.panel.createOrShow();
		previous = await done;
		views.push(previous);
		if (previous.status !== 'succeeded') {
			break;
		}
	}
	return views;
}

/** `Baton: Route Task…` and `Baton: Route Selection`: classify, route, explain, then run, change agent or dry-run. */
export async function routeTask(deps: RouteCommandDeps, textArg?: unknown, optionsArg?: unknown, fromSelection = false): Promise<RouteOutcome | undefined> {
	const editor = vscode.window.activeTextEditor;
	const selection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
	const text =
		typeof textArg === 'string'
			? textArg
			: fromSelection
				? selection
				: await vscode.window.showInputBox({ title: 'Route Task', prompt: 'Describe the task; Baton picks the agent and says why', value: selection, ignoreFocusOut: true });
	if (!text?.trim()) {
		if (fromSelection) void vscode.window.showInformationMessage('Baton: select the task text in an editor first.');
		return undefined;
	}
	const options = (typeof optionsArg === 'object' && optionsArg !== null ? optionsArg : {}) as RouteOptions;
	const files = fromSelection && editor ? [editor.document.uri.fsPath] : [];
	const { entry } = await deps.router.plan(text, files);
	const routable = entry.steps.every((s) => s.agent !== null);
	let action = options.agent ? 'change' : options.action;
	if (!action) {
		type Item = vscode.QuickPickItem & { action: 'run' | 'change' | 'dryRun' };
		const summary = entry.steps.map(describeStep).join(', then ');
		const items: Item[] = [
			...(routable ? [{ label: `$(play) Run: ${summary}`, detail: entry.steps.flatMap((s) => s.reasons).join(' '), action: 'run' as const }] : []),
			{ label: '$(arrow-swap) Change agent…', detail: 'Pick the agent yourself; Baton remembers it for tasks like this', action: 'change' },
			{ label: '$(eye) Dry run', detail: 'Show the decision in the Baton panel without running anything', action: 'dryRun' },
		];
		const title = entry.steps.some((s) => s.askUser) ? `Baton is not sure: ${summary}` : `Baton route: ${summary}`;
		action = (await vscode.window.showQuickPick(items, { title, placeHolder: routable ? 'Run, change the agent, or dry-run' : 'No agent can take this task now' }))?.action;
	}
	if (!action) {
		deps.router.setAction(entry.id, 'dismissed');
		return { entry: { ...entry, action: 'dismissed' }, runs: [] };
	}
	if (action === 'dryRun') {
		deps.router.setAction(entry.id, 'dryRun');
		deps.panel.createOrShow();
		return { entry: { ...entry, action: 'dryRun' }, runs: [] };
	}
	if (action === 'change') {
		const agent = options.agent ?? (await pickAgent(deps.agents, `Which agent should take "${text.slice(0, 60)}"?`));
		if (!agent) return undefined;
		await deps.router.learn(text, agent);
		deps.router.setAction(entry.id, 'changed');
		return { entry: { ...entry, action: 'changed' }, runs: await executeSteps(deps, [{ text, agent }]) };
	}
	if (!routable) {
		void vscode.window.showWarningMessage(`Baton: no agent can take this task now. ${entry.steps.flatMap((s) => s.reasons).at(-1) ?? ''}`);
		return { entry, runs: [] };
	}
	deps.router.setAction(entry.id, 'run');
	return { entry: { ...entry, action: 'run' }, runs: await executeSteps(deps, entry.steps.map((s) => ({ text: s.text, agent: s.agent as string }))) };
}
