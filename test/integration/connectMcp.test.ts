import * as assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { connectFilePaths } from '../../src/core/bridge/connectPlan';
import { batonToolNames } from '../../src/core/bridge/hubText';
import { batonMcpLaunch } from '../../src/core/bridge/mcpConfig';
import { applyConnect, applyDisconnect, connectStatePath } from '../../src/infra/bridge/connectFiles';
import { claudeArgs, claudeSetup, codexSetup, geminiSetup, type CliSetup } from '../rig/cliEnv';
import { makeCliDirs, removeCliDirs, writeSetupFiles, type CliDirs } from '../rig/cliSandbox';
import { bodyText, startMockModelServer } from '../rig/mockModelServer';
import { realCliPath } from '../support/realClis';
import { cliPath, requireBuiltCli } from './bridge/support';
import { runRealCli } from './bridge/realRig';

/** A stdio server entry as a CLI stores it. */
interface ServerEntry {
	readonly command: string;
	readonly args: readonly string[];
	readonly env?: Readonly<Record<string, string>>;
}

/** The user's own files, connected over (all must come back byte for byte). */
const userFiles: Record<string, string> = {
	'.mcp.json': '{\n  "mcpServers": {\n    "notes": { "type": "stdio", "command": "notes-mcp", "args": [] }\n  }\n}\n',
	'.gemini/settings.json': '// mine\n{\n\t"ui": { "theme": "GitHub" }\n}\n',
	'.codex/config.toml': '# mine\nmodel_reasoning_effort = "high"\n',
};

/** Runs a real CLI's own `mcp list` and resolves to its stdout (Gemini prints the list on stderr: then that). */
function mcpList(cli: 'claude' | 'gemini' | 'codex', setup: CliSetup, cwd: string): Promise<string> {
	const args = cli === 'codex' ? ['mcp', 'list', '--json'] : ['mcp', 'list'];
	return new Promise((resolve, reject) => {
		execFile(realCliPath(cli), args, { cwd, env: setup.env, encoding: 'utf8', timeout: 90_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${cli} mcp list: ${error.message}\n${stderr}`)) : resolve(cli === 'gemini' ? `${stdout}${stderr}` : stdout)));
	});
}

/** Starts the server exactly as `entry` says (plus PATH) and lists its tools with the MCP SDK client. */
async function toolsOf(entry: ServerEntry, cwd: string): Promise<string[]> {
	const transport = new StdioClientTransport({ command: entry.command, args: [...entry.args], env: { PATH: process.env['PATH'] ?? '', ...entry.env }, cwd, stderr: 'pipe' });
	const client = new Client({ name: 'baton-connect-test', version: '1.0.0' });
	await client.connect(transport);
	try {
		return (await client.listTools()).tools.map((t) => t.name).sort();
	} finally {
		await client.close();
	}
}

describe('Connect Agents registers Baton\'s MCP server where the REAL CLIs find it', function () {
	this.timeout(240_000);
	let dirs: CliDirs;
	let batonHome: string;
	let stateFile: string;
	const expectedTools = Object.values(batonToolNames).sort();

	before(requireBuiltCli);
	beforeEach(async () => {
		dirs = await makeCliDirs('baton-connect-mcp-');
		batonHome = join(dirs.root, 'baton-home');
		stateFile = connectStatePath(batonHome, dirs.workspace);
		// Claude Code honours .claude/settings.local.json approvals only in a git work tree where the file is not tracked.
		execFileSync('git', ['init', '-q'], { cwd: dirs.workspace });
		for (const [path, text] of Object.entries(userFiles)) {
			await mkdir(join(dirs.workspace, path, '..'), { recursive: true });
			await writeFile(join(dirs.workspace, path), text);
		}
		const plans = await applyConnect(
			dirs.workspace,
			{ hookCommand: `"${process.execPath}" "${cliPath}"`, mcpLaunch: (agent) => batonMcpLaunch({ command: process.execPath, args: [cliPath], env: { BATON_HOME: batonHome, BATON_MCP_MAX_PERMISSION: 'readOnly' } }, agent) },
			stateFile,
		);
		assert.deepEqual(plans.filter((p) => !p.changed || p.error !== undefined), []);
	});
	afterEach(async () => {
		await removeCliDirs(dirs);
	});

	it('claude, gemini and codex list the server as connected; the written launch runs `baton mcp` with every tool; Disconnect is byte-identical', async () => {
		const input = { baseUrl: 'http://127.0.0.1:9', home: dirs.home, path: process.env['PATH'] };
		const setups = { claude: claudeSetup(input), gemini: geminiSetup(input), codex: codexSetup(input) };
		for (const setup of Object.values(setups)) await writeSetupFiles(setup);
		await mkdir(join(dirs.home, 'tmp'), { recursive: true });
		// Codex reads project config (and its MCP servers) only in a trusted project.
		await appendFile(join(dirs.home, '.codex', 'config.toml'), `\n[projects.${JSON.stringify(dirs.workspace)}]\ntrust_level = "trusted"\n`);

		const [claude, gemini, codex] = await Promise.all([mcpList('claude', setups.claude, dirs.workspace), mcpList('gemini', setups.gemini, dirs.workspace), mcpList('codex', setups.codex, dirs.workspace)]);
		assert.match(claude, /^baton: .*dist\/cli\.js mcp --agent claude - ✔ Connected$/m, claude);
		assert.match(gemini, /✓ baton: .*dist\/cli\.js mcp --agent gemini \(stdio\) - Connected/, gemini);
		const codexServers = JSON.parse(codex) as { name: string; enabled: boolean; tool_timeout_sec: number; transport: ServerEntry }[];
		const codexEntry = codexServers.find((s) => s.name === 'baton');
		assert.ok(codexEntry?.enabled, codex);
		assert.equal(codexEntry.tool_timeout_sec, 3900);
		assert.deepEqual(codexEntry.transport.args, [cliPath, 'mcp', '--agent', 'codex']);
		assert.deepEqual(codexEntry.transport.env, { BATON_HOME: batonHome, BATON_MCP_MAX_PERMISSION: 'readOnly' });

		const json = async (path: string): Promise<{ mcpServers: Record<string, ServerEntry> }> => JSON.parse((await readFile(join(dirs.workspace, path), 'utf8')).replace(/^\/\/.*$/m, '')) as never;
		const claudeEntry = (await json('.mcp.json')).mcpServers['baton'];
		const geminiEntry = (await json('.gemini/settings.json')).mcpServers['baton'];
		assert.ok(claudeEntry && geminiEntry);
		for (const entry of [claudeEntry, geminiEntry, codexEntry.transport]) {
			assert.deepEqual(await toolsOf(entry, dirs.workspace), expectedTools);
		}

		const plans = await applyDisconnect(dirs.workspace, stateFile);
		assert.deepEqual(plans.filter((p) => p.changed).map((p) => p.path), connectFilePaths());
		for (const path of connectFilePaths()) {
			const text = await readFile(join(dirs.workspace, path), 'utf8').catch(() => undefined);
			assert.equal(text, userFiles[path], path);
		}
		assert.equal(existsSync(join(dirs.workspace, '.claude')), false, 'the .claude folder Connect created is gone');
		assert.equal(existsSync(stateFile), false);
	});

	it('a real Claude Code session calls Baton\'s route tool through the connected server and gets its answer', async () => {
		const server = await startMockModelServer();
		try {
			const setup = claudeSetup({ baseUrl: server.url, home: dirs.home, path: process.env['PATH'], auth: 'apiKey' });
			await writeSetupFiles(setup);
			server.script('anthropic', [{ toolCall: { name: 'mcp__baton__route', input: { text: 'research the latest CVEs affecting lodash and compare safer alternatives' } } }, { text: 'Routed.' }]);
			const run = await runRealCli('claude', [...claudeArgs('which agent should research the lodash CVEs?'), '--allowedTools', 'mcp__baton__route'], setup, dirs.workspace);
			assert.equal(run.code, 0, run.stderr);
			const init = run.lines.find((l) => l['type'] === 'system' && l['subtype'] === 'init') as { mcp_servers?: { name: string; status: string }[] } | undefined;
			assert.deepEqual(init?.mcp_servers?.find((s) => s.name === 'baton')?.status, 'connected', JSON.stringify(init?.mcp_servers));
			const toolResult = bodyText(server.modelRequests('anthropic')[1]?.body);
			assert.match(toolResult, /"intent": "research"/, 'the route answer reached the model as the tool result');
		} finally {
			await server.close();
		}
	});
});

describe('Connect state saved by an earlier version (hooks only, keyed by agent)', () => {
	it('Disconnect still restores those files byte for byte', async () => {
		const dirs = await makeCliDirs('baton-connect-v1-');
		try {
			const stateFile = connectStatePath(join(dirs.root, 'baton-home'), dirs.workspace);
			const original = '{\n  "model": "x"\n}\n';
			const plans = await applyConnect(dirs.workspace, { hookCommand: `"${process.execPath}" "${cliPath}"` }, stateFile, ['claude']);
			const connected = plans[0]?.after ?? '';
			await writeFile(join(dirs.workspace, '.claude', 'settings.json'), connected);
			await writeFile(stateFile, JSON.stringify({ version: 1, files: { claude: { original, connected, createdDir: null } } }));
			const back = await applyDisconnect(dirs.workspace, stateFile);
			assert.deepEqual(back.filter((p) => p.changed).map((p) => p.path), ['.claude/settings.json']);
			assert.equal(await readFile(join(dirs.workspace, '.claude', 'settings.json'), 'utf8'), original);
			assert.equal(existsSync(stateFile), false);
		} finally {
			await removeCliDirs(dirs);
		}
	});
});
