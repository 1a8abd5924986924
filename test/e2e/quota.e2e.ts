import * as assert from 'node:assert/strict';
import { CodexRolloutWriter, writeClaudeTranscript, writeGeminiChat } from '../support/usageFiles';
import { openWorkbench, type Workbench } from './workbench';

const minute = 60_000;

describe('Quota in code-server: status bar and forecast panel from generated usage files (UI)', function () {
	this.timeout(180000);
	let workbench: Workbench;
	let codex: CodexRolloutWriter;
	const now = Date.now();
	const resetAt = new Date(now + 150 * minute);

	before(async () => {
		const prepareHome = (home: string): void => {
			codex = new CodexRolloutWriter(home, new Date(now - 90 * minute));
			for (const [i, pct] of [20, 28, 35, 44, 52].entries()) {
				codex.tokenCount(new Date(now - (62 - i * 15) * minute), 10_000 * (i + 1), pct, resetAt);
			}
			writeClaudeTranscript(home, Array.from({ length: 12 }, (_, i) => ({ at: new Date(now - (110 - i * 9) * minute), inputTokens: 40_000, outputTokens: 10_000 })));
			writeGeminiChat(home, Array.from({ length: 15 }, (_, i) => new Date(now - (40 - i * 2) * minute)));
		};
		workbench = await openWorkbench(
			'e2e-quota',
			{
				prepareHome,
				settings: {
					'baton.quota.limits': [
						{ agent: 'claude', window: 'five_hour', limit: 2_000_000, unit: 'tokens' },
						{ agent: 'gemini', window: 'daily', limit: 100, unit: 'requests' },
					],
				},
			},
		);
	});

	after(async () => {
		await workbench?.close();
	});

	it('shows each agent\'s binding window in the status bar, labelled by provenance', async () => {
		const item = workbench.page.locator('.statusbar-item', { hasText: 'Codex 52%' });
		await item.waitFor({ state: 'visible', timeout: 60000 });
		const text = await item.innerText();
		assert.match(text, /Claude ~\d+% est\./);
		assert.match(text, /Gemini \d+% counted/);
		assert.doesNotMatch(await item.getAttribute('class') ?? '', /warning-kind|error-kind/);
		await workbench.screenshot('7-quota-status-bar');
	});

	it('turns the status bar item to warning when a window passes 80%', async () => {
		codex.tokenCount(new Date(), 90_000, 86, resetAt);
		const item = workbench.page.locator('.statusbar-item', { hasText: 'Codex 86%' });
		await item.waitFor({ state: 'visible', timeout: 30000 });
		await workbench.page.locator('.statusbar-item.warning-kind', { hasText: 'Codex 86%' }).waitFor({ state: 'visible', timeout: 10000 });
		await workbench.screenshot('8-quota-warning');
	});

	it('draws a forecast chart per agent in the Baton panel', async () => {
		const page = workbench.page;
		await page.locator('.statusbar-item', { hasText: 'Codex 86%' }).click();
		const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
		for (const agent of ['claude', 'codex', 'gemini']) {
			const card = frame.locator(`article.quota-agent[data-agent="${agent}"]`);
			await card.waitFor({ state: 'visible', timeout: 30000 });
			assert.ok((await card.locator('svg.quota-chart').count()) >= 1, `${agent} has a chart`);
			assert.ok((await card.locator('svg.quota-chart polyline.usage').count()) >= 1, `${agent} chart has a usage line`);
		}
		const codexCard = frame.locator('article.quota-agent[data-agent="codex"]');
		assert.match(await codexCard.locator('.badge').allInnerTexts().then((t) => t.join(' ')), /official/);
		assert.ok((await codexCard.locator('svg.quota-chart line.reset').count()) >= 1, 'reset marker');
		assert.match(await frame.locator('article.quota-agent[data-agent="claude"] .badge').allInnerTexts().then((t) => t.join(' ')), /estimate/);
		await workbench.screenshot('9-quota-panel');
	});
});
