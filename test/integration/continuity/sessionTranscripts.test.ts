import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claudeProjectFolder, codexRolloutCwd, findTranscript, readSessionRecords } from '../../../src/infra/continuity/sessionTranscripts';
import { readSample } from '../../support/samples';

describe('session transcripts on disk', () => {
	const home = mkdtempSync(join(tmpdir(), 'baton-transcripts-'));
	const inputs = { env: {}, homeDir: home };
	const cwd = '/tmp/my.proj_x y';

	before(() => {
		const claudeDir = join(home, '.claude', 'projects', claudeProjectFolder(cwd));
		mkdirSync(claudeDir, { recursive: true });
		writeFileSync(join(claudeDir, '2f71b7a6-0888-424b-be0e-80167322692a.jsonl'), readSample('claude/transcript-tool-session.jsonl'));
		const other = join(home, '.claude', 'projects', '-elsewhere');
		mkdirSync(other, { recursive: true });
		writeFileSync(join(other, 'aaaaaaaa-0000-4000-8000-000000000000.jsonl'), readSample('claude/transcript-tool-session.jsonl'));
		const chats = join(home, '.gemini', 'tmp', 'my-proj', 'chats');
		mkdirSync(chats, { recursive: true });
		writeFileSync(join(chats, 'session-2026-11-25T14-03-539e147b.jsonl'), readSample('gemini/session-chats-file.jsonl'));
		const day = join(home, '.codex', 'sessions', '2026', '11', '25');
		mkdirSync(day, { recursive: true });
		writeFileSync(join(day, 'rollout-2026-11-25T14-18-20-01a21312-5cf1-7b70-b10a-0a32dc85d0c4.jsonl'), readSample('codex/rollout-usage-limit.jsonl'));
	});

	it('encodes the cwd the way Claude names project folders', () => {
		assert.equal(claudeProjectFolder('/tmp/work1'), '-tmp-work1');
		assert.equal(claudeProjectFolder(cwd), '-tmp-my-proj-x-y');
	});

	it('finds each CLI\'s transcript by session id, and nothing for unknown or unsafe ids', async () => {
		assert.match((await findTranscript({ agent: 'claude', sessionId: '2f71b7a6-0888-424b-be0e-80167322692a', cwd, inputs })) ?? '', /-tmp-my-proj-x-y\/2f71b7a6/);
		assert.match((await findTranscript({ agent: 'claude', sessionId: 'aaaaaaaa-0000-4000-8000-000000000000', cwd, inputs })) ?? '', /-elsewhere\//, 'falls back to any project folder');
		assert.match((await findTranscript({ agent: 'gemini', sessionId: '539e147b-bdc1-472d-9cda-c8404a669020', cwd, inputs })) ?? '', /session-2026-11-25T14-03-539e147b\.jsonl$/);
		assert.match((await findTranscript({ agent: 'codex', sessionId: '01a21312-5cf1-7b70-b10a-0a32dc85d0c4', cwd, inputs })) ?? '', /rollout-.*01a21312-5cf1-7b70-b10a-0a32dc85d0c4\.jsonl$/);
		assert.equal(await findTranscript({ agent: 'claude', sessionId: 'ffffffff-0000-4000-8000-000000000000', cwd, inputs }), undefined);
		assert.equal(await findTranscript({ agent: 'claude', sessionId: '../../etc/passwd', cwd, inputs }), undefined);
		assert.equal(await findTranscript({ agent: 'other', sessionId: 'x', cwd, inputs }), undefined);
	});

	it('reads the records and the Codex session folder', async () => {
		const file = await findTranscript({ agent: 'claude', sessionId: '2f71b7a6-0888-424b-be0e-80167322692a', cwd, inputs });
		const records = await readSessionRecords('claude', file ?? '');
		assert.ok(records.some((r) => r.kind === 'user'));
		assert.ok(records.some((r) => r.kind === 'toolCall'));
		assert.deepEqual(await readSessionRecords('claude', join(home, 'missing.jsonl')), []);
		const rollout = await findTranscript({ agent: 'codex', sessionId: '01a21312-5cf1-7b70-b10a-0a32dc85d0c4', cwd, inputs });
		assert.equal(await codexRolloutCwd(rollout ?? ''), '/tmp/work4');
	});
});
