/**
 * FNV-1a, 32-bit, over the UTF-8 bytes of a string (offset basis 0x811c9dc5, prime 0x01000193).
 * This is the feature hash of Baton's intent model; training and runtime must agree bit for bit, so it is pinned by
 * tests (`fnv1a32('') === 0x811c9dc5`, `fnv1a32('a') === 0xe40c292c`, `fnv1a32('foobar') === 0xbf9cf968`).
 */

/** The FNV-1a 32-bit offset basis: the hash of the empty string. */
export const FNV1A32_OFFSET = 0x811c9dc5;

/** Mixes one byte (0–255) into an FNV-1a 32-bit state; returns the new unsigned state. */
export function fnv1a32Byte(state: number, byte: number): number {
	return Math.imul(state ^ byte, 0x01000193) >>> 0;
}

/** Mixes one Unicode code point into an FNV-1a 32-bit state as its UTF-8 bytes; returns the new unsigned state. */
export function fnv1a32CodePoint(state: number, cp: number): number {
	if (cp < 0x80) {
		return fnv1a32Byte(state, cp);
	}
	if (cp < 0x800) {
		return fnv1a32Byte(fnv1a32Byte(state, 0xc0 | (cp >> 6)), 0x80 | (cp & 0x3f));
	}
	if (cp < 0x10000) {
		const h = fnv1a32Byte(fnv1a32Byte(state, 0xe0 | (cp >> 12)), 0x80 | ((cp >> 6) & 0x3f));
		return fnv1a32Byte(h, 0x80 | (cp & 0x3f));
	}
	let h = fnv1a32Byte(state, 0xf0 | (cp >> 18));
	h = fnv1a32Byte(h, 0x80 | ((cp >> 12) & 0x3f));
	h = fnv1a32Byte(h, 0x80 | ((cp >> 6) & 0x3f));
	return fnv1a32Byte(h, 0x80 | (cp & 0x3f));
}

/** Mixes every code point of `text` into `state` (default: a fresh hash); returns the unsigned 32-bit result. */
export function fnv1a32(text: string, state: number = FNV1A32_OFFSET): number {
	let h = state;
	for (const ch of text) {
		h = fnv1a32CodePoint(h, ch.codePointAt(0) as number);
	}
	return h;
}
