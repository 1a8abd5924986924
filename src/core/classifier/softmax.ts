/** Numerically stable softmax (subtracts the max logit); the result sums to 1 within float error. */
export function softmax(logits: ArrayLike<number>): Float64Array {
	let max = -Infinity;
	for (let i = 0; i < logits.length; i++) {
		max = Math.max(max, logits[i] as number);
	}
	const out = new Float64Array(logits.length);
	let total = 0;
	for (let i = 0; i < logits.length; i++) {
		const e = Math.exp((logits[i] as number) - max);
		out[i] = e;
		total += e;
	}
	for (let i = 0; i < out.length; i++) {
		out[i] = (out[i] as number) / total;
	}
	return out;
}
