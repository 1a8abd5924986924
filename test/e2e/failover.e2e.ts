import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMockModelServer, type MockModelServer } from '../rig/mockModelServer';
import { openAgentWorkbench } from './agentWorkbench';
import { runCommand, type Workbench } from './workbench';

const checkpoint = {
	goal: 'Fix the login redirect loop after the OAuth callback',
	hypotheses: ['The session cookie is written with path /auth instead of /', 'The callback handler drops the state parameter'],
	ruledOut: ['Clock skew — tokens validate with a 5-minute leeway', 'The reverse proxy — the loop reproduces without it'],
	currentApproach: 'Trace the Set-Cookie header through src/auth/callback.ts',
	nextStep: 'Set the cookie path to / in src/auth/session.ts and rerun the login test',
	files: ['src/auth/session.ts', 'src/auth/callback.ts'],
};

describe('Failover in code-server: real Claude hits its session limit mid-run, Gemini continues from the brief (UI)', function () {
	this.timeout(240000);
	let server: MockModelServer;
	let workbench: Workbench;

	before(async () => {
		server = await startMockModelServer();
		workbench = await openAgentWorkbench('e2e-failover', server, { claudeAuth: 'subscriber', settings: { 'baton.agents.codex.path': '/nonexistent/codex', 'baton.failover.mode': 'ask' } });
		const ws = workbench.profile.workspace;
		mkdirSync(join(ws, 'src', 'auth'), { recursive: true });
		writeFileSync(join(ws, 'src', 'auth', 'session.ts'), "export const cookieOptions = { path: '/auth', httpOnly: true };\n");
		writeFileSync(join(ws, 'src', 'auth', 'callback.ts'), "import { cookieOptions } from './session';\nexport const callback = () => cookieOptions;\n");
	});

	after(async () => {
		await workbench?.close();
		await server?.close();
	});

	it('asks, hands the task to Gemini with the checkpoint in the brief, and shows the handoff in the panel and in memory', async () => {
		const resetsAt = Math.floor(Date.now() / 1000) + 3 * 3600;
		server.script('anthropic', [{ toolCall: { name: 'mcp__baton__checkpoint', input: checkpoint } }, { error: 'session_limit', resetsAt }]);
		server.script('gemini', [{ text: 'Set the cookie path to / in src/auth/session.ts; the login test passes now.' }]);
		const page = workbench.page;
		await page.locator('.statusbar-item', { hasText: /Baton/ }).first().waitFor({ state: 'visible', timeout: 60000 });
		await runCommand(page, 'Baton: Run Task with Agent…');
		await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Claude Code' }).first().click();
		const input = page.locator('.quick-input-widget input[type="text"]');
		await input.waitFor({ state: 'visible' });
		await input.fill('Users loop back to /login after the OAuth callback. Find out why and fix it.');
		await page.keyboard.press('Enter');

		const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Continue the task on Gemini CLI with a handoff brief?' });
		await toast.waitFor({ state: 'visible', timeout: 120000 });
		assert.match(await toast.innerText(), /Claude Code hit its 5-hour limit/);
		assert.equal(await page.locator('.notifications-toasts .notification-toast', { hasText: 'Claude Code failed' }).count(), 0, 'the failover prompt replaces the plain failure warning');
		const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
		const proposed = frame.locator('article.handoff[data-status="proposed"]').first();
		await proposed.waitFor({ state: 'visible', timeout: 20000 });
		await proposed.scrollIntoViewIfNeeded();
		await page.waitForTimeout(600);
		await workbench.screenshot('14-failover-prompt');
		await toast.locator('.monaco-button', { hasText: 'Continue on Gemini CLI' }).click();

		const done = frame.locator('article.handoff[data-status="succeeded"]').first();
		await done.waitFor({ state: 'visible', timeout: 120000 });
		assert.equal(await done.getAttribute('data-from'), 'claude');
		assert.equal(await done.getAttribute('data-to'), 'gemini');
		const text = await done.innerText();
		assert.match(text, /Failover: Claude Code → Gemini CLI/);
		assert.match(text, /hit its 5-hour limit/);
		assert.match(text, /the login test passes now/);
		assert.match(text, /memory [0-9a-z]+/);
		await done.locator('details.handoff-brief summary').click();
		const brief = await done.locator('pre.brief').innerText();
		for (const expected of [...checkpoint.hypotheses, 'Clock skew — evidence: tokens validate with a 5-minute leeway', checkpoint.nextStep, ...checkpoint.files]) {
			assert.ok(brief.includes(expected), `brief in the panel lacks "${expected}":\n${brief}`);
		}
		await workbench.screenshot('15-failover-handoff');

		const sent = server.modelRequests('gemini').map((r) => JSON.stringify(r.body)).join('\n');
		for (const expected of [...checkpoint.hypotheses, 'Clock skew', 'tokens validate with a 5-minute leeway', 'The reverse proxy', ...checkpoint.files]) {
			assert.ok(sent.includes(expected), `Gemini's request lacks "${expected}"`);
		}
		assert.ok(sent.includes('You are taking over a task from Claude Code'), 'Gemini was told it takes over');

		await page.locator('.activitybar .action-item a[aria-label^="Baton"]').click();
		await runCommand(page, 'Baton: Search Memory');
		const search = page.locator('.quick-input-widget input[type="text"]');
		await search.waitFor({ state: 'visible' });
		await search.fill('Handoff');
		await page.keyboard.press('Enter');
		const pane = page.locator('.pane', { hasText: 'Memory' });
		await pane.locator('.monaco-list-row', { hasText: 'Handoff: Claude Code → Gemini CLI (succeeded)' }).waitFor({ state: 'visible', timeout: 20000 });
		await workbench.screenshot('16-failover-memory');
	});
});
