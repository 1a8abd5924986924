/** Safe readers for untrusted JSON: each returns undefined instead of throwing on the wrong shape. */

/** A plain JSON object, for reading fields of parsed CLI output. */
export type JsonRecord = Readonly<Record<string, unknown>>;

/** `value` as an object (not null, not an array), or undefined. */
export function asRecord(value: unknown): JsonRecord | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : undefined;
}

/** `value` as an array, or undefined. */
export function asArray(value: unknown): readonly unknown[] | undefined {
	return Array.isArray(value) ? value : undefined;
}

/** `value` as a string, or undefined. */
export function asString(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

/** `value` as a finite number, or undefined. */
export function asNumber(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Parses one line of JSON into an object; undefined for anything else (blank, truncated, array, scalar). */
export function parseJsonRecord(line: string): JsonRecord | undefined {
	const trimmed = line.trim();
	if (!trimmed.startsWith('{')) {
		return undefined;
	}
	try {
		return asRecord(JSON.parse(trimmed));
	} catch {
		return undefined;
	}
}
