// Trains Baton's intent classifier and exports it to ONNX.
//   node -r tsx/cjs scripts/train/trainIntent.ts [--data data/intents/train.jsonl] [--out media/models] [--quick]
// 1. Stratified 90/10 split of the training corpus (fixed seed); the 10% is the held-out set for model selection.
// 2. A small grid of configurations is trained on the 90% and scored on the held-out set (macro-F1, then accuracy).
// 3. The winner is re-checked after int8 quantisation, then retrained on 100% of the corpus with the same
//    configuration and seed, quantised and written to <out>/intent.onnx and <out>/labels.json.
// --selection-out <dir> also writes the selected 90%-trained model and heldout.jsonl there, so evalIntent.ts can
// score model and keyword baseline side by side on the held-out split.
// The dev set (/work/shared/data/intent-dev.jsonl) is never read here.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_FEATURE_CONFIG, featureIds, type FeatureConfig } from '../../src/core/classifier/features';
import { classificationFromProbabilities } from '../../src/core/classifier/intentClassifier';
import { INTENT_LABELS, labelIndex, type IntentLabel } from '../../src/core/classifier/labels';
import { forward, parameterCount, type LinearModelWeights } from '../../src/core/classifier/linearModel';
import { readLabelledJsonl, stratifiedSplit, wordCount, type LabelledExample } from './dataset';
import { computeMetrics, formatConfusion, formatPerLabel, type Metrics } from './metrics';
import { buildIntentOnnx, dequantiseRows, ONNX_INPUT, ONNX_OPSET, ONNX_OUTPUT, quantiseRows, type QuantisedEmbedding } from './onnxExport';
import { trainModel, type TrainConfig, type TrainingItem } from './sgd';

const root = join(__dirname, '..', '..');
const argv = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
	const i = argv.indexOf(name);
	return i >= 0 ? (argv[i + 1] ?? fallback) : fallback;
};
const dataPath = option('--data', join(root, 'data', 'intents', 'train.jsonl'));
const outDir = option('--out', join(root, 'media', 'models'));
const quick = argv.includes('--quick');
const selectionOut = option('--selection-out', '');
const SPLIT_SEED = 20250611;
const HELD_OUT_FRACTION = 0.1;

/** One point of the selection grid: feature buckets, training config, and whether compound segments are extra examples. */
interface Candidate {
	readonly buckets: number;
	readonly train: TrainConfig;
	readonly useSegments: boolean;
}

const base: Candidate = { buckets: 1 << 17, useSegments: true, train: { dim: 32, hidden: 0, epochs: 30, lr: 0.5, labelSmoothing: 0.05, seed: 7, embeddingLrScale: 1 } };
const grid: Candidate[] = quick
	? [base]
	: [
			base,
			{ ...base, useSegments: false },
			{ ...base, train: { ...base.train, lr: 0.25 } },
			{ ...base, train: { ...base.train, lr: 1.0 } },
			{ ...base, train: { ...base.train, epochs: 50 } },
			{ ...base, train: { ...base.train, dim: 64 } },
			{ ...base, train: { ...base.train, hidden: 64, lr: 0.1, embeddingLrScale: 30 } },
			{ ...base, train: { ...base.train, lr: 0.2, embeddingLrScale: 10 } },
			{ ...base, buckets: 1 << 16 },
			{ ...base, buckets: 1 << 18, train: { ...base.train, dim: 16 } },
		];

function items(examples: readonly LabelledExample[], config: FeatureConfig, useSegments: boolean): TrainingItem[] {
	return examples.flatMap((e) => {
		const whole: TrainingItem = { ids: featureIds(e.text, config), label: labelIndex(e.label) };
		const parts = useSegments && e.segments ? e.segments.map((s) => ({ ids: featureIds(s.text, config), label: labelIndex(s.label) })) : [];
		return [whole, ...parts];
	});
}

function evaluate(weights: LinearModelWeights, config: FeatureConfig, examples: readonly LabelledExample[]): Metrics {
	const predicted = examples.map((e) => classificationFromProbabilities(forward(weights, featureIds(e.text, config))).label);
	return computeMetrics(
		examples.map((e) => e.label),
		predicted,
	);
}

function describe(c: Candidate): string {
	const t = c.train;
	return `buckets=2^${Math.log2(c.buckets)} dim=${t.dim} hidden=${t.hidden} epochs=${t.epochs} lr=${t.lr}×${t.embeddingLrScale} ls=${t.labelSmoothing} segs=${c.useSegments ? 'y' : 'n'}`;
}

/** Writes `<dir>/intent.onnx` and `<dir>/labels.json`; returns the ONNX bytes. */
function writeModel(dir: string, weights: LinearModelWeights, quantised: QuantisedEmbedding | null, config: FeatureConfig, metadata: object): Uint8Array {
	const bytes = buildIntentOnnx(weights, quantised, { 'baton.intent': JSON.stringify({ labels: INTENT_LABELS, features: config }) });
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'intent.onnx'), bytes);
	writeFileSync(join(dir, 'labels.json'), `${JSON.stringify(metadata, null, '\t')}\n`);
	return bytes;
}

const fmt = (m: Metrics): string => `acc ${m.accuracy.toFixed(3)}  macro-F1 ${m.macroF1.toFixed(3)}`;

function main(): void {
	const started = Date.now();
	const all = readLabelledJsonl(dataPath);
	const { train, heldOut } = stratifiedSplit(all, HELD_OUT_FRACTION, SPLIT_SEED);
	const longHeldOut = heldOut.filter((e) => wordCount(e.text) > 25);
	console.log(`corpus ${all.length} examples: train ${train.length}, held-out ${heldOut.length} (${longHeldOut.length} over 25 words), seed ${SPLIT_SEED}`);

	const results: Array<{ candidate: Candidate; weights: LinearModelWeights; metrics: Metrics; seconds: number }> = [];
	for (const candidate of grid) {
		const config: FeatureConfig = { ...DEFAULT_FEATURE_CONFIG, buckets: candidate.buckets };
		const t0 = Date.now();
		const weights = trainModel(items(train, config, candidate.useSegments), config.buckets, INTENT_LABELS.length, candidate.train);
		const seconds = (Date.now() - t0) / 1000;
		const metrics = evaluate(weights, config, heldOut);
		const long = evaluate(weights, config, longHeldOut);
		results.push({ candidate, weights, metrics, seconds });
		console.log(`${describe(candidate).padEnd(86)} held-out ${fmt(metrics)} | >25 words acc ${long.accuracy.toFixed(3)} | ${seconds.toFixed(1)}s`);
	}
	const best = [...results].sort((a, b) => b.metrics.macroF1 - a.metrics.macroF1 || b.metrics.accuracy - a.metrics.accuracy)[0];
	if (!best) {
		throw new Error('empty grid');
	}
	const config: FeatureConfig = { ...DEFAULT_FEATURE_CONFIG, buckets: best.candidate.buckets };
	const quantisedHeldOut = evaluate(
		{ ...best.weights, embedding: dequantiseRows(quantiseRows(best.weights.embedding, best.weights.dim), best.weights.dim) },
		config,
		heldOut,
	);
	console.log(`\nselected: ${describe(best.candidate)}`);
	console.log(`held-out float32: ${fmt(best.metrics)}   int8 rows: ${fmt(quantisedHeldOut)}`);
	console.log(`\n${formatPerLabel([{ name: 'model', metrics: quantisedHeldOut }])}\n\n${formatConfusion(quantisedHeldOut)}`);
	const quantise = quantisedHeldOut.accuracy >= best.metrics.accuracy - 0.005;

	const t0 = Date.now();
	const finalWeights = trainModel(items(all, config, best.candidate.useSegments), config.buckets, INTENT_LABELS.length, best.candidate.train);
	const finalSeconds = (Date.now() - t0) / 1000;
	const quantised = quantise ? quantiseRows(finalWeights.embedding, finalWeights.dim) : null;
	const metadata = {
		version: 1,
		labels: INTENT_LABELS,
		features: config,
		model: {
			input: ONNX_INPUT,
			output: ONNX_OUTPUT,
			opset: ONNX_OPSET,
			architecture: `embedding-bag mean [${config.buckets}×${finalWeights.dim}]${finalWeights.hidden ? ` → dense ${finalWeights.hidden.outputs} + ReLU` : ''} → dense ${INTENT_LABELS.length} → softmax`,
			embedding: quantised ? 'int8, symmetric per-row float32 scale' : 'float32',
			parameters: parameterCount(finalWeights),
		},
		training: {
			data: 'data/intents/train.jsonl',
			examples: all.length,
			config: best.candidate.train,
			useSegments: best.candidate.useSegments,
			heldOut: { seed: SPLIT_SEED, fraction: HELD_OUT_FRACTION, examples: heldOut.length, accuracy: quantisedHeldOut.accuracy, macroF1: quantisedHeldOut.macroF1 },
			finalModel: 'retrained on 100% of the corpus with the selected configuration',
		},
	};
	const bytes = writeModel(outDir, finalWeights, quantised, config, metadata);
	if (selectionOut) {
		const selectionQuantised = quantise ? quantiseRows(best.weights.embedding, best.weights.dim) : null;
		writeModel(selectionOut, best.weights, selectionQuantised, config, { ...metadata, training: { ...metadata.training, finalModel: 'selection model: trained on the 90% split only' } });
		writeFileSync(join(selectionOut, 'heldout.jsonl'), heldOut.map((e) => `${JSON.stringify({ text: e.text, label: e.label, source: e.source, ...(e.segments ? { segments: e.segments } : {}) })}\n`).join(''));
		console.log(`wrote the selection model and heldout.jsonl to ${selectionOut}`);
	}
	const trainedLabels = new Set<IntentLabel>(all.map((e) => e.label));
	console.log(`\nfinal model: ${all.length} examples (${trainedLabels.size} labels), ${finalSeconds.toFixed(1)}s; ${parameterCount(finalWeights)} parameters`);
	console.log(`wrote ${join(outDir, 'intent.onnx')} (${bytes.length} bytes, ${quantised ? 'int8' : 'float32'} rows) and labels.json`);
	console.log(`total time ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

main();
