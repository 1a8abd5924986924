import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { RouteOutcome } from '../../src/host/commands/routeCommands';
import { commandIds } from '../../src/host/ids';
import type { RunView } from '../../src/shared/runs';
import { samples, scriptedAgent } from './agentDoubles';

const versions: Record<string, string> = { claude: '2.1.197 (Claude Code)', gemini: '0.61.0', codex: 'codex-cli 0.169.0' };

describe('routing in the real extension host', function () {
	this.timeout(30000);
	const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('baton');

	before(async () => {
		const dir = mkdtempSync(join(tmpdir(), 'baton-route-'));
		for (const [agent, version] of Object.entries(versions)) {
			writeFileSync(join(dir, agent), `#!/bin/sh\necho '${version}'\n`);
			chmodSync(join(dir, agent), 0o755);
			await config().update(`agents.${agent}.path`, join(dir, agent), vscode.ConfigurationTarget.Global);
		}
		await vscode.commands.executeCommand(commandIds.refreshAgents);
	});

	after(async () => {
		for (const agent of Object.keys(versions)) {
			await config().update(`agents.${agent}.path`, undefined, vscode.ConfigurationTarget.Global);
		}
	});

	it('routes a research task to Gemini and explains why (dry run)', async () => {
		const outcome = await vscode.commands.executeCommand<RouteOutcome>(commandIds.routeTask, 'Compare the latest versions of zod and valibot and their bundle sizes', { action: 'dryRun' });
		assert.equal(outcome.entry.action, 'dryRun');
		assert.equal(outcome.entry.steps.length, 1);
		const step = outcome.entry.steps[0];
		assert.equal(step?.intent, 'research');
		assert.equal(step?.agent, 'gemini');
		assert.match(step?.reasons.join(' ') ?? '', /research task/);
		assert.ok(outcome.entry.elapsedMs < 1000);
	});

	it('splits a compound task into segments routed to their own agents', async () => {
		const outcome = await vscode.commands.executeCommand<RouteOutcome>(commandIds.routeTask, 'Research the latest XSS attack vectors and then fix our auth.ts', { action: 'dryRun' });
		assert.deepEqual(outcome.entry.steps.map((s) => [s.intent, s.agent]), [['research', 'gemini'], ['debug', 'claude']]);
	});

	it('follows a user rule from settings', async () => {
		await config().update('router.rules', [{ name: 'deploys', when: { pattern: 'deploy' }, agent: 'gemini' }], vscode.ConfigurationTarget.Global);
		try {
			const outcome = await vscode.commands.executeCommand<RouteOutcome>(commandIds.routeTask, 'fix the deploy script crash', { action: 'dryRun' });
			assert.equal(outcome.entry.steps[0]?.agent, 'gemini');
			assert.equal(outcome.entry.steps[0]?.rule, 'deploys');
		} finally {
			await config().update('router.rules', undefined, vscode.ConfigurationTarget.Global);
		}
	});

	it('remembers a correction and routes the same task the same way next time', async () => {
		const text = 'Write a short summary of what the payments module does';
		const before = await vscode.commands.executeCommand<RouteOutcome>(commandIds.routeTask, text, { action: 'dryRun' });
		const corrected = before.entry.steps[0]?.agent === 'gemini' ? 'claude' : 'gemini';
		const path = config().get<string>(`agents.${corrected}.path`) ?? '';
		assert.ok(path);
		await vscode.commands.executeCommand<RouteOutcome>(commandIds.routeTask, text, { agent: corrected }).then(undefined, () => undefined);
		const after = await vscode.commands.executeCommand<RouteOutcome>(commandIds.routeTask, text, { action: 'dryRun' });
		assert.equal(after.entry.steps[0]?.agent, corrected);
		assert.match(after.entry.steps[0]?.reasons[0] ?? '', /near-identical task/);
	});

	it('stops routing to an agent once a run hits its usage limit, and says why', async () => {
		const codex = scriptedAgent('codex', { BATON_DOUBLE_REPLAY: join(samples, 'codex/exec-json-usage-limit.jsonl'), BATON_DOUBLE_EXIT: '1' });
		await config().update('agents.codex.path', codex, vscode.ConfigurationTarget.Global);
		await config().update('router.rules', [{ name: 'ops to codex', when: { intent: 'ops' }, agent: 'codex' }], vscode.ConfigurationTarget.Global);
		try {
			const run = await vscode.commands.executeCommand<RunView>(commandIds.runTask, 'codex', 'bump the docker base image');
			assert.equal(run.failure?.kind, 'quota_exhausted');
			const outcome = await vscode.commands.executeCommand<RouteOutcome>(commandIds.routeTask, 'Set up a GitHub Actions workflow that builds the Docker image', { action: 'dryRun' });
			const step = outcome.entry.steps[0];
			assert.notEqual(step?.agent, 'codex');
			assert.match(step?.alternatives.map((a) => a.reason).join(' ') ?? '', /Codex CLI has no quota left/);
		} finally {
			await config().update('router.rules', undefined, vscode.ConfigurationTarget.Global);
		}
	});
});
