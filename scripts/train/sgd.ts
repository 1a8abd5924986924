import { seededRandom } from '../../src/core/common/random';
import { forwardTrace, type DenseLayer, type LinearModelWeights } from '../../src/core/classifier/linearModel';
import { shuffleInPlace } from './dataset';

/** One training example as feature ids and a label index (0–9). */
export interface TrainingItem {
	readonly ids: Int32Array;
	readonly label: number;
}

/**
 * Hyper-parameters of fastText-style training: plain SGD, one example at a time, learning rate decaying linearly
 * from `lr` to 0 over all epochs, softmax cross-entropy with optional label smoothing.
 * `hidden: 0` means no hidden layer (embedding mean → softmax directly).
 */
export interface TrainConfig {
	readonly dim: number;
	readonly hidden: number;
	readonly epochs: number;
	readonly lr: number;
	readonly labelSmoothing: number;
	readonly seed: number;
	/** Multiplier on the embedding rows' step (the bag mean divides each row's gradient by the bag size). */
	readonly embeddingLrScale: number;
}

function denseLayer(inputs: number, outputs: number, random: () => number, biasInit: number): DenseLayer {
	const limit = Math.sqrt(6 / (inputs + outputs));
	const weight = new Float32Array(inputs * outputs);
	for (let i = 0; i < weight.length; i++) {
		weight[i] = (random() * 2 - 1) * limit;
	}
	return { inputs, outputs, weight, bias: new Float32Array(outputs).fill(biasInit) };
}

/**
 * Back-propagates `grad` (d loss / d layer output) through `layer` at input `x`, updating the layer in place with
 * step `lr`; returns d loss / d x (computed with the weights before the update).
 */
function denseBackward(layer: DenseLayer, x: Float64Array, grad: Float64Array, lr: number): Float64Array {
	const gx = new Float64Array(layer.inputs);
	for (let i = 0; i < layer.inputs; i++) {
		const row = i * layer.outputs;
		const xi = x[i] as number;
		let sum = 0;
		for (let o = 0; o < layer.outputs; o++) {
			const g = grad[o] as number;
			sum += (layer.weight[row + o] as number) * g;
			if (xi !== 0) {
				layer.weight[row + o] = (layer.weight[row + o] as number) - lr * xi * g;
			}
		}
		gx[i] = sum;
	}
	for (let o = 0; o < layer.outputs; o++) {
		layer.bias[o] = (layer.bias[o] as number) - lr * (grad[o] as number);
	}
	return gx;
}

/** One SGD step on one example; returns its cross-entropy loss (before the step). */
function step(weights: LinearModelWeights, item: TrainingItem, lr: number, config: TrainConfig): number {
	const smoothing = config.labelSmoothing;
	const trace = forwardTrace(weights, item.ids);
	const classes = trace.probs.length;
	const gLogits = new Float64Array(classes);
	for (let c = 0; c < classes; c++) {
		const target = (c === item.label ? 1 - smoothing : 0) + smoothing / classes;
		gLogits[c] = (trace.probs[c] as number) - target;
	}
	const loss = -Math.log(Math.max(trace.probs[item.label] as number, 1e-12));
	let gMean: Float64Array;
	if (weights.hidden && trace.hidden) {
		const gHidden = denseBackward(weights.output, trace.hidden, gLogits, lr);
		for (let h = 0; h < gHidden.length; h++) {
			if ((trace.hidden[h] as number) <= 0) {
				gHidden[h] = 0;
			}
		}
		gMean = denseBackward(weights.hidden, trace.mean, gHidden, lr);
	} else {
		gMean = denseBackward(weights.output, trace.mean, gLogits, lr);
	}
	const { dim, embedding } = weights;
	const scale = (lr * config.embeddingLrScale) / item.ids.length;
	for (let k = 0; k < item.ids.length; k++) {
		const row = (item.ids[k] as number) * dim;
		for (let d = 0; d < dim; d++) {
			embedding[row + d] = (embedding[row + d] as number) - scale * (gMean[d] as number);
		}
	}
	return loss;
}

/**
 * Trains a model from scratch. Embedding rows start at 0 (so buckets never seen in training stay exactly 0 and
 * dilute rather than add noise), layers start Glorot-uniform from a seeded PRNG, hidden biases at 0.1 so ReLUs are live.
 * Fully deterministic for a given item order, bucket count and config. `onEpoch` receives the mean loss per epoch.
 */
export function trainModel(
	items: readonly TrainingItem[],
	buckets: number,
	classes: number,
	config: TrainConfig,
	onEpoch?: (epoch: number, meanLoss: number) => void,
): LinearModelWeights {
	const random = seededRandom(config.seed);
	const hidden = config.hidden > 0 ? denseLayer(config.dim, config.hidden, random, 0.1) : null;
	const output = denseLayer(config.hidden > 0 ? config.hidden : config.dim, classes, random, 0);
	const weights: LinearModelWeights = { buckets, dim: config.dim, embedding: new Float32Array(buckets * config.dim), hidden, output };
	const order = items.map((_, i) => i);
	const total = config.epochs * items.length;
	let seen = 0;
	for (let epoch = 0; epoch < config.epochs; epoch++) {
		shuffleInPlace(order, random);
		let lossSum = 0;
		for (const index of order) {
			const lr = config.lr * Math.max(0, 1 - seen / total);
			lossSum += step(weights, items[index] as TrainingItem, lr, config);
			seen++;
		}
		onEpoch?.(epoch, lossSum / Math.max(1, items.length));
	}
	return weights;
}
