import * as assert from 'node:assert/strict';
import { blendProbabilities, keywordProbabilities } from '../../../../src/core/classifier/ensemble';
import { DEFAULT_FEATURE_CONFIG, featureIds } from '../../../../src/core/classifier/features';
import { classificationFromProbabilities } from '../../../../src/core/classifier/intentClassifier';
import { INTENT_LABELS, isIntentLabel, labelAt, labelIndex } from '../../../../src/core/classifier/labels';
import { embeddingBagMean, forward, forwardTrace, LinearIntentClassifier, parameterCount, softmax, type LinearModelWeights } from '../../../../src/core/classifier/linearModel';
import { parseIntentModelMetadata, toCanonicalOrder } from '../../../../src/core/classifier/modelMetadata';

const sum = (xs: ArrayLike<number>): number => Array.from(xs).reduce((a, b) => a + b, 0);

/** A tiny model: 4 buckets × 2 dims, optional 3-unit hidden layer, 10 classes. */
function tinyModel(hidden: boolean): LinearModelWeights {
	const classes = INTENT_LABELS.length;
	const inputs = hidden ? 3 : 2;
	return {
		buckets: 4,
		dim: 2,
		embedding: Float32Array.from([0.5, -1, 1, 0, -0.5, 2, 0, 0]),
		hidden: hidden ? { inputs: 2, outputs: 3, weight: Float32Array.from([1, -1, 0.5, 0.25, 2, -1]), bias: Float32Array.from([0, 0.1, 0]) } : null,
		output: {
			inputs,
			outputs: classes,
			weight: Float32Array.from({ length: inputs * classes }, (_, i) => Math.sin(i + 1)),
			bias: Float32Array.from({ length: classes }, (_, i) => i / 100),
		},
	};
}

describe('labels', () => {
	it('has exactly the ten labels in a fixed order', () => {
		assert.deepEqual([...INTENT_LABELS], ['research', 'explain', 'implement', 'debug', 'refactor', 'review', 'test', 'docs', 'ui', 'ops']);
		assert.equal(labelAt(labelIndex('ops')), 'ops');
		assert.ok(isIntentLabel('ui') && !isIntentLabel('UI') && !isIntentLabel(3));
		assert.throws(() => labelAt(10), RangeError);
	});
});

describe('softmax', () => {
	it('sums to 1, keeps the arg-max and survives huge logits', () => {
		for (const logits of [[0, 0, 0], [1, 2, 3, 4], [1000, 1001, 999], [-1e6, 0, 1e6], [0.5]]) {
			const p = softmax(logits);
			assert.ok(Math.abs(sum(p) - 1) < 1e-12, String(logits));
			assert.ok(Array.from(p).every((x) => x >= 0 && x <= 1 && Number.isFinite(x)));
			assert.equal(p.indexOf(Math.max(...p)), logits.indexOf(Math.max(...logits)));
		}
	});
});

describe('linear model forward pass', () => {
	it('averages embedding rows (duplicates counted) and rejects out-of-range ids', () => {
		const w = tinyModel(false);
		assert.deepEqual(Array.from(embeddingBagMean(w, [0, 1])), [0.75, -0.5]);
		assert.deepEqual(Array.from(embeddingBagMean(w, [1, 1, 0])), [(1 + 1 + 0.5) / 3, -1 / 3]);
		assert.throws(() => embeddingBagMean(w, [4]), RangeError);
		assert.throws(() => embeddingBagMean(w, []), RangeError);
	});

	it('produces probabilities that sum to 1, with and without the hidden layer', () => {
		for (const hidden of [false, true]) {
			const w = tinyModel(hidden);
			for (const ids of [[0], [1, 2], [3, 3, 0, 2]]) {
				const p = forward(w, ids);
				assert.equal(p.length, INTENT_LABELS.length);
				assert.ok(Math.abs(sum(p) - 1) < 1e-12);
			}
		}
	});

	it('computes logits as mean·W + b (no hidden layer) and applies ReLU in the hidden layer', () => {
		const w = tinyModel(false);
		const t = forwardTrace(w, [0, 1]);
		for (let c = 0; c < INTENT_LABELS.length; c++) {
			const expected = 0.75 * (w.output.weight[c] as number) + -0.5 * (w.output.weight[INTENT_LABELS.length + c] as number) + (w.output.bias[c] as number);
			assert.ok(Math.abs((t.logits[c] as number) - expected) < 1e-6);
		}
		const h = forwardTrace(tinyModel(true), [1]).hidden;
		assert.deepEqual(Array.from(h ?? []).map((x) => Math.round(x * 1e6) / 1e6), [1, 0, 0.5]);
	});

	it('counts parameters and classifies text through the featurizer', () => {
		assert.equal(parameterCount(tinyModel(false)), 8 + 2 * 10 + 10);
		assert.equal(parameterCount(tinyModel(true)), 8 + 6 + 3 + 3 * 10 + 10);
		const config = { ...DEFAULT_FEATURE_CONFIG, buckets: 4 };
		const c = new LinearIntentClassifier(tinyModel(false), config).classify('Fix the crash');
		assert.deepEqual(Object.values(c.scores), Array.from(forward(tinyModel(false), featureIds('Fix the crash', config))));
		assert.throws(() => new LinearIntentClassifier(tinyModel(false), DEFAULT_FEATURE_CONFIG), RangeError);
	});
});

describe('classificationFromProbabilities and the keyword prior', () => {
	it('picks the arg-max label and rejects vectors of the wrong length', () => {
		const c = classificationFromProbabilities([0.1, 0.05, 0.05, 0.5, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05]);
		assert.equal(c.label, 'debug');
		assert.equal(c.confidence, 0.5);
		assert.throws(() => classificationFromProbabilities([1]), RangeError);
	});

	it('leaves the model distribution unchanged at weight 0 and moves towards the keywords as the weight grows', () => {
		const model = softmax([0, 0, 1, 0.9, 0, 0, 0, 0, 0, 0]);
		const keyword = keywordProbabilities('Fix the crash when saving');
		assert.deepEqual(Array.from(blendProbabilities(model, keyword, 0)).map((x) => x.toFixed(12)), Array.from(model).map((x) => x.toFixed(12)));
		const blended = blendProbabilities(model, keyword, 0.5);
		assert.ok(Math.abs(sum(blended) - 1) < 1e-12);
		assert.ok((blended[labelIndex('debug')] as number) > (blended[labelIndex('implement')] as number));
		assert.throws(() => blendProbabilities(model, keyword, 1.5), RangeError);
	});
});

describe('model metadata (labels.json)', () => {
	const valid = { labels: [...INTENT_LABELS].reverse(), features: DEFAULT_FEATURE_CONFIG, runtime: { keywordWeight: 0.15 }, model: { input: 'ids', output: 'probs' } };

	it('parses labels, feature config, graph names and the keyword weight', () => {
		const meta = parseIntentModelMetadata(JSON.parse(JSON.stringify(valid)));
		assert.deepEqual(meta.features, DEFAULT_FEATURE_CONFIG);
		assert.equal(meta.keywordWeight, 0.15);
		assert.deepEqual(Array.from(toCanonicalOrder([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], meta.labels)), [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
	});

	it('rejects missing labels, an unknown normalisation or hash, and bad numbers with a readable error', () => {
		assert.throws(() => parseIntentModelMetadata({ ...valid, labels: ['debug'] }), /labels/);
		assert.throws(() => parseIntentModelMetadata({ ...valid, features: { ...DEFAULT_FEATURE_CONFIG, normalisation: 'v0' } }), /normalisation/);
		assert.throws(() => parseIntentModelMetadata({ ...valid, features: { ...DEFAULT_FEATURE_CONFIG, hash: 'murmur3' } }), /hash/);
		assert.throws(() => parseIntentModelMetadata({ ...valid, features: { ...DEFAULT_FEATURE_CONFIG, buckets: 0 } }), /buckets/);
		assert.throws(() => parseIntentModelMetadata({ ...valid, features: { ...DEFAULT_FEATURE_CONFIG, charNgrams: [5, 3] } }), /charNgrams/);
		assert.throws(() => parseIntentModelMetadata({ ...valid, runtime: { keywordWeight: 2 } }), /keywordWeight/);
		assert.throws(() => parseIntentModelMetadata(null), /labels/);
	});
});
