import * as path from 'node:path';

/** Outcome of checking a path taken from a hook payload: the absolute normalised path, or why it was rejected. */
export type PathCheck = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

/** Longest path accepted, in characters. */
export const maxPathLength = 4096;

const windowsAbsolute = /^(?:[A-Za-z]:[\\/]|\\\\)/;

/** The path flavour of `sample`: Windows when it starts with a drive letter or a UNC prefix. */
function flavour(sample: string): path.PlatformPath {
	return windowsAbsolute.test(sample) ? path.win32 : path.posix;
}

/** True when `child` is `root` or lies below it (both absolute and normalised, same flavour). */
export function isInside(child: string, root: string): boolean {
	const p = flavour(root);
	const fold = (s: string): string => (p === path.win32 ? s.toLowerCase() : s);
	const rel = p.relative(fold(root), fold(child));
	return rel === '' || (!rel.startsWith('..') && !p.isAbsolute(rel));
}

/**
 * The roots a payload path may fall in: the workspace folder, plus the agent's cwd when it lies inside the workspace
 * (or when no workspace is known). A cwd outside the workspace does not widen what is accepted.
 */
export function allowedRoots(workspace: string | null, cwd: string): string[] {
	const roots: string[] = [];
	const ws = workspace !== null && flavour(workspace).isAbsolute(workspace) ? flavour(workspace).normalize(workspace) : null;
	const dir = flavour(cwd).isAbsolute(cwd) ? flavour(cwd).normalize(cwd) : null;
	if (ws !== null) {
		roots.push(ws);
	}
	if (dir !== null && (ws === null || isInside(dir, ws))) {
		roots.push(dir);
	}
	return roots;
}

/**
 * Checks a file path from an untrusted hook payload. Rejected: non-strings, empty or overlong paths, control
 * characters, any `..` segment (traversal), relative paths without an absolute `cwd`, and paths that do not
 * resolve inside one of `roots` (see {@link allowedRoots}). Accepted paths come back absolute and normalised.
 */
export function checkPayloadPath(raw: unknown, cwd: string, roots: readonly string[]): PathCheck {
	if (typeof raw !== 'string' || raw.length === 0) {
		return { ok: false, reason: 'not a path' };
	}
	if (raw.length > maxPathLength) {
		return { ok: false, reason: `longer than ${maxPathLength} characters` };
	}
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(raw)) {
		return { ok: false, reason: 'contains control characters' };
	}
	if (raw.split(/[\\/]+/).includes('..')) {
		return { ok: false, reason: 'contains a ".." segment' };
	}
	const p = flavour(raw.startsWith('/') || windowsAbsolute.test(raw) ? raw : cwd);
	let absolute: string;
	if (p.isAbsolute(raw)) {
		absolute = p.normalize(raw);
	} else if (p.isAbsolute(cwd)) {
		absolute = p.normalize(p.join(cwd, raw));
	} else {
		return { ok: false, reason: 'relative path without an absolute cwd' };
	}
	if (absolute.length > 1 && /[\\/]$/.test(absolute)) {
		absolute = absolute.slice(0, -1);
	}
	if (!roots.some((root) => flavour(root) === p && isInside(absolute, root))) {
		return { ok: false, reason: `outside the workspace (${roots.join(', ') || 'none known'})` };
	}
	return { ok: true, path: absolute };
}

/** `file` relative to `root` with forward slashes when it lies inside, else `file` unchanged; for messages. */
export function displayPath(file: string, root: string | null): string {
	if (root === null || !isInside(file, root)) {
		return file;
	}
	const rel = flavour(root).relative(root, file);
	return rel === '' ? file : rel.split('\\').join('/');
}
