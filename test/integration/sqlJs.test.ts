import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/infra/fs/atomicWrite';
import { loadSqlJs } from '../../src/infra/sqljs/sqlJsLoader';

const wasmDir = join(__dirname, '..', '..', 'node_modules', 'sql.js', 'dist');

describe('sql.js database files (real wasm, real disk)', () => {
	it('writes a database file atomically and reads it back', async () => {
		const SQL = await loadSqlJs(wasmDir);
		const dir = mkdtempSync(join(tmpdir(), 'baton-sqljs-'));
		const file = join(dir, 'memory.sqlite');
		const db = new SQL.Database();
		db.run('CREATE TABLE entries (id INTEGER PRIMARY KEY, title TEXT NOT NULL)');
		const insert = db.prepare('INSERT INTO entries (title) VALUES (?)');
		for (const title of ['first finding', 'second decision', 'ünïcödé ✓']) {
			insert.run([title]);
		}
		insert.free();
		await writeFileAtomic(file, db.export());
		db.close();

		assert.deepEqual(readdirSync(dir), ['memory.sqlite'], 'no temp file is left behind');
		const reopened = new SQL.Database(readFileSync(file));
		const rows = reopened.exec('SELECT title FROM entries ORDER BY id')[0]?.values.map((r) => r[0]);
		assert.deepEqual(rows, ['first finding', 'second decision', 'ünïcödé ✓']);
		reopened.close();
	});

	it('has FTS4 (sql.js has no FTS5)', async () => {
		const SQL = await loadSqlJs(wasmDir);
		const db = new SQL.Database();
		db.run("CREATE VIRTUAL TABLE docs USING fts4(body); INSERT INTO docs VALUES ('the quick brown fox'), ('lazy dog');");
		assert.deepEqual(db.exec("SELECT body FROM docs WHERE docs MATCH 'fox'")[0]?.values, [['the quick brown fox']]);
		assert.throws(() => db.run('CREATE VIRTUAL TABLE f5 USING fts5(body)'), /no such module: fts5/);
		db.close();
	});

	it('reports a corrupt file instead of returning data', async () => {
		const SQL = await loadSqlJs(wasmDir);
		const db = new SQL.Database(Buffer.from('this is not a sqlite database, just text that is long enough to fill a header'));
		assert.throws(() => db.exec('SELECT * FROM sqlite_master'), /not a database|malformed/);
		db.close();
	});
});
