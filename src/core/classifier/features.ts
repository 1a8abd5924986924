import { FNV1A32_OFFSET, fnv1a32, fnv1a32CodePoint } from './hash';

/** Name of the text normalisation implemented by {@link normaliseText}; bump it whenever its output changes. */
export const NORMALISATION_VERSION = 'baton-intent-norm-v1';

/** Name of the feature hash implemented in `hash.ts`. */
export const FEATURE_HASH = 'fnv1a32-utf8';

/**
 * How text becomes feature ids. Stored in `media/models/labels.json` so the runtime featurizer matches training.
 * - `buckets`: number of hash buckets (embedding rows); ids are `hash % buckets`.
 * - `wordNgrams`: inclusive [min, max] word n-gram orders (1 = unigrams, 2 = bigrams; a start marker `<s>` precedes the first word).
 * - `charNgrams`: inclusive [min, max] character n-gram lengths, taken over each word wrapped as `<word>`.
 * - `maxChars`: the text is cut to this many UTF-16 code units after NFKC, before anything else.
 */
export interface FeatureConfig {
	readonly normalisation: typeof NORMALISATION_VERSION;
	readonly hash: typeof FEATURE_HASH;
	readonly buckets: number;
	readonly wordNgrams: readonly [number, number];
	readonly charNgrams: readonly [number, number];
	readonly maxChars: number;
}

/** The configuration the shipped model was trained with (also recorded in labels.json). */
export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
	normalisation: NORMALISATION_VERSION,
	hash: FEATURE_HASH,
	buckets: 1 << 17,
	wordNgrams: [1, 2],
	charNgrams: [3, 5],
	maxChars: 2000,
};

const START = '<s>';
const EMPTY_FEATURE = 'e <empty>';
const TOKEN = /[\p{L}\p{N}_]+(?:'[\p{L}]+)*|[?!]/gu;

/**
 * Normalisation v1: NFKC; cut to `maxChars`; lower-case; curly quotes and backticks → `'`/space; URLs → `xurl`;
 * every run of digits → `0`; whitespace collapsed to single spaces and trimmed.
 */
export function normaliseText(text: string, maxChars: number = DEFAULT_FEATURE_CONFIG.maxChars): string {
	return text
		.normalize('NFKC')
		.slice(0, maxChars)
		.toLowerCase()
		.replace(/[\u2018\u2019\u00b4]/g, "'")
		.replace(/`/g, ' ')
		.replace(/https?:\/\/\S+|www\.\S+/g, ' xurl ')
		.replace(/\p{N}+/gu, '0')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Word tokens of normalised text: letter/digit/underscore runs (with `'s`-style suffixes kept), plus `?` and `!`. */
export function tokenise(normalised: string): string[] {
	return normalised.match(TOKEN) ?? [];
}

/**
 * The feature strings of `text`, before hashing: `w <token>` unigrams, `b <t1> <t2>` bigrams (with `<s>` first),
 * `c <gram>` character n-grams of `<token>`, or the single feature `e <empty>` when the text has no tokens.
 * Slow reference path for tests and debugging; {@link featureIds} computes the same hashes without building strings.
 */
export function featureStrings(text: string, config: FeatureConfig = DEFAULT_FEATURE_CONFIG): string[] {
	const tokens = tokenise(normaliseText(text, config.maxChars));
	if (tokens.length === 0) {
		return [EMPTY_FEATURE];
	}
	const out: string[] = [];
	const words = [START, ...tokens];
	for (let n = config.wordNgrams[0]; n <= config.wordNgrams[1]; n++) {
		for (let i = n === 1 ? 1 : 0; i + n <= words.length; i++) {
			out.push(`${n === 1 ? 'w' : n === 2 ? 'b' : `n${n}`} ${words.slice(i, i + n).join(' ')}`);
		}
	}
	for (const token of tokens) {
		if (token === '?' || token === '!') {
			continue;
		}
		const cps = Array.from(`<${token}>`);
		for (let i = 0; i < cps.length; i++) {
			for (let n = config.charNgrams[0]; n <= config.charNgrams[1] && i + n <= cps.length; n++) {
				out.push(`c ${cps.slice(i, i + n).join('')}`);
			}
		}
	}
	return out;
}

/**
 * Feature ids of `text` for the given config: FNV-1a 32-bit of each {@link featureStrings} entry, modulo `buckets`,
 * in the same order (duplicates kept, so the embedding-bag mean weights repeated n-grams). Never empty.
 * Pure and deterministic across runs and platforms.
 */
export function featureIds(text: string, config: FeatureConfig = DEFAULT_FEATURE_CONFIG): Int32Array {
	const tokens = tokenise(normaliseText(text, config.maxChars));
	const buckets = config.buckets;
	if (tokens.length === 0) {
		return Int32Array.of(fnv1a32(EMPTY_FEATURE) % buckets);
	}
	const ids: number[] = [];
	const [wMin, wMax] = config.wordNgrams;
	const words = [START, ...tokens];
	for (let n = wMin; n <= wMax; n++) {
		const prefix = fnv1a32(`${n === 1 ? 'w' : n === 2 ? 'b' : `n${n}`} `);
		for (let i = n === 1 ? 1 : 0; i + n <= words.length; i++) {
			let h = prefix;
			for (let k = 0; k < n; k++) {
				h = k === 0 ? fnv1a32(words[i] as string, h) : fnv1a32(words[i + k] as string, fnv1a32CodePoint(h, 0x20));
			}
			ids.push(h % buckets);
		}
	}
	const charPrefix = fnv1a32('c ', FNV1A32_OFFSET);
	const [cMin, cMax] = config.charNgrams;
	for (const token of tokens) {
		if (token === '?' || token === '!') {
			continue;
		}
		const cps = [0x3c];
		for (const ch of token) {
			cps.push(ch.codePointAt(0) as number);
		}
		cps.push(0x3e);
		for (let i = 0; i < cps.length; i++) {
			let h = charPrefix;
			for (let n = 1; n <= cMax && i + n <= cps.length; n++) {
				h = fnv1a32CodePoint(h, cps[i + n - 1] as number);
				if (n >= cMin) {
					ids.push(h % buckets);
				}
			}
		}
	}
	return Int32Array.from(ids);
}
