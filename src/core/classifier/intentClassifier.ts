import { INTENT_LABELS, labelAt, type IntentLabel } from './labels';

/**
 * The result of classifying one prompt.
 * `scores` holds one probability-like value per label in [0, 1] that sums to 1 (within float error);
 * `label` is the arg-max of `scores` and `confidence` its score.
 */
export interface Classification {
	readonly label: IntentLabel;
	readonly confidence: number;
	readonly scores: Readonly<Record<IntentLabel, number>>;
}

/**
 * A synchronous intent classifier: once constructed (weights loaded), `classify` does no I/O and does not block on
 * anything but arithmetic. Implemented by the keyword baseline and by the pure-TypeScript linear model.
 */
export interface IntentClassifier {
	/** Classifies one prompt (any length; empty text is allowed and yields a low-confidence result). */
	classify(text: string): Classification;
}

/**
 * An asynchronous intent classifier. The shipped ONNX model runs through onnxruntime-node, whose `session.run`
 * always resolves on a later macrotask, so its classifier implements this interface rather than {@link IntentClassifier}.
 */
export interface AsyncIntentClassifier {
	/** Classifies one prompt; rejects only when the model cannot be loaded or run. */
	classify(text: string): Promise<Classification>;
}

/**
 * Builds a {@link Classification} from a probability vector in {@link INTENT_LABELS} order.
 * Ties go to the earlier label. Throws a RangeError when `probs` does not have one entry per label.
 */
export function classificationFromProbabilities(probs: ArrayLike<number>): Classification {
	if (probs.length !== INTENT_LABELS.length) {
		throw new RangeError(`expected ${INTENT_LABELS.length} scores, got ${probs.length}`);
	}
	const scores = {} as Record<IntentLabel, number>;
	let best = 0;
	for (let i = 0; i < probs.length; i++) {
		const p = probs[i] as number;
		scores[labelAt(i)] = p;
		if (p > (probs[best] as number)) {
			best = i;
		}
	}
	return { label: labelAt(best), confidence: probs[best] as number, scores };
}
