import { chmod, mkdir, readFile, readdir, rmdir, stat, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import { asRecord, asString } from '../../core/common/json';
import { hookFilePaths, type SavedHookFile } from '../../core/bridge/hookConfig';
import { planConnect, planDisconnect, type HookFilePlan, type HookFileTexts } from '../../core/bridge/hookPlan';
import { bridgeAgents, isBridgeAgent, type BridgeAgent } from '../../core/bridge/types';
import { writeFileAtomic } from '../fs/atomicWrite';
import { ensurePrivateDir, workspaceKey } from './discovery';

/** What Connect saved for one workspace: each file's original and connected text, and folders it created. */
interface HookInstallState {
	readonly version: 1;
	readonly files: Partial<Record<BridgeAgent, SavedHookFile & { readonly createdDir: string | null }>>;
}

/** `<dataDir>/hooks/<workspace key>.json`: the saved originals Disconnect restores from. */
export function hookStatePath(dataDir: string, workspace: string): string {
	return path.join(dataDir, 'hooks', `${workspaceKey(workspace)}.json`);
}

/** Current texts of the three settings files of `workspace` (missing files absent). */
export async function readHookTexts(workspace: string, agents: readonly BridgeAgent[] = bridgeAgents): Promise<HookFileTexts> {
	const texts: HookFileTexts = {};
	for (const agent of agents) {
		const text = await readFile(path.join(workspace, hookFilePaths[agent]), 'utf8').catch(() => undefined);
		if (text !== undefined) texts[agent] = text;
	}
	return texts;
}

async function readState(file: string): Promise<HookInstallState> {
	const record = asRecord(JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as unknown);
	const files: HookInstallState['files'] = {};
	for (const [agent, value] of Object.entries(asRecord(record?.['files']) ?? {})) {
		const v = asRecord(value);
		const connected = asString(v?.['connected']);
		if (isBridgeAgent(agent) && v && connected !== undefined) {
			files[agent] = { original: asString(v['original']) ?? null, connected, createdDir: asString(v['createdDir']) ?? null };
		}
	}
	return { version: 1, files };
}

async function writeState(file: string, state: HookInstallState): Promise<void> {
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
export async function previewConnect(workspace: string, batonCommand: string, agents: readonly BridgeAgent[] = bridgeAgents): Promise<HookFilePlan[]> {
	return planConnect(await readHookTexts(workspace, agents), batonCommand, agents);
}

/**
 * Installs Baton's hooks into the workspace's `.claude/settings.json`, `.gemini/settings.json` and `.codex/hooks.json`
 * and saves each file's original in `stateFile` (0600) for a byte-identical Disconnect. Files that are not valid
 * JSON are left alone (their plan has `error`). Resolves to the plans applied.
 */
export async function applyConnect(workspace: string, batonCommand: string, stateFile: string, agents: readonly BridgeAgent[] = bridgeAgents): Promise<HookFilePlan[]> {
	const plans = await previewConnect(workspace, batonCommand, agents);
	const state = await readState(stateFile);
	const files = { ...state.files };
	for (const plan of plans) {
		if (!plan.changed || plan.after === null || plan.error !== undefined) continue;
		const file = path.join(workspace, plan.path);
		const createdDir = await firstMissingDir(workspace, file);
		await mkdir(path.dirname(file), { recursive: true });
		await writeSettings(file, plan.after);
		const previous = files[plan.agent];
		// A second Connect (e.g. a new extension path) keeps the very first original.
		files[plan.agent] = previous && previous.connected === plan.before ? { ...previous, connected: plan.after } : { original: plan.before, connected: plan.after, createdDir };
	}
	await writeState(stateFile, { version: 1, files });
	return plans;
}

/** What Disconnect would change (for the preview). */
export async function previewDisconnect(workspace: string, stateFile: string, agents: readonly BridgeAgent[] = bridgeAgents): Promise<HookFilePlan[]> {
	const state = await readState(stateFile);
	return planDisconnect(await readHookTexts(workspace, agents), state.files, agents);
}

/**
 * Removes Baton's hooks: files untouched since Connect get their original bytes back (or are deleted, with the
 * folder Connect created if it is empty); edited files lose exactly Baton's entries. Clears the saved state.
 */
export async function applyDisconnect(workspace: string, stateFile: string, agents: readonly BridgeAgent[] = bridgeAgents): Promise<HookFilePlan[]> {
	const state = await readState(stateFile);
	const plans = planDisconnect(await readHookTexts(workspace, agents), state.files, agents);
	const files = { ...state.files };
	for (const plan of plans) {
		const file = path.join(workspace, plan.path);
		if (plan.changed && plan.after === null) {
			await unlink(file).catch(() => undefined);
			const created = files[plan.agent]?.createdDir;
			if (created && (await readdir(created).catch(() => ['?'])).length === 0) await rmdir(created).catch(() => undefined);
		} else if (plan.changed && plan.after !== null) {
			await writeSettings(file, plan.after);
		}
		delete files[plan.agent];
	}
	await writeState(stateFile, { version: 1, files });
	return plans;
}
