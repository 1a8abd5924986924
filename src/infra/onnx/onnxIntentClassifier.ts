import { readFile } from 'node:fs/promises';
import type * as Ort from 'onnxruntime-node';
import { featureIds } from '../../core/classifier/features';
import { withKeywordPrior } from '../../core/classifier/ensemble';
import { classificationFromProbabilities, type AsyncIntentClassifier, type Classification } from '../../core/classifier/intentClassifier';
import { parseIntentModelMetadata, toCanonicalOrder, type IntentModelMetadata } from '../../core/classifier/modelMetadata';
import { DEFAULT_SEGMENTER_OPTIONS, segmentAsync, type Segment, type SegmenterOptions } from '../../core/classifier/segmenter';
import { createOnnxSession, loadOnnxRuntime } from './onnxRuntime';

interface Loaded {
	readonly session: Ort.InferenceSession;
	readonly meta: IntentModelMetadata;
	readonly ort: typeof Ort;
}

/**
 * The shipped intent model (`media/models/intent.onnx` + `labels.json`) run through onnxruntime-node on one thread.
 *
 * Design: the ONNX file is the single model artefact, and onnxruntime-node's `session.run` always resolves on a later
 * macrotask, so this classifier is asynchronous ({@link AsyncIntentClassifier}). Nothing is read or loaded until the
 * first {@link load} or {@link classify}; a failed load rejects with a readable error and is retried on the next call.
 * A warm call (featurise + `session.run` + keyword prior) measured p50 ≈ 0.05–0.11 ms, p99 ≤ 0.4 ms on 2 cores; loading
 * (onnxruntime + session) about 50–75 ms. See media/models/INTENT.md.
 * Callers that need a synchronous answer before the model is loaded can use the keyword classifier as a fallback.
 */
export class OnnxIntentClassifier implements AsyncIntentClassifier {
	private loading: Promise<Loaded> | undefined;

	private constructor(
		private readonly modelPath: string,
		private readonly labelsPath: string,
	) {}

	/** Creates a classifier for a model file and its labels.json; does no I/O. */
	static create(modelPath: string, labelsPath: string): OnnxIntentClassifier {
		return new OnnxIntentClassifier(modelPath, labelsPath);
	}

	/** Loads labels.json and the ONNX session (once; concurrent callers share the same load). Resolves to the model metadata. */
	async load(): Promise<IntentModelMetadata> {
		return (await this.loaded()).meta;
	}

	/**
	 * Classifies one prompt: the ONNX model's probabilities blended with the keyword prior at the weight recorded in
	 * labels.json (`runtime.keywordWeight`). Loads the model first if needed; rejects when it cannot be loaded or run.
	 */
	async classify(text: string): Promise<Classification> {
		const { meta } = await this.loaded();
		return classificationFromProbabilities(withKeywordPrior(await this.probabilities(text), text, meta.keywordWeight));
	}

	/** The ONNX model's own output for `text` (no keyword prior), in `INTENT_LABELS` order. */
	async probabilities(text: string): Promise<Float64Array> {
		const { session, meta, ort } = await this.loaded();
		const ids = featureIds(text, meta.features);
		const result = await session.run({ [meta.input]: new ort.Tensor('int32', ids, [ids.length]) });
		const probs = result[meta.output]?.data;
		if (!(probs instanceof Float32Array) || probs.length !== meta.labels.length) {
			throw new Error(`intent model ${this.modelPath} returned no ${meta.labels.length}-value float output "${meta.output}"`);
		}
		return toCanonicalOrder(probs, meta.labels);
	}

	/** Splits a compound prompt into differently-labelled segments with this model (see `segmentAsync`). */
	segment(text: string, options: SegmenterOptions = DEFAULT_SEGMENTER_OPTIONS): Promise<Segment[]> {
		return segmentAsync(text, this, options);
	}

	/** Releases the native session, if loaded; a later call loads it again. */
	async dispose(): Promise<void> {
		const loading = this.loading;
		this.loading = undefined;
		if (loading) {
			await (await loading.catch(() => undefined))?.session.release();
		}
	}

	private loaded(): Promise<Loaded> {
		this.loading ??= this.open().catch((error: unknown) => {
			this.loading = undefined;
			throw error;
		});
		return this.loading;
	}

	private async open(): Promise<Loaded> {
		let meta: IntentModelMetadata;
		try {
			meta = parseIntentModelMetadata(JSON.parse(await readFile(this.labelsPath, 'utf8')) as unknown);
		} catch (error) {
			throw new Error(`intent model labels ${this.labelsPath} could not be read: ${error instanceof Error ? error.message : String(error)}`);
		}
		const ort = loadOnnxRuntime();
		let session: Ort.InferenceSession;
		try {
			session = await createOnnxSession(this.modelPath);
		} catch (error) {
			throw new Error(`intent model ${this.modelPath} could not be loaded by onnxruntime: ${error instanceof Error ? error.message : String(error)}`);
		}
		if (!session.inputNames.includes(meta.input) || !session.outputNames.includes(meta.output)) {
			await session.release();
			throw new Error(`intent model ${this.modelPath} has inputs [${session.inputNames.join(', ')}] and outputs [${session.outputNames.join(', ')}], expected ${meta.input} → ${meta.output}`);
		}
		return { session, meta, ort };
	}
}
