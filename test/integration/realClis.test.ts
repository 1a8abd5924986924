import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findAgentDescriptor } from '../../src/core/agents/descriptors';
import type { AgentEvent } from '../../src/core/agents/events';
import type { HeadlessRequest } from '../../src/core/agents/headless';
import { startHeadlessRun, type HeadlessRun } from '../../src/infra/agents/headlessRunner';
import { claudeSetup, codexSetup, geminiSetup, type CliSetup } from '../rig/cliEnv';
import { makeCliDirs, removeCliDirs, writeSetupFiles, type CliDirs } from '../rig/cliSandbox';
import { bodyText, startMockModelServer, type MockModelServer, type MockReply, type MockVendor } from '../rig/mockModelServer';
import { realCliPath } from '../support/realClis';

type Cli = 'claude' | 'gemini' | 'codex';
const vendorOf: Record<Cli, MockVendor> = { claude: 'anthropic', gemini: 'gemini', codex: 'openai' };
const models: Record<Cli, string | undefined> = { claude: undefined, gemini: 'gemini-2.5-pro', codex: undefined };

interface Harness {
	readonly server: MockModelServer;
	readonly dirs: CliDirs;
	readonly setup: CliSetup;
	readonly events: AgentEvent[];
	start(prompt: string, extra?: Partial<HeadlessRequest>): HeadlessRun;
}

async function harness(cli: Cli, subscriber = false): Promise<Harness> {
	const server = await startMockModelServer();
	const dirs = await makeCliDirs(`baton-real-${cli}-`);
	const input = { baseUrl: server.url, home: dirs.home, path: process.env['PATH'] };
	const setup = cli === 'claude' ? claudeSetup({ ...input, auth: subscriber ? 'subscriber' : 'apiKey' }) : cli === 'gemini' ? geminiSetup(input) : codexSetup(input);
	await writeSetupFiles(setup);
	const descriptor = findAgentDescriptor(cli);
	assert.ok(descriptor);
	const events: AgentEvent[] = [];
	const model = models[cli];
	return {
		server,
		dirs,
		setup,
		events,
		start: (prompt, extra = {}) =>
			startHeadlessRun({
				agentId: cli,
				executable: realCliPath(cli),
				dialect: descriptor.headless,
				request: { prompt, cwd: dirs.workspace, permission: 'edit', ...(model ? { model } : {}), ...extra },
				env: setup.env,
				timeZone: 'UTC',
				timeoutMs: 90_000,
				cancelGraceMs: 2000,
				onEvent: (e) => events.push(e),
			}),
	};
}

async function close(h: Harness): Promise<void> {
	await h.server.close();
	await removeCliDirs(h.dirs);
}

function writeReply(cli: Cli, path: string, content: string): MockReply {
	if (cli === 'claude') return { toolCall: { name: 'Write', input: { file_path: path, content } } };
	if (cli === 'gemini') return { toolCall: { name: 'write_file', input: { file_path: path, content } } };
	return { toolCall: { name: 'apply_patch', input: `*** Begin Patch\n*** Add File: ${path.split('/').pop() ?? ''}\n+${content}*** End Patch\n` } };
}

const limitReply: Record<Cli, (resetsAt: number) => MockReply> = {
	claude: (resetsAt) => ({ error: 'session_limit', resetsAt }),
	gemini: (resetsAt) => ({ error: 'daily_quota', resetsAt }),
	codex: (resetsAt) => ({ error: 'usage_limit', resetsAt }),
};

for (const cli of ['claude', 'gemini', 'codex'] as const) {
	describe(`real ${cli} CLI against the loopback mock model server, through Baton's adapter`, function () {
		this.timeout(120_000);

		it('runs headless: session, text, usage and result parsed into events; the prompt and instructions reach the model', async () => {
			const h = await harness(cli);
			try {
				h.server.script(vendorOf[cli], [{ text: `Hello from the ${cli} mock.`, usage: { inputTokens: 111, outputTokens: 22, cachedTokens: 333, cacheCreationTokens: 44 } }]);
				const outcome = await h.start(`baton-marker-${cli}: say hello`, { instructions: `baton-instructions-${cli}` }).done;
				assert.equal(outcome.status, 'succeeded', `${outcome.resultText}\n${outcome.stderr}`);
				assert.equal(outcome.resultText, `Hello from the ${cli} mock.`);
				assert.ok(outcome.sessionId, 'session id reported');
				assert.ok(h.events.some((e) => e.type === 'session'));
				const usage = outcome.usage?.tokens;
				assert.equal(usage?.inputTokens, 111);
				assert.equal(usage?.outputTokens, 22);
				assert.equal(usage?.cacheReadTokens, 333);
				assert.equal(usage?.cacheCreationTokens, cli === 'claude' ? 44 : 0);
				const sent = h.server.modelRequests(vendorOf[cli]).map((r) => bodyText(r.body)).join('\n');
				assert.ok(sent.includes(`baton-marker-${cli}`), 'the prompt reached the model');
				assert.ok(sent.includes(`baton-instructions-${cli}`), 'the extra instructions reached the model');
			} finally {
				await close(h);
			}
		});

		it('reports a file the agent wrote as a file-edit event', async () => {
			const h = await harness(cli);
			try {
				const path = join(h.dirs.workspace, 'hello.txt');
				h.server.script(vendorOf[cli], [writeReply(cli, path, `written by ${cli}\n`), { text: 'File written.' }]);
				const outcome = await h.start('create hello.txt').done;
				assert.equal(outcome.status, 'succeeded', `${outcome.resultText}\n${outcome.stderr}`);
				assert.ok(existsSync(path), 'the real CLI wrote the file');
				assert.equal(readFileSync(path, 'utf8'), `written by ${cli}\n`);
				const edits = h.events.filter((e): e is Extract<AgentEvent, { type: 'fileEdit' }> => e.type === 'fileEdit');
				assert.equal(edits.length, 1, JSON.stringify(h.events.filter((e) => e.type === 'toolCall' || e.type === 'toolResult')));
				assert.equal(edits[0]?.path.endsWith('hello.txt'), true);
			} finally {
				await close(h);
			}
		});

		it('classifies the limit as quota exhausted with the reset time', async () => {
			const h = await harness(cli, true);
			try {
				const resetsAt = Math.floor(Date.now() / 1000) + 2 * 3600 + 17 * 60;
				h.server.script(vendorOf[cli], [limitReply[cli](resetsAt)]);
				const outcome = await h.start('say hi').done;
				assert.equal(outcome.status, 'failed');
				assert.equal(outcome.failure?.kind, 'quota_exhausted', JSON.stringify(outcome.failure));
				assert.equal(outcome.failure?.agent, cli);
				assert.equal(outcome.failure?.window, cli === 'gemini' ? 'daily' : 'five_hour');
				const parsed = Date.parse(outcome.failure?.resetsAt ?? '');
				if (cli === 'gemini') {
					assert.ok(parsed > Date.now(), 'daily quota resets in the future');
				} else {
					assert.ok(Math.abs(parsed - resetsAt * 1000) < 60_000, `reset ${outcome.failure?.resetsAt} vs ${new Date(resetsAt * 1000).toISOString()}`);
				}
				if (cli === 'gemini') assert.equal(outcome.exitCode, 173);
			} finally {
				await close(h);
			}
		});

		it('cancels a run mid-stream', async () => {
			const h = await harness(cli);
			try {
				h.server.script(vendorOf[cli], [{ text: 'Partial answer that never finishes', stall: true }]);
				const run = h.start('think for a long time');
				await h.server.waitForModelRequest(vendorOf[cli], undefined, 30_000);
				const t0 = Date.now();
				run.cancel();
				const outcome = await run.done;
				assert.equal(outcome.status, 'cancelled');
				assert.equal(outcome.failure?.kind, 'cancelled');
				assert.ok(Date.now() - t0 < 10_000, 'stopped within 10 s');
			} finally {
				await close(h);
			}
		});
	});
}
