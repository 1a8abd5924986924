import { readdir, realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';

/** Options of `listFiles`. */
export interface ListOptions {
	/** Keeps files whose base name passes. */
	readonly match: (name: string) => boolean;
	/** Skip names starting with `.` (tinyglobby's default `dot: false`, which ccusage uses). Default true. */
	readonly skipDot?: boolean;
	/** Deepest folder level below the root to enter. Default 32. */
	readonly maxDepth?: number;
}

/**
 * Files under `root` (recursively, following symbolic links once per real folder) whose names match, sorted by
 * path. A missing or unreadable root yields none. Equivalent to ccusage's `glob('**\/*.jsonl', {cwd: root})`.
 */
export async function listFiles(root: string, options: ListOptions): Promise<string[]> {
	const out: string[] = [];
	const seen = new Set<string>();
	const skipDot = options.skipDot ?? true;
	const maxDepth = options.maxDepth ?? 32;
	const walk = async (dir: string, depth: number): Promise<void> => {
		let real: string;
		try {
			real = await realpath(dir);
		} catch {
			return;
		}
		if (seen.has(real)) {
			return;
		}
		seen.add(real);
		let entries;
		try {
			entries = await readdir(dir, { withFileTypes: true });
		} catch {
			return;
		}
		const subdirs: string[] = [];
		for (const entry of entries) {
			if (skipDot && entry.name.startsWith('.')) {
				continue;
			}
			const full = path.join(dir, entry.name);
			let isDir = entry.isDirectory();
			let isFile = entry.isFile();
			if (entry.isSymbolicLink()) {
				try {
					const target = await stat(full);
					isDir = target.isDirectory();
					isFile = target.isFile();
				} catch {
					continue;
				}
			}
			if (isDir && depth < maxDepth) {
				subdirs.push(full);
			} else if (isFile && options.match(entry.name)) {
				out.push(full);
			}
		}
		await Promise.all(subdirs.map((d) => walk(d, depth + 1)));
	};
	await walk(root, 0);
	return out.sort();
}

/** True when `dir` exists and is a folder. */
export async function isDirectory(dir: string): Promise<boolean> {
	try {
		return (await stat(dir)).isDirectory();
	} catch {
		return false;
	}
}
