import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { commandIds } from '../../src/host/ids';
import { dataDirFor, discoveryPath, readDiscovery } from '../../src/infra/bridge/discovery';

function workspaceFolder(): string {
	const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
	assert.ok(folder, 'the test workspace has a folder');
	return folder;
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
	return check();
}

describe('bridge and Connect Agents in the real extension host', function () {
	this.timeout(30000);

	it('serves the bridge for the workspace (discovery file with a live socket, private)', async () => {
		const file = discoveryPath(dataDirFor(process.env), workspaceFolder());
		assert.ok(await waitFor(() => readDiscovery(file)?.socket != null, 10000), `no live discovery file at ${file}`);
		const discovery = readDiscovery(file);
		assert.ok(discovery?.socket && existsSync(discovery.socket));
		if (process.platform !== 'win32') {
			const { statSync } = await import('node:fs');
			assert.equal(statSync(file).mode & 0o077, 0, 'discovery file is readable by the user only');
		}
	});

	it('Connect then Disconnect leaves the project settings byte-identical', async () => {
		const folder = workspaceFolder();
		const claudeSettings = join(folder, '.claude', 'settings.json');
		mkdirSync(join(folder, '.claude'), { recursive: true });
		const original = '{\n    "permissions": { "allow": ["Bash(npm test)"] },\n\t"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo mine"}]}]}\n}\n';
		writeFileSync(claudeSettings, original);
		try {
			const connected = await vscode.commands.executeCommand<string[]>(commandIds.connectAgents, { confirm: true });
			assert.ok(connected.includes('.claude/settings.json'), connected.join(', '));
			assert.ok(connected.some((p) => p.startsWith('.gemini/')) && connected.some((p) => p.startsWith('.codex/')));
			const withHooks = readFileSync(claudeSettings, 'utf8');
			assert.match(withHooks, /hook\.js"? hook claude PreToolUse/);
			assert.match(withHooks, /echo mine/);
			await vscode.commands.executeCommand(commandIds.disconnectAgents, { confirm: true });
			assert.equal(readFileSync(claudeSettings, 'utf8'), original);
			assert.equal(existsSync(join(folder, '.gemini')), false, 'folders Baton created are removed');
			assert.equal(existsSync(join(folder, '.codex')), false);
		} finally {
			rmSync(join(folder, '.claude'), { recursive: true, force: true });
		}
	});
});
