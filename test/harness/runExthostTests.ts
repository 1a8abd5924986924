// Runs Baton's mocha suites inside code-server's real Node extension host (VS Code 1.100.3).
// The workbench URL's `payload` carries extensionDevelopmentPath/extensionTestsPath as vscode-remote URIs; when the
// suites settle the workbench calls window.codeAutomationExit(code). Needs `node esbuild.mjs --tests` first.
//   node -r tsx/cjs test/harness/runExthostTests.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath, createProfile, ensureCodeServer, repoRoot, startCodeServer } from './codeServer';

const timeoutMs = Number(process.env['EXTHOST_TEST_TIMEOUT_MS'] ?? 300000);

async function main(): Promise<number> {
	const codeServer = ensureCodeServer();
	const profile = createProfile('exthost');
	const server = await startCodeServer(codeServer, profile, { BATON_EXTHOST_TEST: '1' });
	const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
	const logLines: string[] = [];
	try {
		const host = new URL(server.baseUrl).host;
		const remote = (p: string): string => `vscode-remote://${host}${p}`;
		const payload = JSON.stringify([
			['extensionDevelopmentPath', remote(repoRoot)],
			['extensionTestsPath', remote(join(repoRoot, 'out', 'test', 'exthost', 'index.js'))],
			['skipWelcome', 'true'],
		]);
		const url = `${server.baseUrl}/?folder=${encodeURIComponent(profile.workspace)}&payload=${encodeURIComponent(payload)}`;
		let finish: (code: number) => void = () => undefined;
		const exited = new Promise<number>((resolve) => (finish = resolve));
		browser.on('disconnected', () => {
			console.error('Chromium closed before the extension-host suites finished');
			finish(1);
		});
		const page = await browser.newPage();
		page.on('crash', () => {
			console.error('the workbench page crashed before the extension-host suites finished');
			finish(1);
		});
		await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown) => {
			const line = format(...(Array.isArray(args) ? args : [args]));
			logLines.push(line);
			console.log(line);
		});
		await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
		await page.goto(url);
		const timer = setTimeout(() => {
			console.error(`extension-host tests timed out after ${timeoutMs} ms`);
			finish(124);
		}, timeoutMs);
		const code = await exited;
		clearTimeout(timer);
		return code;
	} finally {
		writeFileSync(join(profile.dir, 'exthost-output.log'), logLines.join('\n'));
		await browser.close();
		await server.stop();
	}
}

main().then(
	(code) => {
		console.log(`extension-host tests finished with exit code ${code}`);
		process.exit(code);
	},
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
