import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { findAgentDescriptor } from '../../src/core/agents/descriptors';
import { bridgeMethods } from '../../src/core/bridge/protocol';
import { BridgeClient } from '../../src/infra/bridge/bridgeClient';
import { readDiscovery } from '../../src/infra/bridge/discovery';
import { applyDisconnect } from '../../src/infra/bridge/connectFiles';
import { startHeadlessRun } from '../../src/infra/agents/headlessRunner';
import { claudeArgs, codexArgs } from '../rig/cliEnv';
import { bodyText, startMockModelServer, type MockModelServer } from '../rig/mockModelServer';
import { realCliPath } from '../support/realClis';
import { requireBuiltCli, runHookCli } from './bridge/support';
import { cliSetupFor, connectedProject, runRealCli, settingsTexts, type ConnectedProject } from './bridge/realRig';

/** Session id of the first bus event of `agent`. */
function sessionOf(project: ConnectedProject, agent: string): string {
	const e = project.bridge.events.find((x) => x.agent === agent && x.type === 'session_started');
	assert.ok(e?.sessionId, `no session of ${agent} on the bus: ${project.bridge.events.map((x) => `${x.agent}:${x.type}`).join(', ')}`);
	return e.sessionId;
}

describe('Baton hooks with the REAL CLIs (loopback mock model, hooks installed by Connect, test bridge)', function () {
	this.timeout(180_000);
	let project: ConnectedProject;
	const servers: MockModelServer[] = [];

	before(() => {
		requireBuiltCli();
		for (const cli of ['claude', 'gemini', 'codex'] as const) realCliPath(cli);
	});
	beforeEach(async () => {
		project = await connectedProject();
	});
	afterEach(async () => {
		await Promise.all(servers.splice(0).map((s) => s.close()));
		await project.close();
	});

	async function server(): Promise<MockModelServer> {
		const s = await startMockModelServer();
		servers.push(s);
		return s;
	}

	it('claude: the session-start injection reaches the model and a Write tool call produces file_written on the bus', async () => {
		const mock = await server();
		const setup = await cliSetupFor('claude', project, mock, join(project.dirs.root, 'home-claude'));
		const file = join(project.dirs.workspace, 'hello.txt');
		mock.script('anthropic', [{ toolCall: { name: 'Write', input: { file_path: file, content: 'from claude\n' } } }, { text: 'Done.' }]);
		const descriptor = findAgentDescriptor('claude');
		assert.ok(descriptor);
		const outcome = await startHeadlessRun({
			agentId: 'claude',
			executable: realCliPath('claude'),
			dialect: descriptor.headless,
			request: { prompt: 'create hello.txt', cwd: project.dirs.workspace, permission: 'edit' },
			env: setup.env,
			timeZone: 'UTC',
			timeoutMs: 90_000,
		}).done;
		assert.equal(outcome.status, 'succeeded', `${outcome.resultText}\n${outcome.stderr}`);
		assert.equal(readFileSync(file, 'utf8'), 'from claude\n');
		const written = await project.bridge.waitFor((e) => e.type === 'file_written');
		assert.equal(written.type === 'file_written' && written.data.file, file);
		assert.equal(written.agent, 'claude');
		assert.equal(written.sessionId, outcome.sessionId);
		const types = project.bridge.events.filter((e) => e.sessionId === outcome.sessionId).map((e) => e.type);
		assert.deepEqual(types, ['session_started', 'prompt', 'file_claimed', 'file_written', 'session_ended']);
		const first = bodyText(mock.modelRequests('anthropic')[0]?.body);
		assert.match(first, /SessionStart hook additional context: Baton coordinates the AI coding agents/);
		assert.deepEqual(project.bridge.hub.listClaims(), [], 'claims released when the turn ended');
	});

	it('claude: a second session writing a file another live session holds is denied; the CLI reports the denial', async () => {
		const mockA = await server();
		const mockB = await server();
		const setupA = await cliSetupFor('claude', project, mockA, join(project.dirs.root, 'home-a'));
		const setupB = await cliSetupFor('claude', project, mockB, join(project.dirs.root, 'home-b'));
		const file = join(project.dirs.workspace, 'shared.txt');
		mockA.script('anthropic', [{ toolCall: { name: 'Write', input: { file_path: file, content: 'A\n' } } }, { text: 'A finished.', delayMs: 6000 }]);
		// Claude refuses to overwrite a file it has not read (before any hook runs), so B reads it first.
		mockB.script('anthropic', [{ toolCall: { name: 'Read', input: { file_path: file } } }, { toolCall: { name: 'Write', input: { file_path: file, content: 'B\n' } } }, { text: 'B gave up.' }]);
		const runA = runRealCli('claude', claudeArgs('write shared.txt', 'edits'), setupA, project.dirs.workspace);
		await project.bridge.waitFor((e) => e.type === 'file_written', 60_000);
		const holder = sessionOf(project, 'claude');
		const runB = await runRealCli('claude', claudeArgs('write shared.txt too', 'edits'), setupB, project.dirs.workspace);
		assert.equal(runB.code, 0, runB.stderr);
		const result = runB.lines.find((l) => l['type'] === 'result') as { permission_denials?: { tool_name: string; tool_input: { file_path: string } }[] } | undefined;
		assert.deepEqual(result?.permission_denials?.map((d) => [d.tool_name, d.tool_input.file_path]), [['Write', file]], JSON.stringify(runB.lines.slice(-3)));
		const toolResult = bodyText(mockB.modelRequests('anthropic')[2]?.body);
		assert.match(toolResult, new RegExp(`shared\\.txt is being edited by Claude Code \\(session ${holder.slice(0, 8)}\\); its claim expires at \\d\\d:\\d\\d UTC`));
		const blocked = project.bridge.events.find((e) => e.type === 'claim_blocked');
		assert.equal(blocked?.type === 'claim_blocked' && blocked.data.holder.sessionId, holder);
		const a = await runA;
		assert.equal(a.code, 0, a.stderr);
		assert.equal(readFileSync(file, 'utf8'), 'A\n', 'the holder\'s content survived');
	});

	it('gemini: a message sent by a Claude session over the bridge is delivered at Gemini\'s session start', async () => {
		const mockC = await server();
		const mockG = await server();
		const claude = await cliSetupFor('claude', project, mockC, join(project.dirs.root, 'home-c'));
		mockC.script('anthropic', [{ text: 'Claude here.' }]);
		const c = await runRealCli('claude', claudeArgs('hello', 'edits'), claude, project.dirs.workspace);
		assert.equal(c.code, 0, c.stderr);
		const claudeSession = sessionOf(project, 'claude');
		const discovery = readDiscovery(project.bridge.bridge.address.discoveryFile);
		const client = BridgeClient.open({ socket: discovery?.socket ?? '', token: discovery?.token ?? '' }, 'test-mcp');
		const note = 'BATON-NOTE-42: I renamed src/api to src/http; update your imports.';
		await client.request(bridgeMethods.sendMessage, { from: { agent: 'claude', sessionId: claudeSession }, to: 'gemini', text: note }, 2000);
		client.close();
		const gemini = await cliSetupFor('gemini', project, mockG, join(project.dirs.root, 'home-g'));
		mockG.script('gemini', [{ text: 'Noted.' }]);
		const g = await runRealCli('gemini', ['-p', 'what changed?', '-o', 'stream-json', '-m', 'gemini-2.5-pro', '--skip-trust', '--approval-mode', 'auto_edit'], gemini, project.dirs.workspace);
		assert.equal(g.code, 0, g.stderr);
		const sent = bodyText(mockG.modelRequests('gemini')[0]?.body);
		assert.ok(sent.includes(note), 'the message reached Gemini\'s first model request');
		assert.match(sent, new RegExp(`Message from Claude Code \\(session ${claudeSession.slice(0, 8)}\\)`));
		assert.match(sent, /<hook_context>[\s\S]*Baton coordinates/);
		const geminiSession = sessionOf(project, 'gemini');
		assert.deepEqual(project.bridge.hub.readInbox(geminiSession, true), [], 'delivered once');
		assert.deepEqual(project.bridge.events.filter((e) => e.agent === 'gemini').map((e) => e.type), ['session_started', 'prompt', 'session_ended']);
	});

	it('codex: apply_patch on a file claimed by a live Claude session is denied (needs a trusted project and --dangerously-bypass-hook-trust)', async () => {
		const file = join(project.dirs.workspace, 'claimed.txt');
		const env = { BATON_HOME: project.batonHome, BATON_BRIDGE: project.bridge.bridge.address.discoveryFile };
		const claim = await runHookCli('claude', 'PreToolUse', { session_id: 'live-claude-1', cwd: project.dirs.workspace, hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: file, content: 'x' } }, env);
		assert.deepEqual([claim.code, claim.stdout], [0, '']);
		const mock = await server();
		const setup = await cliSetupFor('codex', project, mock, join(project.dirs.root, 'home-x'));
		mock.script('openai', [{ toolCall: { name: 'apply_patch', input: '*** Begin Patch\n*** Add File: claimed.txt\n+from codex\n*** End Patch\n' } }, { text: 'Blocked, moving on.' }]);
		const args = codexArgs('create claimed.txt', 'edits');
		const run = await runRealCli('codex', [args[0] as string, '--dangerously-bypass-hook-trust', ...args.slice(1)], setup, project.dirs.workspace);
		assert.equal(run.code, 0, run.stderr);
		assert.equal(existsSync(file), false, 'the patch was not applied');
		const output = bodyText(mock.modelRequests('openai')[1]?.body);
		assert.match(output, /claimed\.txt is being edited by Claude Code \(session live-cla\)/);
		assert.ok(project.bridge.events.some((e) => e.type === 'claim_blocked' && e.agent === 'codex'));
	});

	it('Disconnect after real runs leaves every settings file byte-identical (restored, or deleted when Connect created it)', async () => {
		const mock = await server();
		const setup = await cliSetupFor('claude', project, mock, join(project.dirs.root, 'home-d'));
		mock.script('anthropic', [{ text: 'ok' }]);
		await runRealCli('claude', claudeArgs('hi', 'edits'), setup, project.dirs.workspace);
		await mkdir(join(project.dirs.workspace, 'src'), { recursive: true });
		const plans = await applyDisconnect(project.dirs.workspace, project.stateFile);
		assert.deepEqual(plans.filter((p) => p.changed).map((p) => p.path), ['.claude/settings.json', '.gemini/settings.json', '.codex/hooks.json']);
		assert.deepEqual(await settingsTexts(project), project.originals);
		assert.equal(existsSync(join(project.dirs.workspace, '.codex')), false, 'the .codex folder Connect created is gone');
		assert.equal(existsSync(project.stateFile), false);
	});
});
