import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Review } from '../../src/core/critique/reviewFormat';

/** `src/sum.js` with an off-by-one start value: the change under review. */
export const buggy = 'export function sum(xs) {\n\tlet total = 1;\n\tfor (const x of xs) total += x;\n\treturn total;\n}\n';

/** A review that blocks on `buggy` (plus a nit). */
export const blockerReview: Review = {
	verdict: 'revise',
	summary: 'sum() starts from 1.',
	findings: [
		{ severity: 'blocker', file: 'src/sum.js', line: 2, title: 'Wrong initial total', evidence: 'let total = 1;', fix: 'Start the total at 0.' },
		{ severity: 'nit', file: 'src/sum.js', line: 1, title: 'Missing JSDoc', evidence: 'export function sum(xs)', fix: 'Document sum().' },
	],
};

/** A review as a model answers it: some prose, then the JSON in a fenced block. */
export const fenced = (r: unknown): string => `Here is my review.\n\n\`\`\`json\n${JSON.stringify(r, null, 2)}\n\`\`\``;

/** Makes `workspace` a git repository with a committed `src/sum.js`, then writes {@link buggy} over it (uncommitted). */
export function commitThenEditSum(workspace: string): void {
	const git = (...args: string[]): void => void execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: workspace, stdio: 'ignore' });
	mkdirSync(join(workspace, 'src'));
	writeFileSync(join(workspace, 'src', 'sum.js'), 'export function sum(xs) {\n\treturn 0;\n}\n');
	git('init', '-q');
	git('add', '.');
	git('commit', '-q', '-m', 'init');
	writeFileSync(join(workspace, 'src', 'sum.js'), buggy);
}
