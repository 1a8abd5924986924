import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bridgeMethods } from '../../src/core/bridge/protocol';
import { startBridgeServer } from '../../src/infra/bridge/bridgeServer';
import { discoveryPath, spoolPathFor } from '../../src/infra/bridge/discovery';
import { hookLogPath } from '../../src/infra/bridge/hookLog';
import { requireBuiltCli, runHookCli, startTestBridge, tempBaton, type TempBaton } from './bridge/support';

const writePayload = (sessionId: string, cwd: string, file: string, event = 'PreToolUse'): Record<string, unknown> => ({
	session_id: sessionId,
	transcript_path: '/tmp/t.jsonl',
	cwd,
	hook_event_name: event,
	tool_name: 'Write',
	tool_input: { file_path: file, content: 'x' },
	tool_use_id: 'toolu_1',
});

describe('baton hook (built dist/cli.js as a child process)', function () {
	this.timeout(60_000);
	let t: TempBaton;
	let env: Record<string, string>;

	before(requireBuiltCli);
	beforeEach(async () => {
		t = await tempBaton('baton-hook-');
		env = { BATON_HOME: t.home, HOME: t.root, TZ: 'UTC' };
	});
	afterEach(async () => {
		await t.remove();
	});

	it('answers through the bridge: session-start context, a claim, and a denial naming the holder in each CLI\'s format', async () => {
		const tb = await startTestBridge(t.workspace, t.home);
		try {
			const start = await runHookCli('claude', 'SessionStart', { session_id: 'C1', cwd: t.workspace, hook_event_name: 'SessionStart', source: 'startup' }, env);
			assert.equal(start.code, 0, start.stderr);
			const out = JSON.parse(start.stdout) as { hookSpecificOutput: { hookEventName: string; additionalContext: string } };
			assert.equal(out.hookSpecificOutput.hookEventName, 'SessionStart');
			assert.match(out.hookSpecificOutput.additionalContext, /MCP server named `baton`[\s\S]*`message`/);
			const file = join(t.workspace, 'src', 'a.ts');
			const first = await runHookCli('claude', 'PreToolUse', writePayload('C1', t.workspace, file), env);
			assert.deepEqual([first.code, first.stdout, first.stderr], [0, '', '']);
			assert.equal(tb.hub.listClaims()[0]?.file, file);
			const gemini = await runHookCli('gemini', 'BeforeTool', { session_id: 'G1', cwd: t.workspace, hook_event_name: 'BeforeTool', tool_name: 'write_file', tool_input: { file_path: file, content: 'y' } }, env);
			assert.equal(gemini.code, 0);
			const denied = JSON.parse(gemini.stdout) as { decision: string; reason: string };
			assert.equal(denied.decision, 'deny');
			assert.match(denied.reason, /src\/a\.ts is being edited by Claude Code \(session C1\); its claim expires at \d\d:\d\d UTC/);
			const codex = await runHookCli('codex', 'PreToolUse', { session_id: 'X1', cwd: t.workspace, hook_event_name: 'PreToolUse', tool_name: 'apply_patch', tool_input: { command: '*** Begin Patch\n*** Update File: src/a.ts\n@@\n-a\n+b\n*** End Patch\n' } }, env);
			assert.equal((JSON.parse(codex.stdout) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput.permissionDecision, 'deny');
			const shell = await runHookCli('codex', 'PreToolUse', { session_id: 'X1', cwd: t.workspace, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'echo > src/a.ts' } }, env);
			assert.deepEqual([shell.code, shell.stdout], [0, ''], 'a shell command is not a file write');
			assert.deepEqual(tb.events.filter((e) => e.type === 'claim_blocked').map((e) => e.agent), ['gemini', 'codex']);
		} finally {
			await tb.bridge.dispose();
		}
	});

	it('spools events while no extension runs and the next bridge start ingests them; nothing is lost', async () => {
		const file = join(t.workspace, 'b.txt');
		const runs = [
			await runHookCli('codex', 'SessionStart', { session_id: 'X1', cwd: t.workspace, hook_event_name: 'SessionStart', source: 'startup' }, env),
			await runHookCli('claude', 'PostToolUse', writePayload('C1', t.workspace, file, 'PostToolUse'), env),
			await runHookCli('claude', 'StopFailure', { session_id: 'C1', cwd: t.workspace, hook_event_name: 'StopFailure', error: 'rate_limit', last_assistant_message: "You've hit your session limit · resets 4:21pm (UTC)" }, env),
		];
		for (const r of runs) assert.deepEqual([r.code, r.stdout], [0, ''], r.stderr);
		const spool = spoolPathFor(discoveryPath(t.home, t.workspace));
		assert.equal(readFileSync(spool, 'utf8').trim().split('\n').length, 3);
		assert.match(readFileSync(hookLogPath(t.home), 'utf8'), /no bridge for this workspace; event spooled/);
		const tb = await startTestBridge(t.workspace, t.home);
		try {
			assert.deepEqual(tb.events.map((e) => e.type), ['session_started', 'session_started', 'file_claimed', 'file_written', 'signal', 'session_ended']);
			assert.equal(existsSync(spool), false, 'spool emptied');
			const signal = tb.events.find((e) => e.type === 'signal');
			assert.equal(signal?.type === 'signal' && signal.data.kind, 'quota_exhausted');
		} finally {
			await tb.bridge.dispose();
		}
		const late = await runHookCli('claude', 'SessionEnd', { session_id: 'C1', cwd: join(t.workspace), hook_event_name: 'SessionEnd', reason: 'other' }, env);
		assert.equal(late.code, 0);
		assert.match(readFileSync(hookLogPath(t.home), 'utf8'), /bridge is down; event spooled/);
		const again = await startTestBridge(t.workspace, t.home);
		try {
			assert.equal(again.events.length, 1, 'the event spooled after shutdown arrives at the next start');
		} finally {
			await again.bridge.dispose();
		}
	});

	it('rejects hostile payload paths: no claim, no event, a warning in the log', async () => {
		const tb = await startTestBridge(t.workspace, t.home);
		try {
			for (const file of ['/etc/passwd', `${t.workspace}/../escape.txt`, '../../x', join(t.root, 'home', 'bridges', 'k.json')]) {
				const r = await runHookCli('claude', 'PreToolUse', writePayload('C1', t.workspace, file), env);
				assert.deepEqual([r.code, r.stdout], [0, ''], file);
			}
			const patch = await runHookCli('codex', 'PostToolUse', { session_id: 'X1', cwd: t.workspace, hook_event_name: 'PostToolUse', tool_name: 'apply_patch', tool_input: { command: '*** Begin Patch\n*** Add File: ../../../etc/cron.d/x\n+x\n*** End Patch\n' }, tool_response: 'Exit code: 0' }, env);
			assert.equal(patch.code, 0);
			assert.deepEqual(tb.hub.listClaims(), []);
			assert.deepEqual(tb.events.filter((e) => e.type === 'file_claimed' || e.type === 'file_written'), []);
			const log = readFileSync(hookLogPath(t.home), 'utf8');
			assert.equal((log.match(/rejected path from the payload/g) ?? []).length, 5);
			assert.match(log, /outside the workspace/);
			assert.match(log, /contains a "\.\." segment/);
		} finally {
			await tb.bridge.dispose();
		}
	});

	it('fails open within its budget when the bridge hangs, and spools the event', async () => {
		const bridge = await startBridgeServer(t.workspace, { requests: { [bridgeMethods.hook]: () => new Promise(() => undefined) } }, { dataDir: t.home, spoolPollMs: 0 });
		try {
			const r = await runHookCli('claude', 'PreToolUse', writePayload('C1', t.workspace, join(t.workspace, 'a')), env, ['--budget-ms', '300']);
			assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', '']);
			assert.ok(r.ms < 3000, `took ${r.ms} ms`);
			assert.match(readFileSync(hookLogPath(t.home), 'utf8'), /timed out after \d+ ms; event spooled; answered without Baton/);
			assert.equal(readFileSync(bridge.address.spoolFile, 'utf8').trim().split('\n').length, 1);
		} finally {
			await bridge.dispose();
		}
	});

	it('never blocks by accident: bad payloads and bad command lines exit 0 or 1, never 2, with nothing on stdout', async () => {
		const bad = await runHookCli('claude', 'PreToolUse', 'not json', env);
		assert.deepEqual([bad.code, bad.stdout], [0, '']);
		const noSession = await runHookCli('gemini', 'BeforeTool', { cwd: t.workspace }, env);
		assert.deepEqual([noSession.code, noSession.stdout], [0, '']);
		const usage = await runHookCli('nobody', 'PreToolUse', {}, env);
		assert.equal(usage.code, 1);
		assert.equal(usage.stdout, '');
		const log = readFileSync(hookLogPath(t.home), 'utf8');
		assert.match(log, /payload is not JSON/);
		assert.match(log, /no usable session_id/);
	});
});
