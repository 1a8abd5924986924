import { connectHooks, disconnectHooks, hookFilePaths, type SavedHookFile } from './hookConfig';
import type { HookFilePlan } from './hookPlan';
import { approveBatonMcpServer, claudeLocalSettingsPath, revokeBatonMcpServer } from './mcpApproval';
import { connectMcpServer, disconnectMcpServer, mcpFilePaths, type McpLaunch } from './mcpConfig';
import { unifiedDiff } from './textDiff';
import { bridgeAgents, type BridgeAgent } from './types';

/**
 * Connect Agents as one plan over every project file Baton edits: hooks (hookConfig), the MCP server registration
 * (mcpConfig) and Claude Code's approval of that server (mcpApproval). A file shared by several edits (Gemini's
 * `.gemini/settings.json` holds both hooks and `mcpServers`) is planned once, all its edits applied in order to the
 * same text, so the original saved before Connect is the file before *any* Baton edit and Disconnect can restore it
 * byte for byte.
 */

/** What Connect installs. Without `mcpLaunch` only the hooks are installed. */
export interface ConnectSetup {
	/** How hooks run the `baton` CLI, e.g. `"/usr/bin/node" "/…/dist/hook.js"`. */
	readonly hookCommand: string;
	/** How each CLI starts Baton's MCP server. */
	readonly mcpLaunch?: (agent: BridgeAgent) => McpLaunch;
}

/** One edit Baton makes to a file. `connect` throws when the file cannot be edited safely; `disconnect` never throws. */
interface ConfigEdit {
	/** Whether Connect makes this edit for `setup`. */
	applies(setup: ConnectSetup): boolean;
	connect(existing: string | undefined, setup: ConnectSetup): string;
	/** Removes exactly Baton's entries; unparsable text comes back unchanged. */
	disconnect(text: string): string;
	/** Undo only where Connect recorded changing the file (the user may have made the same entry themselves). */
	readonly onlyWhereConnected?: boolean;
}

/** A project file Baton edits, relative to the workspace folder, with its edits in the order Connect applies them. */
interface ConfigFile {
	readonly agent: BridgeAgent;
	readonly path: string;
	readonly edits: readonly ConfigEdit[];
	/** True when nothing is left in the text, so a file Connect created may be deleted again. */
	isEmpty(text: string): boolean;
}

const emptyJson = (text: string): boolean => /^\{\s*\}$/.test(text.trim());
const emptyToml = (text: string): boolean => text.trim() === '';

function hookEdit(agent: BridgeAgent): ConfigEdit {
	return {
		applies: () => true,
		connect: (existing, setup) => connectHooks(agent, existing, setup.hookCommand).text,
		disconnect: (text) => disconnectHooks(agent, text).text ?? text,
	};
}

function mcpEdit(agent: BridgeAgent): ConfigEdit {
	return {
		applies: (setup) => setup.mcpLaunch !== undefined,
		connect: (existing, setup) => (setup.mcpLaunch ? connectMcpServer(agent, existing, setup.mcpLaunch(agent)).text : (existing ?? '')),
		disconnect: (text) => disconnectMcpServer(agent, text).text ?? text,
	};
}

const approvalEdit: ConfigEdit = {
	applies: (setup) => setup.mcpLaunch !== undefined,
	connect: (existing) => approveBatonMcpServer(existing),
	disconnect: revokeBatonMcpServer,
	onlyWhereConnected: true,
};

/** Every file Connect may edit for `agent`, in display order. */
function filesOf(agent: BridgeAgent): ConfigFile[] {
	if (agent === 'gemini') {
		return [{ agent, path: hookFilePaths.gemini, edits: [hookEdit(agent), mcpEdit(agent)], isEmpty: emptyJson }];
	}
	const hooks: ConfigFile = { agent, path: hookFilePaths[agent], edits: [hookEdit(agent)], isEmpty: emptyJson };
	const mcp: ConfigFile = { agent, path: mcpFilePaths[agent], edits: [mcpEdit(agent)], isEmpty: agent === 'codex' ? emptyToml : emptyJson };
	return agent === 'claude' ? [hooks, mcp, { agent, path: claudeLocalSettingsPath, edits: [approvalEdit], isEmpty: emptyJson }] : [hooks, mcp];
}

/** Paths (relative to the workspace folder) of every file Connect may edit for `agents`. */
export function connectFilePaths(agents: readonly BridgeAgent[] = bridgeAgents): string[] {
	return agents.flatMap((agent) => filesOf(agent).map((f) => f.path));
}

/** Current texts of the files, by relative path (a missing key or `undefined` = the file does not exist). */
export type ConnectFileTexts = Readonly<Record<string, string | undefined>>;

function plan(file: ConfigFile, before: string | null, after: string | null): HookFilePlan {
	return { agent: file.agent, path: file.path, before, after, changed: before !== after, diff: unifiedDiff(file.path, before, after) };
}

/**
 * What Connect does to each file for `setup`: all the file's applicable edits applied in order. A file that cannot be
 * edited safely (not valid JSON, a foreign `baton` server, …) is left as it is and its plan carries `error`.
 */
export function planConnectFiles(texts: ConnectFileTexts, setup: ConnectSetup, agents: readonly BridgeAgent[] = bridgeAgents): HookFilePlan[] {
	return agents.flatMap((agent) =>
		filesOf(agent).flatMap((file) => {
			const edits = file.edits.filter((e) => e.applies(setup));
			if (edits.length === 0) return [];
			const before = texts[file.path] ?? null;
			try {
				const after = edits.reduce<string | undefined>((text, edit) => edit.connect(text, setup), before ?? undefined) ?? null;
				return [plan(file, before, after)];
			} catch (error) {
				return [{ ...plan(file, before, before), error: error instanceof Error ? error.message : String(error) }];
			}
		}),
	);
}

/**
 * `text` of the project file at `relativePath` without any of Baton's entries (all of that file's edits undone, last
 * first), for comparing what the user wrote in two versions; `text` itself for a file Connect does not edit.
 */
export function withoutBatonEntries(relativePath: string, text: string): string {
	const file = bridgeAgents.flatMap(filesOf).find((f) => f.path === relativePath);
	return file ? [...file.edits].reverse().reduce((t, edit) => edit.disconnect(t), text) : text;
}

/**
 * What Disconnect does to each file. A file still exactly as Connect left it (`saved[path].connected`) gets its original
 * back byte for byte (`null`: delete it). Otherwise Baton's entries are removed in place, last edit first; a file
 * Connect created that is then empty is deleted. Edits marked `onlyWhereConnected` are undone only in files in `saved`.
 */
export function planDisconnectFiles(texts: ConnectFileTexts, saved: Readonly<Record<string, SavedHookFile>>, agents: readonly BridgeAgent[] = bridgeAgents): HookFilePlan[] {
	return agents.flatMap((agent) =>
		filesOf(agent).map((file) => {
			const before = texts[file.path] ?? null;
			const keep = saved[file.path];
			if (before === null) return plan(file, null, null);
			if (keep && before === keep.connected) return plan(file, before, keep.original);
			const edits = file.edits.filter((e) => keep !== undefined || e.onlyWhereConnected !== true);
			const after = [...edits].reverse().reduce((text, edit) => edit.disconnect(text), before);
			return plan(file, before, keep && keep.original === null && file.isEmpty(after) ? null : after);
		}),
	);
}
