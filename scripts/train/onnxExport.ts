import { onnx } from 'onnx-proto';
import type { DenseLayer, LinearModelWeights } from '../../src/core/classifier/linearModel';

/** Input and output names of the exported graph (also recorded in labels.json). */
export const ONNX_INPUT = 'ids';
/** Name of the graph's single output: `[classes]` float32 probabilities. */
export const ONNX_OUTPUT = 'probs';
/** ONNX opset of the exported graph (13: ReduceMean still takes `axes` as an attribute). */
export const ONNX_OPSET = 13;

/** Embedding rows quantised to int8 with one symmetric float32 scale per row (`value ≈ q × scale`). */
export interface QuantisedEmbedding {
	readonly q: Int8Array;
	readonly scales: Float32Array;
}

/** Symmetric per-row int8 quantisation: `scale = max|row| / 127`, `q = round(v / scale)`; all-zero rows get scale 0. */
export function quantiseRows(embedding: Float32Array, dim: number): QuantisedEmbedding {
	const rows = embedding.length / dim;
	const q = new Int8Array(embedding.length);
	const scales = new Float32Array(rows);
	for (let r = 0; r < rows; r++) {
		let max = 0;
		for (let d = 0; d < dim; d++) {
			max = Math.max(max, Math.abs(embedding[r * dim + d] as number));
		}
		const scale = Math.fround(max / 127);
		scales[r] = scale;
		if (scale > 0) {
			for (let d = 0; d < dim; d++) {
				q[r * dim + d] = Math.max(-127, Math.min(127, Math.round((embedding[r * dim + d] as number) / scale)));
			}
		}
	}
	return { q, scales };
}

/** Float32 embedding from int8 rows, computed as onnxruntime does (`float(q) × scale` rounded to float32). */
export function dequantiseRows(quantised: QuantisedEmbedding, dim: number): Float32Array {
	const out = new Float32Array(quantised.q.length);
	for (let i = 0; i < out.length; i++) {
		out[i] = Math.fround((quantised.q[i] as number) * (quantised.scales[Math.floor(i / dim)] as number));
	}
	return out;
}

const bytesOf = (a: Float32Array | Int8Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

function tensor(name: string, dims: number[], data: Float32Array | Int8Array): onnx.ITensorProto {
	const dataType = data instanceof Int8Array ? onnx.TensorProto.DataType.INT8 : onnx.TensorProto.DataType.FLOAT;
	return { name, dims, dataType, rawData: bytesOf(data) };
}

function valueInfo(name: string, elemType: number, dims: Array<number | string>): onnx.IValueInfoProto {
	return { name, type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } } };
}

const intAttr = (name: string, i: number): onnx.IAttributeProto => ({ name, type: onnx.AttributeProto.AttributeType.INT, i });

function denseNodes(prefix: string, input: string, layer: DenseLayer, output: string): { nodes: onnx.INodeProto[]; inits: onnx.ITensorProto[] } {
	return {
		nodes: [
			{ opType: 'MatMul', input: [input, `${prefix}_W`], output: [`${prefix}_xw`], name: `${prefix}_matmul` },
			{ opType: 'Add', input: [`${prefix}_xw`, `${prefix}_b`], output: [output], name: `${prefix}_add` },
		],
		inits: [tensor(`${prefix}_W`, [layer.inputs, layer.outputs], layer.weight), tensor(`${prefix}_b`, [layer.outputs], layer.bias)],
	};
}

/**
 * Builds the intent model as ONNX (opset 13) with onnx-proto:
 * `ids` int32 [n] → Gather rows of `embedding` ([buckets, dim], int8 + per-row scale Gather·Mul, or float32)
 * → ReduceMean over n → (MatMul·Add·Relu) → MatMul·Add → Softmax → `probs` float32 [classes].
 * `metadata` is stored as model metadata_props (e.g. labels and feature config as JSON).
 */
export function buildIntentOnnx(
	weights: LinearModelWeights,
	quantised: QuantisedEmbedding | null,
	metadata: Readonly<Record<string, string>>,
): Uint8Array {
	const { buckets, dim } = weights;
	const nodes: onnx.INodeProto[] = [];
	const inits: onnx.ITensorProto[] = [];
	if (quantised) {
		inits.push(tensor('embedding_q', [buckets, dim], quantised.q), tensor('embedding_scale', [buckets, 1], quantised.scales));
		nodes.push(
			{ opType: 'Gather', input: ['embedding_q', ONNX_INPUT], output: ['rows_q'], name: 'gather_rows', attribute: [intAttr('axis', 0)] },
			{ opType: 'Cast', input: ['rows_q'], output: ['rows_f'], name: 'cast_rows', attribute: [intAttr('to', onnx.TensorProto.DataType.FLOAT)] },
			{ opType: 'Gather', input: ['embedding_scale', ONNX_INPUT], output: ['row_scale'], name: 'gather_scales', attribute: [intAttr('axis', 0)] },
			{ opType: 'Mul', input: ['rows_f', 'row_scale'], output: ['rows'], name: 'dequantise' },
		);
	} else {
		inits.push(tensor('embedding', [buckets, dim], weights.embedding));
		nodes.push({ opType: 'Gather', input: ['embedding', ONNX_INPUT], output: ['rows'], name: 'gather_rows', attribute: [intAttr('axis', 0)] });
	}
	nodes.push({
		opType: 'ReduceMean',
		input: ['rows'],
		output: ['mean'],
		name: 'bag_mean',
		attribute: [{ name: 'axes', type: onnx.AttributeProto.AttributeType.INTS, ints: [0] }, intAttr('keepdims', 0)],
	});
	let last = 'mean';
	if (weights.hidden) {
		const h = denseNodes('hidden', last, weights.hidden, 'hidden_pre');
		nodes.push(...h.nodes, { opType: 'Relu', input: ['hidden_pre'], output: ['hidden'], name: 'hidden_relu' });
		inits.push(...h.inits);
		last = 'hidden';
	}
	const o = denseNodes('out', last, weights.output, 'logits');
	nodes.push(...o.nodes, { opType: 'Softmax', input: ['logits'], output: [ONNX_OUTPUT], name: 'softmax', attribute: [intAttr('axis', -1)] });
	inits.push(...o.inits);
	const graph: onnx.IGraphProto = {
		name: 'baton_intent',
		node: nodes,
		initializer: inits,
		input: [valueInfo(ONNX_INPUT, onnx.TensorProto.DataType.INT32, ['n'])],
		output: [valueInfo(ONNX_OUTPUT, onnx.TensorProto.DataType.FLOAT, [weights.output.outputs])],
	};
	const model: onnx.IModelProto = {
		irVersion: 7,
		producerName: 'baton-trainIntent',
		producerVersion: '1',
		opsetImport: [{ domain: '', version: ONNX_OPSET }],
		metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
		graph,
	};
	return onnx.ModelProto.encode(model).finish();
}

function rawFloats(t: onnx.ITensorProto): Float32Array {
	const raw = t.rawData ?? new Uint8Array(0);
	return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

/**
 * Reads the weights back out of a model written by {@link buildIntentOnnx} (int8 rows are dequantised exactly as the
 * graph does), so tests can run the TypeScript forward pass on the very numbers onnxruntime uses.
 * Throws an Error when an expected initializer is missing.
 */
export function readIntentOnnx(bytes: Uint8Array): LinearModelWeights {
	const model = onnx.ModelProto.decode(bytes);
	const inits = new Map((model.graph?.initializer ?? []).map((t) => [t.name, t]));
	const get = (name: string): onnx.ITensorProto => {
		const t = inits.get(name);
		if (!t) {
			throw new Error(`ONNX model has no initializer ${name}`);
		}
		return t;
	};
	const dense = (prefix: string): DenseLayer => {
		const w = get(`${prefix}_W`);
		return { inputs: Number(w.dims?.[0]), outputs: Number(w.dims?.[1]), weight: rawFloats(w), bias: rawFloats(get(`${prefix}_b`)) };
	};
	const quantisedRows = inits.get('embedding_q');
	const rowsTensor = quantisedRows ?? get('embedding');
	const buckets = Number(rowsTensor.dims?.[0]);
	const dim = Number(rowsTensor.dims?.[1]);
	let embedding: Float32Array;
	if (quantisedRows) {
		const raw = quantisedRows.rawData ?? new Uint8Array(0);
		const q = new Int8Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
		embedding = dequantiseRows({ q, scales: rawFloats(get('embedding_scale')) }, dim);
	} else {
		embedding = rawFloats(rowsTensor);
	}
	return { buckets, dim, embedding, hidden: inits.has('hidden_W') ? dense('hidden') : null, output: dense('out') };
}
