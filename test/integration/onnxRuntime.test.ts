import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOnnxSession, loadOnnxRuntime } from '../../src/infra/onnx/onnxRuntime';
import { buildTinyClassifier, tinyClassifierForward, type TinyClassifierWeights } from '../support/tinyOnnxModel';

const weights: TinyClassifierWeights = {
	embedding: [
		[0.1, -0.2, 0.3],
		[0.5, 0.4, -0.1],
		[-0.3, 0.2, 0.9],
		[0.0, -0.7, 0.2],
	],
	weight: [
		[1.0, -0.5],
		[0.25, 0.75],
		[-1.2, 0.3],
	],
	bias: [0.05, -0.05],
};

describe('onnxruntime-node (real native runtime)', () => {
	it('runs a model built in the test and matches the TypeScript forward pass', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'baton-ort-'));
		const file = join(dir, 'tiny.onnx');
		writeFileSync(file, buildTinyClassifier(weights));
		const session = await createOnnxSession(file);
		assert.deepEqual(session.inputNames, ['ids']);
		assert.deepEqual(session.outputNames, ['probs']);
		const ort = loadOnnxRuntime();
		for (const ids of [[0], [1, 2], [3, 3, 0, 2]]) {
			const out = await session.run({ ids: new ort.Tensor('int32', Int32Array.from(ids), [ids.length]) });
			const probs = Array.from(out['probs']?.data as Float32Array);
			const expected = tinyClassifierForward(weights, ids);
			assert.equal(probs.length, 2);
			probs.forEach((p, i) => assert.ok(Math.abs(p - (expected[i] as number)) < 1e-5, `ids ${ids}: ${p} vs ${expected[i]}`));
		}
		await session.release();
	});

	it('loads a model from bytes and rejects a corrupt one with an error', async () => {
		const session = await createOnnxSession(buildTinyClassifier(weights));
		assert.deepEqual(session.outputNames, ['probs']);
		await session.release();
		await assert.rejects(createOnnxSession(Uint8Array.from([1, 2, 3, 4, 5])));
	});
});
