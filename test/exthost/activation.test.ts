import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { BatonApi } from '../../src/extension';
import { commandIds, extensionId, viewTypes } from '../../src/host/ids';
import type { AgentStatus } from '../../src/shared/agents';

function extension(): vscode.Extension<BatonApi> {
	const ext = vscode.extensions.getExtension<BatonApi>(extensionId);
	assert.ok(ext, `${extensionId} is not installed in this extension host`);
	return ext;
}

/** Polls `read` until `done` holds or `timeoutMs` passes; returns the last value either way. */
async function waitFor<T>(read: () => T, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let value = read();
	while (!done(value) && Date.now() < deadline) {
		await new Promise((r) => setTimeout(r, 50));
		value = read();
	}
	return value;
}

describe('Baton in the real extension host', () => {
	it('runs in VS Code 1.100 with a Node extension host', () => {
		assert.match(vscode.version, /^1\.100\./);
		assert.equal(typeof process.versions.node, 'string');
		assert.equal(extension().extensionKind, vscode.ExtensionKind.Workspace);
	});

	it('activates in well under 50 ms', async () => {
		const api = await extension().activate();
		assert.ok(extension().isActive);
		console.log(`      activation took ${api.activationMs.toFixed(2)} ms`);
		assert.ok(api.activationMs < 50, `activation took ${api.activationMs} ms`);
	});

	it('registers every contributed command', async () => {
		const manifest = JSON.parse(readFileSync(join(extension().extensionPath, 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } };
		const registered = new Set(await vscode.commands.getCommands(true));
		for (const { command } of manifest.contributes.commands) {
			assert.ok(registered.has(command), `${command} is not registered`);
		}
	});

	it('finds an agent CLI at the configured path and reports its version', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'baton-exthost-'));
		const fakeClaude = join(dir, 'claude');
		writeFileSync(fakeClaude, "#!/bin/sh\necho '2.1.197 (Claude Code)'\n");
		chmodSync(fakeClaude, 0o755);
		const config = vscode.workspace.getConfiguration('baton');
		await config.update('agents.claude.path', fakeClaude, vscode.ConfigurationTarget.Global);
		try {
			const statuses = (await vscode.commands.executeCommand(commandIds.refreshAgents)) as AgentStatus[];
			const claude = statuses.find((s) => s.id === 'claude');
			assert.equal(claude?.path, fakeClaude);
			assert.equal(claude?.version, '2.1.197');
			assert.equal(claude?.problem, undefined);
			assert.deepEqual(statuses.map((s) => s.id), ['claude', 'gemini', 'codex']);
		} finally {
			await config.update('agents.claude.path', undefined, vscode.ConfigurationTarget.Global);
		}
	});

	it('reports a configured path that is not executable as a problem', async () => {
		const config = vscode.workspace.getConfiguration('baton');
		await config.update('agents.gemini.path', '/nonexistent/gemini', vscode.ConfigurationTarget.Global);
		try {
			const statuses = (await vscode.commands.executeCommand(commandIds.refreshAgents)) as AgentStatus[];
			assert.match(statuses.find((s) => s.id === 'gemini')?.problem ?? '', /not an executable file/);
		} finally {
			await config.update('agents.gemini.path', undefined, vscode.ConfigurationTarget.Global);
		}
	});

	it('opens the Baton panel as a single webview tab', async () => {
		await vscode.commands.executeCommand(commandIds.openPanel);
		await vscode.commands.executeCommand(commandIds.openPanel);
		const panelTabs = (): vscode.Tab[] =>
			vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewTypes.panel));
		const tabs = await waitFor(panelTabs, (found) => found.length > 0, 5000);
		const described = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => `${t.label}:${t.input instanceof vscode.TabInputWebview ? t.input.viewType : typeof t.input}`);
		assert.equal(tabs.length, 1, `tabs: ${described.join(', ')}`);
		assert.equal(tabs[0]?.label, 'Baton');
		await vscode.window.tabGroups.close(tabs);
	});

	it('shows the Agents view in the Baton container', async () => {
		await vscode.commands.executeCommand('baton.agents.focus');
	});
});
