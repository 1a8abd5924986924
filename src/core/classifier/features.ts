import { fnv1a32, fnv1a32CodePoint } from './hash';

/** Name of the text normalisation implemented by {@link normaliseText}; bump it whenever its output changes. */
export const NORMALISATION_VERSION = 'baton-intent-norm-v1';

/** Name of the feature hash implemented in `hash.ts`. */
export const FEATURE_HASH = 'fnv1a32-utf8';

/**
 * How text becomes feature ids. Stored in `media/models/labels.json` so the runtime featurizer matches training.
 * - `buckets`: number of hash buckets (embedding rows); an id is `hash % buckets`.
 * - `wordNgrams`: inclusive [min, max] word n-gram orders within a sentence (a start marker `<s>` precedes each sentence).
 * - `wordNgramWeight`: each word n-gram is emitted this many times (≥ 1), weighting word evidence against the far more
 *   numerous character n-grams in the bag mean.
 * - `charNgrams`: inclusive [min, max] character n-gram lengths over each word wrapped as `<word>`.
 * - `leadWords`: the first this-many words of the text also emit a positional `l` feature (the request is usually up front).
 * - `sentenceStarts`: the first this-many words of every sentence also emit an `s` feature (imperative verbs open sentences).
 * - `maxChars`: the text is cut to this many UTF-16 code units after NFKC, before anything else.
 */
export interface FeatureConfig {
	readonly normalisation: typeof NORMALISATION_VERSION;
	readonly hash: typeof FEATURE_HASH;
	readonly buckets: number;
	readonly wordNgrams: readonly [number, number];
	readonly wordNgramWeight: number;
	readonly charNgrams: readonly [number, number];
	readonly leadWords: number;
	readonly sentenceStarts: number;
	readonly maxChars: number;
}

/** The configuration the shipped model was trained with (also recorded in labels.json). */
export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
	normalisation: NORMALISATION_VERSION,
	hash: FEATURE_HASH,
	buckets: 1 << 17,
	wordNgrams: [1, 2],
	wordNgramWeight: 3,
	charNgrams: [3, 5],
	leadWords: 8,
	sentenceStarts: 3,
	maxChars: 1000,
};

const START = '<s>';
const EMPTY_FEATURE = 'e <empty>';
const TOKEN = /[\p{L}\p{N}_]+(?:'[\p{L}]+)*|[?!]/gu;
const SENTENCE_BREAK = /(?<=[.!?;:])\s+|\s*\n\s*/;

/**
 * Normalisation v1: NFKC; cut to `maxChars`; lower-case; curly quotes → `'`; backticks → space; URLs → `xurl`;
 * every run of digits → `0`; whitespace runs that contain a line break → one `\n`, other runs → one space; trimmed.
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
		.replace(/\s+/g, (ws) => (ws.includes('\n') ? '\n' : ' '))
		.trim();
}

/**
 * Sentences of normalised text as word tokens. A sentence ends at `.`/`!`/`?`/`;`/`:` followed by whitespace, or at a
 * line break. Tokens are letter/digit/underscore runs (keeping `'s`-style suffixes) plus `?` and `!`; empty sentences are dropped.
 */
export function sentenceTokens(normalised: string): string[][] {
	return normalised
		.split(SENTENCE_BREAK)
		.map((s) => s.match(TOKEN) ?? [])
		.filter((s) => s.length > 0);
}

const ngramTag = (n: number): string => (n === 1 ? 'w' : n === 2 ? 'b' : `n${n}`);
const isPunct = (token: string): boolean => token === '?' || token === '!';

/**
 * Visits every feature of `text` in a fixed order: word n-grams per sentence, character n-grams per word, lead-word and
 * sentence-start features. `emit` receives each feature as its parts (joined with single spaces they form the string that is hashed).
 */
function visitFeatures(text: string, config: FeatureConfig, emit: (parts: readonly string[]) => void): void {
	const sentences = sentenceTokens(normaliseText(text, config.maxChars));
	if (sentences.length === 0) {
		emit(['e', '<empty>']);
		return;
	}
	const [wMin, wMax] = config.wordNgrams;
	for (let r = 0; r < config.wordNgramWeight; r++) {
		for (const sentence of sentences) {
			const words = [START, ...sentence];
			for (let n = wMin; n <= wMax; n++) {
				for (let i = n === 1 ? 1 : 0; i + n <= words.length; i++) {
					emit([ngramTag(n), ...words.slice(i, i + n)]);
				}
			}
		}
	}
	const [cMin, cMax] = config.charNgrams;
	for (const sentence of sentences) {
		for (const token of sentence) {
			if (isPunct(token)) {
				continue;
			}
			const cps = Array.from(`<${token}>`);
			for (let i = 0; i < cps.length; i++) {
				for (let n = cMin; n <= cMax && i + n <= cps.length; n++) {
					emit(['c', cps.slice(i, i + n).join('')]);
				}
			}
		}
	}
	sentences
		.flat()
		.slice(0, config.leadWords)
		.forEach((token) => emit(['l', token]));
	for (const sentence of sentences) {
		sentence.slice(0, config.sentenceStarts).forEach((token) => emit(['s', token]));
	}
}

/**
 * The feature strings of `text`, before hashing: `w <t>` unigrams, `b <t1> <t2>` bigrams (the whole word block repeated
 * `wordNgramWeight` times), `c <gram>` character
 * n-grams, `l <t>` lead words, `s <t>` sentence starts, or the single feature `e <empty>` for text without tokens.
 * Reference path for tests and debugging; {@link featureIds} hashes the same strings.
 */
export function featureStrings(text: string, config: FeatureConfig = DEFAULT_FEATURE_CONFIG): string[] {
	const out: string[] = [];
	visitFeatures(text, config, (parts) => out.push(parts.join(' ')));
	return out;
}

function mixCodePoints(state: number, cps: readonly number[]): number {
	let h = state;
	for (const cp of cps) {
		h = fnv1a32CodePoint(h, cp);
	}
	return h;
}

const codePoints = (s: string): number[] => Array.from(s, (ch) => ch.codePointAt(0) as number);

/**
 * Feature ids of `text`: FNV-1a 32-bit (UTF-8) of each {@link featureStrings} entry, modulo `config.buckets`, in the
 * same order, duplicates kept (the embedding-bag mean then weights repeated n-grams). Never empty. Pure and
 * deterministic across runs and platforms. Hashes incrementally instead of building the strings (about 20 µs for a
 * typical prompt, 0.18 ms at the 1,000-character cap); tests pin it to {@link featureStrings}.
 */
export function featureIds(text: string, config: FeatureConfig = DEFAULT_FEATURE_CONFIG): Int32Array {
	const sentences = sentenceTokens(normaliseText(text, config.maxChars));
	const buckets = config.buckets;
	if (sentences.length === 0) {
		return Int32Array.of(fnv1a32(EMPTY_FEATURE) % buckets);
	}
	const ids: number[] = [];
	const cpsOf = new Map<string, number[]>();
	const cps = (token: string): number[] => {
		let c = cpsOf.get(token);
		if (!c) {
			c = codePoints(token);
			cpsOf.set(token, c);
		}
		return c;
	};
	const [wMin, wMax] = config.wordNgrams;
	for (const sentence of sentences) {
		const words = [START, ...sentence];
		for (let n = wMin; n <= wMax; n++) {
			const prefix = fnv1a32(`${ngramTag(n)} `);
			for (let i = n === 1 ? 1 : 0; i + n <= words.length; i++) {
				let h = mixCodePoints(prefix, cps(words[i] as string));
				for (let k = 1; k < n; k++) {
					h = mixCodePoints(fnv1a32CodePoint(h, 0x20), cps(words[i + k] as string));
				}
				ids.push(h % buckets);
			}
		}
	}
	const wordIds = ids.length;
	for (let r = 1; r < config.wordNgramWeight; r++) {
		for (let k = 0; k < wordIds; k++) {
			ids.push(ids[k] as number);
		}
	}
	const charPrefix = fnv1a32('c ');
	const [cMin, cMax] = config.charNgrams;
	for (const sentence of sentences) {
		for (const token of sentence) {
			if (isPunct(token)) {
				continue;
			}
			const wrapped = [0x3c, ...cps(token), 0x3e];
			for (let i = 0; i < wrapped.length; i++) {
				let h = charPrefix;
				for (let n = 1; n <= cMax && i + n <= wrapped.length; n++) {
					h = fnv1a32CodePoint(h, wrapped[i + n - 1] as number);
					if (n >= cMin) {
						ids.push(h % buckets);
					}
				}
			}
		}
	}
	const leadPrefix = fnv1a32('l ');
	let lead = 0;
	for (const sentence of sentences) {
		for (const token of sentence) {
			if (lead++ >= config.leadWords) {
				break;
			}
			ids.push(mixCodePoints(leadPrefix, cps(token)) % buckets);
		}
	}
	const startPrefix = fnv1a32('s ');
	for (const sentence of sentences) {
		for (let i = 0; i < Math.min(config.sentenceStarts, sentence.length); i++) {
			ids.push(mixCodePoints(startPrefix, cps(sentence[i] as string)) % buckets);
		}
	}
	return Int32Array.from(ids);
}
