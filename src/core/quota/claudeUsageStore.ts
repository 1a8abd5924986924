import type { ClaudeLineRead, ClaudeUsageEntry } from './claudeTranscript';
import type { DayKeyer } from './dayKey';
import { DayTable } from './dayTable';
import type { DailyTokenRow } from './types';

/** A stored usage entry with its place: file id and position in that file. */
export interface StoredClaudeEntry extends ClaudeUsageEntry {
	readonly file: number;
	readonly seq: number;
	readonly day: string | null;
}

interface Stored extends StoredClaudeEntry {
	counted: boolean;
	/** In `line` (possibly waiting to be filtered out while the timeline is unsorted). */
	inLine: boolean;
}

interface FileState {
	readonly path: string;
	/** Earliest `timestamp` of any line, epoch ms; null while none was seen. ccusage orders files by it. */
	earliest: number | null;
	entries: Stored[];
}

/** Counts for diagnostics and the CLI. */
export interface ClaudeStoreStats {
	readonly files: number;
	readonly entries: number;
	readonly counted: number;
	readonly duplicates: number;
}

/**
 * Incremental store of Claude usage entries that reproduces ccusage 17.2.1's totals without re-reading files.
 * ccusage reads files in order of their earliest timestamp (files without one last) and keeps the *first* entry
 * of each `message.id:requestId`; here every occurrence is kept, the winner is the one that comes first in that
 * order (ties between files with the same earliest timestamp: path order), and the day totals and timeline are
 * updated when a winner changes — after appends, new files, or a file's reset (rotation or truncation).
 */
export class ClaudeUsageStore {
	private readonly files: FileState[] = [];
	private readonly winners = new Map<string, Stored>();
	private readonly occurrences = new Map<string, Stored[]>();
	private readonly days = new DayTable('claude');
	/** Counted entries with a valid time; sorted by time when `sorted`, else sorted lazily by `timeline()`. */
	private line: Stored[] = [];
	private sorted = true;
	private entryCount = 0;

	constructor(private readonly dayOf: DayKeyer) {}

	/** Registers a file and returns its id. */
	openFile(path: string): number {
		this.files.push({ path, earliest: null, entries: [] });
		return this.files.length - 1;
	}

	/** The earliest timestamp seen in file `id` so far (epoch ms), or null; lets readers skip lines that cannot matter. */
	earliestOf(id: number): number | null {
		return this.fileOf(id).earliest;
	}

	/** Adds the next line of file `id` (lines must arrive in file order). */
	addLine(id: number, read: ClaudeLineRead): void {
		const file = this.fileOf(id);
		let rankChanged = false;
		if (read.timestampMs !== null && (file.earliest === null || read.timestampMs < file.earliest)) {
			file.earliest = read.timestampMs;
			rankChanged = true;
		}
		if (rankChanged) {
			this.reevaluateFile(file);
		}
		if (read.entry) {
			this.addEntry(id, file, read.entry);
		}
	}

	/** Forgets everything read from file `id` (it was truncated or replaced); its lines may then be added again. */
	resetFile(id: number): void {
		const file = this.fileOf(id);
		for (const entry of file.entries) {
			this.entryCount--;
			if (entry.key === null) {
				if (entry.counted) {
					this.uncount(entry);
				}
				continue;
			}
			const list = this.occurrences.get(entry.key);
			if (list) {
				list.splice(list.indexOf(entry), 1);
			}
			if (this.winners.get(entry.key) === entry) {
				this.uncount(entry);
				this.winners.delete(entry.key);
				const next = list?.reduce<Stored | undefined>((best, e) => (!best || this.precedes(e, best) ? e : best), undefined);
				if (next) {
					this.winners.set(entry.key, next);
					this.count(next);
				}
			}
			if (list && list.length <= 1) {
				this.occurrences.delete(entry.key);
			}
		}
		file.entries = [];
		file.earliest = null;
	}

	/** Per-day totals of the counted entries, oldest day first. */
	daily(): DailyTokenRow[] {
		return this.days.rows();
	}

	/** Counted entries with a valid time, oldest first (ties in arrival order). The array is live; do not keep it. */
	timeline(): readonly StoredClaudeEntry[] {
		if (!this.sorted) {
			// Bulk loads append out of order; one stable sort beats inserting each entry in place.
			this.line = this.line.filter((e) => {
				e.inLine = e.counted;
				return e.counted;
			});
			this.line.sort((a, b) => a.at - b.at);
			this.sorted = true;
		}
		return this.line;
	}

	/** Sizes, for diagnostics. */
	stats(): ClaudeStoreStats {
		let counted = 0;
		for (const f of this.files) {
			for (const e of f.entries) {
				counted += e.counted ? 1 : 0;
			}
		}
		return { files: this.files.length, entries: this.entryCount, counted, duplicates: this.entryCount - counted };
	}

	private fileOf(id: number): FileState {
		const file = this.files[id];
		if (!file) {
			throw new RangeError(`unknown transcript file id ${id}`);
		}
		return file;
	}

	private addEntry(id: number, file: FileState, entry: ClaudeUsageEntry): void {
		const stored: Stored = {
			at: entry.at,
			inputTokens: entry.inputTokens,
			outputTokens: entry.outputTokens,
			cacheCreationTokens: entry.cacheCreationTokens,
			cacheReadTokens: entry.cacheReadTokens,
			model: entry.model,
			key: entry.key,
			limitResetAt: entry.limitResetAt,
			file: id,
			seq: file.entries.length,
			day: this.dayOf(entry.at),
			counted: false,
			inLine: false,
		};
		file.entries.push(stored);
		this.entryCount++;
		if (stored.key === null) {
			this.count(stored);
			return;
		}
		const current = this.winners.get(stored.key);
		if (!current) {
			this.winners.set(stored.key, stored);
			this.count(stored);
			return;
		}
		const list = this.occurrences.get(stored.key) ?? [current];
		list.push(stored);
		this.occurrences.set(stored.key, list);
		if (this.precedes(stored, current)) {
			this.uncount(current);
			this.winners.set(stored.key, stored);
			this.count(stored);
		}
	}

	/** After file's rank moved, re-decides the winners of its duplicated keys. */
	private reevaluateFile(file: FileState): void {
		for (const entry of file.entries) {
			const list = entry.key === null ? undefined : this.occurrences.get(entry.key);
			if (!list || entry.key === null) {
				continue;
			}
			const current = this.winners.get(entry.key);
			const best = list.reduce((b, e) => (this.precedes(e, b) ? e : b));
			if (current !== best) {
				if (current) {
					this.uncount(current);
				}
				this.winners.set(entry.key, best);
				this.count(best);
			}
		}
	}

	/** ccusage's reading order: file order (earliest timestamp, none last, then path), then line order. */
	private precedes(a: Stored, b: Stored): boolean {
		if (a.file === b.file) {
			return a.seq < b.seq;
		}
		const fa = this.fileOf(a.file);
		const fb = this.fileOf(b.file);
		if (fa.earliest !== fb.earliest) {
			if (fa.earliest === null) {
				return false;
			}
			return fb.earliest === null || fa.earliest < fb.earliest;
		}
		return fa.path < fb.path || (fa.path === fb.path && a.file < b.file);
	}

	private count(e: Stored): void {
		e.counted = true;
		this.addToDay(e, 1);
		if (Number.isNaN(e.at) || e.inLine) {
			return;
		}
		e.inLine = true;
		const last = this.line[this.line.length - 1];
		if (this.sorted && last && last.at > e.at) {
			this.sorted = this.line.length < 4096;
			if (this.sorted) {
				this.line.splice(this.upperBound(e.at), 0, e);
				return;
			}
		}
		this.line.push(e);
	}

	private uncount(e: Stored): void {
		e.counted = false;
		this.addToDay(e, -1);
		if (!e.inLine || !this.sorted) {
			return;
		}
		const index = this.line.indexOf(e, this.lowerBound(e.at));
		if (index >= 0) {
			this.line.splice(index, 1);
		}
		e.inLine = false;
	}

	private addToDay(e: Stored, sign: 1 | -1): void {
		if (e.day !== null) {
			this.days.add(e.day, e, sign);
		}
	}

	private lowerBound(at: number): number {
		let lo = 0;
		let hi = this.line.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if ((this.line[mid] as Stored).at < at) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	private upperBound(at: number): number {
		let lo = 0;
		let hi = this.line.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if ((this.line[mid] as Stored).at <= at) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}
}
