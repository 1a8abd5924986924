// Trains Baton's intent classifier and exports it to ONNX.
//   node -r tsx/cjs scripts/train/trainIntent.ts [--data data/intents/train.jsonl] [--out media/models] [--quick] [--selection-out dir]
// 1. Three stratified 90/10 splits of the training corpus (fixed seeds); the first is the reported held-out split.
// 2. Each grid configuration (selection.ts) is trained on the 90% parts and scored by mean held-out macro-F1.
// 3. For the winner, the keyword-prior weight is chosen the same way, and int8 quantisation is checked on the held-out split.
// 4. The winner is retrained on 100% of the corpus (same config and seed), quantised, and written to
//    <out>/intent.onnx and <out>/labels.json.
// --selection-out <dir> also writes the primary-split model (trained on 90%) and heldout.jsonl there, so
// evalIntent.ts can score model and keyword baseline side by side on the held-out split.
// --quick trains only the base configuration on one split. The dev set is never read here.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureConfig } from '../../src/core/classifier/features';
import { INTENT_LABELS } from '../../src/core/classifier/labels';
import { parameterCount, type LinearModelWeights } from '../../src/core/classifier/linearModel';
import { readLabelledJsonl, wordCount, type LabelledExample } from './dataset';
import { formatConfusion, formatPerLabel, type Metrics } from './metrics';
import { buildIntentOnnx, dequantiseRows, ONNX_INPUT, ONNX_OPSET, ONNX_OUTPUT, quantiseRows, type QuantisedEmbedding } from './onnxExport';
import {
	BASE_CANDIDATE,
	describeCandidate,
	evaluateModel,
	HELD_OUT_FRACTION,
	pickBest,
	scoreCandidate,
	SELECTION_GRID,
	selectionSplits,
	selectKeywordWeight,
	shiftSplits,
	trainCandidate,
	type CandidateResult,
} from './selection';

const root = join(__dirname, '..', '..');
const argv = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
	const i = argv.indexOf(name);
	return i >= 0 ? (argv[i + 1] ?? fallback) : fallback;
};
const dataPath = option('--data', join(root, 'data', 'intents', 'train.jsonl'));
const outDir = option('--out', join(root, 'media', 'models'));
const selectionOut = option('--selection-out', '');
const quick = argv.includes('--quick');

const fmt = (m: Metrics): string => `acc ${m.accuracy.toFixed(3)}  macro-F1 ${m.macroF1.toFixed(3)}`;

/** Writes `<dir>/intent.onnx` and `<dir>/labels.json`; returns the ONNX bytes. */
function writeModel(dir: string, weights: LinearModelWeights, quantised: QuantisedEmbedding | null, config: FeatureConfig, metadata: object): Uint8Array {
	const bytes = buildIntentOnnx(weights, quantised, { 'baton.intent': JSON.stringify({ labels: INTENT_LABELS, features: config }) });
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'intent.onnx'), bytes);
	writeFileSync(join(dir, 'labels.json'), `${JSON.stringify(metadata, null, '\t')}\n`);
	return bytes;
}

function writeJsonl(path: string, examples: readonly LabelledExample[]): void {
	writeFileSync(path, examples.map((e) => `${JSON.stringify({ text: e.text, label: e.label, source: e.source, ...(e.segments ? { segments: e.segments } : {}) })}\n`).join(''));
}

function main(): void {
	const started = Date.now();
	const all = readLabelledJsonl(dataPath);
	const splits = selectionSplits(all, !quick);
	const primary = splits[0];
	if (!primary) {
		throw new Error('no split');
	}
	const longHeldOut = primary.heldOut.filter((e) => wordCount(e.text) > 25);
	console.log(`corpus ${all.length} examples; primary split seed ${primary.seed}: train ${primary.train.length}, held-out ${primary.heldOut.length} (${longHeldOut.length} over 25 words); ${splits.length} split(s) for selection`);

	const shifts = shiftSplits(all);
	const results: CandidateResult[] = [];
	for (const candidate of quick ? [BASE_CANDIDATE] : SELECTION_GRID) {
		const r = scoreCandidate(candidate, splits, quick ? [] : shifts);
		results.push(r);
		const long = evaluateModel(r.models[0] as LinearModelWeights, candidate.features, longHeldOut);
		console.log(`${describeCandidate(candidate).padEnd(78)} held-out ${fmt(r.primary)} | >25w acc ${long.accuracy.toFixed(3)} | F1 splits ${r.splitScore.toFixed(3)} shift ${r.shiftScore?.toFixed(3) ?? '-'} score ${r.score.toFixed(3)} | ${r.seconds.toFixed(1)}s/model`);
	}
	const best = pickBest(results);
	const config = best.candidate.features;
	const { weight: keywordWeight, table } = selectKeywordWeight(best, splits, shifts);
	console.log(`\nselected: ${describeCandidate(best.candidate)}`);
	console.log(`keyword-prior weight (½ mean split macro-F1 + ½ mean source-shift macro-F1 over ${shifts.length} folds holding out ${shifts.map((s) => s.heldOut.length).join(' / ')} real prompt-style examples by collection):`);
	console.log(table.map((t) => `  ${t.weight}: ${t.score.toFixed(3)} (splits ${t.splits.toFixed(3)}, shift ${t.shift.toFixed(3)})`).join('\n') + ` → ${keywordWeight}`);

	const splitModel = best.models[0] as LinearModelWeights;
	const dequantised = { ...splitModel, embedding: dequantiseRows(quantiseRows(splitModel.embedding, splitModel.dim), splitModel.dim) };
	const floatOnly = evaluateModel(splitModel, config, primary.heldOut);
	const int8Only = evaluateModel(dequantised, config, primary.heldOut);
	const int8Blend = evaluateModel(dequantised, config, primary.heldOut, keywordWeight);
	console.log(`held-out (seed ${primary.seed}): float32 ${fmt(floatOnly)} | int8 ${fmt(int8Only)} | int8 + keyword prior ${fmt(int8Blend)}`);
	console.log(`\n${formatPerLabel([{ name: 'model+prior', metrics: int8Blend }])}\n\n${formatConfusion(int8Blend)}`);
	const quantise = int8Only.accuracy >= floatOnly.accuracy - 0.005;

	const t0 = Date.now();
	const finalWeights = trainCandidate(best.candidate, all);
	const finalSeconds = (Date.now() - t0) / 1000;
	const quantised = quantise ? quantiseRows(finalWeights.embedding, finalWeights.dim) : null;
	const metadata = {
		version: 1,
		labels: INTENT_LABELS,
		features: config,
		runtime: { keywordWeight },
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
			promptWeight: best.candidate.promptWeight,
			heldOut: {
				seed: primary.seed,
				fraction: HELD_OUT_FRACTION,
				examples: primary.heldOut.length,
				modelOnly: { accuracy: int8Only.accuracy, macroF1: int8Only.macroF1 },
				withKeywordPrior: { accuracy: int8Blend.accuracy, macroF1: int8Blend.macroF1 },
			},
			selection: { splitSeeds: splits.map((s) => s.seed), meanMacroF1: best.splitScore, shiftMacroF1: best.shiftScore, score: best.score, keywordWeights: table },
			finalModel: 'retrained on 100% of the corpus with the selected configuration',
		},
	};
	const bytes = writeModel(outDir, finalWeights, quantised, config, metadata);
	if (selectionOut) {
		writeModel(selectionOut, splitModel, quantise ? quantiseRows(splitModel.embedding, splitModel.dim) : null, config, {
			...metadata,
			training: { ...metadata.training, finalModel: `selection model: trained on the ${primary.train.length}-example 90% split only` },
		});
		writeJsonl(join(selectionOut, 'heldout.jsonl'), primary.heldOut);
		console.log(`wrote the selection model and heldout.jsonl to ${selectionOut}`);
	}
	console.log(`\nfinal model: ${all.length} examples, trained in ${finalSeconds.toFixed(1)}s; ${parameterCount(finalWeights)} parameters`);
	console.log(`wrote ${join(outDir, 'intent.onnx')} (${bytes.length} bytes, ${quantised ? 'int8' : 'float32'} rows) and labels.json`);
	console.log(`total time ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

main();
