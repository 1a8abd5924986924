import type * as Ort from 'onnxruntime-node';

let runtime: typeof Ort | undefined;

/**
 * Requires onnxruntime-node on first use (its native library is ~45 MB, so it must never load during activation).
 * Throws a readable error when the platform has no binary.
 */
export function loadOnnxRuntime(): typeof Ort {
	if (!runtime) {
		try {
			runtime = require('onnxruntime-node') as typeof Ort;
		} catch (error) {
			throw new Error(`onnxruntime-node could not be loaded on ${process.platform}-${process.arch}: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	return runtime;
}

/** Options for a CPU inference session tuned for tiny models on a shared machine: one thread, no spinning. */
export const singleThreadSessionOptions: Ort.InferenceSession.SessionOptions = {
	executionProviders: ['cpu'],
	intraOpNumThreads: 1,
	interOpNumThreads: 1,
	graphOptimizationLevel: 'all',
};

/** Creates an inference session from an `.onnx` file path or its bytes. */
export function createOnnxSession(model: string | Uint8Array): Promise<Ort.InferenceSession> {
	const ort = loadOnnxRuntime();
	return typeof model === 'string'
		? ort.InferenceSession.create(model, singleThreadSessionOptions)
		: ort.InferenceSession.create(model, singleThreadSessionOptions);
}
