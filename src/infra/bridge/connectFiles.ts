import { chmod, mkdir, readFile, readdir, rmdir, stat, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import { asRecord, asString } from '../../core/common/json';
import { connectFilePaths, planConnectFiles, planDisconnectFiles, withoutBatonEntries, type ConnectFileTexts, type ConnectSetup } from '../../core/bridge/connectPlan';
import { hookFilePaths, type SavedHookFile } from '../../core/bridge/hookConfig';
import type { HookFilePlan } from '../../core/bridge/hookPlan';
import { bridgeAgents, isBridgeAgent, type BridgeAgent } from '../../core/bridge/types';
import { writeFileAtomic } from '../fs/atomicWrite';
import { ensurePrivateDir, workspaceKey } from './discovery';

/** One file Connect changed: its text before and right after Connect, and the folder Connect created for it, if any. */
type SavedFile = SavedHookFile & { readonly createdDir: string | null };

/** What Connect saved for one workspace, by path relative to the workspace folder. */
interface ConnectState {
	readonly version: 2;
	readonly files: Readonly<Record<string, SavedFile>>;
}

/** `<dataDir>/hooks/<workspace key>.json`: the saved originals Disconnect restores from (kept at the name of version 1). */
export function connectStatePath(dataDir: string, workspace: string): string {
	return path.join(dataDir, 'hooks', `${workspaceKey(workspace)}.json`);
}

/** Current texts of the files Connect may edit in `workspace`, by relative path (missing files absent). */
export async function readConnectTexts(workspace: string, agents: readonly BridgeAgent[] = bridgeAgents): Promise<ConnectFileTexts> {
	const texts: Record<string, string> = {};
	for (const file of connectFilePaths(agents)) {
		const text = await readFile(path.join(workspace, file), 'utf8').catch(() => undefined);
		if (text !== undefined) texts[file] = text;
	}
	return texts;
}

/** Reads the state; version 1 (hooks only, keyed by agent) is read as the agents' hook files. */
async function readState(file: string): Promise<ConnectState> {
	const record = asRecord(JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as unknown);
	const files: Record<string, SavedFile> = {};
	for (const [key, value] of Object.entries(asRecord(record?.['files']) ?? {})) {
		const v = asRecord(value);
		const connected = asString(v?.['connected']);
		const relative = record?.['version'] === 1 ? (isBridgeAgent(key) ? hookFilePaths[key] : undefined) : key;
		if (relative !== undefined && v && connected !== undefined) {
			files[relative] = { original: asString(v['original']) ?? null, connected, createdDir: asString(v['createdDir']) ?? null };
		}
	}
	return { version: 2, files };
}

async function writeState(file: string, state: ConnectState): Promise<void> {
	ensurePrivateDir(path.dirname(file));
	if (Object.keys(state.files).length === 0) {
		await unlink(file).catch(() => undefined);
		return;
	}
	await writeFileAtomic(file, Buffer.from(`${JSON.stringify(state, null, '\t')}\n`));
}

/** Writes `text` to `file` atomically, keeping the previous file mode (0644 for a new file). */
async function writeSettings(file: string, text: string): Promise<void> {
	const mode = (await stat(file).catch(() => undefined))?.mode;
	await writeFileAtomic(file, Buffer.from(text, 'utf8'));
	await chmod(file, mode === undefined ? 0o644 : mode & 0o7777);
}

/** The first folder on the way to `file` (inside `workspace`) that does not exist yet, or null. */
async function firstMissingDir(workspace: string, file: string): Promise<string | null> {
	const rel = path.relative(workspace, path.dirname(file)).split(path.sep).filter(Boolean);
	let dir = workspace;
	for (const part of rel) {
		dir = path.join(dir, part);
		if (!(await stat(dir).catch(() => undefined))) return dir;
	}
	return null;
}

/** What Connect would change in `workspace` (for the preview), without writing. */
export async function previewConnect(workspace: string, setup: ConnectSetup, agents: readonly BridgeAgent[] = bridgeAgents): Promise<HookFilePlan[]> {
	return planConnectFiles(await readConnectTexts(workspace, agents), setup, agents);
}

/**
 * Installs Baton's hooks and, with `setup.mcpLaunch`, its MCP server (registration and Claude Code's approval) into
 * the workspace's project files, and saves each changed file's original in `stateFile` (0600) for a byte-identical
 * Disconnect. A second Connect keeps the very first original. Files that cannot be edited safely are left alone
 * (their plan has `error`). Resolves to the plans applied.
 */
export async function applyConnect(workspace: string, setup: ConnectSetup, stateFile: string, agents: readonly BridgeAgent[] = bridgeAgents): Promise<HookFilePlan[]> {
	const plans = await previewConnect(workspace, setup, agents);
	const files: Record<string, SavedFile> = { ...(await readState(stateFile)).files };
	for (const plan of plans) {
		if (!plan.changed || plan.after === null || plan.error !== undefined) continue;
		const file = path.join(workspace, plan.path);
		const createdDir = await firstMissingDir(workspace, file);
		await mkdir(path.dirname(file), { recursive: true });
		await writeSettings(file, plan.after);
		const previous = files[plan.path];
		// Re-connecting a file whose only changes since the last Connect are in Baton's own entries (e.g. paths of an
		// older extension folder) keeps the original, so Disconnect still restores it byte for byte.
		const onlyBatonChanged = previous !== undefined && previous.connected !== null && plan.before !== null && withoutBatonEntries(plan.path, previous.connected) === withoutBatonEntries(plan.path, plan.before);
		files[plan.path] = previous && (previous.connected === plan.before || onlyBatonChanged) ? { ...previous, connected: plan.after } : { original: plan.before, connected: plan.after, createdDir };
	}
	await writeState(stateFile, { version: 2, files });
	return plans;
}

/** What Disconnect would change (for the preview). */
export async function previewDisconnect(workspace: string, stateFile: string, agents: readonly BridgeAgent[] = bridgeAgents): Promise<HookFilePlan[]> {
	const state = await readState(stateFile);
	return planDisconnectFiles(await readConnectTexts(workspace, agents), state.files, agents);
}

/**
 * Removes what Connect added: files untouched since Connect get their original bytes back (or are deleted, then the
 * folders Connect created when they are empty); edited files lose exactly Baton's entries. Clears the saved state.
 */
export async function applyDisconnect(workspace: string, stateFile: string, agents: readonly BridgeAgent[] = bridgeAgents): Promise<HookFilePlan[]> {
	const state = await readState(stateFile);
	const plans = planDisconnectFiles(await readConnectTexts(workspace, agents), state.files, agents);
	const files: Record<string, SavedFile> = { ...state.files };
	const createdDirs: string[] = [];
	for (const plan of plans) {
		const file = path.join(workspace, plan.path);
		if (plan.changed && plan.after === null) {
			await unlink(file).catch(() => undefined);
			const created = files[plan.path]?.createdDir;
			if (created) createdDirs.push(created);
		} else if (plan.changed && plan.after !== null) {
			await writeSettings(file, plan.after);
		}
		delete files[plan.path];
	}
	// After every file is gone: one folder (e.g. `.claude`) may hold several files Connect created.
	for (const dir of createdDirs.sort((a, b) => b.length - a.length)) {
		if ((await readdir(dir).catch(() => ['?'])).length === 0) await rmdir(dir).catch(() => undefined);
	}
	await writeState(stateFile, { version: 2, files });
	return plans;
}
