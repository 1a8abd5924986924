import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = join(dir, name);
		return statSync(full).isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(name) ? [full] : [];
	});
}

function importsOf(text: string): string[] {
	const specifiers: string[] = [];
	const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
	for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
		specifiers.push(m[1] as string);
	}
	return specifiers;
}

const rel = (file: string): string => relative(root, file).split('\\').join('/');
const allSources = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'webview-ui', 'src'))];
const nodeIo = /^(node:)?(fs|fs\/promises|child_process|net|http|https|worker_threads|os)$/;

describe('architecture', () => {
	it('imports vscode only in src/host and src/extension.ts', () => {
		const offenders = allSources
			.filter((f) => !rel(f).startsWith('src/host/') && rel(f) !== 'src/extension.ts')
			.filter((f) => importsOf(readFileSync(f, 'utf8')).includes('vscode'))
			.map(rel);
		assert.deepEqual(offenders, []);
	});

	it('keeps src/core free of I/O, native modules and outer layers', () => {
		const offenders = sourceFiles(join(root, 'src', 'core')).flatMap((f) =>
			importsOf(readFileSync(f, 'utf8'))
				.filter((s) => nodeIo.test(s) || /\/(infra|host|cli)\//.test(s) || /^(sql\.js|onnxruntime-node)$/.test(s))
				.map((s) => `${rel(f)} imports ${s}`),
		);
		assert.deepEqual(offenders, []);
	});

	it('keeps src/shared self-contained', () => {
		const offenders = sourceFiles(join(root, 'src', 'shared')).flatMap((f) =>
			importsOf(readFileSync(f, 'utf8'))
				.filter((s) => !s.startsWith('./'))
				.map((s) => `${rel(f)} imports ${s}`),
		);
		assert.deepEqual(offenders, []);
	});

	it('keeps src/infra and src/cli out of the host layer', () => {
		const outer = [...sourceFiles(join(root, 'src', 'infra')), ...sourceFiles(join(root, 'src', 'cli'))];
		const offenders = outer.flatMap((f) =>
			importsOf(readFileSync(f, 'utf8'))
				.filter((s) => /\/host\//.test(s))
				.map((s) => `${rel(f)} imports ${s}`),
		);
		assert.deepEqual(offenders, []);
	});

	it('has no source file over 500 lines', () => {
		const tooLong = [...allSources, ...sourceFiles(join(root, 'test'))]
			.map((f) => ({ file: rel(f), lines: readFileSync(f, 'utf8').split('\n').length }))
			.filter((x) => x.lines > 500);
		assert.deepEqual(tooLong, []);
	});

	it('uses no `any` type', () => {
		const anyType = /(:\s*any\b|\bas\s+any\b|<any>|\bany\[\])/;
		const offenders = allSources.filter((f) => anyType.test(readFileSync(f, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, ''))).map(rel);
		assert.deepEqual(offenders, []);
	});

	it('keeps src/extension.ts within 60 lines', () => {
		assert.ok(readFileSync(join(root, 'src', 'extension.ts'), 'utf8').split('\n').length <= 60);
	});
});
