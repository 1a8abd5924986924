import { connectHooks, disconnectHooks, hookFilePaths, type SavedHookFile } from './hookConfig';
import { unifiedDiff } from './textDiff';
import { bridgeAgents, type BridgeAgent } from './types';

/** The planned change of one settings file, for the Connect/Disconnect preview and for applying it. */
export interface HookFilePlan {
	readonly agent: BridgeAgent;
	/** Path relative to the workspace folder, forward slashes. */
	readonly path: string;
	/** Current text; null when the file does not exist. */
	readonly before: string | null;
	/** Text after the change; null = delete the file. */
	readonly after: string | null;
	readonly changed: boolean;
	/** Unified diff of the change ('' when unchanged). */
	readonly diff: string;
	/** Why this file cannot be changed (e.g. it is not valid JSON); nothing is written for it. */
	readonly error?: string;
}

/** Current texts of the settings files (`undefined` / missing key = file absent). */
export type HookFileTexts = Partial<Record<BridgeAgent, string | undefined>>;

function plan(agent: BridgeAgent, before: string | null, after: string | null): HookFilePlan {
	const path = hookFilePaths[agent];
	return { agent, path, before, after, changed: before !== after, diff: unifiedDiff(path, before, after) };
}

function failed(agent: BridgeAgent, before: string | null, error: unknown): HookFilePlan {
	return { agent, path: hookFilePaths[agent], before, after: before, changed: false, diff: '', error: error instanceof Error ? error.message : String(error) };
}

/** What Connect would do to each CLI's settings file. */
export function planConnect(texts: HookFileTexts, batonCommand: string, agents: readonly BridgeAgent[] = bridgeAgents): HookFilePlan[] {
	return agents.map((agent) => {
		const before = texts[agent] ?? null;
		try {
			return plan(agent, before, connectHooks(agent, before ?? undefined, batonCommand).text);
		} catch (error) {
			return failed(agent, before, error);
		}
	});
}

/** What Disconnect would do, restoring from `saved` where the file was not edited since Connect. */
export function planDisconnect(texts: HookFileTexts, saved: Partial<Record<BridgeAgent, SavedHookFile>>, agents: readonly BridgeAgent[] = bridgeAgents): HookFilePlan[] {
	return agents.map((agent) => {
		const before = texts[agent] ?? null;
		const keep = saved[agent];
		if (before === null) {
			return plan(agent, null, null);
		}
		return plan(agent, before, disconnectHooks(agent, before, keep).text);
	});
}

/** The whole preview as one text: each changed file's diff, or a line saying nothing changes. */
export function previewText(plans: readonly HookFilePlan[]): string {
	const parts = plans.map((p) => (p.error !== undefined ? `${p.path}: not changed (${p.error})\n` : p.changed ? p.diff : `${p.path}: no change\n`));
	return parts.join('\n');
}
