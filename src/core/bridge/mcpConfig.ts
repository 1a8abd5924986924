import type { HookEdit, SavedHookFile } from './hookConfig';
import { batonMcpServerName } from './hubText';
import type { HookFilePlan } from './hookPlan';
import { appendMember, detectLayout, memberOf, nodeValue, parseJsonText, removeMember, type JsonNode } from './jsonText';
import { unifiedDiff } from './textDiff';
import { bridgeAgents, type BridgeAgent } from './types';

/**
 * Registering Baton's MCP server (`baton mcp`) with each CLI, per project: Claude Code's `.mcp.json` (project scope,
 * what `claude mcp add --scope project` writes), Gemini's `.gemini/settings.json` `mcpServers.baton` and Codex's
 * `.codex/config.toml` `[mcp_servers.baton]`. Like hookConfig: edits insert or remove text and leave every other
 * byte alone; Connect is idempotent; Disconnect with the saved original restores the file byte for byte.
 */

/** Name of Baton's server in every CLI's configuration (Claude Code shows its tools as `mcp__baton__<tool>`). */
export const mcpServerName = batonMcpServerName;

/** Where each CLI reads project MCP servers, relative to the workspace folder. */
export const mcpFilePaths: Readonly<Record<BridgeAgent, string>> = {
	claude: '.mcp.json',
	gemini: '.gemini/settings.json',
	codex: '.codex/config.toml',
};

/**
 * Tool-call timeout Baton asks of every CLI, seconds: above the longest `delegate` (3600 s) plus cancel time. Claude
 * Code reads it from the server's `timeout` (ms; it overrides `MCP_TOOL_TIMEOUT` for this server only) [B], Gemini
 * from `timeout` (ms), Codex from `tool_timeout_sec`.
 */
export const mcpToolTimeoutSeconds = 3900;

/** How a CLI starts Baton's MCP server. */
export interface McpLaunch {
	/** Executable (e.g. the Node binary). */
	readonly command: string;
	/** Arguments, e.g. `['/…/dist/cli.js', 'mcp', '--agent', 'claude']`. */
	readonly args: readonly string[];
	readonly env?: Readonly<Record<string, string>>;
}

/** `base` (how to run the `baton` CLI) extended to start its MCP server for `agent`, with `extraArgs` (e.g. `--storage-dir`). */
export function batonMcpLaunch(base: McpLaunch, agent: BridgeAgent, extraArgs: readonly string[] = []): McpLaunch {
	return { ...base, args: [...base.args, 'mcp', '--agent', agent, ...extraArgs] };
}

/** True for a server entry Baton wrote: `… <baton | cli.js> mcp …`. */
export function isBatonMcpEntry(value: unknown): boolean {
	const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
	const args = Array.isArray(v?.['args']) ? (v['args'] as unknown[]) : [];
	const words = [v?.['command'], ...args].filter((w): w is string => typeof w === 'string');
	return args.includes('mcp') && words.some((w) => /(?:^|[/\\])(?:baton(?:\.cmd|\.exe|\.js)?|cli\.js)$/i.test(w));
}

/** The server entry written for `agent` (JSON files). */
export function mcpServerEntry(agent: Exclude<BridgeAgent, 'codex'>, launch: McpLaunch): Record<string, unknown> {
	const env = launch.env && Object.keys(launch.env).length > 0 ? { env: { ...launch.env } } : {};
	return agent === 'claude'
		? { type: 'stdio', command: launch.command, args: [...launch.args], ...env, timeout: mcpToolTimeoutSeconds * 1000 }
		: { command: launch.command, args: [...launch.args], ...env, timeout: mcpToolTimeoutSeconds * 1000 };
}

type JsonObject = Extract<JsonNode, { type: 'object' }>;

function jsonRoot(text: string, label: string): JsonObject {
	const node = parseJsonText(text);
	if (node.type !== 'object') throw new Error(`${label} does not hold a JSON object; fix it before connecting Baton`);
	return node;
}

function serversOf(text: string, label: string): JsonObject | undefined {
	const servers = memberOf(jsonRoot(text, label), 'mcpServers')?.value;
	if (servers !== undefined && servers.type !== 'object') throw new Error(`${label}: "mcpServers" is not an object; fix it before connecting Baton`);
	return servers;
}

/** Removes Baton's `baton` entries (all of them) and `mcpServers` when that leaves it empty. */
function removeJsonEntry(text: string, label: string): string {
	let out = text;
	for (let guard = 0; guard < 100; guard++) {
		const servers = serversOf(out, label);
		const index = servers?.members.findIndex((m) => m.key === mcpServerName && isBatonMcpEntry(nodeValue(m.value))) ?? -1;
		if (!servers || index === -1) return out;
		const root = jsonRoot(out, label);
		out = servers.members.length > 1 ? removeMember(out, servers, index) : removeMember(out, root, root.members.map((m) => m.key).lastIndexOf('mcpServers'));
	}
	return out;
}

function connectJson(agent: Exclude<BridgeAgent, 'codex'>, existing: string | undefined, launch: McpLaunch): string {
	const label = mcpFilePaths[agent];
	const wanted = mcpServerEntry(agent, launch);
	if (existing === undefined || existing.trim() === '') {
		return `${JSON.stringify({ mcpServers: { [mcpServerName]: wanted } }, null, 2)}\n`;
	}
	const current = serversOf(existing, label)?.members.filter((m) => m.key === mcpServerName) ?? [];
	if (current.length === 1 && JSON.stringify(nodeValue((current[0] as (typeof current)[number]).value)) === JSON.stringify(wanted)) {
		return existing;
	}
	if (current.some((m) => !isBatonMcpEntry(nodeValue(m.value)))) {
		throw new Error(`${label}: mcpServers.${mcpServerName} is not Baton's server; rename it before connecting Baton`);
	}
	const layout = detectLayout(existing);
	const text = removeJsonEntry(existing, label);
	const servers = serversOf(text, label);
	return servers ? appendMember(text, servers, mcpServerName, wanted, layout) : appendMember(text, jsonRoot(text, label), 'mcpServers', { [mcpServerName]: wanted }, layout);
}

/** A TOML line: its span and, for a table header, the key path. */
interface TomlLine {
	readonly start: number;
	/** Start of the next line (after the line break). */
	readonly next: number;
	readonly text: string;
	readonly table?: readonly string[];
}

function tomlKeys(path: string): string[] {
	return (path.match(/"(?:[^"\\]|\\.)*"|'[^']*'|[^.]+/g) ?? []).map((k) => k.trim()).map((k) => (/^["']/.test(k) ? k.slice(1, -1) : k));
}

/** Where a multi-line string is open at the end of `line` (`"""`, `'''` or null), given where it was at its start. */
function stringStateAfter(line: string, open: string | null): string | null {
	let state = open;
	for (let i = 0; i < line.length; i++) {
		if (state !== null) {
			if (line.startsWith(state, i) && !(state === '"""' && line[i - 1] === '\\')) {
				state = null;
				i += 2;
			}
		} else if (line.startsWith('"""', i) || line.startsWith("'''", i)) {
			state = line.slice(i, i + 3);
			i += 2;
		} else if (line[i] === '#') {
			return null;
		} else if (line[i] === '"' || line[i] === "'") {
			const quote = line[i];
			for (i++; i < line.length && line[i] !== quote; i++) if (quote === '"' && line[i] === '\\') i++;
		}
	}
	return state;
}

/** Lines of a TOML text; headers inside multi-line strings are not headers. */
function tomlLines(text: string): TomlLine[] {
	const lines: TomlLine[] = [];
	let inString: string | null = null;
	for (let start = 0; start < text.length; ) {
		const nl = text.indexOf('\n', start);
		const next = nl === -1 ? text.length : nl + 1;
		const line = text.slice(start, nl === -1 ? text.length : nl).replace(/\r$/, '');
		const header = inString === null ? /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$/.exec(line) : null;
		lines.push({ start, next, text: line, ...(header ? { table: tomlKeys(header[1] ?? '') } : {}) });
		inString = stringStateAfter(line, inString);
		start = next;
	}
	return lines;
}

const isBatonTable = (keys: readonly string[] | undefined): boolean => keys?.[0] === 'mcp_servers' && keys[1] === mcpServerName;

/** Span of the `[mcp_servers.baton]` block (with its sub-tables, up to the next other table), or undefined. */
function tomlBlock(text: string): { readonly start: number; readonly end: number; readonly body: string } | undefined {
	const lines = tomlLines(text);
	const first = lines.findIndex((l) => isBatonTable(l.table) && l.table?.length === 2);
	if (first === -1) return undefined;
	const after = lines.slice(first + 1).find((l) => l.table !== undefined && !isBatonTable(l.table));
	const start = (lines[first] as TomlLine).start;
	const end = after?.start ?? text.length;
	return { start, end, body: text.slice(start, end) };
}

/** Throws when `mcp_servers.baton` is defined another way (dotted keys or inline tables), where a header would clash. */
function checkTomlForms(text: string): void {
	let table: readonly string[] = [];
	for (const line of tomlLines(text)) {
		if (line.table) {
			table = line.table;
		} else if ((table.length === 0 && /^\s*(?:mcp_servers|"mcp_servers")\s*[.=]/.test(line.text)) || (table.length === 1 && table[0] === 'mcp_servers' && /^\s*["']?baton["']?\s*[.=]/.test(line.text))) {
			throw new Error(`${mcpFilePaths.codex}: mcp_servers is written inline or with dotted keys; use a [mcp_servers.<name>] table per server before connecting Baton`);
		}
	}
}

const tomlString = (s: string): string => JSON.stringify(s);
const tomlKey = (k: string): string => (/^[A-Za-z0-9_-]+$/.test(k) ? k : tomlString(k));

/** The `[mcp_servers.baton]` table Baton writes, lines ending with `eol`. */
export function codexMcpBlock(launch: McpLaunch, eol = '\n'): string {
	const env = Object.entries(launch.env ?? {});
	return [
		`[mcp_servers.${mcpServerName}]`,
		`command = ${tomlString(launch.command)}`,
		`args = [${launch.args.map(tomlString).join(', ')}]`,
		...(env.length > 0 ? [`env = { ${env.map(([k, v]) => `${tomlKey(k)} = ${tomlString(v)}`).join(', ')} }`] : []),
		`tool_timeout_sec = ${mcpToolTimeoutSeconds}`,
		'',
	].join(eol);
}

function connectToml(existing: string | undefined, launch: McpLaunch): string {
	const text = existing ?? '';
	checkTomlForms(text);
	const eol = text.includes('\r\n') ? '\r\n' : '\n';
	const wanted = codexMcpBlock(launch, eol);
	const block = tomlBlock(text);
	if (!block) {
		const sep = text === '' ? '' : text.endsWith(`${eol}${eol}`) ? '' : text.endsWith('\n') ? eol : `${eol}${eol}`;
		return `${text}${sep}${wanted}`;
	}
	const content = block.body.replace(/(?:\r?\n[ \t]*)+$/, '');
	if (`${content}${eol}` === wanted) return text;
	if (!/^\s*args\s*=.*["']mcp["']/m.test(block.body) || !/(?:baton(?:\.cmd|\.exe|\.js)?|cli\.js)["']/i.test(block.body)) {
		throw new Error(`${mcpFilePaths.codex}: [mcp_servers.${mcpServerName}] is not Baton's server; rename it before connecting Baton`);
	}
	return text.slice(0, block.start) + wanted + text.slice(block.start + content.length).replace(/^\r?\n/, '');
}

function removeToml(text: string): string {
	const block = tomlBlock(text);
	if (!block) return text;
	const before = text.slice(0, block.start);
	if (block.end < text.length) return before + text.slice(block.end);
	return /\r?\n\r?\n$/.test(before) ? before.replace(/\r?\n$/, '') : before;
}

/**
 * Adds Baton's MCP server for `agent` to the text of its config file (`undefined` = the file does not exist). Replaces
 * a Baton entry of another launch; idempotent. Throws when the file cannot be edited safely (not a JSON object,
 * a foreign `baton` server, inline TOML tables).
 */
export function connectMcpServer(agent: BridgeAgent, existing: string | undefined, launch: McpLaunch): { readonly text: string; readonly changed: boolean } {
	const text = agent === 'codex' ? connectToml(existing, launch) : connectJson(agent, existing, launch);
	return { text, changed: text !== existing };
}

/**
 * Removes Baton's MCP server from the text of `agent`'s config file. With `saved` and the file exactly as Connect
 * left it, the original comes back byte for byte (`null`: delete the file); otherwise only Baton's entry goes.
 * Text that does not parse is returned unchanged.
 */
export function disconnectMcpServer(agent: BridgeAgent, text: string, saved?: SavedHookFile): HookEdit {
	if (saved && text === saved.connected) {
		return { text: saved.original, changed: saved.original !== text };
	}
	let out: string;
	try {
		out = agent === 'codex' ? removeToml(text) : removeJsonEntry(text, mcpFilePaths[agent]);
	} catch {
		return { text, changed: false };
	}
	if (saved && saved.original === null && (agent === 'codex' ? out.trim() === '' : out.trim() === '{}')) {
		return { text: null, changed: true };
	}
	return { text: out, changed: out !== text };
}

/** True when the text registers Baton's MCP server (for the UI's connected state). */
export function hasBatonMcpServer(agent: BridgeAgent, text: string | undefined): boolean {
	try {
		if (text === undefined || text.trim() === '') return false;
		if (agent === 'codex') return tomlBlock(text) !== undefined;
		return serversOf(text, mcpFilePaths[agent])?.members.some((m) => m.key === mcpServerName && isBatonMcpEntry(nodeValue(m.value))) ?? false;
	} catch {
		return false;
	}
}

function plan(agent: BridgeAgent, before: string | null, after: string | null, error?: unknown): HookFilePlan {
	const path = mcpFilePaths[agent];
	if (error !== undefined) {
		return { agent, path, before, after: before, changed: false, diff: '', error: error instanceof Error ? error.message : String(error) };
	}
	return { agent, path, before, after, changed: before !== after, diff: unifiedDiff(path, before, after) };
}

/** What Connect would do to each CLI's MCP config (`texts[agent]` undefined = no file), for a preview and applying it. */
export function planMcpConnect(texts: Partial<Record<BridgeAgent, string | undefined>>, launchFor: (agent: BridgeAgent) => McpLaunch, agents: readonly BridgeAgent[] = bridgeAgents): HookFilePlan[] {
	return agents.map((agent) => {
		const before = texts[agent] ?? null;
		try {
			return plan(agent, before, connectMcpServer(agent, before ?? undefined, launchFor(agent)).text);
		} catch (error) {
			return plan(agent, before, before, error);
		}
	});
}

/** What Disconnect would do, restoring from `saved` where the file was not edited since Connect. */
export function planMcpDisconnect(texts: Partial<Record<BridgeAgent, string | undefined>>, saved: Partial<Record<BridgeAgent, SavedHookFile>>, agents: readonly BridgeAgent[] = bridgeAgents): HookFilePlan[] {
	return agents.map((agent) => {
		const before = texts[agent] ?? null;
		return before === null ? plan(agent, null, null) : plan(agent, before, disconnectMcpServer(agent, before, saved[agent]).text);
	});
}
