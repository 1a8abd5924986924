import * as assert from 'node:assert/strict';
import { claudeDialect } from '../../../../../src/core/agents/dialects/claudeDialect';
import { codexDialect } from '../../../../../src/core/agents/dialects/codexDialect';
import type { AgentEvent, StreamParser } from '../../../../../src/core/agents/events';
import { createClaudeStreamParser } from '../../../../../src/core/agents/parsers/claudeStream';
import { createCodexStreamParser } from '../../../../../src/core/agents/parsers/codexStream';
import { createGeminiStreamParser } from '../../../../../src/core/agents/parsers/geminiStream';
import { sampleLines } from '../../../../support/samples';

function parseAll(parser: StreamParser, lines: readonly string[]): AgentEvent[] {
	return lines.flatMap((l) => parser.push(l));
}

function only<T extends AgentEvent['type']>(events: AgentEvent[], type: T): Array<Extract<AgentEvent, { type: T }>> {
	return events.filter((e): e is Extract<AgentEvent, { type: T }> => e.type === type);
}

describe('Claude stream-json parser (real samples)', () => {
	it('reads session, tool call, tool result, text, usage and result of a tool run', () => {
		const events = parseAll(createClaudeStreamParser(), sampleLines('claude/stream-json-tool-success.jsonl'));
		assert.equal(only(events, 'session')[0]?.sessionId, 'dc4a7292-a735-4ba2-9af5-471c8d04e008');
		assert.equal(only(events, 'toolCall')[0]?.name, 'Bash');
		assert.deepEqual(only(events, 'toolResult')[0], { type: 'toolResult', id: 'toolu_mock6', ok: true, output: 'hello-from-tool' });
		assert.equal(only(events, 'text').map((e) => e.text).join(''), 'Hello from the mock server.');
		const usage = only(events, 'usage')[0];
		assert.deepEqual(usage?.usage, { inputTokens: 24, outputTokens: 59, cacheReadTokens: 13578, cacheCreationTokens: 690 });
		assert.equal(usage?.cumulative, false);
		assert.equal(usage?.costUsd, 0.0126965);
		assert.deepEqual(only(events, 'result')[0], { type: 'result', ok: true, text: 'Hello from the mock server.', durationMs: 406, turns: 2 });
		assert.equal(only(events, 'raw').length, 0);
	});

	it('reports the rejected rate-limit event and the failed result of a session limit', () => {
		const events = parseAll(createClaudeStreamParser(), sampleLines('claude/stream-json-subscription-session-limit.jsonl'));
		assert.deepEqual(only(events, 'rateLimit')[0], { type: 'rateLimit', status: 'rejected', window: 'five_hour', resetsAt: new Date(1795622366 * 1000).toISOString() });
		assert.match(only(events, 'error')[0]?.message ?? '', /You've hit your session limit/);
		const result = only(events, 'result')[0];
		assert.equal(result?.ok, false);
		assert.match(result?.text ?? '', /resets 3:59pm \(UTC\)/);
	});

	it('maps weekly limits and warnings', () => {
		const weekly = parseAll(createClaudeStreamParser(), sampleLines('claude/stream-json-subscription-weekly-limit.jsonl'));
		assert.equal(only(weekly, 'rateLimit')[0]?.window, 'weekly');
		const warning = parseAll(createClaudeStreamParser(), sampleLines('claude/stream-json-subscription-warning.jsonl'));
		const limit = only(warning, 'rateLimit')[0];
		assert.equal(limit?.status, 'warning');
		assert.ok((limit?.utilization ?? 0) > 0.9);
		assert.equal(only(warning, 'result')[0]?.ok, true);
	});

	it('reports API retries before an API-key 429', () => {
		const events = parseAll(createClaudeStreamParser(), sampleLines('claude/stream-json-api-429-with-retries.jsonl'));
		assert.ok(only(events, 'retry').length >= 1);
		assert.equal(only(events, 'retry')[0]?.status, 429);
		assert.equal(only(events, 'result')[0]?.ok, false);
	});

	it('keeps unparsable lines as raw text and ignores blank ones', () => {
		const parser = createClaudeStreamParser();
		assert.deepEqual(parser.push('Error: something odd {'), [{ type: 'raw', text: 'Error: something odd {' }]);
		assert.deepEqual(parser.push('   '), []);
		assert.deepEqual(parser.push('{"type":"stream_event","event":{}}'), []);
	});

	it('reports a file edit only when the write tool succeeded', () => {
		const parser = createClaudeStreamParser();
		const call = (id: string, name: string, path: string): string =>
			JSON.stringify({ type: 'assistant', message: { content: [{ type: 'tool_use', id, name, input: { file_path: path, content: 'x' } }] } });
		const result = (id: string, isError: boolean): string =>
			JSON.stringify({ type: 'user', message: { content: [{ type: 'tool_result', tool_use_id: id, content: 'done', is_error: isError }] } });
		const events = parseAll(parser, [call('a', 'Write', '/w/a.ts'), result('a', false), call('b', 'Edit', '/w/b.ts'), result('b', true), call('c', 'Read', '/w/c.ts'), result('c', false)]);
		assert.deepEqual(only(events, 'fileEdit'), [{ type: 'fileEdit', path: '/w/a.ts', tool: 'Write', change: 'write' }]);
	});
});

describe('Gemini stream-json parser (real samples)', () => {
	it('joins assistant deltas into the result and reads usage', () => {
		const events = parseAll(createGeminiStreamParser(), sampleLines('gemini/stream-json-tool-yolo.jsonl'));
		assert.equal(only(events, 'session')[0]?.sessionId, '539e147b-bdc1-472d-9cda-c8404a669020');
		assert.equal(only(events, 'toolCall')[0]?.name, 'run_shell_command');
		assert.equal(only(events, 'toolResult')[0]?.output, 'hello-from-gemini-tool');
		assert.deepEqual(only(events, 'result')[0], { type: 'result', ok: true, text: 'Hello from the gemini mock.', durationMs: 340 });
		assert.deepEqual(only(events, 'usage')[0]?.usage, { inputTokens: 468, outputTokens: 112, cacheReadTokens: 2000, cacheCreationTokens: 0 });
	});

	it('reports the daily quota failure as a failed result with the API message', () => {
		const events = parseAll(createGeminiStreamParser(), sampleLines('gemini/stream-json-daily-quota-429.jsonl'));
		const result = only(events, 'result')[0];
		assert.equal(result?.ok, false);
		assert.match(result?.text ?? '', /exhausted your daily quota/);
	});

	it('reports a tool that was not registered as a failed tool result', () => {
		const events = parseAll(createGeminiStreamParser(), sampleLines('gemini/stream-json-tool-not-registered-default-approval.jsonl'));
		assert.equal(only(events, 'toolResult')[0]?.ok, false);
	});

	it('reports a successful write_file as a file edit', () => {
		const parser = createGeminiStreamParser();
		const events = parseAll(parser, [
			JSON.stringify({ type: 'tool_use', tool_name: 'write_file', tool_id: 't1', parameters: { file_path: '/w/hello.txt', content: 'hi' } }),
			JSON.stringify({ type: 'tool_result', tool_id: 't1', status: 'success', output: 'ok' }),
		]);
		assert.deepEqual(only(events, 'fileEdit'), [{ type: 'fileEdit', path: '/w/hello.txt', tool: 'write_file', change: 'write' }]);
	});
});

describe('Codex exec --json parser (real samples)', () => {
	it('reads thread, command, message and cumulative usage', () => {
		const events = parseAll(createCodexStreamParser(), sampleLines('codex/exec-json-tool.jsonl'));
		assert.equal(only(events, 'session')[0]?.sessionId, '01a21312-9590-75c3-b897-34fe14223023');
		assert.equal(only(events, 'toolCall').length, 1, 'a started-then-completed command is one call');
		assert.deepEqual(only(events, 'toolResult')[0], { type: 'toolResult', id: 'item_0', ok: true, output: 'hello-from-codex-tool\n' });
		assert.deepEqual(only(events, 'result')[0], { type: 'result', ok: true, text: 'Hello from the codex mock.' });
		const usage = only(events, 'usage')[0];
		assert.equal(usage?.cumulative, true);
		assert.deepEqual(usage?.usage, { inputTokens: 690, outputTokens: 134, cacheReadTokens: 4000, cacheCreationTokens: 0 });
	});

	it('reports the usage limit as an error and a failed result', () => {
		const events = parseAll(createCodexStreamParser(), sampleLines('codex/exec-json-usage-limit.jsonl'));
		assert.match(only(events, 'error')[0]?.message ?? '', /hit your usage limit/);
		const result = only(events, 'result')[0];
		assert.equal(result?.ok, false);
		assert.match(result?.text ?? '', /try again at 4:35 PM/);
	});

	it('reports file_change items as file edits', () => {
		const events = parseAll(createCodexStreamParser(), [
			JSON.stringify({ type: 'item.completed', item: { id: 'i1', type: 'file_change', status: 'completed', changes: [{ path: '/w/a.ts', kind: 'add' }, { path: '/w/b.ts', kind: 'update' }] } }),
			JSON.stringify({ type: 'item.completed', item: { id: 'i2', type: 'file_change', status: 'failed', changes: [{ path: '/w/c.ts', kind: 'delete' }] } }),
		]);
		assert.deepEqual(only(events, 'fileEdit').map((e) => `${e.change} ${e.path}`), ['add /w/a.ts', 'update /w/b.ts']);
	});
});

describe('headless dialects', () => {
	it('lets Codex run approved project hooks only when Baton\'s hooks are connected', () => {
		const base = { prompt: 'x', cwd: '/w', permission: 'edit' as const };
		assert.ok(!codexDialect.buildInvocation(base).args.includes('--dangerously-bypass-hook-trust'));
		assert.ok(codexDialect.buildInvocation({ ...base, projectHooksApproved: true }).args.includes('--dangerously-bypass-hook-trust'));
	});

	it('gives Claude the MCP servers of a run and allows their tools (print mode cannot ask)', () => {
		const base = { prompt: 'x', cwd: '/w', permission: 'edit' as const };
		const args = claudeDialect.buildInvocation({ ...base, mcpServers: { baton: { command: 'node', args: ['cli.js', 'mcp'] } } }).args;
		const config = args[args.indexOf('--mcp-config') + 1] ?? '';
		assert.deepEqual(JSON.parse(config), { mcpServers: { baton: { type: 'stdio', command: 'node', args: ['cli.js', 'mcp'], env: {} } } });
		assert.deepEqual(args.slice(args.indexOf('--allowedTools')), ['--allowedTools', 'mcp__baton']);
		assert.ok(!claudeDialect.buildInvocation(base).args.includes('--allowedTools'));
	});
});
