// `npm test`: every tier, in order, with a summary table and a closing `total: N passed, N failed` line.
//   node scripts/test.mjs [tier ...]     tiers: unit integration exthost e2e (default: all)
// Steps: typecheck → build (with extension-host suites) → unit → integration → exthost → package VSIX → e2e.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const allTiers = ['unit', 'integration', 'exthost', 'e2e'];
const requested = process.argv.slice(2);
const unknown = requested.filter((t) => !allTiers.includes(t));
if (unknown.length > 0) {
	console.error(`test: unknown tier ${unknown.join(', ')}; tiers are ${allTiers.join(', ')}`);
	process.exit(2);
}
const tiers = requested.length > 0 ? requested : allTiers;
const env = { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip', FORCE_COLOR: '0' };
const node = process.execPath;
const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');

/** Runs a command, streaming and capturing its output. Resolves to { code, output, seconds }. */
function run(label, command, args, extraEnv = {}) {
	console.log(`\n━━ ${label}: ${[command === node ? 'node' : command, ...args.map((a) => a.replace(root + '/', ''))].join(' ')}`);
	const started = Date.now();
	return new Promise((resolve) => {
		const child = spawn(command, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		const forward = (stream) => (chunk) => {
			output += chunk;
			stream.write(chunk);
		};
		child.stdout.on('data', forward(process.stdout));
		child.stderr.on('data', forward(process.stderr));
		child.on('close', (code) => resolve({ code: code ?? 1, output, seconds: (Date.now() - started) / 1000 }));
	});
}

/** Reads mocha's `N passing` / `N failing` / `N pending` lines; a non-zero exit with no failures counts as one. */
function counts(result) {
	const read = (word) => [...result.output.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
	const passed = read('passing');
	let failed = read('failing');
	if (result.code !== 0 && failed === 0) failed = 1;
	if (result.code === 0 && passed === 0) failed = 1; // a tier that ran no test has failed
	return { passed, failed, pending: read('pending') };
}

const rows = [];
async function step(name, command, args, extraEnv) {
	const result = await run(name, command, args, extraEnv);
	rows.push({ name, passed: '', failed: result.code === 0 ? '' : 1, pending: '', seconds: result.seconds, ok: result.code === 0 });
	return result.code === 0;
}
async function tier(name, command, args, extraEnv) {
	const result = await run(name, command, args, extraEnv);
	const c = counts(result);
	rows.push({ name, ...c, seconds: result.seconds, ok: c.failed === 0 });
}

const vscodeTiers = tiers.filter((t) => t === 'exthost' || t === 'e2e');
let prepared = await step('typecheck', node, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit']);
prepared = (await step('typecheck webview', node, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'webview-ui/tsconfig.json', '--noEmit'])) && prepared;
prepared = (await step('build', node, ['esbuild.mjs', '--tests'])) && prepared;
if (tiers.some((t) => t !== 'unit')) {
	prepared = (await step('agent CLIs', 'bash', ['test/rig/installClis.sh'])) && prepared;
}
if (vscodeTiers.length > 0) {
	prepared = (await step('system packages', 'bash', ['test/harness/installSystemDeps.sh'])) && prepared;
	prepared = (await step('code-server', 'bash', ['test/harness/installCodeServer.sh'])) && prepared;
}
if (prepared) {
	if (tiers.includes('unit')) await tier('unit', node, [mocha, '--config', '.mocharc.unit.json']);
	if (tiers.includes('integration')) await tier('integration', node, [mocha, '--config', '.mocharc.integration.json']);
	if (tiers.includes('exthost')) await tier('exthost', node, ['-r', 'tsx/cjs', 'test/harness/runExthostTests.ts']);
	if (tiers.includes('e2e') && (await step('package', node, ['scripts/package.mjs']))) {
		await tier('e2e', node, [mocha, '--config', '.mocharc.e2e.json']);
	}
}

const pad = (v, n) => String(v).padEnd(n);
console.log('\n━━ summary');
console.log(`${pad('step', 20)}${pad('passed', 8)}${pad('failed', 8)}${pad('pending', 9)}time`);
for (const r of rows) {
	console.log(`${pad(r.name, 20)}${pad(r.passed, 8)}${pad(r.failed === 0 ? 0 : r.failed, 8)}${pad(r.pending, 9)}${r.seconds.toFixed(1)}s${r.ok ? '' : '  ✘'}`);
}
const passed = rows.reduce((n, r) => n + (Number(r.passed) || 0), 0);
const failed = rows.reduce((n, r) => n + (Number(r.failed) || 0), 0);
const ranTiers = rows.filter((r) => allTiers.includes(r.name)).length;
const missing = prepared ? tiers.length - ranTiers : tiers.length;
console.log(`total: ${passed} passed, ${failed + missing} failed`);
process.exit(failed + missing > 0 ? 1 : 0);
