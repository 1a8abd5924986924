// Evaluates the shipped ONNX intent model and the keyword baseline side by side on any labelled JSONL file.
//   node -r tsx/cjs scripts/train/evalIntent.ts <file.jsonl> [--model media/models/intent.onnx] [--labels media/models/labels.json]
// Each line: {"text", "label", "segments"?: [{"text", "label"}]}. Prints accuracy, macro-F1, per-label P/R/F1,
// confusion matrices, segmentation accuracy on compound lines (and false splits on single lines), and the ONNX
// model's load time and per-call latency.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { classificationFromProbabilities, type AsyncIntentClassifier, type Classification } from '../../src/core/classifier/intentClassifier';
import { KeywordClassifier } from '../../src/core/classifier/keywordClassifier';
import { segment, segmentAsync, type Segment } from '../../src/core/classifier/segmenter';
import { OnnxIntentClassifier } from '../../src/infra/onnx/onnxIntentClassifier';
import { readLabelledJsonl, type LabelledExample } from './dataset';
import { computeMetrics, formatConfusion, formatPerLabel, type Metrics } from './metrics';

const root = join(__dirname, '..', '..');
const argv = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
	const i = argv.indexOf(name);
	return i >= 0 ? (argv[i + 1] ?? fallback) : fallback;
};

/** Segmentation quality: compound lines whose predicted label sequence equals the gold one; single lines left whole. */
interface SegmentScore {
	readonly compound: number;
	readonly compoundExact: number;
	readonly single: number;
	readonly singleKept: number;
}

function scoreSegments(examples: readonly LabelledExample[], predicted: readonly (readonly Segment[])[]): SegmentScore {
	let compound = 0;
	let compoundExact = 0;
	let single = 0;
	let singleKept = 0;
	examples.forEach((e, i) => {
		const labels = (predicted[i] ?? []).map((s) => s.label);
		if (e.segments) {
			compound++;
			compoundExact += labels.join('>') === e.segments.map((s) => s.label).join('>') ? 1 : 0;
		} else {
			single++;
			singleKept += labels.length === 1 ? 1 : 0;
		}
	});
	return { compound, compoundExact, single, singleKept };
}

const ratio = (n: number, d: number): string => (d > 0 ? `${(n / d).toFixed(3)} (${n}/${d})` : 'n/a');

function percentile(sorted: readonly number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

async function timeCalls(classifier: AsyncIntentClassifier, texts: readonly string[], rounds: number): Promise<number[]> {
	const times: number[] = [];
	for (let r = 0; r < rounds; r++) {
		for (const t of texts) {
			const t0 = performance.now();
			await classifier.classify(t);
			times.push(performance.now() - t0);
		}
	}
	return times.sort((a, b) => a - b);
}

async function main(): Promise<void> {
	const file = argv.find((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
	if (!file) {
		console.error('usage: node -r tsx/cjs scripts/train/evalIntent.ts <file.jsonl> [--model path] [--labels path]');
		process.exit(2);
	}
	const examples = readLabelledJsonl(file);
	const gold = examples.map((e) => e.label);
	const onnx = OnnxIntentClassifier.create(option('--model', join(root, 'media', 'models', 'intent.onnx')), option('--labels', join(root, 'media', 'models', 'labels.json')));
	const t0 = performance.now();
	const meta = await onnx.load();
	const loadMs = performance.now() - t0;
	const keyword = new KeywordClassifier();

	const modelOut: Classification[] = [];
	const onnxOnly: Classification[] = [];
	const modelSegs: Segment[][] = [];
	for (const e of examples) {
		modelOut.push(await onnx.classify(e.text));
		onnxOnly.push(classificationFromProbabilities(await onnx.probabilities(e.text)));
		modelSegs.push(await segmentAsync(e.text, onnx));
	}
	const keywordOut = examples.map((e) => keyword.classify(e.text));
	const keywordSegs = examples.map((e) => segment(e.text, keyword));
	const systems: Array<{ name: string; metrics: Metrics; seg: SegmentScore | null }> = [
		{ name: 'model', metrics: computeMetrics(gold, modelOut.map((c) => c.label)), seg: scoreSegments(examples, modelSegs) },
		{ name: 'onnx-only', metrics: computeMetrics(gold, onnxOnly.map((c) => c.label)), seg: null },
		{ name: 'keyword', metrics: computeMetrics(gold, keywordOut.map((c) => c.label)), seg: scoreSegments(examples, keywordSegs) },
	];

	console.log(`${file}: ${examples.length} examples, ${examples.filter((e) => e.segments).length} compound`);
	console.log(`model = shipped classifier (ONNX probabilities × keyword prior, weight ${meta.keywordWeight}); onnx-only = the ONNX output alone; keyword = baseline\n`);
	console.log(`${'system'.padEnd(10)} ${'accuracy'.padStart(9)} ${'macro-F1'.padStart(9)}   compound segments exact   single lines kept whole`);
	for (const s of systems) {
		console.log(
			`${s.name.padEnd(10)} ${s.metrics.accuracy.toFixed(3).padStart(9)} ${s.metrics.macroF1.toFixed(3).padStart(9)}   ${s.seg ? `${ratio(s.seg.compoundExact, s.seg.compound).padEnd(25)} ${ratio(s.seg.singleKept, s.seg.single)}` : '-'}`,
		);
	}
	console.log(`\nper label\n${formatPerLabel(systems)}`);
	for (const s of systems.filter((x) => x.name !== 'onnx-only')) {
		console.log(`\nconfusion (${s.name}; rows gold, columns predicted)\n${formatConfusion(s.metrics)}`);
	}
	const texts = examples.map((e) => e.text);
	const times = await timeCalls(onnx, texts, Math.max(1, Math.ceil(2000 / texts.length)));
	console.log(
		`\nONNX model: load ${loadMs.toFixed(1)} ms (labels.json + session, cold); classify per call over ${times.length} calls: p50 ${percentile(times, 0.5).toFixed(3)} ms, p99 ${percentile(times, 0.99).toFixed(3)} ms, max ${(times[times.length - 1] ?? NaN).toFixed(3)} ms`,
	);
	await onnx.dispose();
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : String(error));
	process.exit(1);
});
