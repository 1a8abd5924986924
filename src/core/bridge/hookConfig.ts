import { appendElement, appendMember, detectLayout, memberOf, nodeValue, parseJsonText, removeElement, removeMember, type JsonNode } from './jsonText';
import type { BridgeAgent } from './types';

/** Where each CLI reads project hooks, relative to the workspace folder. */
export const hookFilePaths: Readonly<Record<BridgeAgent, string>> = {
	claude: '.claude/settings.json',
	gemini: '.gemini/settings.json',
	codex: '.codex/hooks.json',
};

/** One event Baton hooks: native name and, for tool events, the matcher of file-writing tools. */
interface HookSpec {
	readonly event: string;
	readonly matcher?: string;
}

/** Events Baton installs per CLI. Tool events match only file-writing tools (shells are not file writes). */
export const batonHookEvents: Readonly<Record<BridgeAgent, readonly HookSpec[]>> = {
	claude: [
		{ event: 'SessionStart' },
		{ event: 'UserPromptSubmit' },
		{ event: 'PreToolUse', matcher: 'Write|Edit|MultiEdit|NotebookEdit' },
		{ event: 'PostToolUse', matcher: 'Write|Edit|MultiEdit|NotebookEdit' },
		{ event: 'Stop' },
		{ event: 'StopFailure' },
		{ event: 'SessionEnd' },
		{ event: 'PreCompact' },
		{ event: 'Notification' },
	],
	gemini: [
		{ event: 'SessionStart' },
		{ event: 'BeforeAgent' },
		{ event: 'BeforeTool', matcher: 'write_file|replace' },
		{ event: 'AfterTool', matcher: 'write_file|replace' },
		{ event: 'AfterAgent' },
		{ event: 'SessionEnd' },
		{ event: 'PreCompress' },
		{ event: 'Notification' },
	],
	codex: [
		{ event: 'SessionStart' },
		{ event: 'UserPromptSubmit' },
		{ event: 'PreToolUse', matcher: 'apply_patch' },
		{ event: 'PostToolUse', matcher: 'apply_patch' },
		{ event: 'Stop' },
		{ event: 'SessionEnd' },
		{ event: 'PreCompact' },
	],
};

/** Hook timeout Baton asks each CLI for: 10 s (the hook itself answers within 1.5 s and fails open). Gemini counts ms. */
const timeouts: Readonly<Record<BridgeAgent, number>> = { claude: 10, gemini: 10_000, codex: 10 };

/**
 * True for a command Baton installed: `<baton executable> hook <agent> <Event>`, where the executable is named
 * `baton` (`baton.cmd`, …) or is the bundled `cli.js` / `hook.js`. That is how Baton's entries are recognised in shared files.
 */
export function isBatonHookCommand(command: unknown): boolean {
	return typeof command === 'string' && /(?:^|[\s"'/\\])(?:baton(?:\.cmd|\.exe|\.js)?|cli\.js|hook\.js)["']?\s+hook\s+(?:claude|gemini|codex)\s+[A-Za-z]+\s*$/i.test(command);
}

/** The command line of one Baton hook. `batonCommand` is how to run the CLI (`baton`, `"/usr/bin/node" "/…/dist/cli.js"`). */
export function batonHookCommand(batonCommand: string, agent: BridgeAgent, event: string): string {
	return `${batonCommand} hook ${agent} ${event}`;
}

function group(agent: BridgeAgent, spec: HookSpec, batonCommand: string): Record<string, unknown> {
	const handler: Record<string, unknown> = { type: 'command', command: batonHookCommand(batonCommand, agent, spec.event), timeout: timeouts[agent] };
	if (agent === 'gemini') {
		handler['name'] = 'baton';
	}
	return spec.matcher === undefined ? { hooks: [handler] } : { matcher: spec.matcher, hooks: [handler] };
}

/** Result of connect/disconnect: the new text (`null` = delete the file) and whether it differs from the input. */
export interface HookEdit {
	readonly text: string | null;
	readonly changed: boolean;
}

/** What the host keeps between connect and disconnect so Disconnect can restore the file byte for byte. */
export interface SavedHookFile {
	/** The file before Connect; null if it did not exist. */
	readonly original: string | null;
	/** The file right after Connect. */
	readonly connected: string;
}

function root(text: string, label: string): Extract<JsonNode, { type: 'object' }> {
	const node = parseJsonText(text);
	if (node.type !== 'object') {
		throw new Error(`${label} does not hold a JSON object; fix it before connecting Baton`);
	}
	return node;
}

/** Location of the first Baton handler in `text`: [event index, group index, handler index], or undefined. */
function findBaton(text: string, label: string, keep?: (command: string, event: string) => boolean): { event: string; groupIndex: number; handlerIndex: number; onlyBaton: boolean } | undefined {
	const hooks = memberOf(root(text, label), 'hooks')?.value;
	if (hooks?.type !== 'object') return undefined;
	for (const member of hooks.members) {
		if (member.value.type !== 'array') continue;
		for (const [groupIndex, g] of member.value.elements.entries()) {
			const handlers = memberOf(g, 'hooks')?.value;
			if (handlers?.type !== 'array') continue;
			const commands = handlers.elements.map((h) => nodeValue(memberOf(h, 'command')?.value ?? { type: 'scalar', start: 0, end: 0, value: null }));
			const handlerIndex = commands.findIndex((c) => isBatonHookCommand(c) && !(keep?.(c as string, member.key) ?? false));
			if (handlerIndex !== -1) {
				return { event: member.key, groupIndex, handlerIndex, onlyBaton: commands.every((c) => isBatonHookCommand(c) && !(keep?.(c as string, member.key) ?? false)) };
			}
		}
	}
	return undefined;
}

/** Removes Baton handlers (those `keep` does not keep), dropping groups, event arrays and `hooks` they leave empty. */
function removeBaton(text: string, label: string, keep?: (command: string, event: string) => boolean): string {
	let out = text;
	for (let guard = 0; guard < 1000; guard++) {
		const hit = findBaton(out, label, keep);
		if (!hit) return out;
		const rootNode = root(out, label);
		const hooksMember = memberOf(rootNode, 'hooks');
		const hooks = hooksMember?.value;
		if (hooks?.type !== 'object' || !hooksMember) return out;
		const eventIndex = hooks.members.map((m) => m.key).lastIndexOf(hit.event);
		const eventArray = hooks.members[eventIndex]?.value;
		if (eventArray?.type !== 'array') return out;
		const g = eventArray.elements[hit.groupIndex];
		const handlers = memberOf(g, 'hooks')?.value;
		if (hit.onlyBaton || handlers?.type !== 'array' || handlers.elements.length === 1) {
			if (eventArray.elements.length > 1) {
				out = removeElement(out, eventArray, hit.groupIndex);
			} else if (hooks.members.length > 1) {
				out = removeMember(out, hooks, eventIndex);
			} else {
				out = removeMember(out, rootNode, rootNode.members.indexOf(hooksMember));
			}
		} else {
			out = removeElement(out, handlers, hit.handlerIndex);
		}
	}
	return out;
}

/**
 * Installs Baton's hooks for `agent` into the text of its settings file (`undefined` = the file does not exist).
 * Merges with the user's hooks and settings by inserting text, so every other byte stays as it was; replaces Baton
 * entries of another `batonCommand`; idempotent (`changed: false` and the same text when already connected).
 * Throws when the existing text is not a JSON object.
 */
export function connectHooks(agent: BridgeAgent, existing: string | undefined, batonCommand: string): { readonly text: string; readonly changed: boolean } {
	const label = hookFilePaths[agent];
	const specs = batonHookEvents[agent];
	const wanted = new Map(specs.map((s) => [s.event, batonHookCommand(batonCommand, agent, s.event)]));
	if (existing === undefined || existing.trim() === '') {
		const hooks = Object.fromEntries(specs.map((s) => [s.event, [group(agent, s, batonCommand)]]));
		const text = `${JSON.stringify({ hooks }, null, 2)}\n`;
		return { text, changed: true };
	}
	let text = removeBaton(existing, label, (command, event) => wanted.get(event) === command);
	const layout = detectLayout(existing);
	for (const spec of specs) {
		const rootNode = root(text, label);
		const hooks = memberOf(rootNode, 'hooks');
		if (!hooks) {
			text = appendMember(text, rootNode, 'hooks', { [spec.event]: [group(agent, spec, batonCommand)] }, layout);
			continue;
		}
		if (hooks.value.type !== 'object') {
			throw new Error(`${label}: "hooks" is not an object; fix it before connecting Baton`);
		}
		const list = memberOf(hooks.value, spec.event)?.value;
		if (!list) {
			text = appendMember(text, hooks.value, spec.event, [group(agent, spec, batonCommand)], layout);
		} else if (list.type !== 'array') {
			throw new Error(`${label}: "hooks.${spec.event}" is not a list; fix it before connecting Baton`);
		} else if (!JSON.stringify(nodeValue(list)).includes(JSON.stringify(wanted.get(spec.event)))) {
			text = appendElement(text, list, group(agent, spec, batonCommand), layout);
		}
	}
	return { text, changed: text !== existing };
}

/**
 * Removes Baton's hooks from the text of `agent`'s settings file. When `saved` is given and the file is still
 * exactly what Connect wrote, the original comes back byte for byte (`null`: it did not exist, delete it).
 * Otherwise exactly Baton's entries are removed in place (groups, event lists and `hooks` they leave empty too).
 * Text that does not parse is returned unchanged.
 */
export function disconnectHooks(agent: BridgeAgent, text: string, saved?: SavedHookFile): HookEdit {
	if (saved && text === saved.connected) {
		return { text: saved.original, changed: saved.original !== text };
	}
	let out: string;
	try {
		out = removeBaton(text, hookFilePaths[agent]);
	} catch {
		return { text, changed: false };
	}
	if (saved && saved.original === null && out.trim() === '{}') {
		return { text: null, changed: true };
	}
	return { text: out, changed: out !== text };
}

/** True when the text holds at least one Baton hook (for the UI's connected state). */
export function hasBatonHooks(agent: BridgeAgent, text: string | undefined): boolean {
	try {
		return text !== undefined && text.trim() !== '' && findBaton(text, hookFilePaths[agent]) !== undefined;
	} catch {
		return false;
	}
}

/** Connect/Disconnect of one CLI's hook settings file. */
export interface CliHookConfig {
	/** Path relative to the workspace folder. */
	readonly path: string;
	connect(existing: string | undefined, batonCommand: string): { readonly text: string; readonly changed: boolean };
	disconnect(text: string, saved?: SavedHookFile): HookEdit;
}

/** {@link connectHooks} / {@link disconnectHooks} bound to each CLI. */
export const hookConfigs: Readonly<Record<BridgeAgent, CliHookConfig>> = {
	claude: { path: hookFilePaths.claude, connect: (e, c) => connectHooks('claude', e, c), disconnect: (t, s) => disconnectHooks('claude', t, s) },
	gemini: { path: hookFilePaths.gemini, connect: (e, c) => connectHooks('gemini', e, c), disconnect: (t, s) => disconnectHooks('gemini', t, s) },
	codex: { path: hookFilePaths.codex, connect: (e, c) => connectHooks('codex', e, c), disconnect: (t, s) => disconnectHooks('codex', t, s) },
};
