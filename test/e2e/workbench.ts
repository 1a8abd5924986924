import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath, createProfile, ensureCodeServer, installVsix, repoRoot, startCodeServer, type Profile, type ProfileOptions, type RunningCodeServer } from '../harness/codeServer';

/** Folder for screenshots a person reviews after a run. */
export const screenshotDir = join(repoRoot, 'test-results', 'e2e');

/** The VSIX under test: `BATON_VSIX`, else the newest `baton-*.vsix` in the repository root. */
export function vsixUnderTest(): string {
	const explicit = process.env['BATON_VSIX'];
	if (explicit) {
		return explicit;
	}
	const candidates = readdirSync(repoRoot)
		.filter((f) => /^baton-.*\.vsix$/.test(f))
		.map((f) => join(repoRoot, f))
		.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
	if (!candidates[0]) {
		throw new Error('no baton-*.vsix found: run `npm run package` first');
	}
	return candidates[0];
}

/** code-server with the packaged VSIX installed, and a Chromium page showing its workbench. */
export interface Workbench {
	readonly page: Page;
	readonly profile: Profile;
	screenshot(name: string): Promise<void>;
	close(): Promise<void>;
}

/** Writes executables that print a version, so the workbench shows an agent CLI as found. */
export function fakeVersionBin(dir: string, versions: Record<string, string>): string {
	mkdirSync(dir, { recursive: true });
	for (const [name, output] of Object.entries(versions)) {
		writeFileSync(join(dir, name), `#!/bin/sh\necho '${output}'\n`);
		chmodSync(join(dir, name), 0o755);
	}
	return dir;
}

/** Installs the VSIX into a fresh profile, starts code-server and opens the workbench in headless Chromium. */
export async function openWorkbench(name: string, options: ProfileOptions = {}, env: NodeJS.ProcessEnv = {}): Promise<Workbench> {
	const codeServer = ensureCodeServer();
	const profile = createProfile(name, options);
	installVsix(codeServer, profile, vsixUnderTest());
	const server: RunningCodeServer = await startCodeServer(codeServer, profile, env);
	try {
		const { browser, page } = await openPage(server.baseUrl, profile.workspace);
		mkdirSync(screenshotDir, { recursive: true });
		return {
			page,
			profile,
			screenshot: async (shot) => {
				await page.screenshot({ path: join(screenshotDir, `${shot}.png`) });
			},
			close: async () => {
				await browser.close();
				await server.stop();
			},
		};
	} catch (error) {
		await server.stop();
		throw error;
	}
}

/**
 * Launches headless Chromium on the workbench of `folder`. Chromium in a container now and then dies while starting
 * ("Target page, context or browser has been closed"); that one failure is retried once with a new browser.
 */
async function openPage(baseUrl: string, folder: string): Promise<{ browser: Browser; page: Page }> {
	for (let attempt = 1; ; attempt++) {
		const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
		try {
			const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
			await page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}`);
			await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60000 });
			return { browser, page };
		} catch (error) {
			await browser.close().catch(() => undefined);
			const crashed = error instanceof Error && /has been closed|crashed/i.test(error.message);
			if (!crashed || attempt >= 2) throw error;
			console.warn(`Chromium closed while opening the workbench (attempt ${attempt}); retrying once`);
		}
	}
}

/** Runs a command from the command palette by its full title, e.g. `Baton: Open Panel`. */
export async function runCommand(page: Page, title: string): Promise<void> {
	await page.locator('.part.statusbar').click({ position: { x: 640, y: 10 } });
	await page.keyboard.press('F1');
	const input = page.locator('.quick-input-widget input[type="text"]');
	await input.waitFor({ state: 'visible' });
	await input.fill(`>${title}`);
	await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible', timeout: 15000 });
	await page.keyboard.press('Enter');
}
