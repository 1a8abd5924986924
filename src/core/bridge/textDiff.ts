/** Lines compared at most by {@link unifiedDiff}; longer files get a summary instead of a diff. */
export const maxDiffLines = 4000;

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: string };

function splitLines(text: string): string[] {
	if (text === '') return [];
	const lines = text.split(/\r?\n/);
	if (lines[lines.length - 1] === '') lines.pop();
	return lines;
}

/** Edit script between two line lists (longest common subsequence, after trimming the common head and tail). */
function diffLines(a: readonly string[], b: readonly string[]): Op[] {
	let head = 0;
	while (head < a.length && head < b.length && a[head] === b[head]) head++;
	let tail = 0;
	while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
	const x = a.slice(head, a.length - tail);
	const y = b.slice(head, b.length - tail);
	const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
	for (let i = x.length - 1; i >= 0; i--) {
		const row = lcs[i] as number[];
		const below = lcs[i + 1] as number[];
		for (let j = y.length - 1; j >= 0; j--) {
			row[j] = x[i] === y[j] ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
		}
	}
	const ops: Op[] = a.slice(0, head).map((line) => ({ kind: ' ', line }));
	let i = 0;
	let j = 0;
	while (i < x.length || j < y.length) {
		if (i < x.length && j < y.length && x[i] === y[j]) {
			ops.push({ kind: ' ', line: x[i++] as string });
			j++;
		} else if (i < x.length && (j >= y.length || (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))) {
			ops.push({ kind: '-', line: x[i++] as string });
		} else {
			ops.push({ kind: '+', line: y[j++] as string });
		}
	}
	return [...ops, ...a.slice(a.length - tail).map((line) => ({ kind: ' ' as const, line }))];
}

/**
 * A unified diff (`---`/`+++` headers, `@@` hunks with `context` lines around changes) from `before` to `after`
 * for a preview of a settings change; `null` stands for a missing file. Empty string when nothing changes.
 */
export function unifiedDiff(label: string, before: string | null, after: string | null, context = 3): string {
	if (before === after) return '';
	const a = splitLines(before ?? '');
	const b = splitLines(after ?? '');
	const header = [`--- ${before === null ? '/dev/null' : `a/${label}`}`, `+++ ${after === null ? '/dev/null' : `b/${label}`}`];
	if (a.length > maxDiffLines || b.length > maxDiffLines) {
		return [...header, `(${a.length} → ${b.length} lines; too long to compare)`].join('\n') + '\n';
	}
	const ops = diffLines(a, b);
	if (!ops.some((o) => o.kind !== ' ')) {
		return [...header, '(only line endings or the final newline change)'].join('\n') + '\n';
	}
	const out = [...header];
	let k = 0;
	while (k < ops.length) {
		const firstChange = ops.findIndex((o, idx) => idx >= k && o.kind !== ' ');
		if (firstChange === -1) break;
		const start = Math.max(k, firstChange - context);
		let end = firstChange;
		for (let idx = firstChange; idx < ops.length; idx++) {
			if (ops[idx]?.kind !== ' ') end = idx;
			else if (idx - end > 2 * context) break;
		}
		const stop = Math.min(ops.length, end + context + 1);
		const slice = ops.slice(start, stop);
		const aStart = ops.slice(0, start).filter((o) => o.kind !== '+').length;
		const bStart = ops.slice(0, start).filter((o) => o.kind !== '-').length;
		const aLen = slice.filter((o) => o.kind !== '+').length;
		const bLen = slice.filter((o) => o.kind !== '-').length;
		out.push(`@@ -${aLen === 0 ? aStart : aStart + 1},${aLen} +${bLen === 0 ? bStart : bStart + 1},${bLen} @@`);
		out.push(...slice.map((o) => `${o.kind}${o.line}`));
		k = stop;
	}
	return `${out.join('\n')}\n`;
}
