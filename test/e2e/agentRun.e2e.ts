import * as assert from 'node:assert/strict';
import { startMockModelServer, type MockModelServer } from '../rig/mockModelServer';
import { openAgentWorkbench } from './agentWorkbench';
import { runCommand, type Workbench } from './workbench';

describe('Run Task with Agent from code-server, real Claude CLI against the mock model server (UI)', function () {
	this.timeout(180000);
	let server: MockModelServer;
	let workbench: Workbench;

	before(async () => {
		server = await startMockModelServer();
		workbench = await openAgentWorkbench('e2e-agent-run', server);
	});

	after(async () => {
		await workbench?.close();
		await server?.close();
	});

	it('runs a task picked from the command palette and shows the result and usage in the Baton panel', async () => {
		server.script('anthropic', [{ text: 'Hello from the mock model, via the real Claude CLI.', usage: { inputTokens: 1234, outputTokens: 56, cachedTokens: 7000, cacheCreationTokens: 89 } }]);
		const page = workbench.page;
		await page.locator('.statusbar-item', { hasText: /Baton [1-3]\/3/ }).waitFor({ state: 'visible', timeout: 60000 });
		await runCommand(page, 'Baton: Run Task with Agent…');
		await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Claude Code' }).first().click();
		const input = page.locator('.quick-input-widget input[type="text"]');
		await input.waitFor({ state: 'visible' });
		await input.fill('Say hello to the e2e test');
		await page.keyboard.press('Enter');

		const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
		const run = frame.locator('article.run[data-agent="claude"]').first();
		await run.locator('[data-status="succeeded"]').waitFor({ state: 'visible', timeout: 90000 });
		assert.match(await run.locator('pre.result').innerText(), /Hello from the mock model, via the real Claude CLI\./);
		assert.match(await run.locator('.usage').innerText(), /in 1234 · out 56 · cache read 7000 · cache write 89/);
		assert.match(await run.locator('.prompt').innerText(), /Say hello to the e2e test/);
		const sent = server.modelRequests('anthropic').map((r) => JSON.stringify(r.body)).join('\n');
		assert.ok(sent.includes('Say hello to the e2e test'), 'the prompt reached the model server');
		await workbench.screenshot('4-agent-run');
	});
});
