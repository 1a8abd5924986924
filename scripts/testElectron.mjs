// `npm run test:electron`: the extension-host suites in a desktop VS Code downloaded by @vscode/test-electron.
// For contributors whose machines can reach the VS Code download servers; CI uses code-server instead (npm test).
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'esbuild.mjs'), '--tests'], { cwd: root, stdio: 'inherit' });
try {
	await runTests({
		version: '1.100.3',
		extensionDevelopmentPath: root,
		extensionTestsPath: join(root, 'out', 'test', 'exthost', 'index.js'),
		launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
	});
} catch (error) {
	console.error(`test:electron failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
}
