import * as assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { realCliPath } from '../support/realClis';
import { openWorkbench, runCommand, type Workbench } from './workbench';

describe('Route Task in code-server (UI)', function () {
	this.timeout(180000);
	let workbench: Workbench;

	before(async () => {
		workbench = await openWorkbench('e2e-routing', { pathPrepend: [dirname(realCliPath('claude'))] });
	});

	after(async () => {
		await workbench?.close();
	});

	it('routes a compound task, explains each step, and logs the dry run in the Baton panel', async () => {
		const page = workbench.page;
		await page.locator('.statusbar-item', { hasText: /Baton 3\/3/ }).waitFor({ state: 'visible', timeout: 60000 });
		await runCommand(page, 'Baton: Route Task…');
		const input = page.locator('.quick-input-widget input[type="text"]');
		await input.waitFor({ state: 'visible' });
		await input.fill('Research the latest XSS attack vectors and then fix our auth.ts');
		await page.keyboard.press('Enter');

		const runItem = page.locator('.quick-input-list .monaco-list-row', { hasText: /Run: research .* → Gemini CLI, then debug .* → Claude Code/ });
		await runItem.waitFor({ state: 'visible', timeout: 30000 });
		assert.match(await page.locator('.quick-input-widget .quick-input-title').innerText(), /Baton route: research/);
		await workbench.screenshot('5-route-pick');
		await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dry run' }).click();

		const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
		const entry = frame.locator('article.route[data-action="dryRun"]').first();
		await entry.waitFor({ state: 'visible', timeout: 30000 });
		const steps = entry.locator('li.route-step');
		assert.equal(await steps.count(), 2);
		assert.equal(await steps.nth(0).getAttribute('data-agent'), 'gemini');
		assert.equal(await steps.nth(1).getAttribute('data-agent'), 'claude');
		assert.match(await steps.nth(0).innerText(), /Looks like a research task/);
		assert.match(await steps.nth(1).innerText(), /Looks like a debug task/);
		await workbench.screenshot('6-route-panel');
	});
});
