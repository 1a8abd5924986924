import { INTENT_LABELS, labelIndex, type IntentLabel } from '../../src/core/classifier/labels';

/** Precision, recall, F1 and gold count for one label. */
export interface LabelScores {
	readonly precision: number;
	readonly recall: number;
	readonly f1: number;
	readonly support: number;
}

/** Classification metrics over one set of (gold, predicted) pairs; `confusion[gold][predicted]` counts. */
export interface Metrics {
	readonly total: number;
	readonly accuracy: number;
	readonly macroF1: number;
	readonly perLabel: Readonly<Record<IntentLabel, LabelScores>>;
	readonly confusion: readonly (readonly number[])[];
}

/**
 * Computes accuracy, macro-F1 (mean F1 over the labels that occur in gold or predictions; an undefined P or R
 * counts as 0) and the confusion matrix.
 */
export function computeMetrics(gold: readonly IntentLabel[], predicted: readonly IntentLabel[]): Metrics {
	const n = INTENT_LABELS.length;
	const confusion = Array.from({ length: n }, () => new Array<number>(n).fill(0));
	gold.forEach((g, i) => {
		const row = confusion[labelIndex(g)] as number[];
		const p = labelIndex(predicted[i] as IntentLabel);
		row[p] = (row[p] as number) + 1;
	});
	const perLabel = {} as Record<IntentLabel, LabelScores>;
	let f1Sum = 0;
	let present = 0;
	let correct = 0;
	INTENT_LABELS.forEach((label, i) => {
		const tp = (confusion[i] as number[])[i] as number;
		const support = (confusion[i] as number[]).reduce((a, b) => a + b, 0);
		const predictedCount = confusion.reduce((a, row) => a + (row[i] as number), 0);
		const precision = predictedCount > 0 ? tp / predictedCount : 0;
		const recall = support > 0 ? tp / support : 0;
		const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
		perLabel[label] = { precision, recall, f1, support };
		correct += tp;
		if (support > 0 || predictedCount > 0) {
			f1Sum += f1;
			present++;
		}
	});
	return { total: gold.length, accuracy: gold.length > 0 ? correct / gold.length : 0, macroF1: present > 0 ? f1Sum / present : 0, perLabel, confusion };
}

const pad = (s: string, width: number): string => (s.length >= width ? s : ' '.repeat(width - s.length) + s);
const f3 = (x: number): string => x.toFixed(3);

/** Per-label P/R/F1 for several systems side by side, one row per label. */
export function formatPerLabel(systems: ReadonlyArray<{ readonly name: string; readonly metrics: Metrics }>): string {
	const header = ['label'.padEnd(10), pad('n', 4), ...systems.map((s) => pad(`${s.name} P / R / F1`, 24))].join(' ');
	const rows = INTENT_LABELS.map((label) => {
		const support = systems[0]?.metrics.perLabel[label].support ?? 0;
		const cells = systems.map((s) => {
			const m = s.metrics.perLabel[label];
			return pad(`${f3(m.precision)} / ${f3(m.recall)} / ${f3(m.f1)}`, 24);
		});
		return [label.padEnd(10), pad(String(support), 4), ...cells].join(' ');
	});
	return [header, ...rows].join('\n');
}

/** The confusion matrix as text: rows are gold labels, columns predictions (first four letters of each label). */
export function formatConfusion(metrics: Metrics): string {
	const header = ['gold\\pred'.padEnd(10), ...INTENT_LABELS.map((l) => pad(l.slice(0, 4), 5))].join('');
	const rows = INTENT_LABELS.map((label, i) => [label.padEnd(10), ...(metrics.confusion[i] ?? []).map((c) => pad(c === 0 ? '.' : String(c), 5))].join(''));
	return [header, ...rows].join('\n');
}
