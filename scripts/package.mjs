// Builds a production bundle and a platform VSIX, then checks what is inside it.
//   node scripts/package.mjs [--target <platform-arch>]   (default: this machine's platform)
// Prints the VSIX path on its last line. Exit 1 when a required file is missing, another platform's native
// binary is present, or the VSIX is over the size budget.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipEntries } from './lib/zipEntries.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const targetIndex = argv.indexOf('--target');
const target = targetIndex >= 0 ? argv[targetIndex + 1] : `${process.platform}-${process.arch}`;
const maxBytes = 25 * 1024 * 1024;
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsix = join(root, `baton-${version}-${target}.vsix`);
const env = { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' };

execFileSync(process.execPath, [join(root, 'esbuild.mjs'), '--production', '--target', target], { cwd: root, stdio: 'inherit', env });
execFileSync(
	process.execPath,
	[join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--target', target, '--no-dependencies', '--out', vsix],
	{ cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env },
);

const [os, arch] = target.split('-');
const names = zipEntries(vsix).map((e) => e.name);
const required = [
	'extension/package.json',
	'extension/package.nls.json',
	'extension/readme.md',
	'extension/LICENSE.txt',
	'extension/dist/extension.js',
	'extension/dist/cli.js',
	'extension/dist/hook.js',
	'extension/dist/memoryWorker.js',
	'extension/dist/sql-wasm.wasm',
	'extension/dist/webview/main.js',
	'extension/dist/webview/main.css',
	'extension/media/icons/baton.svg',
	'extension/media/models/intent.onnx',
	'extension/media/models/labels.json',
	`extension/dist/node_modules/onnxruntime-node/bin/napi-v6/${os}/${arch}/onnxruntime_binding.node`,
	'extension/dist/node_modules/onnxruntime-node/dist/index.js',
	'extension/dist/node_modules/onnxruntime-common/dist/cjs/index.js',
];
const problems = required.filter((f) => !names.includes(f)).map((f) => `missing ${f}`);
const ownBinaries = `extension/dist/node_modules/onnxruntime-node/bin/napi-v6/${os}/${arch}/`;
for (const name of names) {
	if (name.includes('/bin/napi-v6/') && !name.startsWith(ownBinaries)) problems.push(`other platform's binary ${name}`);
	if (/^extension\/(src|test|webview-ui|node_modules|scripts|bench|data)\//.test(name)) problems.push(`source or dev file ${name}`);
	if (name.endsWith('.map')) problems.push(`source map ${name}`);
}
const bytes = statSync(vsix).size;
if (bytes > maxBytes) problems.push(`VSIX is ${(bytes / 2 ** 20).toFixed(1)} MB, over the ${maxBytes / 2 ** 20} MB budget`);

console.log(`package: ${names.length} files, ${(bytes / 2 ** 20).toFixed(2)} MB (${target})`);
if (problems.length > 0) {
	console.error(`package: VSIX check failed:\n  ${problems.join('\n  ')}`);
	process.exit(1);
}
console.log('package: contents check passed');
console.log(vsix);
