// `npm run setup`: installs dependencies, builds the platform VSIX and installs it into VS Code or code-server
// when their CLI (`code`, `code-server`) is on PATH.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip', npm_config_audit: 'false', npm_config_fund: 'false' };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

console.log('setup: installing dependencies (npm ci)');
execFileSync(npm, ['ci'], { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32' });

console.log('setup: building and packaging the VSIX');
const packaged = spawnSync(process.execPath, [join(root, 'scripts', 'package.mjs')], { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
process.stdout.write(packaged.stdout);
if (packaged.status !== 0) {
	process.exit(packaged.status ?? 1);
}
const vsix = packaged.stdout.trim().split('\n').pop();

function onPath(command) {
	const exts = process.platform === 'win32' ? ['.cmd', '.exe', ''] : [''];
	return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && exts.some((e) => existsSync(join(dir, command + e))));
}

const editors = ['code', 'code-server'].filter(onPath);
for (const editor of editors) {
	console.log(`setup: installing ${vsix} into ${editor}`);
	const r = spawnSync(editor, ['--install-extension', vsix, '--force'], { stdio: 'inherit', shell: process.platform === 'win32' });
	if (r.status !== 0) {
		console.warn(`setup: ${editor} --install-extension failed (exit ${r.status}); install the VSIX by hand (see README)`);
	}
}
if (editors.length === 0) {
	console.log('setup: no `code` or `code-server` on PATH; install the VSIX from the Extensions view: ··· → Install from VSIX…');
}
console.log(`setup: done. VSIX: ${vsix}`);
