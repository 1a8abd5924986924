import * as vscode from 'vscode';
import type { CritiqueOutcome, CritiqueStart } from '../../core/critique/loop';
import type { ReviewSubject } from '../../core/critique/reviewFormat';
import { readWorkingTreeDiff } from '../../infra/critique/critiqueRunner';
import type { AgentStatusService } from '../agentStatusService';
import { pickAgent } from '../commands/agentCommands';
import type { RouterService } from '../routing/routerService';
import type { BatonPanelController } from '../webviews/batonPanel';
import { workspaceCwd } from '../workspace';
import type { CritiqueService } from './critiqueService';

/** What the review commands use. */
export interface CritiqueCommandDeps {
	readonly agents: AgentStatusService;
	readonly router: RouterService;
	readonly critique: CritiqueService;
	readonly panel: BatonPanelController;
}

/** Choices that skip the questions (tests, keybindings). */
export interface CritiqueCommandOptions {
	readonly generator?: string;
	readonly reviewer?: string;
}

async function currentChange(): Promise<ReviewSubject | undefined> {
	const editor = vscode.window.activeTextEditor;
	const cwd = workspaceCwd();
	if (editor && !editor.selection.isEmpty) {
		const file = vscode.workspace.asRelativePath(editor.document.uri, false);
		return { kind: 'selection', label: `${file}:${editor.selection.start.line + 1}-${editor.selection.end.line + 1}`, text: editor.document.getText(editor.selection) };
	}
	if (cwd) {
		const diff = await readWorkingTreeDiff(cwd).catch(() => undefined);
		if (diff && diff.text.trim()) return diff;
	}
	if (editor) {
		return { kind: 'file', label: vscode.workspace.asRelativePath(editor.document.uri, false), text: editor.document.getText() };
	}
	return undefined;
}

async function runLoop(deps: CritiqueCommandDeps, label: string, start: CritiqueStart, generator: string, requestedReviewer: string | undefined): Promise<CritiqueOutcome | undefined> {
	const task = start.mode === 'generate' ? start.task : start.subject.text.slice(0, 2000);
	const reviewer = requestedReviewer ?? (await deps.router.reviewerFor(generator, task))?.agent;
	if (!reviewer) {
		void vscode.window.showWarningMessage('Baton: no agent is available to review. Install another agent CLI (see Check Agent CLIs).');
		return undefined;
	}
	deps.panel.createOrShow();
	const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Baton review: ${generator} ↔ ${reviewer}`, cancellable: true }, (_p, token) => deps.critique.run(label, start, generator, reviewer, token));
	const open = outcome.openFindings.length;
	void vscode.window.showInformationMessage(`Baton review: ${outcome.stopDetail}${open ? ` ${open} finding(s) in the Problems panel.` : ''}`, ...(open ? ['Show Problems'] : [])).then((c) => c && vscode.commands.executeCommand('workbench.actions.view.problems'));
	return outcome;
}

/** `Baton: Critique Current Change…`: the selection, else the working-tree diff vs HEAD, else the open file. */
export async function critiqueCurrentChange(deps: CritiqueCommandDeps, options: CritiqueCommandOptions = {}): Promise<CritiqueOutcome | undefined> {
	const subject = await currentChange();
	if (!subject) {
		void vscode.window.showInformationMessage('Baton: nothing to review — no selection, no uncommitted change and no open file.');
		return undefined;
	}
	const generator = options.generator ?? (await pickAgent(deps.agents, 'Critique Current Change: which agent revises? (the reviewer is another vendor)'));
	return generator ? runLoop(deps, subject.label, { mode: 'existing', subject }, generator, options.reviewer) : undefined;
}

/** `Baton: Generate with Review…`: task → generator → cross-vendor reviewer loop. */
export async function generateWithReview(deps: CritiqueCommandDeps, taskArg?: unknown, options: CritiqueCommandOptions = {}): Promise<CritiqueOutcome | undefined> {
	const task = typeof taskArg === 'string' ? taskArg : await vscode.window.showInputBox({ title: 'Generate with Review', prompt: 'What should be built? A reviewer of another vendor checks it.', ignoreFocusOut: true });
	if (!task?.trim()) return undefined;
	const generator = options.generator ?? (await pickAgent(deps.agents, 'Generate with Review: which agent builds it?'));
	return generator ? runLoop(deps, task.slice(0, 80), { mode: 'generate', task }, generator, options.reviewer) : undefined;
}
