import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCritique, type BudgetGate, type CritiqueOptions } from '../../src/core/critique/loop';
import type { Review } from '../../src/core/critique/reviewFormat';
import { createCritiqueRunner, readWorkingTreeDiff } from '../../src/infra/critique/critiqueRunner';
import { claudeSetup, geminiSetup } from '../rig/cliEnv';
import { makeCliDirs, removeCliDirs, writeSetupFiles, type CliDirs } from '../rig/cliSandbox';
import { bodyText, startMockModelServer, type MockModelServer } from '../rig/mockModelServer';
import { realCliPath } from '../support/realClis';
import { blockerReview, commitThenEditSum, fenced } from './critiqueFixtures';

const fixed = 'export function sum(xs) {\n\tlet total = 0;\n\tfor (const x of xs) total += x;\n\treturn total;\n}\n';
const passReview: Review = { verdict: 'pass', summary: 'Looks right now.', findings: [] };

interface Rig {
	readonly server: MockModelServer;
	readonly dirs: CliDirs;
	options(extra?: Partial<CritiqueOptions>): CritiqueOptions;
}

/** Real claude (generator) and gemini (reviewer) sharing one temp HOME and a git workspace with a committed file, then a buggy edit. */
async function rig(): Promise<Rig> {
	const server = await startMockModelServer();
	const dirs = await makeCliDirs('baton-critique-');
	const input = { baseUrl: server.url, home: dirs.home, path: process.env['PATH'] };
	const claude = claudeSetup({ ...input, auth: 'apiKey' });
	const gemini = geminiSetup(input);
	await writeSetupFiles(claude);
	await writeSetupFiles(gemini);
	commitThenEditSum(dirs.workspace);
	writeFileSync(join(dirs.workspace, 'NOTES.md'), 'untracked note\n');
	const runner = createCritiqueRunner({
		cwd: dirs.workspace,
		agents: {
			claude: { executable: realCliPath('claude'), env: claude.env },
			gemini: { executable: realCliPath('gemini'), env: gemini.env, model: 'gemini-2.5-pro' },
		},
		timeoutMs: 90_000,
		cancelGraceMs: 2000,
		timeZone: 'UTC',
	});
	const subject = await readWorkingTreeDiff(dirs.workspace);
	return {
		server,
		dirs,
		options: (extra = {}) => ({
			start: { mode: 'existing', subject, task: 'Implement sum(xs).' },
			generator: 'claude',
			reviewer: 'gemini',
			runner,
			refreshSubject: () => readWorkingTreeDiff(dirs.workspace),
			...extra,
		}),
	};
}

async function close(r: Rig): Promise<void> {
	await r.server.close();
	await removeCliDirs(r.dirs);
}

const sent = (r: Rig, vendor: 'anthropic' | 'gemini'): string[] => r.server.modelRequests(vendor).map((q) => bodyText(q.body));

describe('critique loop with the real claude (generator) and gemini (reviewer) CLIs against the mock model server', function () {
	this.timeout(180_000);

	it('reads the working-tree diff with untracked files listed', async () => {
		const r = await rig();
		try {
			const subject = await readWorkingTreeDiff(r.dirs.workspace);
			assert.equal(subject.kind, 'diff');
			assert.equal(subject.label, 'git diff HEAD');
			assert.ok(subject.text.includes('+\tlet total = 1;'), subject.text);
			assert.ok(subject.text.includes('Untracked files (1):\n- NOTES.md'));
			assert.ok(subject.text.includes('+untracked note'));
		} finally {
			await close(r);
		}
	});

	it('runs two rounds: gemini reports a blocker at file:line, claude fixes the file, gemini passes', async () => {
		const r = await rig();
		try {
			const path = join(r.dirs.workspace, 'src', 'sum.js');
			r.server.script('gemini', [{ text: fenced(blockerReview) }, { text: fenced(passReview) }]);
			// Claude Code refuses to overwrite a file it has not read in the session, so the scripted model reads it first.
			r.server.script('anthropic', [{ toolCall: { name: 'Read', input: { file_path: path } } }, { toolCall: { name: 'Write', input: { file_path: path, content: fixed } } }, { text: 'Finding 1: the total now starts at 0.' }]);
			const outcome = await runCritique(r.options());
			assert.equal(outcome.stopReason, 'passed', `${outcome.stopDetail}\n${JSON.stringify(outcome.rounds, null, 1).slice(0, 3000)}`);
			assert.equal(outcome.rounds.length, 2);
			assert.equal(readFileSync(path, 'utf8'), fixed, 'the real claude CLI rewrote the file');
			const [first, second] = outcome.rounds;
			assert.deepEqual(first?.review?.review, blockerReview);
			assert.equal(second?.change?.kind, 'revise');
			assert.deepEqual(second?.change?.addressed, [blockerReview.findings[0]]);
			assert.ok(second?.change?.result.filesChanged?.some((f) => f.endsWith('sum.js')));
			assert.deepEqual(second?.resolved.map((f) => f.title), ['Wrong initial total']);
			assert.deepEqual(outcome.openFindings, []);
			assert.ok(outcome.totalTokens > 0, 'usage from the CLIs counted');
			const claudePrompt = sent(r, 'anthropic').join('\n');
			assert.ok(claudePrompt.includes('[BLOCKER] src/sum.js:2 — Wrong initial total'), 'the revise prompt reached the generator');
			assert.ok(claudePrompt.includes('Suggested fix: Start the total at 0.'));
			assert.ok(!claudePrompt.includes('Missing JSDoc'), 'nits are not sent back');
			const geminiPrompts = sent(r, 'gemini');
			assert.ok(geminiPrompts.some((b) => b.includes('+\\tlet total = 1;') || b.includes('+\tlet total = 1;')), 'round 1 reviewed the buggy diff');
			assert.ok(geminiPrompts.some((b) => b.includes('review round 2') && (b.includes('+\\tlet total = 0;') || b.includes('+\tlet total = 0;'))), 'round 2 reviewed the fixed diff');
		} finally {
			await close(r);
		}
	});

	it('stops at the round limit with the blocker still open', async () => {
		const r = await rig();
		try {
			r.server.script('gemini', [{ text: fenced(blockerReview) }, { text: fenced(blockerReview) }]);
			r.server.script('anthropic', [{ text: 'I could not reproduce the problem.' }]);
			const outcome = await runCritique(r.options({ maxRounds: 2 }));
			assert.equal(outcome.stopReason, 'roundLimit', outcome.stopDetail);
			assert.equal(outcome.rounds.length, 2);
			assert.deepEqual(outcome.openFindings, blockerReview.findings);
			assert.equal(r.server.pending('gemini'), 0);
			assert.equal(r.server.pending('anthropic'), 0);
		} finally {
			await close(r);
		}
	});

	it('stops when the budget gate refuses the next round, measured from real usage', async () => {
		const r = await rig();
		try {
			r.server.script('gemini', [{ text: fenced(blockerReview), usage: { inputTokens: 7000, outputTokens: 300 } }]);
			const asked: number[] = [];
			const budget: BudgetGate = {
				allow: (next) => {
					asked.push(next.spentTokens);
					return next.spentTokens + next.estimatedTokens > 10_000 ? { ok: false, reason: 'the loop budget of 10000 tokens would be exceeded' } : { ok: true };
				},
			};
			const outcome = await runCritique(r.options({ budget, initialRoundEstimateTokens: 3000 }));
			assert.equal(outcome.stopReason, 'budget', outcome.stopDetail);
			assert.equal(outcome.stopDetail, 'the loop budget of 10000 tokens would be exceeded');
			assert.equal(outcome.rounds.length, 1);
			assert.equal(asked[0], 0);
			assert.ok((asked[1] ?? 0) >= 7300, `spent ${asked[1]}`);
			assert.equal(r.server.modelRequests('anthropic').length, 0, 'the generator never ran');
		} finally {
			await close(r);
		}
	});

	it('retries a malformed review once with the validation errors, then shows it raw', async () => {
		const r = await rig();
		try {
			const second = fenced({ verdict: 'maybe', summary: 'hm', findings: [] });
			r.server.script('gemini', [{ text: 'Looks fine to me!' }, { text: second }]);
			const outcome = await runCritique(r.options());
			assert.equal(outcome.stopReason, 'malformedReview', outcome.stopDetail);
			assert.equal(outcome.rawReview, second);
			assert.match(outcome.stopDetail, /verdict: expected "pass" or "revise", got string "maybe"/);
			const geminiPrompts = sent(r, 'gemini');
			const retry = geminiPrompts.find((b) => b.includes('could not be read by Baton'));
			assert.ok(retry, 'the retry prompt reached the mock');
			assert.ok(retry.includes('the answer contains no JSON object'), 'with the validation error');
			assert.ok(retry.includes('Looks fine to me!'), 'quoting the previous answer');
			assert.equal(r.server.modelRequests('anthropic').length, 0);
		} finally {
			await close(r);
		}
	});
});
