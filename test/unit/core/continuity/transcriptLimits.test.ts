import * as assert from 'node:assert/strict';
import { claudeTranscriptLimit, codexTranscriptLimit, geminiTranscriptLimit } from '../../../../src/core/continuity/transcriptLimits';
import { sampleLines } from '../../../support/samples';

const now = (): Date => new Date('2026-11-25T14:30:00Z');

describe('limits recorded in session transcripts', () => {
	it('finds Claude\'s synthetic session-limit line, with session, cwd and reset', () => {
		const file = '/h/.claude/projects/-tmp-work1/2f71b7a6-0888-424b-be0e-80167322692a.jsonl';
		const found = sampleLines('claude/transcript-subscription-session-limit.jsonl').map((l) => claudeTranscriptLimit(l, file, now, 'UTC')).filter((l) => l !== null);
		assert.equal(found.length, 1);
		const limit = found[0]!;
		assert.equal(limit.agent, 'claude');
		assert.equal(limit.sessionId, '2f71b7a6-0888-424b-be0e-80167322692a');
		assert.equal(limit.cwd, '/tmp/work1');
		assert.equal(limit.file, file);
		assert.equal(limit.at, '2026-11-25T13:59:26.772Z');
		assert.equal(limit.signal.kind, 'quota_exhausted');
		assert.equal(limit.signal.window, 'five_hour');
		assert.equal(limit.signal.resetsAt, '2026-11-25T15:59:00.000Z');
	});

	it('ignores Claude lines that are not limits (tool sessions, API-key 429 retries are limits too)', () => {
		const none = sampleLines('claude/transcript-tool-session.jsonl').map((l) => claudeTranscriptLimit(l, 'f', now, 'UTC')).filter((l) => l !== null);
		assert.equal(none.length, 0);
		const apiKey = sampleLines('claude/transcript-api-429.jsonl').map((l) => claudeTranscriptLimit(l, 'f', now, 'UTC')).filter((l) => l !== null);
		assert.ok(apiKey.every((l) => l.signal.kind === 'rate_limited'), JSON.stringify(apiKey.map((l) => l.signal)));
	});

	it('finds Codex\'s usage limit in a rollout, keyed by the thread id in the file name', () => {
		const file = '/h/.codex/sessions/2026/11/25/rollout-2026-11-25T14-18-20-01a21312-5cf1-7b70-b10a-0a32dc85d0c4.jsonl';
		const found = sampleLines('codex/rollout-usage-limit.jsonl').map((l) => codexTranscriptLimit(l, file, now, 'UTC')).filter((l) => l !== null);
		assert.equal(found.length, 1);
		assert.equal(found[0]?.sessionId, '01a21312-5cf1-7b70-b10a-0a32dc85d0c4');
		assert.equal(found[0]?.signal.kind, 'quota_exhausted');
		assert.equal(found[0]?.at, '2026-11-25T14:18:20.493Z');
		assert.equal(sampleLines('codex/rollout-success.jsonl').map((l) => codexTranscriptLimit(l, file, now, 'UTC')).filter((l) => l !== null).length, 0);
	});

	it('finds a Gemini quota error message, as a line or inside a $set patch', () => {
		const file = '/h/.gemini/tmp/p/chats/session-2026-11-25T14-03-539e147b.jsonl';
		const message = { id: 'e1', timestamp: '2026-11-25T14:05:00.000Z', type: 'error', content: '[API Error: You have exhausted your daily quota on this model.]' };
		const asLine = geminiTranscriptLimit(JSON.stringify(message), file, now, 'UTC');
		assert.equal(asLine?.sessionId, '539e147b');
		assert.equal(asLine?.signal.kind, 'quota_exhausted');
		const asPatch = geminiTranscriptLimit(JSON.stringify({ $set: { messages: [{ id: 'u', type: 'user', content: 'hi' }, message] } }), file, now, 'UTC');
		assert.equal(asPatch?.at, '2026-11-25T14:05:00.000Z');
		assert.equal(geminiTranscriptLimit(JSON.stringify({ ...message, content: 'Error: file not found' }), file, now, 'UTC'), null);
		assert.equal(sampleLines('gemini/session-chats-file.jsonl').map((l) => geminiTranscriptLimit(l, file, now, 'UTC')).filter((l) => l !== null).length, 0);
	});
});
