import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeJournalRecord } from '../../src/core/memory/journalCodec';
import { memoryMigrations } from '../../src/core/memory/schema';
import { tryAcquireLock } from '../../src/infra/memory/lockFile';
import { MemoryDb } from '../../src/infra/memory/memoryDb';
import { MemoryEngine } from '../../src/infra/memory/memoryEngine';
import { MemoryStore } from '../../src/infra/memory/memoryStore';
import { loadSqlJs } from '../../src/infra/sqljs/sqlJsLoader';
import { bundleForTests, sourceStoreOptions, startWriter, tempDir, wasmDir } from './memory/support';

const killRuns = Number(process.env['BATON_MEMORY_KILL_RUNS'] ?? 50);

/** Opens `file` in this process (taking the lock, as the CLI does), runs `body`, closes. */
async function withEngine<T>(file: string, body: (engine: MemoryEngine) => Promise<T>): Promise<T> {
	const attempt = tryAcquireLock(file, null);
	assert.ok(attempt.acquired, `lock on ${file} is held by ${JSON.stringify(!attempt.acquired && attempt.holder)}`);
	try {
		const engine = await MemoryEngine.open({ file, wasmDir, recoverCorrupt: false });
		try {
			return await body(engine);
		} finally {
			await engine.close();
		}
	} finally {
		attempt.lock.release();
	}
}

function entry(id: string, title: string): Record<string, unknown> {
	return { id, kind: 'note', title, body: '', agent: null, sessionId: null, files: [], tags: [], pinned: false, createdAt: 1, updatedAt: 1, source: 'user' };
}

describe('memory durability (real files, real processes)', function () {
	this.timeout(120_000);

	before(async function () {
		this.timeout(60_000);
		await bundleForTests();
	});

	it(`keeps every acknowledged write when the writer is SIGKILLed mid-burst (${killRuns} runs), and the file is never corrupt`, async function () {
		if (process.platform === 'win32') {
			this.skip();
		}
		const { dir, cleanup } = tempDir();
		const file = join(dir, 'memory.sqlite');
		const SQL = await loadSqlJs(wasmDir);
		const everAcked: string[] = [];
		let replayed = 0;
		let seed = 12345;
		try {
			for (let run = 0; run < killRuns; run++) {
				const writer = await startWriter([file, 'burst', `r${run}`]);
				await writer.waitFor(/^ready /);
				seed = (seed * 1103515245 + 12345) >>> 0;
				const target = 3 + (seed % 60);
				await new Promise<void>((resolve) => {
					const poll = setInterval(() => {
						if (writer.acked.length >= target || writer.child.exitCode !== null) {
							clearInterval(poll);
							resolve();
						}
					}, 1);
				});
				writer.child.kill('SIGKILL');
				await writer.exited;
				assert.ok(writer.acked.length >= target, `run ${run}: writer died early: ${writer.lines.slice(-3).join(' | ')}`);
				everAcked.push(...writer.acked);
				// The file on disk must be a healthy database by itself, before any journal replay.
				MemoryDb.open(SQL, readFileSync(file)).close();
				const missing = await withEngine(file, async (engine) => {
					replayed += engine.opened.replayedWrites;
					const absent: string[] = [];
					for (const id of everAcked) {
						if ((await engine.call({ method: 'get', params: { id } })) === null) {
							absent.push(id);
						}
					}
					return absent;
				});
				assert.deepEqual(missing, [], `run ${run}: acknowledged writes lost`);
			}
		} finally {
			cleanup();
		}
		assert.ok(everAcked.length >= killRuns * 3);
		assert.ok(replayed > 0, 'some acknowledged writes were only in the journal when the writer died');
	});

	it('moves a corrupt database aside, starts fresh, replays the journal and says so', async () => {
		const cases: Array<[string, (file: string) => void]> = [
			['garbage', (f) => writeFileSync(f, 'this is not a database'.repeat(100))],
			['truncated', (f) => writeFileSync(f, readFileSync(f).subarray(0, 4096 * 3))],
			['empty', (f) => writeFileSync(f, '')],
			['zeroed schema page', (f) => writeFileSync(f, readFileSync(f).fill(0, 100, 4096 * 2))],
		];
		for (const [name, damage] of cases) {
			const { dir, cleanup } = tempDir();
			const file = join(dir, 'memory.sqlite');
			try {
				let store = await MemoryStore.open(sourceStoreOptions(file));
				await store.add({ kind: 'note', title: 'saved before the damage' });
				await store.close();
				damage(file);
				const damaged = readFileSync(file);
				writeFileSync(`${file}.journal`, encodeJournalRecord({ seq: 99, at: 1, ops: [{ t: 'put', e: entry('journaled1', 'only in the journal') as never }] }));
				store = await MemoryStore.open(sourceStoreOptions(file));
				try {
					const opened = store.opened;
					assert.equal(opened.kind, 'recovered', name);
					assert.ok(opened.kind === 'recovered' && existsSync(opened.backupPath), name);
					assert.deepEqual(opened.kind === 'recovered' && readFileSync(opened.backupPath), damaged, `${name}: backup is the damaged file byte for byte`);
					assert.equal(opened.replayedWrites, 1, name);
					assert.equal((await store.get('journaled1'))?.title, 'only in the journal', name);
					await store.add({ kind: 'note', title: 'after recovery' });
					assert.equal(await store.count(), 2, name);
				} finally {
					await store.close();
				}
				MemoryDb.open(await loadSqlJs(wasmDir), readFileSync(file)).close();
			} finally {
				cleanup();
			}
		}
	});

	it('drops a torn journal tail and keeps damaged journal lines aside in a backup', async () => {
		const { dir, cleanup } = tempDir();
		const file = join(dir, 'memory.sqlite');
		try {
			await withEngine(file, async () => undefined);
			const good = (seq: number, id: string): string => encodeJournalRecord({ seq, at: 1, ops: [{ t: 'put', e: entry(id, `entry ${id}`) as never }] });
			const tampered = good(2, 'bad').replace('entry bad', 'entry BAD');
			writeFileSync(`${file}.journal`, `${good(1, 'a1')}${tampered}${good(3, 'a3')}${good(4, 'a4').slice(0, 40)}`);
			const store = await MemoryStore.open(sourceStoreOptions(file));
			try {
				assert.equal(store.opened.kind, 'loaded');
				assert.equal(store.opened.replayedWrites, 2);
				assert.ok(store.opened.journalBackupPath !== null && readFileSync(store.opened.journalBackupPath, 'utf8').includes('entry BAD'));
				assert.deepEqual((await store.list()).entries.map((e) => e.id).sort(), ['a1', 'a3']);
			} finally {
				await store.close();
			}
		} finally {
			cleanup();
		}
	});

	it('migrates a database from schema version 1 and 2 and keeps its entries searchable', async () => {
		const SQL = await loadSqlJs(wasmDir);
		for (const version of [1, 2]) {
			const { dir, cleanup } = tempDir();
			const file = join(dir, 'memory.sqlite');
			try {
				const old = new SQL.Database();
				for (const m of memoryMigrations.slice(0, version)) {
					m.statements.forEach((sql) => old.exec(sql));
					old.exec(`PRAGMA user_version = ${m.version}`);
				}
				old.run("INSERT INTO entries (id, kind, title, body, files, created_at, updated_at) VALUES ('old1', 'decision', 'Use sql.js', 'FTS4 with BM25 ranking', '[\"src/a.ts\"]', 1000, 1000)");
				old.run("INSERT INTO meta (key, value) VALUES ('journal_seq', '7')");
				writeFileSync(file, old.export());
				old.close();
				const store = await MemoryStore.open(sourceStoreOptions(file));
				try {
					assert.equal(store.opened.kind, 'loaded');
					assert.deepEqual((await store.search('ranking')).map((h) => h.entry.id), ['old1']);
					assert.deepEqual((await store.list({ file: 'src/a.ts' })).entries.map((e) => e.id), ['old1']);
					await store.add({ kind: 'note', title: 'new after migration' });
				} finally {
					await store.close();
				}
				const db = MemoryDb.open(SQL, readFileSync(file));
				assert.equal(db.schemaVersion(), memoryMigrations.length);
				assert.equal(db.journalSeq(), 8);
				db.close();
			} finally {
				cleanup();
			}
		}
	});

	it('never touches a database written by a newer Baton: memory only, with the reason', async () => {
		const { dir, cleanup } = tempDir();
		const file = join(dir, 'memory.sqlite');
		try {
			await withEngine(file, async () => undefined);
			const SQL = await loadSqlJs(wasmDir);
			const db = new SQL.Database(readFileSync(file));
			db.exec('PRAGMA user_version = 99');
			writeFileSync(file, db.export());
			db.close();
			const before = readFileSync(file);
			const store = await MemoryStore.open(sourceStoreOptions(file));
			try {
				assert.equal(store.opened.kind, 'memoryOnly');
				assert.match(store.opened.kind === 'memoryOnly' ? store.opened.reason : '', /newer/);
				await store.add({ kind: 'note', title: 'kept in memory only' });
			} finally {
				await store.close();
			}
			assert.deepEqual(readFileSync(file), before);
			assert.deepEqual(readdirSync(dir).sort(), ['memory.sqlite']);
		} finally {
			cleanup();
		}
	});
});
