import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

	it('Connect then Disconnect leaves the user\'s settings and MCP files byte-identical (hooks, MCP servers, approval)', async () => {
		const folder = workspaceFolder();
		const userFiles: Record<string, string> = {
			'.claude/settings.json': '{\n    "permissions": { "allow": ["Bash(npm test)"] },\n\t"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo mine"}]}]}\n}\n',
			'.mcp.json': '{\r\n  "mcpServers": {\r\n    "notes": { "type": "stdio", "command": "notes-mcp", "args": [] }\r\n  }\r\n}\r\n',
			'.gemini/settings.json': '// mine\n{\n\t"ui": { "theme": "GitHub" },\n\t"mcpServers": { "github": { "command": "gh-mcp" } }\n}\n',
			'.codex/config.toml': '# mine\nmodel_reasoning_effort = "high"\n\n[mcp_servers.docs]\ncommand = "docs-mcp"\n',
		};
		for (const [path, text] of Object.entries(userFiles)) {
			mkdirSync(dirname(join(folder, path)), { recursive: true });
			writeFileSync(join(folder, path), text);
		}
		const read = (path: string): string => readFileSync(join(folder, path), 'utf8');
		try {
			const connected = await vscode.commands.executeCommand<string[]>(commandIds.connectAgents, { confirm: true });
			assert.deepEqual([...connected].sort(), ['.claude/settings.json', '.claude/settings.local.json', '.codex/config.toml', '.codex/hooks.json', '.gemini/settings.json', '.mcp.json']);
			assert.match(read('.claude/settings.json'), /hook\.js"? hook claude PreToolUse/);
			assert.match(read('.claude/settings.json'), /echo mine/);
			const mcp = JSON.parse(read('.mcp.json')) as { mcpServers: Record<string, { command: string; args: string[]; env?: Record<string, string> }> };
			assert.ok(mcp.mcpServers['notes'], 'the user\'s server stays');
			assert.deepEqual(mcp.mcpServers['baton']?.args.slice(1, 4), ['mcp', '--agent', 'claude']);
			assert.match(mcp.mcpServers['baton']?.args[0] ?? '', /dist[\\/]cli\.js$/);
			assert.equal(mcp.mcpServers['baton']?.env?.['BATON_MCP_MAX_PERMISSION'], 'edit', 'from baton.agents.headlessPermission');
			assert.deepEqual((JSON.parse(read('.claude/settings.local.json')) as { enabledMcpjsonServers: string[] }).enabledMcpjsonServers, ['baton']);
			const gemini = read('.gemini/settings.json');
			assert.ok(gemini.startsWith('// mine\n') && /"github"/.test(gemini) && /"baton"/.test(gemini) && /hook gemini BeforeTool/.test(gemini));
			assert.match(read('.codex/config.toml'), /^# mine\n[\s\S]*\[mcp_servers\.docs\][\s\S]*\[mcp_servers\.baton\]\ncommand = /);
			assert.deepEqual(await vscode.commands.executeCommand<string[]>(commandIds.connectAgents, { confirm: true }), [], 'a second Connect changes nothing');

			// An extension update moves dist/: entries naming the old folder are rewritten, and Disconnect still restores.
			const current = /([^"\s]*dist[\\/]hook\.js)/.exec(read('.claude/settings.json'))?.[1] ?? '';
			assert.ok(current, 'the hook names dist/hook.js');
			const moved = (text: string): string => text.split(current).join('/gone/baton-0.0.9/dist/hook.js').split(current.replace(/hook\.js$/, 'cli.js')).join('/gone/baton-0.0.9/dist/cli.js');
			for (const path of ['.claude/settings.json', '.mcp.json']) writeFileSync(join(folder, path), moved(read(path)));
			assert.match(read('.mcp.json'), /\/gone\/baton-0\.0\.9\/dist\/cli\.js/);
			assert.deepEqual([...(await vscode.commands.executeCommand<string[]>(commandIds.connectAgents, { confirm: true }))].sort(), ['.claude/settings.json', '.mcp.json']);
			assert.doesNotMatch(read('.claude/settings.json') + read('.mcp.json'), /\/gone\//, 'stale entries replaced, not duplicated');
			assert.equal((read('.claude/settings.json').match(/hook claude PreToolUse/g) ?? []).length, 1);

			await vscode.commands.executeCommand(commandIds.disconnectAgents, { confirm: true });
			for (const [path, text] of Object.entries(userFiles)) assert.equal(read(path), text, path);
			assert.equal(existsSync(join(folder, '.claude', 'settings.local.json')), false, 'files Baton created are deleted');
			assert.equal(existsSync(join(folder, '.codex', 'hooks.json')), false);
		} finally {
			for (const dir of ['.claude', '.gemini', '.codex', '.mcp.json']) rmSync(join(folder, dir), { recursive: true, force: true });
		}
	});

	it('Connect then Disconnect in a project without any agent files removes every file and folder Baton created', async () => {
		const folder = workspaceFolder();
		const created = ['.claude', '.gemini', '.codex', '.mcp.json'];
		assert.deepEqual(created.filter((p) => existsSync(join(folder, p))), []);
		try {
			const connected = await vscode.commands.executeCommand<string[]>(commandIds.connectAgents, { confirm: true });
			assert.equal(connected.length, 6, connected.join(', '));
			assert.deepEqual(created.filter((p) => existsSync(join(folder, p))), created);
			await vscode.commands.executeCommand(commandIds.disconnectAgents, { confirm: true });
			assert.deepEqual(created.filter((p) => existsSync(join(folder, p))), [], 'nothing of Baton is left');
		} finally {
			for (const dir of created) rmSync(join(folder, dir), { recursive: true, force: true });
		}
	});
});
