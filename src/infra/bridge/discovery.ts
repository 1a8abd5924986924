import { chmodSync, lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { asNumber, asString, parseJsonRecord } from '../../core/common/json';
import { batonDataDir } from '../../core/common/dataPaths';

/**
 * Discovery of the local bridge. For each workspace folder the extension writes
 * `<batonDataDir>/bridges/<key>.json` (mode 0600, folder 0700), `key` = first 16 hex digits of the SHA-256 of the
 * folder path. It names the socket (Unix) or pipe (Windows) and the token; while the extension is down it stays
 * with `socket: null` so hooks still know which spool (`<key>.spool.jsonl`) to use. Terminals Baton opens get
 * `BATON_BRIDGE=<path of the discovery file>`: no secret in the environment, and it stays valid across restarts.
 */
export interface BridgeDiscovery {
	readonly version: 1;
	/** Absolute workspace folder path. */
	readonly workspace: string;
	/** Socket path or pipe name; null while the bridge is down. */
	readonly socket: string | null;
	/** Random 256-bit token, hex; null while the bridge is down. */
	readonly token: string | null;
	/** Process id of the extension host serving the bridge. */
	readonly pid: number | null;
	readonly updatedAt: string;
}

/** Environment variable carrying the discovery file path into terminals and agent processes. */
export const bridgeEnvVar = 'BATON_BRIDGE';

/** Baton's per-user data folder for this process (`BATON_HOME` overrides). */
export function dataDirFor(env: Readonly<Record<string, string | undefined>>): string {
	return batonDataDir({ platform: process.platform, homeDir: homedir(), env });
}

/** Normalised form of a workspace folder used for its key (no trailing separator; case-folded on Windows). */
export function normaliseFolder(folder: string, platform: string = process.platform): string {
	const p = platform === 'win32' ? path.win32 : path.posix;
	let out = p.normalize(folder);
	if (out.length > 1 && /[\\/]$/.test(out) && !/^[A-Za-z]:[\\/]$/.test(out)) {
		out = out.slice(0, -1);
	}
	return platform === 'win32' ? out.toLowerCase() : out;
}

/** The key of a workspace folder: 16 hex digits of SHA-256 over its normalised path. */
export function workspaceKey(folder: string, platform: string = process.platform): string {
	// Loaded lazily: hooks that get BATON_BRIDGE never hash, and node:crypto costs milliseconds to load.
	const { createHash } = require('node:crypto') as typeof import('node:crypto');
	return createHash('sha256').update(normaliseFolder(folder, platform)).digest('hex').slice(0, 16);
}

/** `<dataDir>/bridges`. */
export function bridgesDir(dataDir: string): string {
	return path.join(dataDir, 'bridges');
}

/** Discovery file of a workspace folder. */
export function discoveryPath(dataDir: string, folder: string): string {
	return path.join(bridgesDir(dataDir), `${workspaceKey(folder)}.json`);
}

/** Spool file that belongs to a discovery file (same folder, `<key>.spool.jsonl`). */
export function spoolPathFor(discoveryFile: string): string {
	return discoveryFile.replace(/\.json$/, '.spool.jsonl');
}

/**
 * Creates `dir` (and parents) and makes sure only the current user can use it: not a symlink, owned by us, mode
 * 0700 (tightened if looser). Throws when the folder belongs to someone else. No-op checks on Windows.
 */
export function ensurePrivateDir(dir: string): void {
	mkdirSync(dir, { recursive: true, mode: 0o700 });
	if (process.platform === 'win32') {
		return;
	}
	const st = lstatSync(dir);
	if (st.isSymbolicLink() || !st.isDirectory()) {
		throw new Error(`${dir} is not a real directory`);
	}
	const uid = process.getuid?.();
	if (uid !== undefined && st.uid !== uid) {
		throw new Error(`${dir} belongs to uid ${st.uid}, not to the current user`);
	}
	if ((st.mode & 0o077) !== 0) {
		chmodSync(dir, 0o700);
	}
}

/** Parses a discovery file's text; undefined when it is not one. */
export function parseDiscovery(text: string): BridgeDiscovery | undefined {
	const r = parseJsonRecord(text);
	const workspace = asString(r?.['workspace']);
	if (!r || r['version'] !== 1 || workspace === undefined) {
		return undefined;
	}
	const socket = asString(r['socket']) ?? null;
	const token = asString(r['token']) ?? null;
	return { version: 1, workspace, socket, token: socket === null ? null : token, pid: asNumber(r['pid']) ?? null, updatedAt: asString(r['updatedAt']) ?? '' };
}

/** Reads a discovery file synchronously (hooks are short-lived); undefined when missing or malformed. */
export function readDiscovery(file: string): BridgeDiscovery | undefined {
	try {
		return parseDiscovery(readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/** A discovery file found for a directory. */
export interface FoundDiscovery {
	readonly file: string;
	readonly discovery: BridgeDiscovery;
}

/**
 * Finds the bridge for an agent process: `BATON_BRIDGE` first (a discovery file path), else the discovery file of
 * the nearest of `dirs` or their ancestors (an agent started in a sub-folder of the workspace finds it).
 */
export function findDiscovery(dataDir: string, env: Readonly<Record<string, string | undefined>>, dirs: readonly string[]): FoundDiscovery | undefined {
	const fromEnv = env[bridgeEnvVar];
	if (fromEnv) {
		const discovery = readDiscovery(fromEnv);
		if (discovery) {
			return { file: fromEnv, discovery };
		}
	}
	const tried = new Set<string>();
	for (const start of dirs) {
		if (!path.isAbsolute(start)) continue;
		let dir = path.resolve(start);
		for (let depth = 0; depth < 64 && !tried.has(dir); depth++) {
			tried.add(dir);
			const file = discoveryPath(dataDir, dir);
			const discovery = readDiscovery(file);
			if (discovery) {
				return { file, discovery };
			}
			const parent = path.dirname(dir);
			if (parent === dir) break;
			dir = parent;
		}
	}
	return undefined;
}

/** Longest Unix socket path we use (sun_path is 104–108 bytes). */
const maxSocketPath = 100;

/**
 * Where the socket of `key` goes: a Windows named pipe, else `<dir>/<key>-<random>.sock` in the first private
 * folder whose path is short enough: `$XDG_RUNTIME_DIR/baton`, `<dataDir>/run`, `<tmp>/baton-<uid>`.
 */
export function socketPathFor(dataDir: string, key: string, random: string, env: Readonly<Record<string, string | undefined>>, tmpDir: string): { readonly dir: string | null; readonly socket: string } {
	if (process.platform === 'win32') {
		return { dir: null, socket: `\\\\.\\pipe\\baton-${key}-${random}` };
	}
	const name = `${key}-${random}.sock`;
	const candidates = [env['XDG_RUNTIME_DIR'] ? path.join(env['XDG_RUNTIME_DIR'], 'baton') : undefined, path.join(dataDir, 'run'), path.join(tmpDir, `baton-${process.getuid?.() ?? 'user'}`)];
	const dir = candidates.find((d): d is string => d !== undefined && Buffer.byteLength(path.join(d, name)) <= maxSocketPath) ?? path.join('/tmp', `baton-${process.getuid?.() ?? 'user'}`);
	return { dir, socket: path.join(dir, name) };
}
