import { keywordPoints } from './keywordClassifier';
import { softmax } from './softmax';

/**
 * Log-linear blend ("product of experts") of the model's probabilities with the keyword classifier's:
 * `softmax((1 − w)·log p_model + w·log p_keyword)`. `w = 0` returns the model's distribution unchanged (renormalised).
 * The keyword scores act as a hand-written prior that generalises to phrasings the corpus lacks; the weight is chosen
 * on held-out splits of the training corpus and stored in labels.json (`runtime.keywordWeight`).
 * Probabilities are floored at 1e-12 before the log. Throws a RangeError for a weight outside [0, 1].
 */
export function blendProbabilities(model: ArrayLike<number>, keyword: ArrayLike<number>, weight: number): Float64Array {
	if (!(weight >= 0 && weight <= 1)) {
		throw new RangeError(`keyword weight ${weight} outside [0, 1]`);
	}
	const logits = new Float64Array(model.length);
	for (let i = 0; i < model.length; i++) {
		const m = Math.log(Math.max(model[i] as number, 1e-12));
		const k = Math.log(Math.max((keyword[i] as number | undefined) ?? 0, 1e-12));
		logits[i] = (1 - weight) * m + (weight > 0 ? weight * k : 0);
	}
	return softmax(logits);
}

/** The keyword classifier's probabilities for `text`, in label order (softmax of its points). */
export function keywordProbabilities(text: string): Float64Array {
	return softmax(keywordPoints(text));
}

/** `blendProbabilities(model, keywordProbabilities(text), weight)`; at weight 0, an exact copy of `model` (no keyword pass). */
export function withKeywordPrior(model: ArrayLike<number>, text: string, weight: number): Float64Array {
	return weight > 0 ? blendProbabilities(model, keywordProbabilities(text), weight) : Float64Array.from(model);
}
