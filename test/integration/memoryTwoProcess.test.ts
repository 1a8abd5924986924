import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { tryAcquireLock } from '../../src/infra/memory/lockFile';
import { MemoryEngine } from '../../src/infra/memory/memoryEngine';
import { bundleForTests, startWriter, tempDir, wasmDir, type Writer } from './memory/support';

/** Ids (of `ids`) that the database at `file` does not hold. */
async function missingIds(file: string, ids: readonly string[]): Promise<{ missing: string[]; count: number }> {
	const attempt = tryAcquireLock(file, null);
	assert.ok(attempt.acquired, 'the writers released the database');
	try {
		const engine = await MemoryEngine.open({ file, wasmDir, recoverCorrupt: false });
		try {
			const missing: string[] = [];
			for (const id of ids) {
				if ((await engine.call({ method: 'get', params: { id } })) === null) {
					missing.push(id);
				}
			}
			return { missing, count: (await engine.call({ method: 'count', params: { filter: {} } })) as number };
		} finally {
			await engine.close();
		}
	} finally {
		attempt.lock.release();
	}
}

async function acks(writer: Writer, n: number): Promise<void> {
	while (writer.acked.length < n) {
		if (writer.child.exitCode !== null) {
			throw new Error(`writer exited early: ${writer.lines.slice(-3).join(' | ')}`);
		}
		await new Promise((r) => setTimeout(r, 2));
	}
}

describe('memory shared by two processes (two VS Code windows on one workspace)', function () {
	this.timeout(90_000);

	before(async function () {
		this.timeout(60_000);
		await bundleForTests();
	});

	it('loses no write when both write at once: the second forwards to the first', async () => {
		const { dir, cleanup } = tempDir();
		const file = join(dir, 'memory.sqlite');
		try {
			const a = await startWriter([file, 'count', 'a', '200', '4', 'gated']);
			assert.match(await a.waitFor(/^ready /), /^ready (fresh|loaded)$/);
			const b = await startWriter([file, 'count', 'b', '200', '4', 'gated']);
			assert.equal(await b.waitFor(/^ready /), 'ready shared');
			a.child.stdin.write('go\n');
			b.child.stdin.write('go\n');
			await Promise.all([a.waitFor(/^done$/), b.waitFor(/^done$/)]);
			a.child.stdin.end();
			b.child.stdin.end();
			assert.deepEqual(await Promise.all([a.exited, b.exited]), [0, 0]);
			assert.equal(a.acked.length, 200);
			assert.equal(b.acked.length, 200);
			const result = await missingIds(file, [...a.acked, ...b.acked]);
			assert.deepEqual(result.missing, []);
			assert.equal(result.count, 400);
		} finally {
			cleanup();
		}
	});

	it('fails over when the owner is SIGKILLed: the other takes the file, replays the journal and re-sends', async function () {
		if (process.platform === 'win32') {
			this.skip();
		}
		const { dir, cleanup } = tempDir();
		const file = join(dir, 'memory.sqlite');
		try {
			for (let round = 0; round < 3; round++) {
				const a = await startWriter([file, 'burst', `a${round}`]);
				await a.waitFor(/^ready /);
				const b = await startWriter([file, 'count', `b${round}`, '300', '4']);
				assert.equal(await b.waitFor(/^ready /), 'ready shared');
				await acks(b, 40 + round * 30);
				a.child.kill('SIGKILL');
				assert.deepEqual(await Promise.all([a.exited, b.exited]), [null, 0]);
				assert.equal(b.acked.length, 300);
				const result = await missingIds(file, [...a.acked, ...b.acked]);
				assert.deepEqual(result.missing, [], `round ${round}`);
			}
		} finally {
			cleanup();
		}
	});

	it('a closing owner hands over cleanly to a writer that is still busy', async () => {
		const { dir, cleanup } = tempDir();
		const file = join(dir, 'memory.sqlite');
		try {
			const a = await startWriter([file, 'count', 'a', '50', '2', 'gated']);
			await a.waitFor(/^ready /);
			const b = await startWriter([file, 'count', 'b', '400', '4', 'gated']);
			assert.equal(await b.waitFor(/^ready /), 'ready shared');
			a.child.stdin.write('go\n');
			b.child.stdin.write('go\n');
			await a.waitFor(/^done$/);
			await acks(b, 100);
			a.child.stdin.end();
			assert.equal(await a.exited, 0);
			assert.ok(b.acked.length < 400, 'the owner closed while the other was still writing');
			await b.waitFor(/^done$/);
			b.child.stdin.end();
			assert.equal(await b.exited, 0);
			const result = await missingIds(file, [...a.acked, ...b.acked]);
			assert.deepEqual(result.missing, []);
			assert.equal(result.count, 450);
		} finally {
			cleanup();
		}
	});
});
