import * as assert from 'node:assert/strict';
import { readClaudeTranscript } from '../../../../src/core/handoff/transcripts/claude';
import { readCodexTranscript } from '../../../../src/core/handoff/transcripts/codex';
import { readGeminiTranscript } from '../../../../src/core/handoff/transcripts/gemini';
import type { SessionRecord } from '../../../../src/core/handoff/types';
import { readSample } from '../../../support/samples';

const kinds = (records: readonly SessionRecord[]): string[] => records.map((r) => r.kind);

describe('handoff transcript readers', () => {
	it('reads a real Claude tool session: prompt, Bash call with its command, result, last text', () => {
		const file = 'claude/transcript-tool-session.jsonl';
		const records = readClaudeTranscript(readSample(file), file);
		assert.deepEqual(kinds(records), ['user', 'toolCall', 'toolResult', 'assistant']);
		const call = records[1];
		assert.ok(call?.kind === 'toolCall');
		assert.equal(call.command, 'echo hello-from-tool');
		assert.equal(call.access, 'exec');
		const result = records[2];
		assert.ok(result?.kind === 'toolResult' && !result.isError && result.callId === 'toolu_mock6');
		assert.deepEqual(records[0]?.source, { file, line: 3 });
	});

	it('turns real Claude limit and API-429 transcripts into error records', () => {
		for (const file of ['claude/transcript-subscription-session-limit.jsonl', 'claude/transcript-api-429.jsonl']) {
			const records = readClaudeTranscript(readSample(file), file);
			assert.deepEqual(kinds(records), ['user', 'error'], file);
		}
		const limit = readClaudeTranscript(readSample('claude/transcript-subscription-session-limit.jsonl'), 'x');
		assert.match(limit[1]?.kind === 'error' ? limit[1].text : '', /session limit/);
	});

	it('reads every real Claude transcript sample without throwing and starts with the user prompt', () => {
		for (const file of ['claude/transcript-max-turns.jsonl', 'claude/transcript-tool-session.jsonl', 'claude/transcript-api-429.jsonl']) {
			const records = readClaudeTranscript(readSample(file), file);
			assert.equal(records[0]?.kind, 'user', file);
		}
	});

	it('reads the real Gemini chats file: skips injected context, keeps the last copy of a repeated message id', () => {
		const file = 'gemini/session-chats-file.jsonl';
		const records = readGeminiTranscript(readSample(file), file);
		assert.deepEqual(kinds(records), ['user', 'toolCall', 'toolResult', 'assistant']);
		assert.ok(records[0]?.kind === 'user' && records[0].text === 'run echo');
		const call = records[1];
		assert.ok(call?.kind === 'toolCall' && call.command === 'echo hello-from-gemini-tool');
		assert.equal(call.source.line, 7, 'the second copy (with toolCalls) wins');
	});

	it('reads real Codex rollouts: tool call, output, resumed prompts and the usage-limit error', () => {
		const file = 'codex/rollout-tool-then-resumed-twice.jsonl';
		const records = readCodexTranscript(readSample(file), file);
		assert.deepEqual(
			records.filter((r) => r.kind === 'user').map((r) => (r.kind === 'user' ? r.text : '')),
			['run echo', 'follow up', 'again'],
		);
		const call = records.find((r) => r.kind === 'toolCall');
		assert.ok(call?.kind === 'toolCall' && call.command === 'echo hello-from-codex-tool');
		const result = records.find((r) => r.kind === 'toolResult');
		assert.ok(result?.kind === 'toolResult' && !result.isError);
		const limit = readCodexTranscript(readSample('codex/rollout-usage-limit.jsonl'), 'r');
		assert.deepEqual(kinds(limit), ['user', 'error']);
	});

	it('tolerates truncated, blank, non-JSON and wrongly shaped lines', () => {
		const junk = ['', 'not json', '{"type":"user","message":', '[1,2]', '{"type":"assistant","message":{"content":"x"}}', '{"payload":7}', '{"$set":{"messages":[null,5]}}'].join('\n');
		assert.deepEqual(readClaudeTranscript(junk, 'j'), []);
		assert.deepEqual(readGeminiTranscript(junk, 'j'), []);
		assert.deepEqual(readCodexTranscript(junk, 'j'), []);
		const cut = readSample('claude/transcript-tool-session.jsonl');
		assert.doesNotThrow(() => readClaudeTranscript(cut.slice(0, Math.floor(cut.length / 2)), 'half'));
	});

	it('recognizes writes, reads, failures and plans in synthetic Claude and Codex lines', () => {
		const claude = [
			JSON.stringify({ type: 'user', message: { role: 'user', content: 'fix the parser' } }),
			JSON.stringify({ type: 'assistant', message: { content: [{ type: 'tool_use', id: 't1', name: 'Edit', input: { file_path: 'src/a.ts' } }, { type: 'tool_use', id: 't2', name: 'TodoWrite', input: { todos: [{ content: 'write test', status: 'in_progress' }] } }] } }),
			JSON.stringify({ type: 'user', message: { content: [{ type: 'tool_result', tool_use_id: 't1', content: 'boom', is_error: true }] } }),
		].join('\r\n');
		const records = readClaudeTranscript(claude, 'c.jsonl');
		assert.deepEqual(kinds(records), ['user', 'toolCall', 'plan', 'toolResult']);
		assert.ok(records[1]?.kind === 'toolCall' && records[1].access === 'write' && records[1].paths[0] === 'src/a.ts');
		assert.ok(records[3]?.kind === 'toolResult' && records[3].isError);
		const codex = [
			JSON.stringify({ type: 'response_item', payload: { type: 'function_call', name: 'shell', arguments: JSON.stringify({ command: ['bash', '-lc', 'npm test'] }), call_id: 'c1' } }),
			JSON.stringify({ type: 'response_item', payload: { type: 'function_call_output', call_id: 'c1', output: 'Process exited with code 1\nFAIL' } }),
			JSON.stringify({ type: 'response_item', payload: { type: 'custom_tool_call', name: 'apply_patch', input: '*** Begin Patch\n*** Update File: src/b.ts\n*** End Patch', call_id: 'c2' } }),
			JSON.stringify({ type: 'response_item', payload: { type: 'function_call', name: 'update_plan', arguments: JSON.stringify({ plan: [{ step: 'rerun', status: 'pending' }] }) } }),
		].join('\n');
		const cx = readCodexTranscript(codex, 'r.jsonl');
		assert.deepEqual(kinds(cx), ['toolCall', 'toolResult', 'toolCall', 'plan']);
		assert.ok(cx[0]?.kind === 'toolCall' && cx[0].command === 'npm test');
		assert.ok(cx[1]?.kind === 'toolResult' && cx[1].isError);
		assert.ok(cx[2]?.kind === 'toolCall' && cx[2].access === 'write' && cx[2].paths[0] === 'src/b.ts');
	});
});
