import * as assert from 'node:assert/strict';
import { BridgeHub, type BridgeHubOptions } from '../../../../src/core/bridge/bridgeHub';
import { batonToolNames } from '../../../../src/core/bridge/hubText';
import type { BridgeAgent, BridgeMemory, BusEvent, HookEvent, HookKind } from '../../../../src/core/bridge/types';

const ws = '/w';
let ids = 0;

function hubAt(startIso = '2026-11-25T14:00:00Z', extra: Partial<BridgeHubOptions> = {}): { hub: BridgeHub; advance(ms: number): void; events: BusEvent[] } {
	let now = Date.parse(startIso);
	const hub = new BridgeHub({ clock: () => new Date(now), workspaceFolder: ws, ...extra });
	const events: BusEvent[] = [];
	hub.subscribe((e) => events.push(e));
	return { hub, advance: (ms) => (now += ms), events };
}

function ev(agent: BridgeAgent, sessionId: string, kind: HookKind, rawEvent: string, more: Partial<HookEvent> = {}): HookEvent {
	return { id: `e${++ids}`, agent, kind, rawEvent, sessionId, at: '2026-11-25T14:00:00.000Z', cwd: ws, projectDir: ws, canInject: false, ...more };
}

function write(agent: BridgeAgent, sessionId: string, kind: 'pre_tool' | 'post_tool', file: string, canInject = false): HookEvent {
	const rawEvent = agent === 'gemini' ? (kind === 'pre_tool' ? 'BeforeTool' : 'AfterTool') : kind === 'pre_tool' ? 'PreToolUse' : 'PostToolUse';
	return ev(agent, sessionId, kind, rawEvent, { canInject, tool: { name: agent === 'gemini' ? 'write_file' : 'Write', writesFiles: true, files: [file], rejected: [], failed: false } });
}

const memory = (recalled: string, delayMs = 0): BridgeMemory & { calls: string[] } => {
	const calls: string[] = [];
	return {
		calls,
		recall: async (task, budget) => {
			calls.push(`${task}|${budget}`);
			await new Promise((r) => setTimeout(r, delayMs));
			return recalled;
		},
		remember: async () => 'ok',
		critique: async () => 'ok',
		checkpoint: async () => 'ok',
	};
};

describe('BridgeHub', () => {
	it('answers session start with instructions, recalled memory and unread messages from other agents', async () => {
		const mem = memory('Use pnpm, not npm.');
		const { hub, events } = hubAt(undefined, { memory: mem, recallBudgetTokens: 300 });
		await hub.handleHook(ev('claude', 'C1', 'session_start', 'SessionStart', { detail: 'startup' }));
		hub.sendMessage({ from: { agent: 'claude', sessionId: 'C1' }, to: 'gemini', text: 'I am refactoring src/api; avoid it.' });
		const verdict = await hub.handleHook(ev('gemini', 'G1', 'session_start', 'SessionStart', { canInject: true }));
		assert.match(verdict.context ?? '', new RegExp(batonToolNames.checkpoint));
		assert.match(verdict.context ?? '', /Use pnpm, not npm\./);
		assert.match(verdict.context ?? '', /Message from Claude Code \(session C1\) at 14:00 UTC: I am refactoring src\/api/);
		assert.match(mem.calls[0] ?? '', /\|300$/);
		const again = await hub.handleHook(ev('gemini', 'G1', 'prompt', 'BeforeAgent', { canInject: true, prompt: 'x' }));
		assert.equal(again.context, undefined, 'a message is delivered once');
		assert.deepEqual(events.map((e) => e.type), ['session_started', 'message', 'session_started', 'prompt']);
		assert.equal(events[1]?.agent, 'claude');
	});

	it('does not wait for a slow memory module beyond its timeout', async () => {
		const { hub } = hubAt(undefined, { memory: memory('late', 500), recallTimeoutMs: 20 });
		const t0 = Date.now();
		const verdict = await hub.handleHook(ev('claude', 'C1', 'session_start', 'SessionStart', { canInject: true }));
		assert.ok(Date.now() - t0 < 300);
		assert.doesNotMatch(verdict.context ?? '', /late/);
		assert.match(verdict.context ?? '', /Baton coordinates/);
	});

	it('records the first prompt as the goal and adds a routing hint from the hook point', async () => {
		const { hub } = hubAt(undefined, { routingHint: (prompt) => (prompt.includes('research') ? 'Gemini suits research.' : undefined) });
		const v = await hub.handleHook(ev('claude', 'C1', 'prompt', 'UserPromptSubmit', { canInject: true, prompt: 'research caching options' }));
		await hub.handleHook(ev('claude', 'C1', 'prompt', 'UserPromptSubmit', { prompt: 'now implement it' }));
		assert.equal(v.context, 'Gemini suits research.');
		const s = hub.listSessions()[0];
		assert.equal(s?.goal, 'research caching options');
		assert.equal(s?.lastPrompt, 'now implement it');
	});

	it('claims a file for the first writer and blocks another live session, naming the holder and the expiry', async () => {
		const { hub, events, advance } = hubAt();
		assert.deepEqual(await hub.handleHook(write('claude', 'C1', 'pre_tool', '/w/src/a.ts')), {});
		advance(60_000);
		const blocked = await hub.handleHook(write('gemini', 'G1', 'pre_tool', '/w/src/a.ts'));
		assert.match(blocked.block ?? '', /src\/a\.ts is being edited by Claude Code \(session C1\)/);
		assert.match(blocked.block ?? '', /expires at 14:10 UTC \(in about 9 min\)/);
		assert.deepEqual(events.filter((e) => e.type !== 'session_started').map((e) => e.type), ['file_claimed', 'claim_blocked']);
		assert.deepEqual(hub.listClaims().map((c) => [c.file, c.sessionId]), [['/w/src/a.ts', 'C1']]);
		assert.deepEqual(await hub.handleHook(write('claude', 'C1', 'pre_tool', '/w/src/a.ts')), {}, 'the holder may write again');
		await hub.handleHook(ev('claude', 'C1', 'stop', 'Stop'));
		assert.deepEqual(await hub.handleHook(write('gemini', 'G1', 'pre_tool', '/w/src/a.ts')), {}, 'released at the end of the turn');
		const ended = events.find((e) => e.type === 'session_ended');
		assert.equal(ended?.type === 'session_ended' && ended.data.releasedClaims, 1);
	});

	it('lets a claim lapse after its lease', async () => {
		const { hub, advance } = hubAt(undefined, { leaseMs: 60_000 });
		await hub.handleHook(write('claude', 'C1', 'pre_tool', '/w/a'));
		advance(61_000);
		assert.deepEqual(await hub.handleHook(write('codex', 'X1', 'pre_tool', '/w/a')), {});
	});

	it('reports written files and a collision when two sessions write the same file within the window', async () => {
		const { hub, events, advance } = hubAt();
		await hub.handleHook(write('claude', 'C1', 'post_tool', '/w/a.ts'));
		await hub.handleHook(ev('claude', 'C1', 'stop', 'Stop'));
		advance(30_000);
		const second = await hub.handleHook(write('gemini', 'G1', 'post_tool', '/w/a.ts', true));
		assert.match(second.context ?? '', /collision on a\.ts: it was also written by Claude Code \(session C1\) at 14:00 UTC/);
		const collision = events.find((e) => e.type === 'collision');
		assert.ok(collision && collision.type === 'collision');
		assert.deepEqual(collision.data.sessions.map((s) => s.sessionId), ['C1', 'G1']);
		assert.deepEqual(events.filter((e) => e.type === 'file_written').map((e) => e.sessionId), ['C1', 'G1']);
		const first = await hub.handleHook(ev('claude', 'C1', 'prompt', 'UserPromptSubmit', { canInject: true, prompt: 'go on' }));
		assert.match(first.context ?? '', /collision on a\.ts: it was also written by Gemini CLI \(session G1\)/);
		advance(3 * 60_000);
		await hub.handleHook(write('codex', 'X1', 'post_tool', '/w/a.ts'));
		assert.equal(events.filter((e) => e.type === 'collision').length, 1, 'outside the window');
	});

	it('ignores failed writes and paths outside the workspace, even if a client sends them', async () => {
		const { hub, events } = hubAt();
		const failed = write('claude', 'C1', 'post_tool', '/w/a.ts');
		await hub.handleHook({ ...failed, tool: { ...(failed.tool as NonNullable<HookEvent['tool']>), failed: true } });
		await hub.handleHook(write('claude', 'C1', 'pre_tool', '/etc/passwd'));
		await hub.handleHook(write('claude', 'C1', 'post_tool', '/w/../etc/x'));
		assert.deepEqual(events.map((e) => e.type), ['session_started']);
	});

	it('turns a rate-limit stop failure into a signal and ends the session', async () => {
		const { hub, events } = hubAt();
		await hub.handleHook(ev('claude', 'C1', 'stop_failure', 'StopFailure', { failure: { error: 'rate_limit', text: "rate_limit\nYou've hit your session limit · resets 4:21pm (UTC)" } }));
		const signal = events.find((e) => e.type === 'signal');
		assert.ok(signal?.type === 'signal');
		assert.equal(signal.data.kind, 'quota_exhausted');
		assert.equal(signal.data.resetsAt, '2026-11-25T16:21:00.000Z');
		await hub.handleHook(ev('claude', 'C2', 'stop_failure', 'StopFailure', { failure: { error: 'rate_limit', text: 'rate_limit' } }));
		const second = events.filter((e) => e.type === 'signal')[1];
		assert.equal(second?.type === 'signal' && second.data.kind, 'rate_limited');
		assert.equal(hub.listSessions().every((s) => s.state === 'ended'), true);
	});

	it('asks for a checkpoint around compaction and publishes notifications', async () => {
		const { hub, events } = hubAt();
		const v = await hub.handleHook(ev('claude', 'C1', 'pre_compact', 'PreCompact', { detail: 'auto' }));
		assert.match(v.context ?? '', new RegExp(`call \`${batonToolNames.checkpoint}\``));
		const after = await hub.handleHook(ev('claude', 'C1', 'session_start', 'SessionStart', { detail: 'compact', canInject: true }));
		assert.match(after.context ?? '', /the conversation was compacted/);
		await hub.handleHook(ev('claude', 'C1', 'notification', 'Notification', { notification: { message: 'Claude needs your permission', title: null, type: 'permission_prompt' } }));
		const n = events.find((e) => e.type === 'notification');
		assert.equal(n?.type === 'notification' && n.data.type, 'permission_prompt');
	});

	it('asks a live session to checkpoint before its limit, delivered with the next injectable hook', async () => {
		const { hub } = hubAt();
		assert.equal(hub.requestCheckpoint('nobody', 'Claude is at 90%'), false);
		await hub.handleHook(ev('claude', 'C1', 'session_start', 'SessionStart', { canInject: true }));
		assert.equal(hub.requestCheckpoint('C1', 'Claude is at 90% of its 5-hour window'), true);
		const next = await hub.handleHook(write('claude', 'C1', 'post_tool', '/w/a.ts', true));
		assert.match(next.context ?? '', /Baton: Claude is at 90% of its 5-hour window, so this session may be stopped by the limit soon\. Call `[^`]+` now/);
		const after = await hub.handleHook(write('claude', 'C1', 'post_tool', '/w/b.ts', true));
		assert.doesNotMatch(after.context ?? '', /may be stopped by the limit/, 'delivered once');
		await hub.handleHook(ev('claude', 'C1', 'session_end', 'SessionEnd'));
		assert.equal(hub.requestCheckpoint('C1', 'again'), false, 'ended sessions are not asked');
	});

	it('replays spooled events with their own times, without context, dropping duplicates', async () => {
		const { hub, events } = hubAt('2026-11-25T15:00:00Z', { memory: memory('never') });
		const start = ev('codex', 'X1', 'session_start', 'SessionStart', { at: '2026-11-25T13:00:00.000Z', canInject: true });
		const w = { ...write('codex', 'X1', 'post_tool', '/w/x.txt'), at: '2026-11-25T13:01:00.000Z' };
		await hub.ingest([w, start, w]);
		assert.deepEqual(events.map((e) => [e.type, e.at]), [
			['session_started', '2026-11-25T13:00:00.000Z'],
			['file_claimed', '2026-11-25T13:01:00.000Z'],
			['file_written', '2026-11-25T13:01:00.000Z'],
		]);
		assert.deepEqual(hub.listClaims(), [], 'replayed claims have long expired');
		assert.deepEqual(await hub.handleHook(start), {}, 'the same event id later is ignored');
	});

	it('lists sessions, serves inboxes and filters events by agent', async () => {
		const { hub } = hubAt();
		await hub.handleHook(ev('claude', 'C1', 'session_start', 'SessionStart'));
		await hub.handleHook(ev('codex', 'X1', 'session_start', 'SessionStart'));
		hub.sendMessage({ from: { agent: 'user', sessionId: null }, to: 'X1', text: 'hello', kind: 'delegation' });
		assert.deepEqual(hub.readInbox('X1', true).map((m) => m.kind), ['delegation']);
		assert.equal(hub.readInbox('X1').length, 1);
		assert.equal(hub.readInbox('X1').length, 0);
		assert.deepEqual(hub.events({ agent: 'codex' }).map((e) => e.type), ['session_started']);
		assert.deepEqual(hub.events({ agent: 'user' }).map((e) => e.type), ['delegation']);
		assert.deepEqual(hub.listSessions().map((s) => s.sessionId).sort(), ['C1', 'X1']);
	});
});
