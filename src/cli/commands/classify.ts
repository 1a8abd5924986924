import { createInterface } from 'node:readline';
import type { Classification } from '../../core/classifier/intentClassifier';
import { segmentAsync } from '../../core/classifier/segmenter';
import { asRecord, parseJsonRecord } from '../../core/common/json';
import type { FallbackClassifier } from '../../core/routing/planner';
import { parseArgs, UsageError } from '../args';
import type { CliCommand } from '../context';
import { createCliClassifier } from '../intentModel';

/** One output line of `baton classify`. */
interface ClassifyOutput {
	readonly id: unknown;
	readonly label: string;
	readonly confidence: number;
	readonly scores: Classification['scores'];
	readonly segments: ReadonlyArray<{ text: string; label: string; confidence: number }>;
}

async function classifyText(classifier: FallbackClassifier, id: unknown, text: string): Promise<ClassifyOutput> {
	const whole = await classifier.classify(text);
	const segments = await segmentAsync(text, classifier);
	return {
		id,
		label: whole.label,
		confidence: round(whole.confidence),
		scores: Object.fromEntries(Object.entries(whole.scores).map(([k, v]) => [k, round(v)])) as Classification['scores'],
		segments: segments.map((s) => ({ text: s.text, label: s.label, confidence: round(s.confidence) })),
	};
}

function round(p: number): number {
	return Math.round(p * 1e6) / 1e6;
}

/**
 * `baton classify`: JSONL in (`{"id","text"}` per line) → JSONL out (`{"id","label","confidence","scores","segments"}`),
 * one output line per input line, in order; a line that is not such an object yields `{"id":null,"error":…}`.
 * `--text "…"` classifies one prompt.
 */
export const classifyCommand: CliCommand = {
	summary: 'Classify prompts by intent (JSONL on stdin, or --text) with the local ONNX model',
	usage: 'baton classify [--text "…"] < prompts.jsonl',
	async run(argv, context) {
		const args = parseArgs(argv, new Set(), new Set(['text']));
		if (args.positionals.length > 0) {
			throw new UsageError(`unexpected argument '${args.positionals[0] ?? ''}'`);
		}
		const classifier = createCliClassifier(context.env, context.stderr);
		const text = args.options.get('text');
		if (text === true) {
			throw new UsageError('option --text needs a value');
		}
		if (text !== undefined) {
			context.stdout(`${JSON.stringify(await classifyText(classifier, null, text))}\n`);
			return 0;
		}
		const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
		for await (const line of lines) {
			const record = parseJsonRecord(line);
			const value = asRecord(record)?.['text'];
			if (!record || typeof value !== 'string') {
				context.stdout(`${JSON.stringify({ id: record?.['id'] ?? null, error: 'expected a JSON object with a string "text"' })}\n`);
				continue;
			}
			context.stdout(`${JSON.stringify(await classifyText(classifier, record['id'] ?? null, value))}\n`);
		}
		return 0;
	},
};
