import * as assert from 'node:assert/strict';
import { normalizeHookPayload, patchFiles, type NormalizeContext } from '../../../../src/core/bridge/hookPayloads';
import type { BridgeAgent, HookEvent } from '../../../../src/core/bridge/types';
import { readSample } from '../../../support/samples';

function ctx(agent: BridgeAgent, eventName: string, projectDir: string | null = null): NormalizeContext {
	return { agent, eventName, id: 'id-1', now: new Date('2026-11-25T14:00:00Z'), projectDir, fallbackCwd: '/fallback' };
}

function normalise(agent: BridgeAgent, payload: unknown, eventName = '', projectDir: string | null = null): HookEvent {
	const r = normalizeHookPayload(payload, ctx(agent, eventName, projectDir));
	assert.ok(r.ok, r.ok ? '' : r.reason);
	return r.event;
}

function sample(agent: BridgeAgent, event: string): Record<string, unknown> {
	return JSON.parse(readSample(`${agent}/hook-input/${event}.json`)) as Record<string, unknown>;
}

describe('hookPayloads', () => {
	it('maps every sample payload of the three CLIs to its kind', () => {
		const expected: Record<BridgeAgent, Record<string, string>> = {
			claude: { SessionStart: 'session_start', UserPromptSubmit: 'prompt', PreToolUse: 'pre_tool', PostToolUse: 'post_tool', Stop: 'stop', StopFailure: 'stop_failure', SessionEnd: 'session_end', PostToolBatch: 'other' },
			gemini: { SessionStart: 'session_start', BeforeAgent: 'prompt', BeforeTool: 'pre_tool', AfterTool: 'post_tool', AfterAgent: 'stop', SessionEnd: 'session_end', PreCompress: 'pre_compact', BeforeModel: 'other' },
			codex: { SessionStart: 'session_start', UserPromptSubmit: 'prompt', PreToolUse: 'pre_tool', PostToolUse: 'post_tool', Stop: 'stop', SessionEnd: 'session_end' },
		};
		for (const [agent, events] of Object.entries(expected) as [BridgeAgent, Record<string, string>][]) {
			for (const [event, kind] of Object.entries(events)) {
				const e = normalise(agent, sample(agent, event));
				assert.equal(e.kind, kind, `${agent} ${event}`);
				assert.equal(e.rawEvent, event);
				assert.equal(e.agent, agent);
				assert.ok(e.sessionId.length > 10);
				assert.ok(e.cwd.startsWith('/tmp/work'));
			}
		}
	});

	it('reads prompts (Gemini without its <hook_context> prefix), sources, reasons and failures', () => {
		assert.equal(normalise('claude', sample('claude', 'UserPromptSubmit')).prompt, 'run echo');
		assert.equal(normalise('gemini', sample('gemini', 'BeforeAgent')).prompt, 'run echo');
		assert.equal(normalise('claude', sample('claude', 'SessionStart')).detail, 'startup');
		assert.equal(normalise('gemini', sample('gemini', 'SessionEnd')).detail, 'exit');
		assert.equal(normalise('gemini', sample('gemini', 'PreCompress')).detail, 'auto');
		const failure = normalise('claude', sample('claude', 'StopFailure')).failure;
		assert.equal(failure?.error, 'rate_limit');
		assert.match(failure?.text ?? '', /session limit/);
		assert.equal(normalise('codex', sample('codex', 'SessionStart')).model, 'gpt-5.5');
	});

	it('treats shells as not writing files, and the file tools of each CLI as writing', () => {
		for (const [agent, event] of [['claude', 'PreToolUse'], ['gemini', 'BeforeTool'], ['codex', 'PreToolUse']] as const) {
			const tool = normalise(agent, sample(agent, event)).tool;
			assert.equal(tool?.writesFiles, false, `${agent} shell`);
			assert.deepEqual(tool?.files, []);
		}
		const base = { session_id: 's1', cwd: '/w' };
		const claude = normalise('claude', { ...base, hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: '/w/a.txt', content: 'x' } }).tool;
		assert.deepEqual(claude?.files, ['/w/a.txt']);
		assert.deepEqual(normalise('claude', { ...base, hook_event_name: 'PreToolUse', tool_name: 'NotebookEdit', tool_input: { notebook_path: '/w/n.ipynb' } }).tool?.files, ['/w/n.ipynb']);
		assert.deepEqual(normalise('gemini', { ...base, hook_event_name: 'BeforeTool', tool_name: 'replace', tool_input: { file_path: '/w/b.txt' } }).tool?.files, ['/w/b.txt']);
		const patch = '*** Begin Patch\n*** Add File: new.txt\n+x\n*** Update File: src/old.ts\n*** Move to: src/moved.ts\n@@\n-a\n+b\n*** Delete File: gone.txt\n*** End Patch\n';
		const codex = normalise('codex', { ...base, hook_event_name: 'PreToolUse', tool_name: 'apply_patch', tool_input: { command: patch } }).tool;
		assert.deepEqual(codex?.files, ['/w/new.txt', '/w/src/old.ts', '/w/src/moved.ts', '/w/gone.txt']);
		assert.deepEqual(patchFiles(patch), ['new.txt', 'src/old.ts', 'src/moved.ts', 'gone.txt']);
	});

	it('rejects hostile paths instead of acting on them', () => {
		const base = { session_id: 's1', cwd: '/w', hook_event_name: 'PreToolUse', tool_name: 'Write' };
		for (const file_path of ['/etc/passwd', '/w/../etc/passwd', '../escape.txt', '/w2/x', 'a\u0000b']) {
			const tool = normalise('claude', { ...base, tool_input: { file_path } }, '', '/w').tool;
			assert.deepEqual(tool?.files, [], file_path);
			assert.equal(tool?.rejected.length, 1, file_path);
		}
		const patch = '*** Begin Patch\n*** Add File: ../../outside.txt\n+x\n*** Add File: ok.txt\n+y\n*** End Patch\n';
		const codex = normalise('codex', { ...base, tool_name: 'apply_patch', tool_input: { command: patch } }, '', '/w').tool;
		assert.deepEqual(codex?.files, ['/w/ok.txt']);
		assert.equal(codex?.rejected.length, 1);
	});

	it('marks failed tool results', () => {
		const base = { session_id: 's1', cwd: '/w' };
		assert.equal(normalise('claude', { ...base, hook_event_name: 'PostToolUseFailure', tool_name: 'Write', tool_input: { file_path: '/w/a' } }).tool?.failed, true);
		assert.equal(normalise('gemini', { ...base, hook_event_name: 'AfterTool', tool_name: 'write_file', tool_input: { file_path: '/w/a' }, tool_response: { error: 'denied' } }).tool?.failed, true);
		assert.equal(normalise('codex', { ...base, hook_event_name: 'PostToolUse', tool_name: 'apply_patch', tool_input: { command: '*** Add File: a\n' }, tool_response: 'Exit code: 1\nfailed' }).tool?.failed, true);
		assert.equal(normalise('codex', { ...base, hook_event_name: 'PostToolUse', tool_name: 'apply_patch', tool_input: { command: '*** Add File: a\n' }, tool_response: 'Exit code: 0\nSuccess' }).tool?.failed, false);
	});

	it('refuses payloads that are not objects or have no session id, and falls back to the process cwd', () => {
		assert.equal(normalizeHookPayload([], ctx('claude', 'Stop')).ok, false);
		assert.equal(normalizeHookPayload('x', ctx('claude', 'Stop')).ok, false);
		assert.equal(normalizeHookPayload({ cwd: '/w' }, ctx('claude', 'Stop')).ok, false);
		assert.equal(normalizeHookPayload({ session_id: 'x'.repeat(300) }, ctx('claude', 'Stop')).ok, false);
		const e = normalise('claude', { session_id: 's', cwd: 'relative' }, 'Stop');
		assert.equal(e.cwd, '/fallback');
		assert.equal(e.kind, 'stop', 'the command line names the event when the payload does not');
	});

	it('says which events can carry injected context', () => {
		assert.equal(normalise('claude', sample('claude', 'SessionStart')).canInject, true);
		assert.equal(normalise('claude', sample('claude', 'Stop')).canInject, false);
		assert.equal(normalise('gemini', sample('gemini', 'BeforeAgent')).canInject, true);
		assert.equal(normalise('gemini', sample('gemini', 'BeforeTool')).canInject, false);
		assert.equal(normalise('codex', sample('codex', 'UserPromptSubmit')).canInject, true);
		assert.equal(normalise('codex', sample('codex', 'PostToolUse')).canInject, false);
	});
});
