import * as assert from 'node:assert/strict';
import { bm25FromMatchinfo, distinctiveTerms, documentFrequencies, memoryColumnWeights } from '../../../../src/core/memory/bm25';

/** Builds a matchinfo('pcnalx') blob: n rows, per-column average and row lengths, per phrase×column [tf, hitsAll, df]. */
function blob(n: number, avg: number[], len: number[], x: Array<Array<[number, number, number]>>): Uint8Array {
	const ints = [x.length, avg.length, n, ...avg, ...len, ...x.flatMap((phrase) => phrase.flat())];
	const out = new Uint8Array(ints.length * 4);
	ints.forEach((v, i) => new DataView(out.buffer).setUint32(i * 4, v, true));
	return out;
}

const cols = (tf: number[], df: number[]): Array<[number, number, number]> => tf.map((t, i) => [t, (df[i] ?? 0) * 2, df[i] ?? 0]);

describe('bm25FromMatchinfo', () => {
	const avg = [5, 50, 2, 3];
	it('is zero without hits and for malformed blobs', () => {
		assert.equal(bm25FromMatchinfo(blob(100, avg, [5, 50, 2, 3], [cols([0, 0, 0, 0], [10, 10, 10, 10])])), 0);
		assert.equal(bm25FromMatchinfo(new Uint8Array(5)), 0);
		assert.equal(bm25FromMatchinfo(blob(100, avg, [5, 50, 2, 3], [cols([1, 0, 0, 0], [1, 0, 0, 0])]).subarray(0, 20)), 0);
	});

	it('grows with term frequency, saturating', () => {
		const s = (tf: number): number => bm25FromMatchinfo(blob(100, avg, [5, 50, 2, 3], [cols([0, tf, 0, 0], [0, 10, 0, 0])]));
		assert.ok(s(1) < s(2) && s(2) < s(5));
		assert.ok(s(50) - s(20) < s(2) - s(1));
	});

	it('prefers rarer terms, shorter rows, and title over body hits', () => {
		const one = (df: number, bodyLen: number, col: number): number => {
			const tf = [0, 0, 0, 0];
			tf[col] = 1;
			const dfs = [0, 0, 0, 0];
			dfs[col] = df;
			return bm25FromMatchinfo(blob(1000, avg, [5, bodyLen, 2, 3], [cols(tf, dfs)]));
		};
		assert.ok(one(5, 50, 1) > one(500, 50, 1), 'idf');
		assert.ok(one(5, 20, 1) > one(5, 200, 1), 'length normalization');
		assert.ok(one(5, 50, 0) > one(5, 50, 1), 'title weight');
		assert.equal(memoryColumnWeights.length, 4);
	});

	it('sums over phrases and stays positive even for a term in every row', () => {
		const single = bm25FromMatchinfo(blob(10, avg, [5, 50, 2, 3], [cols([1, 0, 0, 0], [10, 0, 0, 0])]));
		const double = bm25FromMatchinfo(blob(10, avg, [5, 50, 2, 3], [cols([1, 0, 0, 0], [10, 0, 0, 0]), cols([0, 1, 0, 0], [0, 3, 0, 0])]));
		assert.ok(single > 0);
		assert.ok(double > single);
	});
});

describe('documentFrequencies and distinctiveTerms', () => {
	it('reads rows and per-phrase document counts from a pcnx blob', () => {
		const ints = [2, 2, 100, 1, 40, 30, 0, 0, 0, 5, 6, 5, 1, 1, 1];
		const blob = new Uint8Array(ints.length * 4);
		ints.forEach((v, i) => new DataView(blob.buffer).setUint32(i * 4, v, true));
		assert.deepEqual(documentFrequencies(blob), { rows: 100, df: [30, 5] });
		assert.equal(documentFrequencies(blob.subarray(0, 16)), null);
	});

	it('keeps found terms, rarest first, dropping very common ones beyond the rarest few', () => {
		assert.deepEqual(distinctiveTerms(['the', 'gone', 'router', 'quota', 'cache', 'error'], [900, 0, 3, 10, 300, 200], 1000, 0.05, 2), ['router', 'quota']);
		assert.deepEqual(distinctiveTerms(['a', 'b', 'c', 'd'], [900, 800, 700, 600], 1000), ['d', 'c', 'b']);
		assert.deepEqual(distinctiveTerms(['x'], [0], 10), []);
	});
});
