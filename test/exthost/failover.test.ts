import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { commandIds } from '../../src/host/ids';
import type { HandoffView } from '../../src/shared/handoffs';
import type { RunView } from '../../src/shared/runs';
import { repoRoot, samples, scriptedAgent } from './agentDoubles';

async function withSettings<T>(values: Record<string, unknown>, body: () => PromiseLike<T>): Promise<T> {
	const config = vscode.workspace.getConfiguration('baton');
	for (const [key, value] of Object.entries(values)) await config.update(key, value, vscode.ConfigurationTarget.Global);
	try {
		await vscode.commands.executeCommand(commandIds.refreshAgents);
		return await body();
	} finally {
		for (const key of Object.keys(values)) await config.update(key, undefined, vscode.ConfigurationTarget.Global);
		await vscode.commands.executeCommand(commandIds.refreshAgents);
	}
}

async function waitForHandoff(match: (h: HandoffView) => boolean, timeoutMs = 45000): Promise<HandoffView> {
	const deadline = Date.now() + timeoutMs;
	let last: readonly HandoffView[] = [];
	while (Date.now() < deadline) {
		last = (await vscode.commands.executeCommand<HandoffView[]>(commandIds.showHandoffs)) ?? [];
		const found = last.find(match);
		if (found) return found;
		await new Promise((r) => setTimeout(r, 300));
	}
	throw new Error(`no matching handoff; have ${JSON.stringify(last.map((h) => ({ from: h.from.agent, to: h.to?.agent, status: h.status, mode: h.mode, why: h.routeReasons })))}`);
}

function logged(file: string): string {
	return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

describe('failover in the real extension host', function () {
	this.timeout(120000);

	// Both cases stop Codex: the agent-run tests already leave it limited, so routing tests after these see no change.
	it('auto mode: a headless Codex run that hits its usage limit continues on Claude with the brief', async () => {
		const log = join(mkdtempSync(join(tmpdir(), 'baton-failover-log-')), 'claude.jsonl');
		const codex = scriptedAgent('codex', { BATON_DOUBLE_REPLAY: join(samples, 'codex/exec-json-usage-limit.jsonl'), BATON_DOUBLE_EXIT: '1' });
		const claude = scriptedAgent('claude', { BATON_DOUBLE_REPLAY: join(samples, 'claude/stream-json-tool-success.jsonl'), BATON_DOUBLE_LOG: log });
		await withSettings({ 'failover.mode': 'auto', 'agents.codex.path': codex, 'agents.claude.path': claude }, async () => {
			const view = await vscode.commands.executeCommand<RunView>(commandIds.runTask, 'codex', 'Add unit tests for the login redirect in src/auth');
			assert.equal(view.failure?.kind, 'quota_exhausted');
			const handoff = await waitForHandoff((h) => h.from.runId === view.id && h.status === 'succeeded');
			assert.equal(handoff.to?.agent, 'claude');
			assert.equal(handoff.mode, 'headless');
			assert.match(handoff.reason, /^hit its /);
			assert.match(handoff.routeReasons[0] ?? '', /test task .*preferred agents: Claude Code/, 'the router explains the choice');
			assert.match(handoff.brief, /^# Handoff brief \(Codex CLI → Claude Code\)/);
			assert.match(handoff.outcome ?? '', /Claude Code finished: Hello from the mock server\./);
			assert.ok(handoff.memoryId, 'recorded in memory');
			const sent = logged(log);
			assert.match(sent, /You are taking over a task from Codex CLI, which stopped: it hit its /);
			assert.match(sent, /Add unit tests for the login redirect in src\/auth/);
		});
	});

	it('an interactive Codex session whose rollout records a usage limit continues in a Claude terminal', async () => {
		const log = join(mkdtempSync(join(tmpdir(), 'baton-failover-log-')), 'claude.jsonl');
		const claude = scriptedAgent('claude', { BATON_DOUBLE_HANG: '1', BATON_DOUBLE_LOG: log });
		const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
		assert.ok(folder, 'the test workspace has a folder');
		const now = new Date();
		const day = join(process.env['CODEX_HOME'] || join(homedir(), '.codex'), 'sessions', String(now.getUTCFullYear()), String(now.getUTCMonth() + 1).padStart(2, '0'), String(now.getUTCDate()).padStart(2, '0'));
		mkdirSync(day, { recursive: true });
		const thread = randomUUID();
		const rollout = join(day, `rollout-${now.toISOString().slice(0, 19).replace(/:/g, '-')}-${thread}.jsonl`);
		const at = now.toISOString();
		const lines = [
			{ timestamp: at, type: 'session_meta', payload: { id: thread, session_id: thread, timestamp: at, cwd: folder } },
			{ timestamp: at, type: 'response_item', payload: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Fix the flaky login redirect test in src/auth' }] } },
			{ timestamp: at, type: 'event_msg', payload: { type: 'task_complete', last_agent_message: null, error: { message: 'You’ve hit your usage limit. Upgrade to Pro or try again at 4:35 PM.', codex_error_info: 'usage_limit_exceeded' } } },
		];
		try {
			await withSettings({ 'failover.mode': 'auto', 'agents.claude.path': claude }, async () => {
				writeFileSync(rollout, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
				await vscode.commands.executeCommand(commandIds.refreshQuota);
				const handoff = await waitForHandoff((h) => h.from.agent === 'codex' && h.from.sessionId === thread);
				assert.equal(handoff.mode, 'terminal');
				assert.equal(handoff.to?.agent, 'claude');
				assert.equal(handoff.status, 'started');
				assert.match(handoff.brief, /User asked: Fix the flaky login redirect test in src\/auth/);
				const terminal = vscode.window.terminals.find((t) => t.name === 'Claude Code');
				assert.ok(terminal, 'a Claude terminal was opened');
				const deadline = Date.now() + 10000;
				while (!logged(log) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
				assert.match(logged(log), /You are taking over a task from Codex CLI, which stopped: it hit its /);
				terminal.dispose();
			});
		} finally {
			rmSync(rollout, { force: true });
		}
	});

	it('a hooked interactive Claude session that stops on its limit (StopFailure rate_limit) continues in a Gemini terminal', async () => {
		const log = join(mkdtempSync(join(tmpdir(), 'baton-failover-log-')), 'gemini.jsonl');
		const gemini = scriptedAgent('gemini', { BATON_DOUBLE_HANG: '1', BATON_DOUBLE_LOG: log, GEMINI_CLI_TRUST_WORKSPACE: 'true' });
		const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
		assert.ok(folder, 'the test workspace has a folder');
		const session = randomUUID();
		const hook = (event: string, payload: Record<string, unknown>): void => {
			const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'hook.js'), 'hook', 'claude', event], { input: JSON.stringify({ session_id: session, cwd: folder, hook_event_name: event, ...payload }), encoding: 'utf8', env: { ...process.env, CLAUDE_PROJECT_DIR: folder } });
			assert.equal(r.status, 0, `${event}: ${r.stderr}`);
		};
		await withSettings({ 'failover.mode': 'auto', 'agents.gemini.path': gemini, 'agents.codex.path': '/nonexistent/codex' }, async () => {
			hook('SessionStart', { source: 'startup' });
			hook('UserPromptSubmit', { prompt: 'Set up a GitHub Actions workflow that runs the tests on every push' });
			hook('StopFailure', { error: 'rate_limit', last_assistant_message: "You've hit your session limit · resets 4:21pm (UTC)" });
			const handoff = await waitForHandoff((h) => h.from.agent === 'claude' && h.from.sessionId === session);
			assert.equal(handoff.mode, 'terminal');
			assert.equal(handoff.to?.agent, 'gemini');
			assert.equal(handoff.status, 'started');
			assert.match(handoff.reason, /^hit its 5-hour limit/);
			const deadline = Date.now() + 10000;
			while (!logged(log) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
			const sent = logged(log);
			assert.match(sent, /You are taking over a task from Claude Code, which stopped: it hit its 5-hour limit/);
			assert.match(sent, /Set up a GitHub Actions workflow that runs the tests on every push/);
			vscode.window.terminals.find((t) => t.name === 'Gemini CLI')?.dispose();
		});
	});

	it('Hand Off Run: a finished run continues on the agent the user picks, from a brief', async () => {
		const log = join(mkdtempSync(join(tmpdir(), 'baton-failover-log-')), 'gemini.jsonl');
		const claude = scriptedAgent('claude', { BATON_DOUBLE_REPLAY: join(samples, 'claude/stream-json-tool-success.jsonl') });
		const gemini = scriptedAgent('gemini', { BATON_DOUBLE_REPLAY: join(samples, 'gemini/stream-json-success.jsonl'), BATON_DOUBLE_LOG: log });
		await withSettings({ 'agents.claude.path': claude, 'agents.gemini.path': gemini }, async () => {
			const run = await vscode.commands.executeCommand<RunView>(commandIds.runTask, 'claude', 'Write the release notes for 2.0');
			assert.equal(run.status, 'succeeded');
			const started = await vscode.commands.executeCommand<HandoffView>(commandIds.handOffRun, run.id, 'gemini');
			assert.equal(started.reason, 'was handed off by you');
			assert.deepEqual(started.routeReasons, ['Gemini CLI was chosen by you.']);
			const done = await waitForHandoff((h) => h.id === started.id && h.status === 'succeeded');
			assert.equal(done.to?.agent, 'gemini');
			assert.ok(done.memoryId);
			assert.match(logged(log), /You are taking over a task from Claude Code; the user handed it to you\./);
		});
	});
});
