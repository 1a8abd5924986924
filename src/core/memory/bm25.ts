/**
 * Column weights of the full-text index, in the column order of `entries_fts` (title, body, tags, files): a hit in a
 * title counts three times a hit in the body.
 */
export const memoryColumnWeights: readonly number[] = [3, 1, 2, 1.5];

/** BM25 term-frequency saturation (k1) and length normalization (b); the usual defaults. */
export const bm25Parameters = { k1: 1.2, b: 0.75 } as const;

/** Reads the little-endian unsigned 32-bit integer at index `i` (0-based, in integers) of a matchinfo blob. */
function u32(blob: Uint8Array, i: number): number {
	const o = i * 4;
	return ((blob[o] ?? 0) | ((blob[o + 1] ?? 0) << 8) | ((blob[o + 2] ?? 0) << 16) | ((blob[o + 3] ?? 0) << 24)) >>> 0;
}

/**
 * Okapi BM25 of one row from SQLite FTS4 `matchinfo(table, 'pcnalx')` (a blob of native, i.e. little-endian on every
 * platform sql.js runs on, 32-bit integers: p phrases, c columns, n rows, a[c] average tokens per column, l[c] tokens
 * in this row, x[3·c·p] per phrase and column: hits in this row, hits in all rows, rows with a hit). Sums, over phrases
 * and columns, weight × idf × tf·(k1+1) / (tf + k1·(1 − b + b·len/avgLen)) with idf = ln(1 + (n − df + 0.5)/(df + 0.5)),
 * so scores are ≥ 0 and higher is better. Columns beyond `weights` count with weight 1. Returns 0 for a malformed blob.
 */
export function bm25FromMatchinfo(blob: Uint8Array, weights: readonly number[] = memoryColumnWeights): number {
	const ints = Math.floor(blob.length / 4);
	if (ints < 3) {
		return 0;
	}
	const p = u32(blob, 0);
	const c = u32(blob, 1);
	const n = u32(blob, 2);
	if (ints < 3 + 2 * c + 3 * c * p) {
		return 0;
	}
	const { k1, b } = bm25Parameters;
	let score = 0;
	for (let col = 0; col < c; col++) {
		const weight = weights[col] ?? 1;
		if (weight === 0) {
			continue;
		}
		const avg = u32(blob, 3 + col) || 1;
		const len = u32(blob, 3 + c + col);
		const norm = k1 * (1 - b + (b * len) / avg);
		for (let phrase = 0; phrase < p; phrase++) {
			const x = 3 + 2 * c + 3 * (col + phrase * c);
			const tf = u32(blob, x);
			if (tf === 0) {
				continue;
			}
			const df = u32(blob, x + 2);
			const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
			score += weight * idf * ((tf * (k1 + 1)) / (tf + norm));
		}
	}
	return score;
}

/**
 * Reads a matchinfo `'pcnx'` blob (from any matching row) as collection statistics: `rows` in the index and, per
 * query phrase in order, the number of rows containing it in any column (the largest per-column count, a lower
 * bound for multi-column hits). Null for a malformed blob.
 */
export function documentFrequencies(blob: Uint8Array): { rows: number; df: number[] } | null {
	const ints = Math.floor(blob.length / 4);
	if (ints < 3) {
		return null;
	}
	const p = u32(blob, 0);
	const c = u32(blob, 1);
	if (ints < 3 + 3 * c * p) {
		return null;
	}
	const df: number[] = [];
	for (let phrase = 0; phrase < p; phrase++) {
		let most = 0;
		for (let col = 0; col < c; col++) {
			most = Math.max(most, u32(blob, 3 + 3 * (col + phrase * c) + 2));
		}
		df.push(most);
	}
	return { rows: u32(blob, 2), df };
}

/**
 * The terms worth a recall query: those found at all, minus very common ones (in more than `maxShare` of `rows` —
 * they add little BM25 but cost the most to rank), keeping at least the `minKeep` rarest. Order: rarest first.
 */
export function distinctiveTerms(terms: readonly string[], df: readonly number[], rows: number, maxShare = 0.05, minKeep = 3): string[] {
	const found = terms.map((term, i) => ({ term, df: df[i] ?? 0 })).filter((t) => t.df > 0);
	found.sort((a, b) => a.df - b.df);
	return found.filter((t, i) => i < minKeep || t.df <= maxShare * rows).map((t) => t.term);
}
