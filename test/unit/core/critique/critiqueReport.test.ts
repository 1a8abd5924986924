import * as assert from 'node:assert/strict';
import { critiqueNote, findingCounts, findingsText } from '../../../../src/core/critique/critiqueReport';
import type { CritiqueOutcome } from '../../../../src/core/critique/loop';
import type { ReviewFinding } from '../../../../src/core/critique/reviewFormat';

const findings: ReviewFinding[] = [
	{ severity: 'major', file: 'src/a.ts', line: 3, title: 'Unchecked null', evidence: 'x.y', fix: 'Check x.' },
	{ severity: 'nit', file: '', line: null, title: 'Naming', evidence: 'tmp2', fix: 'Rename.' },
	{ severity: 'major', file: 'src/a.ts', line: null, title: 'No test', evidence: 'no spec', fix: 'Add one.' },
];

describe('critiqueReport', () => {
	it('counts findings by severity, most serious first', () => {
		assert.equal(findingCounts([]), 'no findings');
		assert.equal(findingCounts(findings.slice(0, 1)), '1 finding: 1 major');
		assert.equal(findingCounts(findings), '3 findings: 2 major, 1 nit');
	});

	it('lists findings with location, evidence and fix', () => {
		assert.equal(findingsText(findings.slice(0, 2)), '1. [MAJOR] src/a.ts:3 — Unchecked null\n   Evidence: x.y\n   Suggested fix: Check x.\n2. [NIT] (general) — Naming\n   Evidence: tmp2\n   Suggested fix: Rename.');
	});

	it('remembers why the loop stopped, who took part and each open finding, with the files that have findings', () => {
		const outcome: CritiqueOutcome = { generator: 'claude', reviewer: 'gemini', stopReason: 'roundLimit', stopDetail: 'Stopped at the round limit (1).', rounds: [], openFindings: findings, totalTokens: 0 };
		assert.deepEqual(critiqueNote('git diff HEAD', outcome), {
			title: 'Review: git diff HEAD',
			body: 'Stopped at the round limit (1).\nGenerator claude, reviewer gemini, 0 round(s).\n- [major] src/a.ts:3 Unchecked null\n- [nit] (general) Naming\n- [major] src/a.ts No test',
			files: ['src/a.ts'],
		});
	});
});
