import * as vscode from 'vscode';
import { previewText } from '../../core/bridge/hookPlan';
import { batonDataDir } from '../../core/common/dataPaths';
import { applyConnect, applyDisconnect, hookStatePath, previewConnect, previewDisconnect } from '../../infra/bridge/hookFiles';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import { nodeScriptCommand } from '../nodeCommand';
import { workspaceCwd } from '../workspace';

/** The command agents run for Baton's hooks: this Node and this extension's fast hook bundle, quoted for a shell. */
export function hookCommand(extensionPath: string): string {
	return nodeScriptCommand(extensionPath, 'hook.js');
}

function stateFile(workspace: string): string {
	return hookStatePath(batonDataDir({ platform: process.platform, homeDir: os.homedir(), env: process.env }), workspace);
}

async function showPreview(title: string, text: string): Promise<void> {
	const doc = await vscode.workspace.openTextDocument({ language: 'diff', content: `# ${title}\n${text}` });
	await vscode.window.showTextDocument(doc, { preview: true });
}

/** True when the user connected Baton's hooks in `workspace` (Connect Agents keeps its record until Disconnect). */
export function agentsConnected(workspace: string): boolean {
	return existsSync(stateFile(workspace));
}

/** Options for tests and scripts: skip the confirmation. */
export interface ConnectOptions {
	readonly confirm?: boolean;
}

function requireWorkspace(): string {
	if (!vscode.workspace.isTrusted) throw new Error('Connect agents only in a trusted workspace.');
	const folder = workspaceCwd();
	if (!folder) throw new Error('Open a folder first: hooks are installed per project.');
	return folder;
}

/** `Baton: Connect Agents`: shows the exact change to each CLI's project settings, then installs Baton's hooks. */
export async function connectAgents(extensionPath: string, options: ConnectOptions = {}): Promise<readonly string[]> {
	const folder = requireWorkspace();
	const plans = await previewConnect(folder, hookCommand(extensionPath));
	const changed = plans.filter((p) => p.changed);
	if (changed.length === 0) {
		void vscode.window.showInformationMessage('Baton: agents are already connected in this workspace.');
		return [];
	}
	if (!options.confirm) {
		await showPreview('Baton: Connect Agents — changes to project settings', previewText(plans));
		const ok = await vscode.window.showInformationMessage(
			`Baton will add its hooks to ${changed.map((p) => p.path).join(', ')} (shown in the editor). Your own settings and hooks stay as they are; Disconnect Agents removes exactly what Baton added.`,
			{ modal: true },
			'Connect',
		);
		if (ok !== 'Connect') return [];
	}
	const applied = await applyConnect(folder, hookCommand(extensionPath), stateFile(folder));
	const paths = applied.filter((p) => p.changed).map((p) => p.path);
	void vscode.window.showInformationMessage(`Baton: connected ${paths.join(', ')}. New agent sessions in this workspace report to Baton.`);
	return paths;
}

/** `Baton: Disconnect Agents`: removes exactly what Connect added (files Baton created are deleted). */
export async function disconnectAgents(options: ConnectOptions = {}): Promise<readonly string[]> {
	const folder = requireWorkspace();
	const plans = await previewDisconnect(folder, stateFile(folder));
	if (!plans.some((p) => p.changed)) {
		void vscode.window.showInformationMessage('Baton: no Baton hooks to remove in this workspace.');
		return [];
	}
	if (!options.confirm) {
		const ok = await vscode.window.showInformationMessage('Baton will remove its hooks and restore your settings files as they were.', { modal: true }, 'Disconnect', 'Show Changes');
		if (ok === 'Show Changes') {
			await showPreview('Baton: Disconnect Agents — changes to project settings', previewText(plans));
			return [];
		}
		if (ok !== 'Disconnect') return [];
	}
	const applied = await applyDisconnect(folder, stateFile(folder));
	const paths = applied.filter((p) => p.changed).map((p) => p.path);
	void vscode.window.showInformationMessage(`Baton: disconnected ${paths.join(', ')}.`);
	return paths;
}
