import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { ConnectSetup } from '../../core/bridge/connectPlan';
import { previewText } from '../../core/bridge/hookPlan';
import { batonMcpLaunch, type McpLaunch } from '../../core/bridge/mcpConfig';
import { batonMcpBase } from './mcpLaunch';
import type { BridgeAgent } from '../../core/bridge/types';
import { batonDataDir } from '../../core/common/dataPaths';
import { staleBatonPaths } from '../../core/bridge/staleEntries';
import { applyConnect, applyDisconnect, connectStatePath, previewConnect, previewDisconnect, readConnectTexts } from '../../infra/bridge/connectFiles';
import type { AgentStatusService } from '../agentStatusService';
import type { BatonConfig } from '../config';
import { nodeScriptCommand } from '../nodeCommand';
import { workspaceCwd } from '../workspace';

/** The command agents run for Baton's hooks: this Node and this extension's fast hook bundle, quoted for a shell. */
export function hookCommand(extensionPath: string): string {
	return nodeScriptCommand(extensionPath, 'hook.js');
}

/** What Connect Agents needs from the extension. */
export interface ConnectDeps {
	readonly extensionPath: string;
	readonly agents: AgentStatusService;
	readonly config: BatonConfig;
	/** This workspace's storage folder (VS Code's `storageUri`); `delegate` writes long outputs below it. */
	readonly storageDir: string | undefined;
}

/**
 * How the agent CLIs start Baton's MCP server (`node dist/cli.js mcp --agent <agent>`): this Node (Electron run as
 * Node inside desktop VS Code), `BATON_<AGENT>_PATH` for every CLI Baton found (so `delegate` runs the same
 * executables as the extension), `BATON_MCP_MAX_PERMISSION` from `baton.agents.headlessPermission` (the most a
 * delegated headless run may do), and `--storage-dir` when the workspace has storage.
 */
export async function mcpLaunchFor(deps: ConnectDeps): Promise<(agent: BridgeAgent) => McpLaunch> {
	const statuses = deps.agents.checkedAt ? await deps.agents.whenSettled() : await deps.agents.refresh();
	const base = batonMcpBase(deps.extensionPath, statuses, deps.config.get('agents.headlessPermission'));
	const extra = deps.storageDir ? ['--storage-dir', deps.storageDir] : [];
	return (agent) => batonMcpLaunch(base, agent, extra);
}

async function connectSetup(deps: ConnectDeps): Promise<ConnectSetup> {
	return { hookCommand: hookCommand(deps.extensionPath), mcpLaunch: await mcpLaunchFor(deps) };
}

function stateFile(workspace: string): string {
	return connectStatePath(batonDataDir({ platform: process.platform, homeDir: os.homedir(), env: process.env }), workspace);
}

async function showPreview(title: string, text: string): Promise<void> {
	const doc = await vscode.workspace.openTextDocument({ language: 'diff', content: `# ${title}\n${text}` });
	await vscode.window.showTextDocument(doc, { preview: true });
}

/** True when the user connected Baton in `workspace` (Connect Agents keeps its record until Disconnect). */
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

/**
 * `Baton: Connect Agents`: shows the exact change to each CLI's project files (hooks, Baton's MCP server and Claude
 * Code's approval of it), then applies it. Resolves to the paths changed.
 */
export async function connectAgents(deps: ConnectDeps, options: ConnectOptions = {}): Promise<readonly string[]> {
	const folder = requireWorkspace();
	const setup = await connectSetup(deps);
	const plans = await previewConnect(folder, setup);
	const changed = plans.filter((p) => p.changed);
	if (changed.length === 0) {
		const problems = plans.filter((p) => p.error !== undefined);
		if (problems.length > 0) throw new Error(`could not connect: ${problems.map((p) => `${p.path}: ${p.error ?? ''}`).join('; ')}`);
		void vscode.window.showInformationMessage('Baton: agents are already connected in this workspace.');
		return [];
	}
	if (!options.confirm) {
		await showPreview('Baton: Connect Agents — changes to project settings', previewText(plans));
		const ok = await vscode.window.showInformationMessage(
			`Baton will add its hooks and its MCP server to ${changed.map((p) => p.path).join(', ')} (shown in the editor). Your own settings, hooks and servers stay as they are; Disconnect Agents removes exactly what Baton added.`,
			{ modal: true },
			'Connect',
		);
		if (ok !== 'Connect') return [];
	}
	const applied = await applyConnect(folder, setup, stateFile(folder));
	const paths = applied.filter((p) => p.changed && p.error === undefined).map((p) => p.path);
	const skipped = applied.filter((p) => p.error !== undefined);
	const note = skipped.length > 0 ? ` Not changed: ${skipped.map((p) => `${p.path} (${p.error ?? ''})`).join('; ')}.` : '';
	void vscode.window.showInformationMessage(`Baton: connected ${paths.join(', ')}. New agent sessions in this workspace report to Baton and can use its tools.${note}`);
	return paths;
}

/**
 * After an extension update the hooks and MCP entries Connect wrote still name the old extension folder. When the
 * workspace is connected and any Baton script path in its project files is gone, Connect is applied again (the user
 * consented to these entries; only Baton's own entries change). Resolves to the paths rewritten.
 */
export async function refreshStaleConnection(deps: ConnectDeps): Promise<readonly string[]> {
	const folder = workspaceCwd();
	if (!folder || !vscode.workspace.isTrusted || !agentsConnected(folder)) return [];
	const stale = staleBatonPaths(Object.values(await readConnectTexts(folder)), existsSync);
	if (stale.length === 0) return [];
	const applied = await applyConnect(folder, await connectSetup(deps), stateFile(folder));
	const paths = applied.filter((p) => p.changed && p.error === undefined).map((p) => p.path);
	if (paths.length > 0) void vscode.window.showInformationMessage(`Baton: updated its hooks and MCP server in ${paths.join(', ')} to this version of the extension (they named ${stale[0] ?? 'an older copy'}).`);
	return paths;
}

/** `Baton: Disconnect Agents`: removes exactly what Connect added (files Baton created are deleted). */
export async function disconnectAgents(options: ConnectOptions = {}): Promise<readonly string[]> {
	const folder = requireWorkspace();
	const plans = await previewDisconnect(folder, stateFile(folder));
	if (!plans.some((p) => p.changed)) {
		void vscode.window.showInformationMessage('Baton: nothing of Baton to remove in this workspace.');
		return [];
	}
	if (!options.confirm) {
		const ok = await vscode.window.showInformationMessage('Baton will remove its hooks and MCP server and restore your settings files as they were.', { modal: true }, 'Disconnect', 'Show Changes');
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
