import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleForTests, startWriter, tempDir } from './memory/support';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

function baton(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
	const r = spawnSync(process.execPath, [cli, 'memory', ...args], { encoding: 'utf8', timeout: 30_000 });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('baton memory (built dist/cli.js on real database files)', function () {
	this.timeout(60_000);
	let dir: string;
	let cleanup: () => void;
	let db: string;

	before(function () {
		if (!existsSync(cli)) {
			throw new Error(`${cli} is missing: run node esbuild.mjs first`);
		}
	});

	beforeEach(() => {
		({ dir, cleanup } = tempDir());
		db = join(dir, 'memory.sqlite');
	});

	afterEach(() => cleanup());

	it('adds, searches (JSON), counts, recalls within budget and exports', () => {
		const add = baton(['add', '--db', db, '--kind', 'decision', '--title', 'Route quota errors to gemini', '--body', 'token=abc123secret keeps failing', '--files', 'src/router.ts,src/quota.ts', '--tags', 'routing,quota']);
		assert.equal(add.code, 0, add.stderr);
		const id = add.stdout.trim();
		assert.match(id, /^[0-9a-z]{10}$/);
		assert.equal(baton(['add', '--db', db, '--kind', 'note', '--title', 'Unrelated note']).code, 0);
		const search = baton(['search', '--db', db, '--query', 'quota routing', '--limit', '5', '--json']);
		assert.equal(search.code, 0, search.stderr);
		const hits = JSON.parse(search.stdout) as Array<{ id: string; score: number; body: string; files: string[] }>;
		assert.deepEqual(hits.map((h) => h.id), [id]);
		assert.equal(hits[0]?.body, 'token=[REDACTED:secret] keeps failing');
		assert.deepEqual(hits[0]?.files, ['src/router.ts', 'src/quota.ts']);
		assert.equal(baton(['count', '--db', db]).stdout, '2\n');
		assert.equal(baton(['count', '--db', db, '--kind', 'note']).stdout, '1\n');
		const recall = baton(['recall', '--db', db, '--task', 'Why do quota errors fail?', '--budget', '60']);
		assert.equal(recall.code, 0, recall.stderr);
		assert.ok(recall.stdout.includes(`[${id}]`));
		assert.ok(Math.ceil(Buffer.byteLength(recall.stdout) / 4) <= 60);
		assert.equal(baton(['recall', '--db', db, '--task', 'quota', '--budget', '5']).stdout, '');
		const out = join(dir, 'export.jsonl');
		const exp = baton(['export', '--db', db, '--jsonl', out]);
		assert.equal(exp.code, 0, exp.stderr);
		assert.match(exp.stdout, /exported 2 entries/);
		assert.equal(readFileSync(out, 'utf8').trim().split('\n').length, 2);
	});

	it('imports JSONL, reporting refused lines with exit 1, and skips ids it already has', () => {
		const source = join(dir, 'in.jsonl');
		const lines = Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: `imp-${i}`, kind: 'finding', title: `imported finding ${i}`, body: `AKIAIOSFODNN7EXAMPLE ${i}` }));
		writeFileSync(source, `${lines.join('\n')}\n{"kind":"note"}\n`);
		const first = baton(['import', '--db', db, '--jsonl', source]);
		assert.equal(first.code, 1);
		assert.match(first.stdout, /imported 300, skipped 0 \(id exists\), refused 1/);
		assert.match(first.stderr, /line 301: title must be a string/);
		writeFileSync(source, `${lines.slice(0, 10).join('\n')}\n`);
		const again = baton(['import', '--db', db, '--jsonl', source]);
		assert.equal(again.code, 0, again.stderr);
		assert.match(again.stdout, /imported 0, skipped 10/);
		assert.equal(baton(['count', '--db', db]).stdout, '300\n');
		assert.ok(!readFileSync(db, 'latin1').includes('AKIAIOSFODNN7EXAMPLE'));
	});

	it('refuses a database a live process holds, with its pid, and works again once released', async () => {
		await bundleForTests();
		const holder = await startWriter([db, 'hold', 'h']);
		await holder.waitFor(/^ready /);
		const busy = baton(['count', '--db', db]);
		assert.equal(busy.code, 1);
		assert.match(busy.stderr, new RegExp(`in use by process ${holder.child.pid}`));
		holder.child.stdin.end();
		assert.equal(await holder.exited, 0);
		assert.equal(baton(['count', '--db', db]).stdout, '0\n');
	});

	it('fails clearly on a missing or corrupt database and on bad usage, without touching the file', () => {
		const missing = baton(['count', '--db', join(dir, 'nope.sqlite')]);
		assert.equal(missing.code, 1);
		assert.match(missing.stderr, /no memory database at/);
		writeFileSync(db, 'garbage'.repeat(200));
		const corrupt = baton(['search', '--db', db, '--query', 'x']);
		assert.equal(corrupt.code, 1);
		assert.match(corrupt.stderr, /not a readable memory database/);
		assert.equal(readFileSync(db, 'utf8'), 'garbage'.repeat(200));
		for (const args of [[], ['frobnicate', '--db', db], ['add', '--db', db, '--kind', 'opinion', '--title', 'x'], ['search', '--db', db], ['search', '--db', db, '--query', 'x', '--limit', 'many'], ['count']]) {
			const r = baton(args);
			assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
			assert.match(r.stderr, /usage: baton memory/);
		}
	});
});
