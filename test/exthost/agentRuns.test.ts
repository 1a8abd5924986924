import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { commandIds } from '../../src/host/ids';
import type { RunView } from '../../src/shared/runs';
import { samples, scriptedAgent } from './agentDoubles';

async function withAgentPath<T>(agent: string, path: string, body: () => PromiseLike<T>): Promise<T> {
	const config = vscode.workspace.getConfiguration('baton');
	await config.update(`agents.${agent}.path`, path, vscode.ConfigurationTarget.Global);
	try {
		await vscode.commands.executeCommand(commandIds.refreshAgents);
		return await body();
	} finally {
		await config.update(`agents.${agent}.path`, undefined, vscode.ConfigurationTarget.Global);
	}
}

describe('agent runs and terminals in the real extension host', function () {
	this.timeout(30000);

	it('runs a task headless and returns its result, usage and tools', async () => {
		const path = scriptedAgent('claude', { BATON_DOUBLE_REPLAY: join(samples, 'claude/stream-json-tool-success.jsonl') });
		const view = await withAgentPath('claude', path, () => vscode.commands.executeCommand<RunView>(commandIds.runTask, 'claude', 'say hello'));
		assert.equal(view.status, 'succeeded');
		assert.equal(view.text, 'Hello from the mock server.');
		assert.equal(view.usage?.outputTokens, 59);
		assert.deepEqual(view.tools, ['Bash: echo hello-from-tool']);
		assert.equal(view.prompt, 'say hello');
	});

	it('reports a usage limit with its reset time', async () => {
		const path = scriptedAgent('codex', { BATON_DOUBLE_REPLAY: join(samples, 'codex/exec-json-usage-limit.jsonl'), BATON_DOUBLE_EXIT: '1' });
		const view = await withAgentPath('codex', path, () => vscode.commands.executeCommand<RunView>(commandIds.runTask, 'codex', 'do work'));
		assert.equal(view.status, 'failed');
		assert.equal(view.failure?.kind, 'quota_exhausted');
		assert.ok(view.failure?.resetsAt, 'the reset time was parsed');
	});

	it('cancels a running task', async () => {
		const path = scriptedAgent('gemini', { BATON_DOUBLE_REPLAY: join(samples, 'gemini/stream-json-success.jsonl'), BATON_DOUBLE_HANG: '1' });
		const view = await withAgentPath('gemini', path, async () => {
			const pending = vscode.commands.executeCommand<RunView>(commandIds.runTask, 'gemini', 'wait forever');
			await new Promise((r) => setTimeout(r, 1500));
			await vscode.commands.executeCommand(commandIds.cancelRun);
			return pending;
		});
		assert.equal(view.status, 'cancelled');
	});

	it('opens an agent terminal in the workspace', async () => {
		const path = scriptedAgent('claude', { BATON_DOUBLE_HANG: '1' });
		const terminal = await withAgentPath('claude', path, () => vscode.commands.executeCommand<vscode.Terminal>(commandIds.openAgentTerminal, 'claude'));
		assert.ok(terminal);
		assert.equal(terminal.name, 'Claude Code');
		assert.ok(vscode.window.terminals.includes(terminal));
		terminal.dispose();
	});

	it('injects recalled memory into a headless run', async () => {
		const log = join(mkdtempSync(join(tmpdir(), 'baton-recall-')), 'argv.jsonl');
		const now = Date.now();
		await vscode.commands.executeCommand(commandIds.restoreMemoryEntry, {
			id: 'mem-recall-test-1',
			kind: 'decision',
			title: 'Invoices are rounded with banker rounding',
			body: 'Decided with finance: invoice totals use round-half-even (banker rounding), see billing/round.ts.',
			agent: null,
			sessionId: null,
			files: ['billing/round.ts'],
			tags: [],
			pinned: false,
			createdAt: now,
			updatedAt: now,
			source: 'user',
		});
		const path = scriptedAgent('claude', { BATON_DOUBLE_REPLAY: join(samples, 'claude/stream-json-tool-success.jsonl'), BATON_DOUBLE_LOG: log });
		const view = await withAgentPath('claude', path, () => vscode.commands.executeCommand<RunView>(commandIds.runTask, 'claude', 'fix the invoice rounding bug'));
		assert.equal(view.status, 'succeeded');
		const argv = (JSON.parse(readFileSync(log, 'utf8').trim().split('\n').pop() as string) as { argv: string[] }).argv;
		const instructions = argv[argv.indexOf('--append-system-prompt') + 1] ?? '';
		assert.match(instructions, /banker rounding/);
		assert.match(instructions, /mem-recall-test-1/);
	});
});
