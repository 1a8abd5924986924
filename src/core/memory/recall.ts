import { normalizeMemoryPath } from './entries';
import type { MemoryEntry, RecallResult } from './types';

/** Token budget of a recall block when the caller gives none. */
export const defaultRecallBudget = 1500;

/** Body characters shown per entry at most (before the budget trims further). */
const maxBodyChars = 280;
/** Files listed per entry at most. */
const maxFilesShown = 3;
const dayMs = 86_400_000;

/**
 * Weights of the recall score, which is a sum in [0, 1.1]: text relevance (BM25 divided by the best BM25 among the
 * candidates), overlap with the task's files, recency (half-life `recencyHalfLifeDays`) and a flat bonus when pinned.
 */
export const recallWeights = { text: 0.55, files: 0.25, recency: 0.1, pinned: 0.2, recencyHalfLifeDays: 14 } as const;

/** Bytes of `text` in UTF-8. */
export function utf8Length(text: string): number {
	let bytes = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x80) {
			bytes += 1;
		} else if (c < 0x800) {
			bytes += 2;
		} else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
			bytes += 4;
			i++;
		} else {
			bytes += 3;
		}
	}
	return bytes;
}

/**
 * Token estimate used for every budget: ceil(UTF-8 bytes / 4). Equals the common chars/4 rule for ASCII and is
 * more conservative for accented and CJK text, where real tokenizers spend more tokens per character.
 */
export function estimateTokens(text: string): number {
	return Math.ceil(utf8Length(text) / 4);
}

/** A recall candidate from the store: the entry and its BM25 score for the task's terms (0 when not a text hit). */
export interface RecallCandidate {
	readonly entry: MemoryEntry;
	readonly bm25: number;
}

/** A candidate with its recall score. */
export interface ScoredEntry {
	readonly entry: MemoryEntry;
	readonly score: number;
}

function dirOf(p: string): string {
	const i = p.lastIndexOf('/');
	return i < 0 ? '' : p.slice(0, i);
}

/** Overlap of an entry's files with the task's, in [0, 1]: per task file 1 for the same path, 0.5 for the same folder. */
export function fileOverlap(entryFiles: readonly string[], taskFiles: readonly string[]): number {
	if (taskFiles.length === 0 || entryFiles.length === 0) {
		return 0;
	}
	const exact = new Set(entryFiles);
	const dirs = new Set(entryFiles.map(dirOf));
	let sum = 0;
	for (const f of taskFiles) {
		sum += exact.has(f) ? 1 : dirs.has(dirOf(f)) ? 0.5 : 0;
	}
	return sum / taskFiles.length;
}

/**
 * Scores and orders candidates for a task (see `recallWeights`); `now` in ms. Keeps only entries that match the
 * task's text, touch its files, or are pinned. Ties go to the more recently updated entry.
 */
export function rankForRecall(candidates: readonly RecallCandidate[], taskFiles: readonly string[], now: number): ScoredEntry[] {
	const files = [...new Set(taskFiles.map(normalizeMemoryPath).filter((f) => f !== ''))];
	const best = Math.max(0, ...candidates.map((c) => c.bm25));
	const seen = new Set<string>();
	const scored: ScoredEntry[] = [];
	for (const { entry, bm25 } of candidates) {
		if (seen.has(entry.id)) {
			continue;
		}
		seen.add(entry.id);
		const text = best > 0 ? Math.max(0, bm25) / best : 0;
		const overlap = fileOverlap(entry.files, files);
		if (text === 0 && overlap === 0 && !entry.pinned) {
			continue;
		}
		const ageDays = Math.max(0, now - entry.updatedAt) / dayMs;
		const recency = Math.pow(0.5, ageDays / recallWeights.recencyHalfLifeDays);
		const score =
			recallWeights.text * text + recallWeights.files * overlap + recallWeights.recency * recency + (entry.pinned ? recallWeights.pinned : 0);
		scored.push({ entry, score });
	}
	return scored.sort((a, b) => b.score - a.score || b.entry.updatedAt - a.entry.updatedAt || (a.entry.id < b.entry.id ? -1 : 1));
}

/** Cuts `text` to at most `maxBytes` UTF-8 bytes at a character boundary, adding `…` when cut (counted in the limit). */
function cutToBytes(text: string, maxBytes: number): string {
	if (utf8Length(text) <= maxBytes) {
		return text;
	}
	const room = maxBytes - 3;
	if (room <= 0) {
		return '';
	}
	let bytes = 0;
	let end = 0;
	for (const ch of text) {
		const b = utf8Length(ch);
		if (bytes + b > room) {
			break;
		}
		bytes += b;
		end += ch.length;
	}
	return `${text.slice(0, end).trimEnd()}…`;
}

function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

const separator = ' — ';
const separatorBytes = utf8Length(separator);

/** The body as one line of at most `maxBodyChars` characters (never splitting a surrogate pair). */
function excerpt(body: string): string {
	const flat = oneLine(body.length > maxBodyChars * 4 ? body.slice(0, maxBodyChars * 4) : body);
	if (flat.length <= maxBodyChars) {
		return flat;
	}
	let end = maxBodyChars;
	const last = flat.charCodeAt(end - 1);
	if (last >= 0xd800 && last <= 0xdbff) {
		end--;
	}
	return `${flat.slice(0, end).trimEnd()}…`;
}

function isoDay(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

/** The header of a recall block. */
export const recallHeader = '## Project memory (Baton)\nCite entries by id, e.g. [id].\n';

function entryLine(entry: MemoryEntry, body: string): string {
	const files = entry.files.length === 0 ? '' : ` (files: ${entry.files.slice(0, maxFilesShown).join(', ')}${entry.files.length > maxFilesShown ? ', …' : ''})`;
	const meta = ` · ${isoDay(entry.updatedAt)}${entry.pinned ? ' · pinned' : ''}${entry.agent ? ` · ${entry.agent}` : ''}`;
	return `- [${entry.id}] ${entry.kind}: ${oneLine(entry.title)}${body === '' ? '' : `${separator}${body}`}${files}${meta}\n`;
}

/**
 * Renders ranked entries as a compact Markdown block — a header, then one line per entry with its id, kind, title,
 * a body excerpt, files, date and flags — adding entries in rank order while `estimateTokens(markdown)` stays within
 * `budgetTokens` (a body excerpt is shortened, and an entry that cannot fit even without its body is skipped). Never
 * exceeds the budget; returns an empty block when not even one entry fits.
 */
export function renderRecall(ranked: readonly ScoredEntry[], budgetTokens: number): RecallResult {
	const budget = Number.isFinite(budgetTokens) ? Math.max(0, Math.floor(budgetTokens)) : defaultRecallBudget;
	const maxBytes = budget * 4;
	let bytes = utf8Length(recallHeader);
	const lines: string[] = [];
	const cited: Array<{ id: string; score: number }> = [];
	for (const { entry, score } of ranked) {
		if (bytes >= maxBytes) {
			break;
		}
		const bare = entryLine(entry, '');
		const bareBytes = utf8Length(bare);
		if (bytes + bareBytes > maxBytes) {
			continue;
		}
		let line = bare;
		const body = excerpt(entry.body);
		const room = maxBytes - bytes - bareBytes - separatorBytes;
		if (body !== '' && room >= 16) {
			const withBody = entryLine(entry, cutToBytes(body, room));
			if (bytes + utf8Length(withBody) <= maxBytes) {
				line = withBody;
			}
		}
		lines.push(line);
		bytes += utf8Length(line);
		cited.push({ id: entry.id, score });
	}
	if (lines.length === 0) {
		return { markdown: '', tokens: 0, budgetTokens: budget, entries: [] };
	}
	const markdown = recallHeader + lines.join('');
	return { markdown, tokens: estimateTokens(markdown), budgetTokens: budget, entries: cited };
}
