import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { fakeVersionBin, openWorkbench, runCommand, type Workbench } from './workbench';

describe('Baton in code-server, installed from the VSIX (UI)', function () {
	this.timeout(180000);
	let workbench: Workbench;

	before(async () => {
		const bin = fakeVersionBin(join(__dirname, '..', '..', 'test-results', 'profiles', 'e2e-bin'), { claude: '2.1.197 (Claude Code)' });
		workbench = await openWorkbench('e2e-foundation', { pathPrepend: [bin] });
	});

	after(async () => {
		await workbench?.close();
	});

	it('shows Baton\'s status bar item with the usable agents', async () => {
		const item = workbench.page.locator('.statusbar-item', { hasText: /Baton 1\/3/ });
		await item.waitFor({ state: 'visible', timeout: 60000 });
		assert.match(await item.innerText(), /Baton 1\/3/);
		await workbench.screenshot('1-status-bar');
	});

	it('shows the Baton activity-bar container with the Agents view', async () => {
		const page = workbench.page;
		await page.locator('.activitybar .action-item a[aria-label^="Baton"]').click();
		const pane = page.locator('.pane', { hasText: 'Agents' });
		const claudeRow = pane.locator('.monaco-list-row', { hasText: 'Claude Code' });
		await claudeRow.waitFor({ state: 'visible', timeout: 30000 });
		assert.match(await claudeRow.innerText(), /2\.1\.197/);
		assert.match(await pane.locator('.monaco-list-row', { hasText: 'Gemini CLI' }).innerText(), /not installed/);
		assert.match(await pane.locator('.monaco-list-row', { hasText: 'Codex CLI' }).innerText(), /not installed/);
		await workbench.screenshot('2-agents-view');
	});

	it('opens the Baton panel from the command palette and shows each agent', async () => {
		const page = workbench.page;
		await runCommand(page, 'Baton: Open Panel');
		const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
		const claude = frame.locator('#agents-table tr[data-agent="claude"]');
		await claude.waitFor({ state: 'visible', timeout: 30000 });
		assert.match(await claude.innerText(), /Ready[\s\S]*2\.1\.197/);
		assert.match(await frame.locator('#agents-table tr[data-agent="codex"]').innerText(), /Not usable[\s\S]*npm i -g @openai\/codex/);
		await workbench.screenshot('3-panel');
	});
});
