import { seededRandom } from '../../src/core/common/random';
import { readFileSync } from 'node:fs';
import { parseJsonRecord, asArray, asRecord, asString } from '../../src/core/common/json';
import { isIntentLabel, type IntentLabel } from '../../src/core/classifier/labels';

/** One gold segment of a compound prompt. */
export interface GoldSegment {
	readonly text: string;
	readonly label: IntentLabel;
}

/** One labelled prompt from a JSONL file (`text`, `label`, optional `source` and `segments`). */
export interface LabelledExample {
	readonly text: string;
	readonly label: IntentLabel;
	readonly source: string;
	readonly segments: readonly GoldSegment[] | null;
}

/**
 * Reads a JSONL file of labelled prompts. Blank lines are skipped; a line without a string `text` and a valid
 * `label` (or with a malformed `segments` entry) throws an Error naming the file and line number.
 */
export function readLabelledJsonl(path: string): LabelledExample[] {
	const out: LabelledExample[] = [];
	readFileSync(path, 'utf8')
		.split('\n')
		.forEach((line, index) => {
			if (line.trim() === '') {
				return;
			}
			const record = parseJsonRecord(line);
			const text = asString(record?.['text']);
			const label = record?.['label'];
			if (!record || text === undefined || !isIntentLabel(label)) {
				throw new Error(`${path}:${index + 1}: expected {"text": string, "label": one of the ten labels}`);
			}
			const rawSegments = asArray(record['segments']);
			const segments = rawSegments?.map((s): GoldSegment => {
				const seg = asRecord(s);
				const segText = asString(seg?.['text']);
				const segLabel = seg?.['label'];
				if (segText === undefined || !isIntentLabel(segLabel)) {
					throw new Error(`${path}:${index + 1}: malformed segment`);
				}
				return { text: segText, label: segLabel };
			});
			out.push({ text, label, source: asString(record['source']) ?? '', segments: segments && segments.length > 1 ? segments : null });
		});
	return out;
}


/** Fisher–Yates shuffle in place with the given PRNG; returns the same array. */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
	for (let i = items.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		const tmp = items[i] as T;
		items[i] = items[j] as T;
		items[j] = tmp;
	}
	return items;
}

/**
 * Stratified split: within each label, a seeded shuffle puts `round(fraction × count)` examples in `heldOut`.
 * Deterministic for a given seed and input order.
 */
export function stratifiedSplit(
	examples: readonly LabelledExample[],
	fraction: number,
	seed: number,
): { train: LabelledExample[]; heldOut: LabelledExample[] } {
	const random = seededRandom(seed);
	const byLabel = new Map<IntentLabel, LabelledExample[]>();
	for (const e of examples) {
		const list = byLabel.get(e.label) ?? [];
		list.push(e);
		byLabel.set(e.label, list);
	}
	const heldOutSet = new Set<LabelledExample>();
	for (const list of [...byLabel.values()]) {
		shuffleInPlace(list, random)
			.slice(0, Math.round(list.length * fraction))
			.forEach((e) => heldOutSet.add(e));
	}
	return { train: examples.filter((e) => !heldOutSet.has(e)), heldOut: examples.filter((e) => heldOutSet.has(e)) };
}

/** Word count by whitespace, for length buckets in reports. */
export function wordCount(text: string): number {
	return text.split(/\s+/).filter((w) => w !== '').length;
}
