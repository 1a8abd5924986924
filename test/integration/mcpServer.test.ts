import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { checkpointSpoolFileFor, parseSpooledCheckpoints } from '../../src/core/bridge/protocol';
import { spoolCheckpoint } from '../../src/infra/bridge/checkpointSpool';
import { discoveryPath } from '../../src/infra/bridge/discovery';
import { recordSpooledCheckpoints } from '../../src/infra/bridge/hubBridge';
import { parseSpool } from '../../src/infra/bridge/spool';
import { geminiSetup } from '../rig/cliEnv';
import { writeSetupFiles, type CliDirs } from '../rig/cliSandbox';
import { bodyText, type MockModelServer } from '../rig/mockModelServer';
import { requireBuiltCli, startTestBridge, tempBaton, type TempBaton } from './bridge/support';
import { callTool, closeGeminiRig, eventually, recordingMemory, startGeminiRig, startMcp, type GeminiRig } from './mcp/support';

const toolNames = ['checkpoint', 'critique', 'delegate', 'inbox', 'message', 'quota', 'recall', 'remember', 'route'];

describe("Baton's MCP server (baton mcp) through the MCP SDK client", function () {
	this.timeout(60_000);
	let t: TempBaton;
	let env: Record<string, string>;

	before(requireBuiltCli);
	beforeEach(async () => {
		t = await tempBaton('baton-mcp-');
		env = { PATH: process.env['PATH'] ?? '', HOME: t.root, BATON_HOME: t.home, TZ: 'UTC', BATON_MCP_FLUSH_MS: '200' };
	});
	afterEach(async () => {
		await t.remove();
	});

	it('lists the nine tools with descriptions and JSON schemas, as the server named baton', async () => {
		const mcp = await startMcp(env, t.workspace);
		try {
			assert.equal(mcp.client.getServerVersion()?.name, 'baton');
			const { tools } = await mcp.client.listTools();
			assert.deepEqual(tools.map((x) => x.name).sort(), toolNames);
			for (const tool of tools) {
				assert.ok((tool.description ?? '').length > 80, `${tool.name} explains itself`);
				assert.equal(tool.inputSchema.type, 'object');
			}
			const schema = (name: string): { properties: Record<string, { type?: string; enum?: string[]; maximum?: number }>; required?: string[] } =>
				tools.find((x) => x.name === name)?.inputSchema as never;
			assert.deepEqual(schema('delegate').required, ['prompt']);
			assert.deepEqual(schema('delegate').properties['agent']?.enum, ['claude', 'gemini', 'codex']);
			assert.equal(schema('delegate').properties['timeoutSeconds']?.maximum, 3600);
			assert.deepEqual(Object.keys(schema('delegate').properties), ['agent', 'prompt', 'role', 'files', 'timeoutSeconds', 'maxInlineChars', 'model']);
			assert.deepEqual(schema('checkpoint').required, ['goal', 'nextStep']);
			assert.deepEqual(Object.keys(schema('checkpoint').properties), ['goal', 'hypotheses', 'ruledOut', 'currentApproach', 'nextStep', 'files', 'notes', 'sessionId']);
			assert.deepEqual(schema('message').required, ['to', 'text']);
			assert.equal(tools.find((x) => x.name === 'quota')?.annotations?.readOnlyHint, true);
		} finally {
			await mcp.close();
		}
	});

	it('answers quota and route locally, without the extension', async () => {
		const mcp = await startMcp({ ...env, BATON_GEMINI_PATH: process.execPath }, t.workspace);
		try {
			const quota = JSON.parse((await callTool(mcp, 'quota', {})).text) as { agents: { agent: string; label: string; windows: unknown[] }[] };
			assert.deepEqual(quota.agents.map((a) => a.agent).sort(), ['claude', 'codex', 'gemini']);
			assert.ok(quota.agents.every((a) => typeof a.label === 'string' && Array.isArray(a.windows)));
			const route = JSON.parse((await callTool(mcp, 'route', { text: 'research the latest CVEs affecting lodash and compare safer alternatives' })).text) as { classifier: string; steps: { intent: string; agent: string | null; reasons: string[] }[] };
			assert.equal(route.steps[0]?.intent, 'research');
			assert.equal(route.steps[0]?.agent, 'gemini', 'the only agent found (BATON_GEMINI_PATH)');
			assert.ok((route.steps[0]?.reasons.length ?? 0) > 0);
		} finally {
			await mcp.close();
		}
	});

	it('with the extension up: checkpoint, remember, recall, message and inbox reach the hub', async () => {
		const { memory, calls } = recordingMemory('MEMORY-RECALLED');
		const tb = await startTestBridge(t.workspace, t.home, { memory });
		const mcp = await startMcp(env, t.workspace);
		try {
			await tb.hub.handleHook({ id: 'h1', agent: 'claude', kind: 'session_start', rawEvent: 'SessionStart', sessionId: 'claude-session-1', at: new Date().toISOString(), cwd: t.workspace, projectDir: t.workspace, canInject: false });
			const cp = await callTool(mcp, 'checkpoint', { goal: 'Fix the flaky upload test', hypotheses: ['race in the temp dir cleanup'], ruledOut: ['network: the test is offline'], currentApproach: 'serialise cleanup', nextStep: 'add a lock around rm', files: ['src/upload.ts'] });
			assert.deepEqual([cp.isError, cp.text], [false, 'Checkpoint recorded by Baton (cp-1).']);
			const got = calls.checkpoints[0];
			assert.equal(got?.agent, 'claude');
			assert.equal(got?.sessionId, 'claude-session-1');
			assert.deepEqual(got?.files, ['src/upload.ts']);
			assert.equal(got?.goal, 'Fix the flaky upload test', 'the goal the agent states wins over the session\'s first prompt');
			assert.equal(got?.summary, 'Goal: Fix the flaky upload test\nHypotheses:\n- race in the temp dir cleanup\nRuled out:\n- network: the test is offline\nCurrent approach: serialise cleanup\nNext step: add a lock around rm\nFiles:\n- src/upload.ts');

			assert.equal((await callTool(mcp, 'remember', { text: 'Uploads go through src/upload.ts', tags: ['upload'] })).text, 'Remembered by Baton (mem-1).');
			assert.deepEqual(calls.remembered[0], { text: 'Uploads go through src/upload.ts', agent: 'claude', sessionId: 'claude-session-1', tags: ['upload'] });
			assert.equal((await callTool(mcp, 'recall', { query: 'how do uploads work' })).text, 'MEMORY-RECALLED');

			const sent = await callTool(mcp, 'message', { to: 'gemini', text: 'I am changing src/upload.ts' });
			assert.match(sent.text, /^Message \S+ sent to gemini/);
			assert.deepEqual(tb.hub.messages().map((m) => [m.from.agent, m.from.sessionId, m.to, m.text]), [['claude', 'claude-session-1', 'gemini', 'I am changing src/upload.ts']]);
			tb.hub.sendMessage({ from: { agent: 'gemini', sessionId: 'g1' }, to: 'claude', text: 'ok, I will wait' });
			assert.match((await callTool(mcp, 'inbox', { peek: true })).text, /Message from Gemini CLI \(session g1\) at \d\d:\d\d UTC: ok, I will wait/);
			assert.match((await callTool(mcp, 'inbox', {})).text, /ok, I will wait/);
			assert.equal((await callTool(mcp, 'inbox', {})).text, 'No new messages.');
		} finally {
			await mcp.close();
			await tb.bridge.dispose();
		}
	});

	it('the extension records checkpoints spooled while it was down when its bridge starts, even with no MCP server running', async () => {
		const spool = checkpointSpoolFileFor(discoveryPath(t.home, t.workspace));
		spoolCheckpoint(spool, { id: 'c-spooled-1', at: '2026-11-25T10:00:00.000Z', params: { summary: 'Goal: Fix the cache\nNext step: add a test', agent: 'codex', goal: 'Fix the cache' } });
		const { memory, calls } = recordingMemory('');
		const tb = await startTestBridge(t.workspace, t.home, { memory });
		try {
			assert.deepEqual(await recordSpooledCheckpoints(tb.hub, tb.bridge.address.discoveryFile), { sent: 1, kept: 0 });
			assert.deepEqual([calls.checkpoints[0]?.summary, calls.checkpoints[0]?.agent, calls.checkpoints[0]?.goal], ['Goal: Fix the cache\nNext step: add a test', 'codex', 'Fix the cache']);
			assert.equal(existsSync(spool) ? readFileSync(spool, 'utf8') : '', '', 'the spool is emptied');
			assert.deepEqual(await recordSpooledCheckpoints(tb.hub, tb.bridge.address.discoveryFile), { sent: 0, kept: 0 }, 'each is recorded once');
		} finally {
			await tb.bridge.dispose();
		}
	});

	it('with the extension down: checkpoint is spooled (and recorded once a bridge starts); the others say the extension is not running', async () => {
		const mcp = await startMcp(env, t.workspace, ['--agent', 'gemini']);
		try {
			const cp = await callTool(mcp, 'checkpoint', { goal: 'Ship the MCP server', nextStep: 'write the docs' });
			assert.equal(cp.isError, false);
			const spool = checkpointSpoolFileFor(discoveryPath(t.home, t.workspace));
			assert.ok(cp.text.startsWith("Baton's VS Code extension is not running in this workspace. The checkpoint was saved"), cp.text);
			assert.ok(cp.text.includes(spool));
			const spooled = parseSpooledCheckpoints(parseSpool(readFileSync(spool, 'utf8')));
			assert.equal(spooled.length, 1);
			assert.equal(spooled[0]?.params.summary, 'Goal: Ship the MCP server\nNext step: write the docs');
			assert.equal(spooled[0]?.params.agent, 'gemini');
			for (const [tool, args] of [['recall', { query: 'x' }], ['remember', { text: 'x' }], ['message', { to: 'claude', text: 'x' }], ['inbox', {}]] as const) {
				const r = await callTool(mcp, tool, args);
				assert.equal(r.isError, true, tool);
				assert.ok(r.text.startsWith("Baton's VS Code extension is not running in this workspace"), `${tool}: ${r.text}`);
			}

			const { memory, calls } = recordingMemory('');
			const tb = await startTestBridge(t.workspace, t.home, { memory });
			try {
				await eventually(() => calls.checkpoints.length === 1, 10_000, 'the spooled checkpoint to be recorded');
				assert.equal(calls.checkpoints[0]?.summary, 'Goal: Ship the MCP server\nNext step: write the docs');
				await eventually(() => !existsSync(spool) || readFileSync(spool, 'utf8') === '', 5000, 'the spool to be emptied');
			} finally {
				await tb.bridge.dispose();
			}
		} finally {
			await mcp.close();
		}
	});
});

describe("Baton's MCP server: delegate to the real Gemini CLI against the mock model server", function () {
	this.timeout(120_000);
	let rig: GeminiRig;
	let server: MockModelServer;
	let dirs: CliDirs;
	let env: Record<string, string>;
	let batonHome: string;

	before(requireBuiltCli);
	beforeEach(async () => {
		rig = await startGeminiRig('baton-mcp-gemini-');
		({ server, dirs, env, batonHome } = rig);
	});
	afterEach(() => closeGeminiRig(rig));

	it('runs Gemini with the role, recalled memory and prompt, reports progress and publishes the delegation', async () => {
		const { memory } = recordingMemory('MEMORY-MARKER: uploads use multipart');
		const tb = await startTestBridge(dirs.workspace, batonHome, { memory });
		const mcp = await startMcp(env, dirs.workspace);
		try {
			server.script('gemini', [{ text: 'Review done: no blocking issues in upload.ts.' }]);
			const progress: string[] = [];
			const r = await callTool(mcp, 'delegate', { agent: 'gemini', role: 'code-reviewer', prompt: 'PROMPT-MARKER: review src/upload.ts', files: ['src/upload.ts'], model: 'gemini-2.5-pro' }, { onprogress: (p) => progress.push(p.message ?? '') });
			assert.equal(r.isError, false, r.text);
			assert.match(r.text, /^Gemini CLI \(role: code-reviewer\) succeeded in [\d.]+ s · model gemini-2\.5-pro/);
			assert.ok(r.text.endsWith('Review done: no blocking issues in upload.ts.'), r.text);
			const sent = server.modelRequests('gemini').map((q) => bodyText(q.body)).join('\n');
			assert.ok(sent.includes('Role: Code reviewer.'), 'the role is in the request');
			assert.ok(sent.includes('Review the code or change you are pointed at'), "the role's instructions are in the request");
			assert.ok(sent.includes('MEMORY-MARKER: uploads use multipart'), 'recalled memory is in the request');
			assert.ok(sent.includes('PROMPT-MARKER: review src/upload.ts'), 'the prompt is in the request');
			assert.ok(sent.includes('- src/upload.ts'), 'the files are listed');
			assert.ok(progress.some((m) => m.startsWith('delegating to Gemini CLI as Code reviewer')), progress.join(' | '));
			const delegations = tb.events.filter((e) => e.type === 'delegation');
			assert.equal(delegations.length, 2);
			assert.equal(delegations[0]?.type === 'delegation' && delegations[0].data.to, 'gemini (headless)');
			assert.match(delegations[0]?.type === 'delegation' ? delegations[0].data.text : '', /^\[code-reviewer\] PROMPT-MARKER/);
			assert.match(delegations[1]?.type === 'delegation' ? delegations[1].data.text : '', /^\[code-reviewer\] succeeded in \d+ s/);
		} finally {
			await mcp.close();
			await tb.bridge.dispose();
		}
	});

	it('writes an output over maxInlineChars to a file and answers with its start and the path; project roles apply', async () => {
		const storage = join(dirs.root, 'storage');
		await mkdir(join(dirs.workspace, '.baton', 'roles'), { recursive: true });
		await writeFile(join(dirs.workspace, '.baton', 'roles', 'api-auditor.md'), '---\ntitle: API auditor\npermission: readOnly\n---\nROLE-FILE-MARKER: check every endpoint for auth.\n');
		const mcp = await startMcp(env, dirs.workspace, ['--agent', 'claude', '--storage-dir', storage]);
		try {
			const long = Array.from({ length: 120 }, (_, i) => `Finding ${i}: endpoint /api/v1/items/${i} needs an auth check before it returns data.`).join('\n');
			server.script('gemini', [{ text: long }]);
			const r = await callTool(mcp, 'delegate', { agent: 'gemini', role: 'api-auditor', prompt: 'audit the API', maxInlineChars: 1000, model: 'gemini-2.5-pro' });
			assert.equal(r.isError, false, r.text);
			const path = /^Full output: (.+)$/m.exec(r.text)?.[1] ?? '';
			assert.equal(dirname(path), join(storage, 'delegations'));
			assert.match(path, /\/d-\d{8}-\d{6}-[0-9a-f]+\.md$/);
			assert.equal(readFileSync(path, 'utf8'), long, 'the file holds the whole output');
			assert.ok(r.text.length < 3500, `the answer is a summary (${r.text.length} characters)`);
			assert.match(r.text, /over the inline limit of 1,000/);
			assert.ok(r.text.includes('Finding 0: endpoint /api/v1/items/0'));
			assert.ok(!r.text.includes('Finding 119'));
			assert.ok(server.modelRequests('gemini').some((q) => bodyText(q.body).includes('ROLE-FILE-MARKER: check every endpoint for auth.')));
			const unknown = await callTool(mcp, 'delegate', { agent: 'gemini', role: 'nope', prompt: 'x' });
			assert.equal(unknown.isError, true);
			assert.match(unknown.text, /Unknown role 'nope'\. Roles: default, planner, code-reviewer, security-auditor, researcher, api-auditor\./);
		} finally {
			await mcp.close();
		}
	});

	it('stops the delegated CLI when the client cancels the request, and when the client goes away', async () => {
		const tb = await startTestBridge(dirs.workspace, batonHome);
		let mcp = await startMcp(env, dirs.workspace);
		try {
			server.script('gemini', [{ text: 'PARTIAL', stall: true }]);
			const abort = new AbortController();
			const call = mcp.client.callTool({ name: 'delegate', arguments: { agent: 'gemini', prompt: 'take forever', model: 'gemini-2.5-pro' } }, undefined, { signal: abort.signal });
			await server.waitForModelRequest('gemini', 0);
			abort.abort();
			await assert.rejects(call);
			const ended = await tb.waitFor((e) => e.type === 'delegation' && e.data.text.includes('cancelled'), 15_000);
			assert.match(ended.type === 'delegation' ? ended.data.text : '', /^\[default\] cancelled in \d+ s/);

			await mcp.close();
			// A fresh Gemini home: right after cancelled runs, Gemini CLI 0.61 can take ~13 s to start in the same home.
			const setup = geminiSetup({ baseUrl: server.url, home: join(dirs.root, 'home2'), path: process.env['PATH'] });
			await writeSetupFiles(setup);
			await mkdir(join(dirs.root, 'home2', 'tmp'), { recursive: true });
			mcp = await startMcp({ ...env, ...setup.env }, dirs.workspace);
			server.script('gemini', [{ text: 'PARTIAL', stall: true }]);
			void mcp.client.callTool({ name: 'delegate', arguments: { agent: 'gemini', prompt: 'take forever too', model: 'gemini-2.5-pro' } }).catch(() => undefined);
			await server.waitForModelRequest('gemini', 1);
			await mcp.close();
			await tb.waitFor((e) => e.type === 'delegation' && e.data.text.includes('cancelled') && e !== ended, 15_000);
		} finally {
			await mcp.close();
			await tb.bridge.dispose();
		}
	});

	it('honours timeoutSeconds: a stalled run is stopped and reported as timed out', async () => {
		const mcp = await startMcp(env, dirs.workspace);
		try {
			server.script('gemini', [{ text: 'PARTIAL', stall: true }]);
			const started = Date.now();
			const r = await callTool(mcp, 'delegate', { agent: 'gemini', prompt: 'take forever', timeoutSeconds: 2, model: 'gemini-2.5-pro' });
			const ms = Date.now() - started;
			assert.equal(r.isError, true);
			assert.match(r.text, /^Gemini CLI \(role: default\) timed out after 2 s/);
			assert.match(r.text, /Problem: Timed out after 2 s\./);
			assert.ok(ms >= 2000 && ms < 15_000, `took ${ms} ms`);
		} finally {
			await mcp.close();
		}
	});
});
