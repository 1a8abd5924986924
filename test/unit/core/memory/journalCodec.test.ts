import * as assert from 'node:assert/strict';
import { crc32, decodeJournalLine, encodeJournalRecord, type JournalRecord } from '../../../../src/core/memory/journalCodec';
import { createEntry } from '../../../../src/core/memory/entries';

describe('memory journal codec', () => {
	it('computes the standard CRC-32 of UTF-8', () => {
		assert.equal(crc32('123456789'), 0xcbf43926);
		assert.equal(crc32(''), 0);
		assert.equal(crc32('é🙂'), 0x88950a6b, 'same as zlib.crc32');
	});

	it('round-trips a record as one checksummed line', () => {
		const record: JournalRecord = { seq: 3, at: 1000, ops: [{ t: 'put', e: createEntry({ kind: 'note', title: 'line\nbreak 🙂' }, 'a', 1) }, { t: 'del', ids: ['b', 'c'] }] };
		const line = encodeJournalRecord(record);
		assert.ok(line.endsWith('\n') && line.indexOf('\n') === line.length - 1, 'one line');
		assert.deepEqual(decodeJournalLine(line.slice(0, -1)), record);
	});

	it('rejects torn, altered and malformed lines', () => {
		const line = encodeJournalRecord({ seq: 1, at: 0, ops: [{ t: 'del', ids: ['x'] }] }).slice(0, -1);
		assert.equal(decodeJournalLine(line.slice(0, -3)), null);
		assert.equal(decodeJournalLine(line.replace('"x"', '"y"')), null);
		assert.equal(decodeJournalLine(''), null);
		assert.equal(decodeJournalLine('zzzzzzzz {}'), null);
		const bad = (json: string): string => `${crc32(json).toString(16).padStart(8, '0')} ${json}`;
		assert.equal(decodeJournalLine(bad('{"seq":0,"ops":[]}')), null);
		assert.equal(decodeJournalLine(bad('{"seq":1,"ops":[{"t":"put","e":{"id":"bad id"}}]}')), null);
		assert.equal(decodeJournalLine(bad('{"seq":1.5,"ops":[]}')), null);
		assert.deepEqual(decodeJournalLine(bad('{"seq":2,"ops":[]}')), { seq: 2, at: 0, ops: [] });
	});
});
