import * as assert from 'node:assert/strict';
import {
	buildReviewPrompt,
	buildReviewRetryPrompt,
	extractReviewJson,
	parseReview,
	validateReview,
	type Review,
} from '../../../../src/core/critique/reviewFormat';

const good: Review = {
	verdict: 'revise',
	summary: 'One bug.',
	findings: [{ severity: 'blocker', file: 'src/a.ts', line: 3, title: 'Off by one', evidence: 'i <= n', fix: 'use i < n' }],
};
const fenced = (value: unknown, tag = 'json'): string => `Here is my review.\n\`\`\`${tag}\n${JSON.stringify(value, null, 2)}\n\`\`\`\nThanks.`;

describe('critique review format', () => {
	describe('buildReviewPrompt', () => {
		it('asks for JSON only in a fenced json block, with the schema, the task and the change', () => {
			const prompt = buildReviewPrompt({ subject: { kind: 'diff', label: 'git diff HEAD', text: '+const x = 1;' }, round: 2, task: 'add x' });
			assert.match(prompt, /Answer ONLY with one JSON object in a fenced ```json block/);
			assert.match(prompt, /"severity": "blocker" \| "major" \| "minor" \| "nit"/);
			assert.match(prompt, /"line": number \| null/);
			assert.match(prompt, /"verdict": "pass" \| "revise"/);
			assert.match(prompt, /review round 2/);
			assert.ok(prompt.includes('<task>\nadd x\n</task>'));
			assert.ok(prompt.includes('+const x = 1;'));
			assert.ok(prompt.includes('diff: git diff HEAD'));
		});
	});

	describe('extractReviewJson', () => {
		it('reads a fenced json block', () => {
			assert.deepEqual(extractReviewJson(fenced(good)), { ok: true, value: good });
		});
		it('reads an untagged fence and a bare object in prose', () => {
			assert.deepEqual(extractReviewJson(fenced(good, '')), { ok: true, value: good });
			assert.deepEqual(extractReviewJson(`Sure! ${JSON.stringify(good)} hope that helps {not json}`), { ok: true, value: good });
		});
		it('prefers the object with review keys over other objects, and copes with braces inside strings', () => {
			const withBraces = { ...good, summary: 'uses {braces} and "quotes" }' };
			const text = `Config: {"a": 1}\n\n${JSON.stringify(withBraces)}`;
			assert.deepEqual(extractReviewJson(text), { ok: true, value: withBraces });
		});
		it('prefers a json-tagged fence over another fence', () => {
			const text = `\`\`\`ts\nconst a = {};\n\`\`\`\n${fenced(good)}`;
			assert.deepEqual(extractReviewJson(text), { ok: true, value: good });
		});
		it('explains when there is no JSON or it does not parse', () => {
			const none = extractReviewJson('Looks good to me.');
			assert.equal(none.ok, false);
			assert.match(!none.ok ? none.error : '', /no JSON object/);
			const broken = extractReviewJson('```json\n{"verdict": "pass", \n```');
			assert.equal(broken.ok, false);
			assert.match(!broken.ok ? broken.error : '', /JSON parse error/);
		});
	});

	describe('validateReview', () => {
		it('accepts a well-formed review, with line null and empty findings', () => {
			assert.deepEqual(validateReview(good), { ok: true, review: good });
			const general = { verdict: 'pass', summary: 'fine', findings: [{ severity: 'nit', file: '', line: null, title: 't', evidence: 'e', fix: 'f' }] };
			assert.equal(validateReview(general).ok, true);
			assert.equal(validateReview({ verdict: 'pass', summary: '', findings: [] }).ok, true);
		});
		it('ignores unknown extra keys', () => {
			assert.equal(validateReview({ ...good, confidence: 0.9 }).ok, true);
		});
		it('names every problem with its JSON path', () => {
			const result = validateReview({
				verdict: 'ok',
				findings: [
					{ severity: 'critical', file: 'a.ts', line: '12', title: '', evidence: 'e', fix: 'f' },
					{ severity: 'major', file: 7, line: 0, title: 't', evidence: 'e' },
					'oops',
				],
			});
			assert.equal(result.ok, false);
			const errors = !result.ok ? result.errors : [];
			assert.deepEqual(errors, [
				'verdict: expected "pass" or "revise", got string "ok"',
				'summary: expected a string, got nothing',
				'findings[0].severity: expected one of "blocker", "major", "minor", "nit", got string "critical"',
				'findings[0].title: must not be empty',
				'findings[0].line: expected a positive integer or null, got string "12"',
				'findings[1].file: expected a string, got number 7',
				'findings[1].fix: expected a string, got nothing',
				'findings[1].line: expected a positive integer or null, got number 0',
				'findings[2]: expected an object, got string "oops"',
			]);
		});
		it('rejects a missing line, a fractional line, a non-array findings and a non-object', () => {
			const noLine = validateReview({ ...good, findings: [{ severity: 'minor', file: 'a', title: 't', evidence: 'e', fix: 'f' }] });
			assert.deepEqual(!noLine.ok && noLine.errors, ['findings[0].line: expected a positive integer or null, got nothing']);
			const frac = validateReview({ ...good, findings: [{ ...good.findings[0], line: 2.5 }] });
			assert.deepEqual(!frac.ok && frac.errors, ['findings[0].line: expected a positive integer or null, got number 2.5']);
			const notArray = validateReview({ verdict: 'pass', summary: 's', findings: {} });
			assert.deepEqual(!notArray.ok && notArray.errors, ['findings: expected an array, got object {}']);
			assert.deepEqual(validateReview([good]), { ok: false, errors: ['review: expected a JSON object, got an array'] });
		});
		it('rejects a pass verdict that still has blocker or major findings', () => {
			const result = validateReview({ ...good, verdict: 'pass' });
			assert.deepEqual(!result.ok && result.errors, ['verdict: "pass" is not allowed while findings include a blocker or major finding; use "revise"']);
		});
	});

	describe('parseReview and the retry prompt', () => {
		it('extracts and validates in one step', () => {
			assert.deepEqual(parseReview(fenced(good)), { ok: true, review: good });
			assert.deepEqual(parseReview('no json here'), { ok: false, errors: ['the answer contains no JSON object (expected a fenced ```json block)'] });
		});
		it('quotes each validation error and the previous answer, and restates the format', () => {
			const prompt = buildReviewRetryPrompt(['verdict: expected "pass" or "revise", got string "ok"'], 'my bad answer');
			assert.ok(prompt.includes('- verdict: expected "pass" or "revise", got string "ok"'));
			assert.ok(prompt.includes('<previous>\nmy bad answer\n</previous>'));
			assert.match(prompt, /fenced ```json block/);
			assert.match(buildReviewRetryPrompt(['e'], 'x'.repeat(5000)), /…\(truncated\)/);
		});
	});
});
