import { asArray, asNumber, asRecord, asString } from '../common/json';
import { FEATURE_HASH, NORMALISATION_VERSION, type FeatureConfig } from './features';
import { INTENT_LABELS, isIntentLabel, type IntentLabel } from './labels';

/** What the runtime needs from `media/models/labels.json`: output label order, featurizer config, graph I/O names. */
export interface IntentModelMetadata {
	readonly labels: readonly IntentLabel[];
	readonly features: FeatureConfig;
	readonly input: string;
	readonly output: string;
	/** Weight of the keyword prior blended into the model's probabilities at run time (0 = model only). */
	readonly keywordWeight: number;
}

function range(value: unknown, what: string): readonly [number, number] {
	const a = asArray(value);
	const lo = asNumber(a?.[0]);
	const hi = asNumber(a?.[1]);
	if (!a || a.length !== 2 || lo === undefined || hi === undefined || !Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || hi < lo) {
		throw new Error(`labels.json: ${what} must be [min, max] with 1 ≤ min ≤ max`);
	}
	return [lo, hi];
}

/**
 * Validates parsed labels.json. Throws an Error with a readable reason when the labels are not exactly the ten intent
 * labels, or the feature config names a normalisation or hash this build does not implement (the model would then
 * silently see different features than it was trained on).
 */
export function parseIntentModelMetadata(json: unknown): IntentModelMetadata {
	const root = asRecord(json);
	const labels = asArray(root?.['labels']);
	if (!root || !labels || labels.length !== INTENT_LABELS.length || !labels.every(isIntentLabel) || new Set(labels).size !== labels.length) {
		throw new Error(`labels.json: "labels" must list each of ${INTENT_LABELS.join(', ')} exactly once`);
	}
	const f = asRecord(root['features']);
	if (!f || f['normalisation'] !== NORMALISATION_VERSION || f['hash'] !== FEATURE_HASH) {
		throw new Error(
			`labels.json: model needs normalisation ${String(f?.['normalisation'])} / hash ${String(f?.['hash'])}, this build implements ${NORMALISATION_VERSION} / ${FEATURE_HASH}`,
		);
	}
	const buckets = asNumber(f['buckets']);
	const maxChars = asNumber(f['maxChars']);
	const wordNgramWeight = asNumber(f['wordNgramWeight']);
	if (wordNgramWeight === undefined || !Number.isInteger(wordNgramWeight) || wordNgramWeight < 1) {
		throw new Error('labels.json: features.wordNgramWeight must be an integer ≥ 1');
	}
	const leadWords = asNumber(f['leadWords']);
	const sentenceStarts = asNumber(f['sentenceStarts']);
	if (leadWords === undefined || !Number.isInteger(leadWords) || leadWords < 0 || sentenceStarts === undefined || !Number.isInteger(sentenceStarts) || sentenceStarts < 0) {
		throw new Error('labels.json: features.leadWords and features.sentenceStarts must be integers ≥ 0');
	}
	if (buckets === undefined || !Number.isInteger(buckets) || buckets < 1 || maxChars === undefined || !Number.isInteger(maxChars) || maxChars < 1) {
		throw new Error('labels.json: features.buckets and features.maxChars must be positive integers');
	}
	const model = asRecord(root['model']);
	const keywordWeight = asNumber(asRecord(root['runtime'])?.['keywordWeight']) ?? 0;
	if (keywordWeight < 0 || keywordWeight > 1) {
		throw new Error('labels.json: runtime.keywordWeight must be in [0, 1]');
	}
	return {
		labels: labels as IntentLabel[],
		features: {
			normalisation: NORMALISATION_VERSION,
			hash: FEATURE_HASH,
			buckets,
			maxChars,
			wordNgrams: range(f['wordNgrams'], 'features.wordNgrams'),
			wordNgramWeight,
			charNgrams: range(f['charNgrams'], 'features.charNgrams'),
			leadWords,
			sentenceStarts,
		},
		input: asString(model?.['input']) ?? 'ids',
		output: asString(model?.['output']) ?? 'probs',
		keywordWeight,
	};
}

/** Reorders a probability vector from the model's label order into {@link INTENT_LABELS} order. */
export function toCanonicalOrder(probs: ArrayLike<number>, modelLabels: readonly IntentLabel[]): Float64Array {
	const out = new Float64Array(INTENT_LABELS.length);
	modelLabels.forEach((label, i) => {
		out[INTENT_LABELS.indexOf(label)] = probs[i] as number;
	});
	return out;
}
