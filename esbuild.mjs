// Builds Baton's bundles and copies its runtime assets.
//   node esbuild.mjs [--production] [--watch] [--tests] [--target <platform-arch>]
// Outputs: dist/extension.js (node/cjs; vscode and onnxruntime-node external), dist/cli.js (the `baton` CLI),
// dist/webview/main.{js,css} (browser), dist/sql-wasm.wasm, dist/node_modules/{onnxruntime-node,onnxruntime-common}
// for one platform only, and with --tests out/test/exthost/*.js (mocha suites for the extension host).
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const production = argv.includes('--production');
const watch = argv.includes('--watch');
const withTests = argv.includes('--tests');
const targetIndex = argv.indexOf('--target');
const target = targetIndex >= 0 ? argv[targetIndex + 1] : `${process.platform}-${process.arch}`;
const supportedTargets = ['linux-x64', 'linux-arm64', 'darwin-arm64', 'win32-x64', 'win32-arm64'];
if (!supportedTargets.includes(target)) {
	console.error(`esbuild.mjs: unsupported --target ${target}; onnxruntime-node ships ${supportedTargets.join(', ')}`);
	process.exit(2);
}
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

/** Reports errors in the `$esbuild-watch` problem-matcher format so VS Code tasks can pick them up. */
const problemMatcher = {
	name: 'problem-matcher',
	setup(build) {
		build.onStart(() => {
			if (watch) console.log('[watch] build started');
		});
		build.onEnd((result) => {
			for (const { text, location } of result.errors) {
				console.error(`✘ [ERROR] ${text}`);
				if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
			}
			if (watch) console.log('[watch] build finished');
		});
	},
};

const common = {
	bundle: true,
	minify: production,
	sourcemap: production ? false : 'linked',
	logLevel: 'warning',
	plugins: [problemMatcher],
};

const nodeCommon = { ...common, platform: 'node', format: 'cjs', target: 'node20', define: { batonVersion: JSON.stringify(version) } };

const contexts = [
	{ ...nodeCommon, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', 'onnxruntime-node'], metafile: true },
	{ ...nodeCommon, entryPoints: ['src/cli/entry.ts'], outfile: 'dist/cli.js', external: ['onnxruntime-node'], banner: { js: '#!/usr/bin/env node' } },
	// The memory store's worker thread: saves run here so they never stall the extension host.
	{ ...nodeCommon, entryPoints: ['src/infra/memory/memoryWorker.ts'], outfile: 'dist/memoryWorker.js' },
	// The hook-only CLI: agent CLIs run it on every hook call, so it carries nothing but the hook path (fast start).
	{ ...nodeCommon, entryPoints: ['src/cli/commands/hookEntry.ts'], outfile: 'dist/hook.js', banner: { js: '#!/usr/bin/env node' } },
	{
		...common,
		platform: 'browser',
		format: 'iife',
		target: 'es2022',
		entryPoints: [{ in: 'webview-ui/src/main.ts', out: 'main' }, { in: 'webview-ui/src/styles.css', out: 'main' }],
		outdir: 'dist/webview',
	},
];
if (withTests) {
	rmSync(join(root, 'out/test/exthost'), { recursive: true, force: true });
	const suites = readdirSync(join(root, 'test/exthost')).filter((f) => f.endsWith('.ts')).map((f) => `test/exthost/${f}`);
	contexts.push({ ...nodeCommon, sourcemap: 'inline', entryPoints: suites, outdir: 'out/test/exthost', external: ['vscode', 'mocha'] });
}

function copyRuntimeAssets() {
	mkdirSync(join(root, 'dist'), { recursive: true });
	cpSync(join(root, 'node_modules/sql.js/dist/sql-wasm.wasm'), join(root, 'dist/sql-wasm.wasm'));
	const [os, arch] = target.split('-');
	const ortSrc = join(root, 'node_modules/onnxruntime-node');
	const ortDst = join(root, 'dist/node_modules/onnxruntime-node');
	rmSync(join(root, 'dist/node_modules'), { recursive: true, force: true });
	cpSync(join(ortSrc, 'package.json'), join(ortDst, 'package.json'));
	cpSync(join(ortSrc, 'dist'), join(ortDst, 'dist'), { recursive: true, filter: (p) => !p.endsWith('.map') && !p.endsWith('.d.ts') });
	const binary = join('bin/napi-v6', os, arch);
	if (!existsSync(join(ortSrc, binary))) {
		throw new Error(`onnxruntime-node has no ${binary}`);
	}
	cpSync(join(ortSrc, binary), join(ortDst, binary), { recursive: true });
	const commonSrc = join(root, 'node_modules/onnxruntime-common');
	const commonDst = join(root, 'dist/node_modules/onnxruntime-common');
	cpSync(join(commonSrc, 'package.json'), join(commonDst, 'package.json'));
	cpSync(join(commonSrc, 'dist/cjs'), join(commonDst, 'dist/cjs'), { recursive: true, filter: (p) => !p.endsWith('.map') && !p.endsWith('.d.ts') });
}

const started = Date.now();
rmSync(join(root, 'dist'), { recursive: true, force: true });
copyRuntimeAssets();
if (watch) {
	for (const options of contexts) {
		await (await esbuild.context(options)).watch();
	}
} else {
	const results = await Promise.all(contexts.map((options) => esbuild.build(options)));
	const meta = results[0].metafile;
	const bytes = Object.values(meta.outputs).reduce((sum, o) => sum + o.bytes, 0);
	console.log(`esbuild: built ${contexts.length} bundles for ${target}${production ? ' (production)' : ''} in ${Date.now() - started} ms; extension.js ${(bytes / 1024).toFixed(0)} KiB`);
}
