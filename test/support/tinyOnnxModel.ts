import { onnx } from 'onnx-proto';

/** Weights of a toy bag-of-ids classifier: embedding rows [vocab][dim], weight [dim][classes], bias [classes]. */
export interface TinyClassifierWeights {
	readonly embedding: readonly (readonly number[])[];
	readonly weight: readonly (readonly number[])[];
	readonly bias: readonly number[];
}

function floatTensor(name: string, dims: number[], values: number[]): onnx.ITensorProto {
	return { name, dims, dataType: onnx.TensorProto.DataType.FLOAT, floatData: values };
}

function valueInfo(name: string, elemType: number, dims: Array<number | string>): onnx.IValueInfoProto {
	return {
		name,
		type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
	};
}

/**
 * Builds an ONNX model (opset 13): int32 ids [n] → Gather → ReduceMean over ids → MatMul → Add → Softmax → probs [classes].
 * The same shape as Baton's intent model, small enough to write by hand in a test.
 */
export function buildTinyClassifier(w: TinyClassifierWeights): Uint8Array {
	const dim = w.weight.length;
	const classes = w.bias.length;
	const graph: onnx.IGraphProto = {
		name: 'tiny',
		node: [
			{ opType: 'Gather', input: ['embedding', 'ids'], output: ['rows'], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] },
			{
				opType: 'ReduceMean',
				input: ['rows'],
				output: ['mean'],
				attribute: [
					{ name: 'axes', type: onnx.AttributeProto.AttributeType.INTS, ints: [0] },
					{ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 0 },
				],
			},
			{ opType: 'MatMul', input: ['mean', 'weight'], output: ['logitsRaw'] },
			{ opType: 'Add', input: ['logitsRaw', 'bias'], output: ['logits'] },
			{ opType: 'Softmax', input: ['logits'], output: ['probs'], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: -1 }] },
		],
		initializer: [
			floatTensor('embedding', [w.embedding.length, dim], w.embedding.flat()),
			floatTensor('weight', [dim, classes], w.weight.flat()),
			floatTensor('bias', [classes], [...w.bias]),
		],
		input: [valueInfo('ids', onnx.TensorProto.DataType.INT32, ['n'])],
		output: [valueInfo('probs', onnx.TensorProto.DataType.FLOAT, [classes])],
	};
	const model: onnx.IModelProto = { irVersion: 7, producerName: 'baton-test', opsetImport: [{ domain: '', version: 13 }], graph };
	return onnx.ModelProto.encode(model).finish();
}

/** The same forward pass in plain TypeScript, for comparing against onnxruntime's output. */
export function tinyClassifierForward(w: TinyClassifierWeights, ids: readonly number[]): number[] {
	const dim = w.weight.length;
	const mean = new Array<number>(dim).fill(0);
	for (const id of ids) {
		const row = w.embedding[id] as readonly number[];
		row.forEach((v, i) => (mean[i] = (mean[i] as number) + v / ids.length));
	}
	const logits = w.bias.map((b, c) => b + mean.reduce((sum, m, i) => sum + m * ((w.weight[i] as readonly number[])[c] as number), 0));
	const max = Math.max(...logits);
	const exps = logits.map((l) => Math.exp(l - max));
	const total = exps.reduce((a, b) => a + b, 0);
	return exps.map((e) => e / total);
}
