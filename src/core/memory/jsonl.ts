import { reviveEntry } from './entries';
import { MemoryError, type MemoryEntry } from './types';

/** One entry as a JSON object with a fixed key order (the JSONL export format; times in ms since the epoch). */
export function entryToJson(entry: MemoryEntry): string {
	return JSON.stringify({
		id: entry.id,
		kind: entry.kind,
		title: entry.title,
		body: entry.body,
		agent: entry.agent,
		sessionId: entry.sessionId,
		files: entry.files,
		tags: entry.tags,
		pinned: entry.pinned,
		createdAt: entry.createdAt,
		updatedAt: entry.updatedAt,
		source: entry.source,
	});
}

/** Entries as JSONL: one `entryToJson` object per line, each line ending in `\n` (empty string for none). */
export function entriesToJsonl(entries: readonly MemoryEntry[]): string {
	return entries.map((e) => `${entryToJson(e)}\n`).join('');
}

/** Parsed JSONL: the valid entries and, per bad line (1-based), why it was refused. */
export interface ParsedJsonl {
	readonly entries: readonly MemoryEntry[];
	readonly errors: ReadonlyArray<{ readonly line: number; readonly message: string }>;
}

/**
 * Parses JSONL where each non-blank line is one entry object (`kind` and `title` required; the export format is
 * accepted as is). Lines without an `id` get `newId()`; missing times get `now`; a missing `source` becomes `import`.
 * Each entry is validated and redacted like a new entry. A repeated id keeps its first line and reports the others.
 */
export function parseEntriesJsonl(text: string, newId: () => string, now: number): ParsedJsonl {
	const entries: MemoryEntry[] = [];
	const errors: Array<{ line: number; message: string }> = [];
	const firstLine = new Map<string, number>();
	const lines = text.split('\n');
	for (const [i, raw] of lines.entries()) {
		const line = raw.replace(/^\uFEFF/, '').trim();
		if (line === '') {
			continue;
		}
		try {
			let value: unknown;
			try {
				value = JSON.parse(line);
			} catch (error) {
				throw new MemoryError('invalid', `not JSON: ${error instanceof Error ? error.message : String(error)}`);
			}
			const entry = reviveEntry(value, newId(), now, 'import');
			const seen = firstLine.get(entry.id);
			if (seen !== undefined) {
				throw new MemoryError('invalid', `duplicate id '${entry.id}' (first on line ${seen})`);
			}
			firstLine.set(entry.id, i + 1);
			entries.push(entry);
		} catch (error) {
			errors.push({ line: i + 1, message: error instanceof Error ? error.message : String(error) });
		}
	}
	return { entries, errors };
}
