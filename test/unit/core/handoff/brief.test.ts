import * as assert from 'node:assert/strict';
import { buildHandoffBrief, type HandoffBriefInput } from '../../../../src/core/handoff/brief';
import { briefTokenBudget, estimateBriefTokens, utf8Bytes } from '../../../../src/core/handoff/budget';
import { readClaudeTranscript } from '../../../../src/core/handoff/transcripts/claude';
import { readCodexTranscript } from '../../../../src/core/handoff/transcripts/codex';
import { BRIEF_SECTIONS, type Checkpoint, type MemoryNote, type SessionRecord } from '../../../../src/core/handoff/types';
import { randomInt, randomPick, seededRandom, type Random } from '../../../../src/core/common/random';
import { readSample } from '../../../support/samples';

const now = new Date('2026-11-25T15:00:00Z');
const checkpoint: Checkpoint = {
	id: 'cp2',
	at: '2026-11-25T14:50:00Z',
	goal: 'Make the CSV importer accept quoted newlines',
	hypotheses: ['The tokenizer splits on \\n before checking quotes', 'The BOM confuses the header'],
	ruledOut: [{ item: 'The BOM confuses the header', evidence: 'test with BOM-less file fails the same way' }],
	currentApproach: 'Rewrite the tokenizer as a state machine',
	nextStep: 'Run npm test -- csv after the rewrite',
	files: ['src/csv/tokenizer.ts'],
};
const older: Checkpoint = { ...checkpoint, id: 'cp1', at: '2026-11-25T14:00:00Z', goal: 'Old goal', hypotheses: ['Encoding is latin-1'], ruledOut: [] };
const memories: MemoryNote[] = [{ id: 'm7', title: 'CSV tests', body: 'Fixtures live in test/fixtures/csv' }];

function input(overrides: Partial<HandoffBriefInput> = {}): HandoffBriefInput {
	const file = 'claude/transcript-tool-session.jsonl';
	const limit = 'codex/rollout-usage-limit.jsonl';
	const records = [...readClaudeTranscript(readSample(file), file), ...readCodexTranscript(readSample(limit), limit)];
	return { checkpoints: [older, checkpoint], records, memories, targetContextWindowTokens: 200_000, now, ...overrides };
}

/** Every id a source may name, from the inputs. */
function knownSources(i: HandoffBriefInput): Set<string> {
	return new Set([...i.checkpoints.map((c) => `checkpoint:${c.id}`), ...i.records.map((r) => `transcript:${r.source.file}#${r.source.line}`), ...i.memories.map((m) => `memory:${m.id}`)]);
}

describe('handoff brief', () => {
	it('has every fixed section in order, with checkpoint, transcript and memory content', () => {
		const brief = buildHandoffBrief(input());
		const headings = brief.markdown.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
		assert.deepEqual(headings, [...BRIEF_SECTIONS]);
		assert.match(brief.markdown, /Make the CSV importer accept quoted newlines \[cp:cp2\]/);
		assert.match(brief.markdown, /User asked: run echo \[tx:transcript-tool-session\.jsonl#3\]/);
		assert.match(brief.markdown, /Ran: echo hello-from-tool/);
		assert.match(brief.markdown, /usage limit/);
		assert.match(brief.markdown, /mem:m7/);
		assert.match(brief.markdown, /Old goal|Encoding is latin-1/, 'older checkpoint hypotheses are kept');
		assert.doesNotMatch(brief.markdown.split('## Hypotheses (open)')[1]?.split('## Ruled out')[0] ?? '', /BOM/, 'ruled-out hypotheses are not open');
		assert.match(brief.markdown, /BOM confuses the header — evidence: test with BOM-less file/);
	});

	it('traces every line to a checkpoint, transcript record or memory id', () => {
		const i = input();
		const brief = buildHandoffBrief(i);
		const known = knownSources(i);
		assert.ok(brief.lines.length > 5);
		for (const line of brief.lines) {
			assert.ok(line.sources.length > 0, line.text);
			for (const s of line.sources) assert.ok(known.has(s), `${s} is not an input`);
		}
		const bullets = brief.markdown.split('\n').filter((l) => l.startsWith('- ') && l !== '- (nothing recorded)');
		assert.equal(bullets.length, brief.lines.length);
		for (const b of bullets) assert.match(b, /\[(cp|tx|mem):[^\]]+\]$/);
	});

	it('sizes the budget to the target: min(caller, 5% of its context window)', () => {
		assert.equal(briefTokenBudget(200_000), 4000);
		assert.equal(briefTokenBudget(32_000), 1600);
		assert.equal(briefTokenBudget(1_000_000, 2500), 2500);
		assert.equal(estimateBriefTokens('abcde'), 2);
		assert.equal(utf8Bytes('é€😀'), 2 + 3 + 4);
	});

	it('trims lowest-priority lines first and keeps goal and next step under a tight budget', () => {
		const full = buildHandoffBrief(input());
		const tight = buildHandoffBrief(input({ budgetTokens: 190 }));
		assert.ok(tight.tokens <= 190 && tight.dropped.length > 0);
		assert.match(tight.markdown, /quoted newlines/);
		assert.match(tight.markdown, /## Next step\n- Run npm test -- csv/);
		assert.ok(full.lines.length > tight.lines.length);
		const top = Math.max(...full.lines.map((l) => l.priority));
		assert.ok(tight.lines.some((l) => l.priority === top), 'the highest-priority line survives');
		assert.ok(tight.dropped.some((d) => d.priority < Math.min(...tight.lines.map((l) => l.priority))), 'low-priority lines go first');
		assert.equal(buildHandoffBrief(input({ budgetTokens: 5 })).markdown, '', 'below the skeleton size the brief is empty');
	});

	it('never exceeds the budget on random inputs, and every line stays traceable (property)', () => {
		for (let seed = 1; seed <= 60; seed++) {
			const rand = seededRandom(seed);
			const i = randomInput(rand);
			const brief = buildHandoffBrief(i);
			assert.ok(estimateBriefTokens(brief.markdown) <= brief.budgetTokens, `seed ${seed}: ${brief.tokens} > ${brief.budgetTokens}`);
			assert.equal(brief.tokens, estimateBriefTokens(brief.markdown));
			const known = knownSources(i);
			for (const line of brief.lines) for (const s of line.sources) assert.ok(known.has(s), `seed ${seed}: ${s}`);
		}
	});
});

const alphabet = ['fix', 'tokenizer', 'naïve', 'ünïcödé', '😀', 'the', 'npm test', 'src/a.ts', '\n', '  ', 'é'];
function words(rand: Random, max: number): string {
	return Array.from({ length: randomInt(rand, 0, max) }, () => randomPick(rand, alphabet)).join(' ');
}

function randomInput(rand: Random): HandoffBriefInput {
	const checkpoints: Checkpoint[] = Array.from({ length: randomInt(rand, 0, 3) }, (_, k) => ({
		id: `c${k}`,
		at: new Date(Date.UTC(2026, 10, 25, 10 + k)).toISOString(),
		goal: words(rand, 30),
		hypotheses: Array.from({ length: randomInt(rand, 0, 4) }, () => words(rand, 20)),
		ruledOut: Array.from({ length: randomInt(rand, 0, 3) }, () => ({ item: words(rand, 10), evidence: words(rand, 10) })),
		currentApproach: words(rand, 40),
		nextStep: words(rand, 20),
		files: Array.from({ length: randomInt(rand, 0, 5) }, (_, n) => `src/f${n}.ts`),
	}));
	const records: SessionRecord[] = Array.from({ length: randomInt(rand, 0, 60) }, (_, n): SessionRecord => {
		const source = { file: `t${randomInt(rand, 0, 2)}.jsonl`, line: n + 1 };
		const kind = randomPick(rand, ['user', 'assistant', 'toolCall', 'toolResult', 'error', 'plan'] as const);
		if (kind === 'toolCall') return { kind, id: `id${n}`, name: randomPick(rand, ['Bash', 'Edit', 'Read']), access: randomPick(rand, ['exec', 'write', 'read'] as const), paths: [words(rand, 3)], command: words(rand, 8), source };
		if (kind === 'toolResult') return { kind, callId: `id${n - 1}`, isError: rand() < 0.5, text: words(rand, 50), source };
		if (kind === 'plan') return { kind, items: [{ text: words(rand, 6), status: randomPick(rand, ['pending', 'in_progress', 'completed']) }], source };
		return { kind, text: words(rand, 200), source };
	});
	const memories: MemoryNote[] = Array.from({ length: randomInt(rand, 0, 4) }, (_, n) => ({ id: `m${n}`, title: words(rand, 4), body: words(rand, 60) }));
	return { checkpoints, records, memories, targetContextWindowTokens: randomInt(rand, 0, 60_000), budgetTokens: randomInt(rand, 0, 2_500), now };
}
