/**
 * Reads Claude Code transcript lines (`projects/**\/*.jsonl`, cli-contracts §1.6) exactly as ccusage 17.2.1 does, so
 * Baton's per-day totals equal `ccusage daily --json`: the same schema checks (a line that fails any of them counts
 * for nothing), the same `message.id:requestId` de-duplication key, and the same file ordering input (the earliest
 * `timestamp` of any line).
 */

/** One usage record of a transcript (an API response), in ccusage's terms. */
export interface ClaudeUsageEntry {
	/** Epoch ms of `timestamp`; NaN when the text matches ccusage's pattern but is no real date (ccusage then drops the entry). */
	readonly at: number;
	readonly inputTokens: number;
	readonly outputTokens: number;
	readonly cacheCreationTokens: number;
	readonly cacheReadTokens: number;
	/** `message.model`, e.g. `claude-opus-4-8` or `<synthetic>` for API-error lines; null when absent. */
	readonly model: string | null;
	/** `message.id:requestId` when both exist: later copies with the same key are duplicates. */
	readonly key: string | null;
	/** Epoch ms from a legacy `Claude AI usage limit reached|<epoch>` API-error line; null otherwise. */
	readonly limitResetAt: number | null;
}

/** What one line contributes: a usage entry (or null) and its `timestamp` as epoch ms for file ordering (or null). */
export interface ClaudeLineRead {
	readonly entry: ClaudeUsageEntry | null;
	readonly timestampMs: number | null;
}

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;
const versionPattern = /^\d+\.\d+\.\d+/;
const nothing: ClaudeLineRead = { entry: null, timestampMs: null };

type Bag = Record<string, unknown>;

/** valibot `object()`: any non-null object (arrays included). */
function isObject(value: unknown): value is Bag {
	return typeof value === 'object' && value !== null;
}

/** valibot `number()`: any number but NaN. */
function isNumber(value: unknown): value is number {
	return typeof value === 'number' && !Number.isNaN(value);
}

/** An optional field: absent, or present and accepted by `check` (valibot `optional`, where `null` is not absent). */
function optional(bag: Bag, key: string, check: (v: unknown) => boolean): boolean {
	return !(key in bag) || bag[key] === undefined || check(bag[key]);
}

const nonEmptyString = (v: unknown): boolean => typeof v === 'string' && v.length >= 1;

function validContent(value: unknown): boolean {
	return Array.isArray(value) && value.every((item) => isObject(item) && optional(item, 'text', (t) => typeof t === 'string'));
}

/** ccusage 17.2.1's `usageDataSchema`: the parsed line is a usage record when this holds. */
function isUsageRecord(line: Bag): boolean {
	if (!('timestamp' in line) || typeof line['timestamp'] !== 'string' || !isoTimestamp.test(line['timestamp'])) {
		return false;
	}
	const message = line['message'];
	if (!isObject(message) || !('message' in line)) {
		return false;
	}
	const usage = message['usage'];
	if (!('usage' in message) || !isObject(usage) || !isNumber(usage['input_tokens']) || !isNumber(usage['output_tokens'])) {
		return false;
	}
	return (
		optional(usage, 'cache_creation_input_tokens', isNumber) &&
		optional(usage, 'cache_read_input_tokens', isNumber) &&
		optional(message, 'model', nonEmptyString) &&
		optional(message, 'id', nonEmptyString) &&
		optional(message, 'content', validContent) &&
		optional(line, 'cwd', (v) => typeof v === 'string') &&
		optional(line, 'sessionId', nonEmptyString) &&
		optional(line, 'version', (v) => typeof v === 'string' && versionPattern.test(v)) &&
		optional(line, 'costUSD', isNumber) &&
		optional(line, 'requestId', nonEmptyString) &&
		optional(line, 'isApiErrorMessage', (v) => typeof v === 'boolean')
	);
}

/** ccusage `getUsageLimitResetTime`: the epoch after `|` in a legacy limit message of an API-error line. */
function legacyLimitReset(line: Bag, message: Bag): number | null {
	if (line['isApiErrorMessage'] !== true || !Array.isArray(message['content'])) {
		return null;
	}
	for (const block of message['content'] as unknown[]) {
		const text = isObject(block) ? block['text'] : undefined;
		if (typeof text === 'string' && text.includes('Claude AI usage limit reached')) {
			const m = /\|(\d+)/.exec(text);
			const seconds = m?.[1] === undefined ? 0 : Number.parseInt(m[1], 10);
			return seconds > 0 ? seconds * 1000 : null;
		}
	}
	return null;
}

/** The usage entry of an already parsed line, or null when ccusage would not count it. */
export function claudeEntryOf(parsed: unknown): ClaudeUsageEntry | null {
	if (!isObject(parsed) || !isUsageRecord(parsed)) {
		return null;
	}
	const message = parsed['message'] as Bag;
	const usage = message['usage'] as Bag;
	const id = message['id'];
	const requestId = parsed['requestId'];
	return {
		at: new Date(parsed['timestamp'] as string).getTime(),
		inputTokens: usage['input_tokens'] as number,
		outputTokens: usage['output_tokens'] as number,
		cacheCreationTokens: (usage['cache_creation_input_tokens'] as number | undefined) ?? 0,
		cacheReadTokens: (usage['cache_read_input_tokens'] as number | undefined) ?? 0,
		model: typeof message['model'] === 'string' ? message['model'] : null,
		key: typeof id === 'string' && typeof requestId === 'string' ? `${id}:${requestId}` : null,
		limitResetAt: legacyLimitReset(parsed, message),
	};
}

/** ccusage `getEarliestTimestamp` input: a string `timestamp` field that `new Date` accepts, as epoch ms. */
function timestampOf(parsed: unknown): number | null {
	if (!isObject(parsed)) {
		return null;
	}
	const ts = parsed['timestamp'];
	if (typeof ts !== 'string') {
		return null;
	}
	const ms = new Date(ts).getTime();
	return Number.isNaN(ms) ? null : ms;
}

const timestampField = /"timestamp"\s*:\s*"([^"\\]*)"/y;

/**
 * True when `line` can neither be a usage record nor lower a file's earliest timestamp below `earliest`, judged
 * from its raw text: no `"usage"` key, no `\u` escape (which could spell a key), and every `"timestamp"` key has a
 * plain string value no earlier than `earliest`. Then parsing it could not change ccusage's result.
 */
function skippable(line: string, earliest: number): boolean {
	if (line.includes('"usage"') || line.includes('\\u')) {
		return false;
	}
	for (let at = line.indexOf('"timestamp"'); at !== -1; at = line.indexOf('"timestamp"', at + 11)) {
		timestampField.lastIndex = at;
		const m = timestampField.exec(line);
		if (!m) {
			return false;
		}
		const ms = new Date(m[1] as string).getTime();
		if (!Number.isNaN(ms) && ms < earliest) {
			return false;
		}
	}
	return true;
}

/**
 * Reads one transcript line (without its line break). Never throws; blank and malformed lines yield nothing.
 * With `earliest` (the file's earliest timestamp so far, epoch ms) lines that cannot matter are not parsed at all.
 */
export function readClaudeLine(line: string, earliest?: number | null): ClaudeLineRead {
	if (line.trim().length === 0) {
		return nothing;
	}
	if (earliest !== undefined && skippable(line, earliest ?? Number.POSITIVE_INFINITY)) {
		return nothing;
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(line);
	} catch {
		return nothing;
	}
	return { entry: claudeEntryOf(parsed), timestampMs: timestampOf(parsed) };
}

/**
 * Splits a chunk of complete lines the way Node's `readline` does (`\n`, `\r\n` and a lone `\r` end a line), the
 * splitter ccusage uses. `text` must end at a line break or at the end of the file.
 */
export function splitLines(text: string): string[] {
	const lines = text.split('\n');
	if (lines[lines.length - 1] === '') {
		lines.pop();
	}
	if (!text.includes('\r')) {
		return lines;
	}
	const out: string[] = [];
	for (const line of lines) {
		const body = line.endsWith('\r') ? line.slice(0, -1) : line;
		out.push(...(body.includes('\r') ? body.split('\r') : [body]));
	}
	return out;
}
