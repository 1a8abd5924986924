import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findAgentDescriptor } from '../../src/core/agents/descriptors';
import { plainTextDialect } from '../../src/core/agents/dialects/plainTextDialect';
import type { AgentEvent } from '../../src/core/agents/events';
import { startHeadlessRun, type HeadlessRunOptions } from '../../src/infra/agents/headlessRunner';
import { samplesDir } from '../support/samples';

const doubles = join(__dirname, '..', 'doubles', 'bin');
const workspace = mkdtempSync(join(tmpdir(), 'baton-run-ws-'));

function options(agentId: string, env: Record<string, string>, extra: Partial<HeadlessRunOptions> = {}): HeadlessRunOptions & { events: AgentEvent[] } {
	const events: AgentEvent[] = [];
	const descriptor = findAgentDescriptor(agentId);
	assert.ok(descriptor);
	return {
		agentId,
		executable: join(doubles, agentId),
		dialect: descriptor.headless,
		request: { prompt: 'say hi', cwd: workspace, permission: 'edit' },
		env: { ...process.env, ...env },
		timeZone: 'UTC',
		cancelGraceMs: 300,
		onEvent: (e) => events.push(e),
		...extra,
		events,
	};
}

describe('headless runner (scripted CLI doubles as child processes)', function () {
	this.timeout(20000);

	it('streams events of a successful run, split across partial chunks', async () => {
		const o = options('claude', { BATON_DOUBLE_REPLAY: join(samplesDir, 'claude/stream-json-tool-success.jsonl'), BATON_DOUBLE_CHUNKED: '1' });
		const outcome = await startHeadlessRun(o).done;
		assert.equal(outcome.status, 'succeeded');
		assert.equal(outcome.sessionId, 'dc4a7292-a735-4ba2-9af5-471c8d04e008');
		assert.equal(outcome.resultText, 'Hello from the mock server.');
		assert.equal(outcome.usage?.tokens.outputTokens, 59);
		assert.equal(outcome.rawLines.length, 0, 'no line was broken by chunking');
		assert.ok(o.events.some((e) => e.type === 'toolCall'));
		assert.ok(outcome.batonMs >= 0 && outcome.batonMs < outcome.durationMs);
	});

	it('sends the prompt on stdin with the flags the real CLI requires', async () => {
		const log = join(workspace, 'argv.jsonl');
		const o = options('claude', { BATON_DOUBLE_REPLAY: join(samplesDir, 'claude/stream-json-subscription-allowed.jsonl'), BATON_DOUBLE_LOG: log });
		await startHeadlessRun({ ...o, request: { ...o.request, model: 'sonnet', instructions: 'Be brief.' } }).done;
		const call = JSON.parse(readFileSync(log, 'utf8').trim().split('\n').pop() as string) as { argv: string[]; stdin: string; cwd: string };
		assert.equal(call.stdin, 'say hi');
		assert.deepEqual(call.argv.slice(0, 4), ['-p', '--output-format', 'stream-json', '--verbose']);
		assert.ok(call.argv.join(' ').includes('--permission-mode acceptEdits'));
		assert.ok(call.argv.join(' ').includes('--model sonnet'));
		assert.ok(call.argv.join(' ').includes('--append-system-prompt Be brief.'));
		assert.equal(call.cwd, workspace);
	});

	it('classifies a subscriber session limit with its reset time', async () => {
		const o = options('claude', { BATON_DOUBLE_REPLAY: join(samplesDir, 'claude/stream-json-subscription-session-limit.jsonl'), BATON_DOUBLE_EXIT: '1' });
		const outcome = await startHeadlessRun(o).done;
		assert.equal(outcome.status, 'failed');
		assert.equal(outcome.failure?.kind, 'quota_exhausted');
		assert.equal(outcome.failure?.window, 'five_hour');
		assert.equal(outcome.failure?.resetsAt, new Date(1795622366 * 1000).toISOString());
	});

	it('reports Gemini\'s daily quota (exit 173) as quota exhausted', async () => {
		const o = options('gemini', { BATON_DOUBLE_REPLAY: join(samplesDir, 'gemini/stream-json-daily-quota-429.jsonl'), BATON_DOUBLE_EXIT: '173' });
		const outcome = await startHeadlessRun(o).done;
		assert.equal(outcome.status, 'failed');
		assert.equal(outcome.exitCode, 173);
		assert.equal(outcome.failure?.kind, 'quota_exhausted');
		assert.equal(outcome.failure?.window, 'daily');
	});

	it('cancels with SIGINT, escalating to SIGTERM when SIGINT is ignored', async () => {
		for (const ignore of ['0', '1']) {
			const o = options('codex', { BATON_DOUBLE_REPLAY: join(samplesDir, 'codex/exec-json-tool.jsonl'), BATON_DOUBLE_HANG: '1', BATON_DOUBLE_IGNORE_SIGINT: ignore });
			const run = startHeadlessRun(o);
			setTimeout(() => run.cancel(), 400);
			const outcome = await run.done;
			assert.equal(outcome.status, 'cancelled', `ignore SIGINT=${ignore}`);
			assert.equal(outcome.failure?.kind, 'cancelled');
			assert.ok(outcome.durationMs < 5000);
		}
	});

	it('times out a run that does not finish', async () => {
		const o = options('gemini', { BATON_DOUBLE_REPLAY: join(samplesDir, 'gemini/stream-json-success.jsonl'), BATON_DOUBLE_HANG: '1' }, { timeoutMs: 500 });
		const outcome = await startHeadlessRun(o).done;
		assert.equal(outcome.status, 'timedOut');
		assert.match(outcome.failure?.message ?? '', /Timed out after/);
	});

	it('keeps unparsable output and stderr instead of dropping them', async () => {
		const o = options('codex', { BATON_DOUBLE_REPLAY: join(samplesDir, 'README.md'), BATON_DOUBLE_EXIT: '1', BATON_DOUBLE_STDERR: 'panic: something broke' });
		const outcome = await startHeadlessRun(o).done;
		assert.equal(outcome.status, 'failed');
		assert.ok(outcome.rawLines.length > 5);
		assert.match(outcome.stderr, /panic: something broke/);
		assert.ok(outcome.resultText.length > 0);
	});

	it('fails cleanly when the executable does not exist', async () => {
		const o = options('claude', {}, { executable: join(workspace, 'no-such-claude') });
		const outcome = await startHeadlessRun(o).done;
		assert.equal(outcome.status, 'failed');
		assert.match(outcome.stderr, /ENOENT/);
	});

	it('refuses what the real CLI refuses: Gemini outside a trusted folder without --skip-trust', async () => {
		const descriptor = findAgentDescriptor('gemini');
		assert.ok(descriptor?.headless.buildInvocation({ prompt: 'x', cwd: workspace, permission: 'edit' }).args.includes('--skip-trust'));
	});
});

describe('a fourth CLI is a descriptor', () => {
	it('runs any print-mode CLI through the plain-text dialect', async () => {
		const dialect = plainTextDialect('echo-agent', ['--', '{prompt}']);
		const outcome = await startHeadlessRun({
			agentId: 'echo-agent',
			executable: '/bin/echo',
			dialect,
			request: { prompt: 'summarise the repo', cwd: workspace, permission: 'readOnly', instructions: 'be short' },
		}).done;
		assert.equal(outcome.status, 'succeeded');
		assert.match(outcome.resultText, /<instructions>\nbe short\n<\/instructions>\n\nsummarise the repo/);
	});
});
