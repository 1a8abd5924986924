import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMockModelServer, type MockModelServer } from '../rig/mockModelServer';
import { openAgentWorkbench } from './agentWorkbench';
import { runCommand, type Workbench } from './workbench';

const review = (verdict: 'pass' | 'revise', findings: object[]): string =>
	`\`\`\`json\n${JSON.stringify({ verdict, summary: verdict === 'pass' ? 'Looks right now.' : 'The loop is off by one.', findings })}\n\`\`\``;

describe('Critique Current Change in code-server: Claude revises, Gemini reviews (UI)', function () {
	this.timeout(240000);
	let server: MockModelServer;
	let workbench: Workbench;

	before(async () => {
		server = await startMockModelServer();
		workbench = await openAgentWorkbench('e2e-critique', server);
		const ws = workbench.profile.workspace;
		mkdirSync(join(ws, 'src'), { recursive: true });
		writeFileSync(join(ws, 'src', 'sum.js'), 'export function sum(xs) {\n\tlet t = 0;\n\tfor (let i = 0; i < xs.length; i++) t += xs[i];\n\treturn t;\n}\n');
		const git = (...args: string[]): void => void execFileSync('git', args, { cwd: ws, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
		git('init', '-q');
		git('add', '.');
		git('commit', '-qm', 'init');
		writeFileSync(join(ws, 'src', 'sum.js'), 'export function sum(xs) {\n\tlet t = 0;\n\tfor (let i = 0; i <= xs.length; i++) t += xs[i];\n\treturn t;\n}\n');
	});

	after(async () => {
		await workbench?.close();
		await server?.close();
	});

	it('shows the findings in the Problems panel and the rounds in the Baton panel', async () => {
		server.script('gemini', [
			{ text: review('revise', [{ severity: 'blocker', file: 'src/sum.js', line: 3, title: 'Off-by-one: i <= xs.length reads past the end', evidence: 'xs[xs.length] is undefined, so the sum is NaN', fix: 'Use i < xs.length' }]) },
			{ text: review('pass', [{ severity: 'minor', file: 'src/sum.js', line: 1, title: 'Name the parameter values instead of xs', evidence: 'xs is terse', fix: 'Rename to values' }]) },
		]);
		server.script('anthropic', [{ text: 'I changed the loop bound to i < xs.length.' }]);
		const page = workbench.page;
		await page.locator('.statusbar-item', { hasText: /Baton/ }).first().waitFor({ state: 'visible', timeout: 60000 });
		await runCommand(page, 'Baton: Critique Current Change…');
		await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Claude Code' }).first().click();

		const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
		const loop = frame.locator('article.review-loop[data-status="done"]').first();
		await loop.waitFor({ state: 'visible', timeout: 150000 });
		assert.equal(await loop.getAttribute('data-stop'), 'passed');
		assert.equal(await loop.locator('li.review-round').count(), 2);
		assert.match(await loop.locator('li.review-round[data-round="1"]').innerText(), /\[blocker\] src\/sum\.js:3 — Off-by-one/);
		assert.match(await loop.locator('li.review-round[data-round="2"]').innerText(), /verdict: pass/);
		await workbench.screenshot('12-review-panel');

		await runCommand(page, 'View: Focus Problems');
		const problems = page.locator('.markers-panel .monaco-list-row', { hasText: 'Name the parameter values' });
		await problems.waitFor({ state: 'visible', timeout: 20000 });
		assert.match(await page.locator('.markers-panel').innerText(), /Baton review/);
		assert.match(await page.locator('.markers-panel').innerText(), /\[1, 1\]|Ln 1/);
		const sent = server.modelRequests('anthropic').map((r) => JSON.stringify(r.body)).join('\n');
		assert.match(sent, /Off-by-one/, 'the revise prompt carried the blocker to Claude');
		await workbench.screenshot('13-review-problems');
	});
});
