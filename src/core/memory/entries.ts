import { redactSecrets } from './redact';
import { MemoryError, memoryKinds, memorySources, type MemoryEntry, type MemoryKind, type MemoryPatch, type MemorySource, type NewMemoryEntry } from './types';

/** Limits on one entry, in UTF-16 code units (title, body, each path/tag) and in items (files, tags). */
export const memoryLimits = { title: 500, body: 100_000, path: 1_000, files: 200, tag: 100, tags: 50, agent: 100, sessionId: 200, id: 64 } as const;

const idPattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/** True when `id` is a valid entry id: 1–64 characters of letters, digits and `_ . : -`, starting alphanumeric. */
export function isValidMemoryId(id: unknown): id is string {
	return typeof id === 'string' && id.length <= memoryLimits.id && idPattern.test(id);
}

/** True when `value` is one of the entry kinds. */
export function isMemoryKind(value: unknown): value is MemoryKind {
	return typeof value === 'string' && (memoryKinds as readonly string[]).includes(value);
}

/** True when `value` is one of the entry sources. */
export function isMemorySource(value: unknown): value is MemorySource {
	return typeof value === 'string' && (memorySources as readonly string[]).includes(value);
}

function invalid(message: string): MemoryError {
	return new MemoryError('invalid', message);
}

function text(value: unknown, field: string, max: number, required: boolean): string {
	if (value === undefined && !required) {
		return '';
	}
	if (typeof value !== 'string') {
		throw invalid(`${field} must be a string`);
	}
	const cleaned = value.replace(/\r\n?/g, '\n');
	if (required && cleaned.trim() === '') {
		throw invalid(`${field} must not be empty`);
	}
	if (cleaned.length > max) {
		throw invalid(`${field} is ${cleaned.length} characters; the limit is ${max}`);
	}
	return redactSecrets(field === 'title' ? cleaned.trim().replace(/\s+/g, ' ') : cleaned).text;
}

function optionalName(value: unknown, field: string, max: number): string | null {
	if (value === undefined || value === null || value === '') {
		return null;
	}
	if (typeof value !== 'string' || value.length > max || /[\n\r]/.test(value)) {
		throw invalid(`${field} must be a single-line string of at most ${max} characters`);
	}
	return value.trim() || null;
}

/** Normalizes a workspace-relative path: `\` → `/`, no leading `./`, no trailing `/`. */
export function normalizeMemoryPath(p: string): string {
	return p.trim().replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');
}

function list(value: unknown, field: 'files' | 'tags'): string[] {
	if (value === undefined || value === null) {
		return [];
	}
	if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
		throw invalid(`${field} must be an array of strings`);
	}
	const max = field === 'files' ? memoryLimits.path : memoryLimits.tag;
	const cleaned = value
		.map((v) => (field === 'files' ? normalizeMemoryPath(v) : redactSecrets(v.trim().replace(/\s+/g, '-')).text))
		.filter((v) => v !== '');
	const unique = [...new Set(cleaned)];
	if (unique.some((v) => v.length > max)) {
		throw invalid(`each of ${field} must be at most ${max} characters`);
	}
	if (unique.length > memoryLimits[field]) {
		throw invalid(`${field} has ${unique.length} items; the limit is ${memoryLimits[field]}`);
	}
	return unique;
}

/**
 * Builds the stored entry for `input` with the given `id` and time `now` (ms): validates every field, trims the
 * title, normalizes paths and tags, and redacts secrets in title, body and tags. Throws `MemoryError('invalid')`.
 */
export function createEntry(input: NewMemoryEntry, id: string, now: number): MemoryEntry {
	if (typeof input !== 'object' || input === null) {
		throw invalid('entry must be an object');
	}
	if (!isValidMemoryId(id)) {
		throw invalid(`invalid id '${String(id)}'`);
	}
	if (!isMemoryKind(input.kind)) {
		throw invalid(`kind must be one of ${memoryKinds.join(', ')}; got '${String(input.kind)}'`);
	}
	if (input.source !== undefined && !isMemorySource(input.source)) {
		throw invalid(`source must be one of ${memorySources.join(', ')}; got '${String(input.source)}'`);
	}
	if (input.pinned !== undefined && typeof input.pinned !== 'boolean') {
		throw invalid('pinned must be a boolean');
	}
	return {
		id,
		kind: input.kind,
		title: text(input.title, 'title', memoryLimits.title, true),
		body: text(input.body, 'body', memoryLimits.body, false),
		agent: optionalName(input.agent, 'agent', memoryLimits.agent),
		sessionId: optionalName(input.sessionId, 'sessionId', memoryLimits.sessionId),
		files: list(input.files, 'files'),
		tags: list(input.tags, 'tags'),
		pinned: input.pinned ?? false,
		createdAt: now,
		updatedAt: now,
		source: input.source ?? 'user',
	};
}

/** Applies `patch` to `entry` (same validation and redaction as `createEntry`), setting `updatedAt` to `now`. */
export function patchEntry(entry: MemoryEntry, patch: MemoryPatch, now: number): MemoryEntry {
	if (typeof patch !== 'object' || patch === null) {
		throw invalid('patch must be an object');
	}
	const merged = createEntry(
		{
			kind: patch.kind ?? entry.kind,
			title: patch.title ?? entry.title,
			body: patch.body ?? entry.body,
			agent: patch.agent === undefined ? entry.agent : patch.agent,
			sessionId: patch.sessionId === undefined ? entry.sessionId : patch.sessionId,
			files: patch.files ?? entry.files,
			tags: patch.tags ?? entry.tags,
			pinned: patch.pinned ?? entry.pinned,
			source: entry.source,
		},
		entry.id,
		now,
	);
	return { ...merged, createdAt: entry.createdAt, updatedAt: Math.max(now, entry.updatedAt) };
}

function time(value: unknown, field: string): number | undefined {
	if (value === undefined || value === null) {
		return undefined;
	}
	const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN;
	if (!Number.isFinite(ms) || ms < 0) {
		throw invalid(`${field} must be milliseconds since the epoch or an ISO-8601 time`);
	}
	return Math.floor(ms);
}

/**
 * Validates a complete entry from outside (an import line, an undo `restore`): missing `id` gets `fallbackId`,
 * missing times get `now`, a missing `source` becomes `defaultSource`. Same rules and redaction as `createEntry`.
 */
export function reviveEntry(raw: unknown, fallbackId: string, now: number, defaultSource: MemorySource): MemoryEntry {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
		throw invalid('entry must be a JSON object');
	}
	const r = raw as Record<string, unknown>;
	const id = r['id'] === undefined || r['id'] === null ? fallbackId : r['id'];
	if (!isValidMemoryId(id)) {
		throw invalid(`invalid id '${String(id)}'`);
	}
	const createdAt = time(r['createdAt'], 'createdAt') ?? now;
	const updatedAt = time(r['updatedAt'], 'updatedAt') ?? createdAt;
	const input = {
		kind: r['kind'],
		title: r['title'],
		body: r['body'] ?? undefined,
		agent: r['agent'],
		sessionId: r['sessionId'],
		files: r['files'],
		tags: r['tags'],
		pinned: r['pinned'] ?? undefined,
		source: r['source'] ?? defaultSource,
	} as NewMemoryEntry;
	return { ...createEntry(input, id, createdAt), createdAt, updatedAt: Math.max(createdAt, updatedAt) };
}
