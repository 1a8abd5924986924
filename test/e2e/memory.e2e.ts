import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, runCommand, type Workbench } from './workbench';

describe('Memory sidebar in code-server (UI)', function () {
	this.timeout(180000);
	let workbench: Workbench;

	before(async () => {
		workbench = await openWorkbench('e2e-memory');
		writeFileSync(join(workbench.profile.workspace, 'locking.md'), 'We use Postgres advisory locks for the job queue, not Redis.\n');
	});

	after(async () => {
		await workbench?.close();
	});

	it('remembers a selection, finds it by search, pins it, deletes it and undoes the delete', async () => {
		const page = workbench.page;
		await page.locator('.statusbar-item', { hasText: 'Baton' }).first().waitFor({ state: 'visible', timeout: 60000 });
		await page.locator('.part.statusbar').click({ position: { x: 640, y: 10 } });
		await page.keyboard.press('Control+P');
		await page.locator('.quick-input-widget input[type="text"]').fill('locking.md');
		await page.locator('.quick-input-list .monaco-list-row', { hasText: 'locking.md' }).first().click();
		await page.locator('.monaco-editor .view-lines', { hasText: 'advisory locks' }).waitFor({ state: 'visible', timeout: 30000 });
		await page.locator('.monaco-editor .view-lines').first().click();
		await page.keyboard.press('Control+A');

		await runCommand(page, 'Baton: Remember Selection');
		await page.locator('.quick-input-list .monaco-list-row', { hasText: 'decision' }).first().click();
		const input = page.locator('.quick-input-widget input[type="text"]');
		await input.waitFor({ state: 'visible' });
		await input.fill('Job queue uses Postgres advisory locks');
		await page.keyboard.press('Enter');
		await page.locator('.notifications-toasts .notification-toast', { hasText: 'Baton remembered' }).waitFor({ state: 'visible', timeout: 15000 });

		await page.locator('.activitybar .action-item a[aria-label^="Baton"]').click();
		await runCommand(page, 'Baton: Search Memory');
		const search = page.locator('.quick-input-widget input[type="text"]');
		await search.waitFor({ state: 'visible' });
		await search.fill('advisory');
		await page.keyboard.press('Enter');
		const pane = page.locator('.pane', { hasText: 'Memory' });
		const row = pane.locator('.monaco-list-row', { hasText: 'Job queue uses Postgres advisory locks' });
		await row.waitFor({ state: 'visible', timeout: 15000 });
		await workbench.screenshot('10-memory-search');

		await row.hover();
		await row.locator('.action-label[aria-label="Pin"]').click();
		await row.locator('.action-label[aria-label="Unpin"]').waitFor({ state: 'attached', timeout: 10000 });
		assert.match(await row.innerText(), /decision/);

		await row.hover();
		await row.locator('.action-label[aria-label="Delete"]').click();
		await row.waitFor({ state: 'detached', timeout: 10000 });
		const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Baton deleted' });
		await toast.waitFor({ state: 'visible', timeout: 10000 });
		await toast.locator('.monaco-button', { hasText: 'Undo' }).click();
		const restored = pane.locator('.monaco-list-row', { hasText: 'Job queue uses Postgres advisory locks' });
		await restored.waitFor({ state: 'visible', timeout: 10000 });
		await restored.hover();
		await restored.locator('.action-label[aria-label="Unpin"]').waitFor({ state: 'attached', timeout: 10000 });
		await workbench.screenshot('11-memory-restored');
	});
});
