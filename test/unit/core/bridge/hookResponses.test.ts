import * as assert from 'node:assert/strict';
import { renderHookResponse, supportsContext } from '../../../../src/core/bridge/hookResponses';
import { readSample } from '../../../support/samples';

describe('hookResponses', () => {
	it('renders tool denials in each CLI\'s format, exit 0, one JSON line', () => {
		const claude = renderHookResponse('claude', 'PreToolUse', { block: 'held by gemini' });
		assert.equal(claude.exitCode, 0);
		assert.equal(claude.stdout.split('\n').filter(Boolean).length, 1);
		assert.deepEqual(JSON.parse(claude.stdout), { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: 'held by gemini' } });
		const expectedShape = JSON.parse(readSample('claude/hook-output-examples.json')) as { PreToolUse_deny: { hookSpecificOutput: Record<string, unknown> } };
		assert.deepEqual(Object.keys(JSON.parse(claude.stdout).hookSpecificOutput as object).sort(), Object.keys(expectedShape.PreToolUse_deny.hookSpecificOutput).sort());
		assert.deepEqual(JSON.parse(renderHookResponse('gemini', 'BeforeTool', { block: 'r' }).stdout), { decision: 'deny', reason: 'r' });
		assert.deepEqual(JSON.parse(renderHookResponse('codex', 'PreToolUse', { block: 'r' }).stdout), { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: 'r' } });
	});

	it('blocks other events with exit 2 and the reason on stderr', () => {
		const r = renderHookResponse('claude', 'UserPromptSubmit', { block: 'no' });
		assert.deepEqual(r, { stdout: '', stderr: 'no\n', exitCode: 2 });
	});

	it('injects additionalContext where the CLI reads it, and nothing elsewhere', () => {
		const r = renderHookResponse('claude', 'SessionStart', { context: 'CTX' });
		assert.deepEqual(JSON.parse(r.stdout), { hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext: 'CTX' } });
		assert.deepEqual(JSON.parse(renderHookResponse('gemini', 'BeforeAgent', { context: 'C' }).stdout), { hookSpecificOutput: { hookEventName: 'BeforeAgent', additionalContext: 'C' } });
		assert.deepEqual(JSON.parse(renderHookResponse('codex', 'SessionStart', { context: 'C' }).stdout), { hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext: 'C' } });
		assert.equal(renderHookResponse('gemini', 'SessionEnd', { context: 'C' }).stdout, '');
		assert.equal(renderHookResponse('codex', 'PostToolUse', { context: 'C' }).stdout, '');
		assert.equal(renderHookResponse('claude', 'Stop', { context: '   ' }).stdout, '');
		assert.equal(supportsContext('gemini', 'AfterTool'), true);
	});

	it('gives Claude\'s PreCompact plain text (compaction instructions) and Gemini a systemMessage', () => {
		assert.deepEqual(renderHookResponse('claude', 'PreCompact', { context: 'keep the goal' }), { stdout: 'keep the goal\n', stderr: '', exitCode: 0 });
		assert.deepEqual(JSON.parse(renderHookResponse('gemini', 'PreCompress', { systemMessage: 'hi' }).stdout), { systemMessage: 'hi' });
		assert.equal(renderHookResponse('codex', 'Stop', { systemMessage: 'hi' }).stdout, '');
	});

	it('prints nothing for an empty verdict', () => {
		for (const agent of ['claude', 'gemini', 'codex'] as const) {
			assert.deepEqual(renderHookResponse(agent, 'SessionStart', {}), { stdout: '', stderr: '', exitCode: 0 });
		}
	});
});
