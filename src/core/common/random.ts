/** Seeded pseudo-random numbers for simulations, benchmarks and property tests. Pure: same seed, same sequence. */

/** A source of floats in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: a small, fast 32-bit seeded PRNG returning floats in [0, 1). Not cryptographic.
 * The seed is taken modulo 2^32, so seeds that differ by a multiple of 2^32 give the same sequence.
 */
export function seededRandom(seed: number): Random {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A uniform integer in [min, max] (both inclusive) drawn from `random`. */
export function randomInt(random: Random, min: number, max: number): number {
	return min + Math.floor(random() * (max - min + 1));
}

/** A uniformly chosen element of a non-empty array; throws a RangeError when `items` is empty. */
export function randomPick<T>(random: Random, items: readonly T[]): T {
	const item = items[Math.floor(random() * items.length)];
	if (item === undefined) {
		throw new RangeError('randomPick needs a non-empty array');
	}
	return item;
}

/** An element chosen with probability proportional to its weight (weights ≥ 0, at least one > 0). */
export function randomWeighted<T>(random: Random, items: ReadonlyArray<readonly [T, number]>): T {
	const total = items.reduce((sum, [, w]) => sum + Math.max(0, w), 0);
	let r = random() * total;
	for (const [item, w] of items) {
		r -= Math.max(0, w);
		if (r < 0) {
			return item;
		}
	}
	const last = items[items.length - 1];
	if (last === undefined) {
		throw new RangeError('randomWeighted needs a non-empty array');
	}
	return last[0];
}
