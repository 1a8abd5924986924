import { JsonlTailer } from './jsonlTailer';

/** Where a set of tailed files sends what it reads. */
export interface TailSink {
	/** A new file appeared; returns the id the sink knows it by. */
	open(path: string): number;
	/** Complete lines appended to file `id` (at `path`), in order. */
	lines(id: number, lines: readonly string[], path: string): void;
	/** File `id` was truncated, replaced or deleted: drop what was read from it. */
	reset(id: number): void;
}

/** Totals of one refresh. */
export interface RefreshStats {
	readonly files: number;
	readonly newFiles: number;
	readonly lines: number;
	readonly resets: number;
}

/** Files read at once. */
const concurrency = 16;

interface Tracked {
	readonly tailer: JsonlTailer;
	id: number;
}

/**
 * The files of one source (e.g. every Claude transcript), each read incrementally by a `JsonlTailer`. `refresh()`
 * lists the files again and reads what was appended to each; `refreshPaths()` reads only the named files, for
 * change notifications. A deleted file is reset in the sink and forgotten; if it comes back it is a new file.
 */
export class TailedFiles {
	private readonly files = new Map<string, Tracked>();

	constructor(
		private readonly list: () => Promise<string[]>,
		private readonly sink: TailSink,
		private readonly accepts: (path: string) => boolean = () => true,
	) {}

	/** Paths currently tracked. */
	paths(): string[] {
		return [...this.files.keys()];
	}

	/** Re-lists the files and reads every tracked file's new lines; files are read in path order. */
	async refresh(): Promise<RefreshStats> {
		const listed = await this.list();
		const present = new Set(listed);
		let resets = 0;
		for (const [p, tracked] of this.files) {
			if (!present.has(p)) {
				this.sink.reset(tracked.id);
				this.files.delete(p);
				resets++;
			}
		}
		const stats = await this.readPaths(listed);
		return { ...stats, resets: stats.resets + resets };
	}

	/** Reads the new lines of `paths` only (tracking any not yet known that this source accepts). */
	async refreshPaths(paths: readonly string[]): Promise<RefreshStats> {
		return this.readPaths(paths.filter((p) => this.files.has(p) || this.accepts(p)));
	}

	private async readPaths(paths: readonly string[]): Promise<RefreshStats> {
		let newFiles = 0;
		let lines = 0;
		let resets = 0;
		const tracked: Array<[string, Tracked]> = paths.map((p) => {
			let t = this.files.get(p);
			if (!t) {
				t = { tailer: new JsonlTailer(p), id: this.sink.open(p) };
				this.files.set(p, t);
				newFiles++;
			}
			return [p, t];
		});
		// Stat and read a few files at once (I/O overlaps parsing); hand lines to the sink one file at a time.
		for (let i = 0; i < tracked.length; i += concurrency) {
			const batch = tracked.slice(i, i + concurrency);
			const reads = await Promise.all(batch.map(([, t]) => t.tailer.read()));
			reads.forEach((read, j) => {
				const [p, t] = batch[j] as [string, Tracked];
				if (read.reset) {
					this.sink.reset(t.id);
					resets++;
				}
				if (read.gone) {
					this.files.delete(p);
					return;
				}
				if (read.lines.length > 0) {
					this.sink.lines(t.id, read.lines, p);
					lines += read.lines.length;
				}
			});
		}
		return { files: this.files.size, newFiles, lines, resets };
	}
}
