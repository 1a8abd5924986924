/** Percentile of a sample (nearest-rank); `p` in 0–100. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) {
		return Number.NaN;
	}
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[rank] as number;
}

/** Prints rows as an aligned text table with a header. */
export function printTable(title: string, header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): void {
	const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)))];
	const widths = header.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
	console.log(`\n${title}`);
	for (const [i, row] of cells.entries()) {
		console.log(row.map((c, j) => String(c).padEnd(widths[j] ?? 0)).join('  '));
		if (i === 0) {
			console.log(widths.map((w) => '-'.repeat(w)).join('  '));
		}
	}
}

function formatNumber(n: number): string {
	return Number.isInteger(n) ? String(n) : n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toFixed(3);
}
