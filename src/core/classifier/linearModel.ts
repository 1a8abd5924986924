import { withKeywordPrior } from './ensemble';
import { featureIds, type FeatureConfig } from './features';
import { classificationFromProbabilities, type Classification, type IntentClassifier } from './intentClassifier';
import { softmax } from './softmax';

export { softmax } from './softmax';

/** A dense layer `y = x·W + b` with `weight` stored row-major as [inputs][outputs] (the ONNX MatMul layout). */
export interface DenseLayer {
	readonly inputs: number;
	readonly outputs: number;
	readonly weight: Float32Array;
	readonly bias: Float32Array;
}

/**
 * Weights of the intent model: a hashed n-gram embedding bag (mean of rows) → optional ReLU hidden layer → softmax.
 * `embedding` is row-major [buckets][dim], already dequantised to float32 when the shipped model is int8.
 */
export interface LinearModelWeights {
	readonly buckets: number;
	readonly dim: number;
	readonly embedding: Float32Array;
	readonly hidden: DenseLayer | null;
	readonly output: DenseLayer;
}

/** Every intermediate of one forward pass (float64), as the trainer needs them for back-propagation. */
export interface ForwardTrace {
	readonly mean: Float64Array;
	readonly hidden: Float64Array | null;
	readonly logits: Float64Array;
	readonly probs: Float64Array;
}

/** `x·W + b` for one dense layer, optionally followed by ReLU. */
export function denseForward(layer: DenseLayer, x: Float64Array, relu: boolean): Float64Array {
	const y = new Float64Array(layer.outputs);
	for (let o = 0; o < layer.outputs; o++) {
		y[o] = layer.bias[o] as number;
	}
	for (let i = 0; i < layer.inputs; i++) {
		const xi = x[i] as number;
		if (xi === 0) {
			continue;
		}
		const row = i * layer.outputs;
		for (let o = 0; o < layer.outputs; o++) {
			y[o] = (y[o] as number) + xi * (layer.weight[row + o] as number);
		}
	}
	if (relu) {
		for (let o = 0; o < y.length; o++) {
			y[o] = Math.max(0, y[o] as number);
		}
	}
	return y;
}

/** Mean of the embedding rows named by `ids` (duplicates counted). Throws a RangeError for an empty list or an id outside [0, buckets). */
export function embeddingBagMean(weights: LinearModelWeights, ids: ArrayLike<number>): Float64Array {
	if (ids.length === 0) {
		throw new RangeError('embedding bag needs at least one feature id');
	}
	const { dim, buckets, embedding } = weights;
	const mean = new Float64Array(dim);
	for (let k = 0; k < ids.length; k++) {
		const id = ids[k] as number;
		if (!(id >= 0 && id < buckets)) {
			throw new RangeError(`feature id ${id} outside [0, ${buckets})`);
		}
		const row = id * dim;
		for (let d = 0; d < dim; d++) {
			mean[d] = (mean[d] as number) + (embedding[row + d] as number);
		}
	}
	for (let d = 0; d < dim; d++) {
		mean[d] = (mean[d] as number) / ids.length;
	}
	return mean;
}

/** The full forward pass with intermediates: bag mean → (ReLU hidden) → logits → softmax probabilities. */
export function forwardTrace(weights: LinearModelWeights, ids: ArrayLike<number>): ForwardTrace {
	const mean = embeddingBagMean(weights, ids);
	const hidden = weights.hidden ? denseForward(weights.hidden, mean, true) : null;
	const logits = denseForward(weights.output, hidden ?? mean, false);
	return { mean, hidden, logits, probs: softmax(logits) };
}

/** Class probabilities for one list of feature ids (the reference the ONNX export must match within 1e-5). */
export function forward(weights: LinearModelWeights, ids: ArrayLike<number>): Float64Array {
	return forwardTrace(weights, ids).probs;
}

/** Number of trainable parameters (embedding + layers). */
export function parameterCount(weights: LinearModelWeights): number {
	const layer = (l: DenseLayer | null): number => (l ? l.weight.length + l.bias.length : 0);
	return weights.embedding.length + layer(weights.hidden) + layer(weights.output);
}

/**
 * A synchronous {@link IntentClassifier} over in-memory weights: featurise with `config`, {@link forward}, then blend
 * with the keyword prior when `keywordWeight` > 0 (the same post-processing the ONNX classifier applies).
 */
export class LinearIntentClassifier implements IntentClassifier {
	/**
	 * @param weights model weights; `weights.buckets` must equal `config.buckets`.
	 * @param keywordWeight weight of the keyword prior in [0, 1] (see `blendProbabilities`); 0 = model only.
	 */
	constructor(
		private readonly weights: LinearModelWeights,
		private readonly config: FeatureConfig,
		private readonly keywordWeight = 0,
	) {
		if (weights.buckets !== config.buckets) {
			throw new RangeError(`model has ${weights.buckets} buckets but the feature config has ${config.buckets}`);
		}
	}

	/** Classifies one prompt with the in-memory weights. */
	classify(text: string): Classification {
		return classificationFromProbabilities(withKeywordPrior(forward(this.weights, featureIds(text, this.config)), text, this.keywordWeight));
	}
}
