import { asArray, asNumber, asRecord, asString, parseJsonRecord, type JsonRecord } from '../common/json';
import type { DayKeyer } from './dayKey';
import { DayTable } from './dayTable';
import type { DailyTokenRow, TokenTotals } from './types';

/** One Gemini model response from a chat session file (cli-contracts §2.5). */
export interface GeminiMessage extends TokenTotals {
	readonly id: string;
	readonly at: number;
	readonly model: string | null;
}

/**
 * A `type: "gemini"` message record → tokens in ccusage's buckets: `input` is the prompt (cache included), so the
 * input bucket is input − cached; thoughts are billed as output. Null for anything else.
 */
export function geminiMessageOf(record: JsonRecord): GeminiMessage | null {
	const id = asString(record['id']);
	const tokens = asRecord(record['tokens']);
	const at = Date.parse(asString(record['timestamp']) ?? '');
	if (asString(record['type']) !== 'gemini' || id === undefined || !tokens || !Number.isFinite(at)) {
		return null;
	}
	const input = asNumber(tokens['input']) ?? 0;
	const cached = asNumber(tokens['cached']) ?? 0;
	return {
		id,
		at,
		model: asString(record['model']) ?? null,
		inputTokens: Math.max(0, input - cached),
		outputTokens: (asNumber(tokens['output']) ?? 0) + (asNumber(tokens['thoughts']) ?? 0),
		cacheCreationTokens: 0,
		cacheReadTokens: cached,
	};
}

/** Messages of one JSONL line: a message record, or the `messages` of a `$set` patch / an old-format whole-session object. */
export function geminiMessagesOfLine(line: string): GeminiMessage[] {
	const record = parseJsonRecord(line);
	if (!record) {
		return [];
	}
	const list = asArray(asRecord(record['$set'])?.['messages']) ?? asArray(record['messages']);
	if (list) {
		return list.flatMap((m) => {
			const r = asRecord(m);
			const msg = r ? geminiMessageOf(r) : null;
			return msg ? [msg] : [];
		});
	}
	const msg = geminiMessageOf(record);
	return msg ? [msg] : [];
}

interface Held extends GeminiMessage {
	readonly file: number;
	readonly day: string | null;
}

/**
 * Gemini messages across chat files, de-duplicated by message id (the CLI writes a message again after its tool
 * calls; the last copy wins), with per-day token totals and the response times Baton counts as requests.
 */
export class GeminiUsageStore {
	private readonly byId = new Map<string, Held>();
	private readonly days = new DayTable('gemini');
	private readonly files: string[] = [];

	constructor(private readonly dayOf: DayKeyer) {}

	/** Registers a chat file and returns its id. */
	openFile(path: string): number {
		this.files.push(path);
		return this.files.length - 1;
	}

	/** Adds the messages of one line of file `id`. */
	addLine(id: number, line: string): void {
		for (const msg of geminiMessagesOfLine(line)) {
			this.put(id, msg);
		}
	}

	/** Drops every message last written by file `id` (before it is read again from the start). */
	resetFile(id: number): void {
		for (const [key, held] of this.byId) {
			if (held.file === id) {
				this.byId.delete(key);
				if (held.day !== null) {
					this.days.add(held.day, held, -1);
				}
			}
		}
	}

	/** Per-day totals, oldest first. */
	daily(): DailyTokenRow[] {
		return this.days.rows();
	}

	/** Times of the distinct model responses, oldest first. */
	requestTimes(): number[] {
		return [...this.byId.values()].map((m) => m.at).sort((a, b) => a - b);
	}

	/** Number of distinct messages held. */
	size(): number {
		return this.byId.size;
	}

	private put(file: number, msg: GeminiMessage): void {
		const old = this.byId.get(msg.id);
		if (old && old.day !== null) {
			this.days.add(old.day, old, -1);
		}
		const held: Held = { ...msg, file, day: this.dayOf(msg.at) };
		this.byId.set(msg.id, held);
		if (held.day !== null) {
			this.days.add(held.day, held, 1);
		}
	}
}
