import * as assert from 'node:assert/strict';
import { memoryMigrations, memorySchemaVersion, pendingMigrations } from '../../../../src/core/memory/schema';

describe('memory schema migrations', () => {
	it('are numbered 1..N without gaps, each with a name and statements', () => {
		assert.deepEqual(memoryMigrations.map((m) => m.version), Array.from({ length: memoryMigrations.length }, (_, i) => i + 1));
		assert.equal(memorySchemaVersion, memoryMigrations.length);
		assert.ok(memoryMigrations.every((m) => m.name !== '' && m.statements.length > 0));
	});

	it('lists what is pending from any version', () => {
		assert.equal(pendingMigrations(0).length, memorySchemaVersion);
		assert.deepEqual(pendingMigrations(1).map((m) => m.version), memoryMigrations.slice(1).map((m) => m.version));
		assert.deepEqual(pendingMigrations(memorySchemaVersion), []);
	});

	it('uses FTS4 (sql.js has no FTS5) and keeps the index in step with triggers', () => {
		const sql = memoryMigrations.flatMap((m) => m.statements).join('\n');
		assert.match(sql, /USING fts4\(/);
		assert.doesNotMatch(sql, /fts5/i);
		assert.equal((sql.match(/CREATE TRIGGER entries_fts_/g) ?? []).length, 4);
	});
});
