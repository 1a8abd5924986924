import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { readClaudeLine } from '../../core/quota/claudeTranscript';
import { ClaudeUsageStore } from '../../core/quota/claudeUsageStore';
import { CodexRolloutReader, type CodexUsage } from '../../core/quota/codexRollout';
import type { DayKeyer } from '../../core/quota/dayKey';
import { DayTable } from '../../core/quota/dayTable';
import { GeminiUsageStore } from '../../core/quota/geminiChat';
import { parseSnapshotLine, readingsFromSnapshot } from '../../core/quota/claudeLimits';
import type { QuotaObservation } from '../../core/quota/types';
import { listFiles } from './fileScan';
import { TailedFiles } from './tailedFiles';

/** Hears every transcript line a source reads, with the file it came from (limit detection for failover). */
export type LineObserver = (file: string, line: string) => void;

/** Claude transcripts under each root's `projects/` (`**\/*.jsonl`, no dot names), into a `ClaudeUsageStore`. */
export function claudeSource(roots: readonly string[], dayOf: DayKeyer, observe?: LineObserver): { store: ClaudeUsageStore; files: TailedFiles } {
	const store = new ClaudeUsageStore(dayOf);
	const projectDirs = roots.map((r) => path.join(r, 'projects'));
	const isJsonl = (name: string): boolean => name.endsWith('.jsonl');
	const files = new TailedFiles(
		async () => (await Promise.all(projectDirs.map((d) => listFiles(d, { match: isJsonl })))).flat(),
		{
			open: (p) => store.openFile(p),
			lines: (id, lines, file) => {
				for (const line of lines) {
					store.addLine(id, readClaudeLine(line, store.earliestOf(id)));
					observe?.(file, line);
				}
			},
			reset: (id) => store.resetFile(id),
		},
		(p) => isJsonl(path.basename(p)) && !path.basename(p).startsWith('.') && projectDirs.some((d) => p.startsWith(d + path.sep)),
	);
	return { store, files };
}

/** Codex token usage per file and official readings, from rollouts under `sessions/` and `archived_sessions/`. */
export class CodexUsageTable {
	readonly days: DayTable = new DayTable('codex');
	private readonly perFile = new Map<number, { reader: CodexRolloutReader; usages: CodexUsage[] }>();
	private nextId = 0;

	constructor(
		private readonly dayOf: DayKeyer,
		private readonly onReading: (reading: QuotaObservation) => void,
	) {}

	/** Registers a rollout file; returns its id. */
	open(): number {
		const id = this.nextId++;
		this.perFile.set(id, { reader: new CodexRolloutReader(), usages: [] });
		return id;
	}

	/** Reads appended lines of rollout `id`: token deltas into the day table, limit readings to the callback. */
	lines(id: number, lines: readonly string[]): void {
		const file = this.perFile.get(id);
		if (!file) {
			return;
		}
		for (const line of lines) {
			if (!line.includes('"token_count"') && !line.includes('"turn_context"')) {
				continue;
			}
			const result = file.reader.push(line);
			result.limits.forEach(this.onReading);
			if (result.usage) {
				file.usages.push(result.usage);
				const day = this.dayOf(result.usage.at);
				if (day !== null) {
					this.days.add(day, result.usage, 1);
				}
			}
		}
	}

	/** Forgets what rollout `id` contributed (it was truncated, replaced or deleted). */
	reset(id: number): void {
		const file = this.perFile.get(id);
		if (!file) {
			return;
		}
		for (const usage of file.usages) {
			const day = this.dayOf(usage.at);
			if (day !== null) {
				this.days.add(day, usage, -1);
			}
		}
		this.perFile.set(id, { reader: new CodexRolloutReader(), usages: [] });
	}
}

/** Codex rollouts: `rollout-*.jsonl` under `<home>/sessions` and `<home>/archived_sessions`. */
export function codexSource(home: string, dayOf: DayKeyer, onReading: (reading: QuotaObservation) => void, observe?: LineObserver): { usage: CodexUsageTable; files: TailedFiles } {
	const usage = new CodexUsageTable(dayOf, onReading);
	const dirs = [path.join(home, 'sessions'), path.join(home, 'archived_sessions')];
	const isRollout = (name: string): boolean => name.startsWith('rollout-') && name.endsWith('.jsonl');
	const files = new TailedFiles(
		async () => (await Promise.all(dirs.map((d) => listFiles(d, { match: isRollout })))).flat(),
		{
			open: () => usage.open(),
			lines: (id, lines, file) => {
				usage.lines(id, lines);
				if (observe) for (const line of lines) observe(file, line);
			},
			reset: (id) => usage.reset(id),
		},
		(p) => isRollout(path.basename(p)) && dirs.some((d) => p.startsWith(d + path.sep)),
	);
	return { usage, files };
}

/** Old-format Gemini sessions (`session-*.json`, one pretty-printed object rewritten on every update): re-read whole on change. */
class WholeJsonFiles {
	private readonly known = new Map<string, { id: number; stamp: string }>();

	constructor(
		private readonly list: () => Promise<string[]>,
		private readonly store: GeminiUsageStore,
	) {}

	/** Re-reads the session files that changed (size, mtime or inode); returns how many. */
	async refresh(): Promise<number> {
		const listed = new Set(await this.list());
		let changed = 0;
		for (const [p, known] of this.known) {
			if (!listed.has(p)) {
				this.store.resetFile(known.id);
				this.known.delete(p);
			}
		}
		for (const p of listed) {
			let info;
			try {
				info = await stat(p);
			} catch {
				continue;
			}
			const stamp = `${info.size}:${info.mtimeMs}:${info.ino}`;
			const known = this.known.get(p) ?? { id: this.store.openFile(p), stamp: '' };
			if (known.stamp === stamp) {
				continue;
			}
			this.known.set(p, { id: known.id, stamp });
			this.store.resetFile(known.id);
			this.store.addLine(known.id, await readFile(p, 'utf8').catch(() => ''));
			changed++;
		}
		return changed;
	}
}

/** Gemini chat files under `<dir>/tmp/<project>/chats/`: `session-*.jsonl` (0.61.0) tailed, older `session-*.json` re-read whole. */
export function geminiSource(dir: string, dayOf: DayKeyer, observe?: LineObserver): { store: GeminiUsageStore; files: TailedFiles; wholeFiles: { refresh(): Promise<number> } } {
	const store = new GeminiUsageStore(dayOf);
	const tmp = path.join(dir, 'tmp');
	const inChats = (p: string): boolean => path.basename(path.dirname(p)) === 'chats';
	const chatFiles = async (ext: string): Promise<string[]> =>
		(await listFiles(tmp, { match: (name) => name.startsWith('session-') && name.endsWith(ext), maxDepth: 3 })).filter(inChats);
	const files = new TailedFiles(
		() => chatFiles('.jsonl'),
		{
			open: (p) => store.openFile(p),
			lines: (id, lines, file) => {
				for (const line of lines) {
					store.addLine(id, line);
					observe?.(file, line);
				}
			},
			reset: (id) => store.resetFile(id),
		},
		(p) => inChats(p) && path.basename(p).startsWith('session-') && p.endsWith('.jsonl') && p.startsWith(tmp + path.sep),
	);
	return { store, files, wholeFiles: new WholeJsonFiles(() => chatFiles('.json'), store) };
}

/** Baton's statusLine capture file: every snapshot line becomes official Claude readings. */
export function statuslineSource(file: string, onReading: (reading: QuotaObservation) => void): TailedFiles {
	return new TailedFiles(
		async () => [file],
		{
			open: () => 0,
			lines: (_id, lines) => {
				for (const line of lines) {
					const snapshot = parseSnapshotLine(line);
					if (snapshot) {
						readingsFromSnapshot(snapshot).forEach(onReading);
					}
				}
			},
			reset: () => undefined,
		},
		(p) => p === file,
	);
}
