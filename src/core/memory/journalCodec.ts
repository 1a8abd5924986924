import { isValidMemoryId } from './entries';
import type { MemoryEntry } from './types';

/**
 * One change in the write-ahead journal, already resolved so that replay is deterministic: `put` stores the entry
 * exactly as given (insert or replace by id), `del` removes ids (missing ids are ignored).
 */
export type JournalOp = { readonly t: 'put'; readonly e: MemoryEntry } | { readonly t: 'del'; readonly ids: readonly string[] };

/** One journal record: the ops of one committed batch, `seq` strictly increasing per database, `at` in ms. */
export interface JournalRecord {
	readonly seq: number;
	readonly at: number;
	readonly ops: readonly JournalOp[];
}

const table = ((): Uint32Array => {
	const t = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) {
			c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		}
		t[n] = c >>> 0;
	}
	return t;
})();

/** CRC-32 (IEEE 802.3, as zlib) of `text` encoded as UTF-8. */
export function crc32(text: string): number {
	let crc = 0xffffffff;
	const push = (byte: number): void => {
		crc = (table[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
	};
	for (let i = 0; i < text.length; i++) {
		let c = text.charCodeAt(i);
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
			const d = text.charCodeAt(i + 1);
			if (d >= 0xdc00 && d <= 0xdfff) {
				c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
				i++;
			}
		}
		if (c < 0x80) {
			push(c);
		} else if (c < 0x800) {
			push(0xc0 | (c >> 6));
			push(0x80 | (c & 0x3f));
		} else if (c < 0x10000) {
			push(0xe0 | (c >> 12));
			push(0x80 | ((c >> 6) & 0x3f));
			push(0x80 | (c & 0x3f));
		} else {
			push(0xf0 | (c >> 18));
			push(0x80 | ((c >> 12) & 0x3f));
			push(0x80 | ((c >> 6) & 0x3f));
			push(0x80 | (c & 0x3f));
		}
	}
	return (crc ^ 0xffffffff) >>> 0;
}

/** Encodes a record as one journal line: 8 hex digits of the CRC-32 of the JSON, a space, the JSON, `\n`. */
export function encodeJournalRecord(record: JournalRecord): string {
	const json = JSON.stringify(record);
	return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

function isOp(value: unknown): value is JournalOp {
	if (typeof value !== 'object' || value === null) {
		return false;
	}
	const v = value as Record<string, unknown>;
	if (v['t'] === 'del') {
		return Array.isArray(v['ids']) && v['ids'].every(isValidMemoryId);
	}
	const e = v['e'];
	return v['t'] === 'put' && typeof e === 'object' && e !== null && isValidMemoryId((e as Record<string, unknown>)['id']);
}

/**
 * Decodes one journal line (without its `\n`). Null when the line is torn, altered or not a record: the checksum
 * must match and the JSON must have a positive integer `seq` and well-formed ops.
 */
export function decodeJournalLine(line: string): JournalRecord | null {
	if (line.length < 10 || line[8] !== ' ' || !/^[0-9a-f]{8}$/.test(line.slice(0, 8))) {
		return null;
	}
	const json = line.slice(9);
	if (crc32(json) !== Number.parseInt(line.slice(0, 8), 16)) {
		return null;
	}
	let value: unknown;
	try {
		value = JSON.parse(json);
	} catch {
		return null;
	}
	if (typeof value !== 'object' || value === null) {
		return null;
	}
	const r = value as Record<string, unknown>;
	const seq = r['seq'];
	const ops = r['ops'];
	if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1 || !Array.isArray(ops) || !ops.every(isOp)) {
		return null;
	}
	return { seq, at: typeof r['at'] === 'number' ? r['at'] : 0, ops };
}
