/**
 * Pure edits of Claude Code's `settings.json` text that install Baton's statusLine capture and remove it again.
 * The user's own `statusLine` value is kept, byte for byte, inside Baton's command (`--chain <base64url>`), so the
 * capture can run it and removal can put the exact original text back. Only the `statusLine` member is touched.
 */

/** What install or uninstall did. `text` null means: delete the file (install had created it). */
export interface SettingsEdit {
	readonly text: string | null;
	readonly changed: boolean;
	/** The user's statusLine command Baton chains to, when there is one. */
	readonly chained: string | null;
}

/** How the original settings looked, stored in the chain payload. */
interface ChainPayload {
	readonly v: 1;
	/** `r`: replaced an existing value; `i`: inserted a member; `c`: created the file. */
	readonly m: 'r' | 'i' | 'c';
	/** The original value text (mode `r`). */
	readonly o?: string;
	/** Text inserted before the key and after the value (mode `i`). */
	readonly l?: string;
	readonly t?: string;
}

interface Member {
	readonly key: string;
	readonly keyStart: number;
	readonly valueStart: number;
	readonly valueEnd: number;
}

const chainFlag = 'statusline --chain ';
const payloadPattern = /statusline --chain ([A-Za-z0-9_-]+)/;

function skipWs(text: string, i: number): number {
	while (i < text.length && ' \t\r\n'.includes(text[i] as string)) i++;
	return i;
}

function skipString(text: string, i: number): number {
	for (let j = i + 1; j < text.length; j++) {
		const c = text[j];
		if (c === '\\') j++;
		else if (c === '"') return j + 1;
	}
	throw new SyntaxError('unterminated string');
}

function skipValue(text: string, i: number): number {
	const c = text[i];
	if (c === '"') return skipString(text, i);
	if (c === '{' || c === '[') {
		const close = c === '{' ? '}' : ']';
		let j = skipWs(text, i + 1);
		if (text[j] === close) return j + 1;
		for (;;) {
			if (c === '{') {
				j = skipWs(text, skipString(text, j));
				j = skipWs(text, j + 1);
			}
			j = skipWs(text, skipValue(text, j));
			if (text[j] === close) return j + 1;
			j = skipWs(text, j + 1);
		}
	}
	const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
	if (!m) throw new SyntaxError(`unexpected character at ${i}`);
	return i + m[0].length;
}

/** Top-level members of a JSON object text with their positions; throws on text that is not a JSON object. */
function topMembers(text: string): { open: number; close: number; members: Member[] } {
	const parsed: unknown = JSON.parse(text);
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new SyntaxError('settings.json is not a JSON object');
	}
	const open = skipWs(text, 0);
	const members: Member[] = [];
	let j = skipWs(text, open + 1);
	while (text[j] !== '}') {
		const keyEnd = skipString(text, j);
		const key = JSON.parse(text.slice(j, keyEnd)) as string;
		const valueStart = skipWs(text, skipWs(text, keyEnd) + 1);
		const valueEnd = skipValue(text, valueStart);
		members.push({ key, keyStart: j, valueStart, valueEnd });
		j = skipWs(text, valueEnd);
		if (text[j] === ',') j = skipWs(text, j + 1);
	}
	return { open, close: j, members };
}

/** UTF-8 text → base64url without padding (no Node `Buffer`, so this stays runtime-neutral). */
function toBase64Url(text: string): string {
	let binary = '';
	for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
	const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
	return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

function encode(payload: ChainPayload): string {
	return toBase64Url(JSON.stringify(payload));
}

/** The payload carried by a Baton statusLine command, or null when `command` is not Baton's. */
function decodePayload(command: string): ChainPayload | null {
	const m = payloadPattern.exec(command);
	if (!m?.[1]) return null;
	try {
		const value = JSON.parse(fromBase64Url(m[1])) as ChainPayload;
		return value && value.v === 1 && ['r', 'i', 'c'].includes(value.m) ? value : null;
	} catch {
		return null;
	}
}

function commandOf(valueText: string): string | null {
	try {
		const value = JSON.parse(valueText) as { type?: unknown; command?: unknown } | null;
		return value && typeof value === 'object' && typeof value.command === 'string' && (value.type === undefined || value.type === 'command') ? value.command : null;
	} catch {
		return null;
	}
}

/** The user's command a Baton `--chain` argument stands for (null when there is none, e.g. Baton inserted the member). */
export function chainedCommandOf(chainArg: string): string | null {
	const payload = decodePayload(`${chainFlag}${chainArg}`);
	return payload?.m === 'r' && payload.o !== undefined ? commandOf(payload.o) : null;
}

/** Baton's statusLine value text: `{"type":"command","command":"<prefix> statusline --chain …"}`, keeping the user's padding. */
function batonValue(commandPrefix: string, payload: ChainPayload): string {
	let padding: unknown;
	if (payload.o !== undefined) {
		try {
			padding = (JSON.parse(payload.o) as { padding?: unknown }).padding;
		} catch {
			padding = undefined;
		}
	}
	return JSON.stringify({ type: 'command', command: `${commandPrefix} ${chainFlag}${encode(payload)}`, ...(typeof padding === 'number' ? { padding } : {}) });
}

/** True when the settings text has Baton's statusLine installed. */
export function isBatonStatuslineInstalled(text: string | null): boolean {
	if (text === null || text.trim() === '') return false;
	const member = topMembers(text).members.find((m) => m.key === 'statusLine');
	const command = member ? commandOf(text.slice(member.valueStart, member.valueEnd)) : null;
	return command !== null && decodePayload(command) !== null;
}

/**
 * Installs Baton's capture into settings text (`null` when the file does not exist). `commandPrefix` runs the
 * Baton CLI, e.g. `"/usr/bin/node" "/…/dist/cli.js"` or `baton`. An existing statusLine becomes the chained
 * command; an already installed Baton statusLine only gets the new prefix. Throws `SyntaxError` for text that is
 * not a JSON object, leaving the decision (and the file) to the caller.
 */
export function installStatusline(text: string | null, commandPrefix: string): SettingsEdit {
	if (text === null || text.trim() === '') {
		const value = batonValue(commandPrefix, { v: 1, m: 'c' });
		return { text: `{\n  "statusLine": ${value}\n}\n`, changed: true, chained: null };
	}
	const { open, close, members } = topMembers(text);
	const member = members.find((m) => m.key === 'statusLine');
	if (member) {
		const current = text.slice(member.valueStart, member.valueEnd);
		const existing = commandOf(current);
		const payload: ChainPayload = (existing !== null ? decodePayload(existing) : null) ?? { v: 1, m: 'r', o: current };
		const value = batonValue(commandPrefix, payload);
		const chained = payload.m === 'r' && payload.o !== undefined ? commandOf(payload.o) : null;
		return { text: text.slice(0, member.valueStart) + value + text.slice(member.valueEnd), changed: value !== current, chained };
	}
	const last = members[members.length - 1];
	const first = members[0];
	const eol = text.includes('\r\n') ? '\r\n' : '\n';
	const indent = first ? text.slice(text.lastIndexOf('\n', first.keyStart) + 1, first.keyStart).replace(/[^ \t]/g, '') : '  ';
	const lead = last ? `,${first && text.slice(open + 1, first.keyStart).includes('\n') ? eol + indent : ' '}` : `${eol}${indent}`;
	const trail = last || text.slice(open + 1, close).includes('\n') ? '' : eol;
	const at = last ? last.valueEnd : open + 1;
	const value = batonValue(commandPrefix, { v: 1, m: 'i', l: lead, t: trail });
	return { text: `${text.slice(0, at)}${lead}"statusLine": ${value}${trail}${text.slice(at)}`, changed: true, chained: null };
}

/**
 * Removes Baton's capture: puts the original statusLine value back byte for byte, or removes the member Baton
 * inserted (with exactly the text it inserted, when untouched). `text: null` when Baton had created the file and
 * nothing else was added since. Unchanged when Baton's statusLine is not installed.
 */
export function uninstallStatusline(text: string | null): SettingsEdit {
	if (text === null || text.trim() === '') return { text, changed: false, chained: null };
	const { members } = topMembers(text);
	const member = members.find((m) => m.key === 'statusLine');
	const command = member ? commandOf(text.slice(member.valueStart, member.valueEnd)) : null;
	const payload = command === null ? null : decodePayload(command);
	if (!member || !payload) return { text, changed: false, chained: null };
	if (payload.m === 'r' && payload.o !== undefined) {
		return { text: text.slice(0, member.valueStart) + payload.o + text.slice(member.valueEnd), changed: true, chained: commandOf(payload.o) };
	}
	if (payload.m === 'c' && members.length === 1) return { text: null, changed: true, chained: null };
	const lead = payload.l ?? '';
	const trail = payload.t ?? '';
	if (payload.m === 'i' && text.slice(member.keyStart - lead.length, member.keyStart) === lead && text.slice(member.valueEnd, member.valueEnd + trail.length) === trail) {
		return { text: text.slice(0, member.keyStart - lead.length) + text.slice(member.valueEnd + trail.length), changed: true, chained: null };
	}
	// Edited since: remove the member and one separating comma, keeping valid JSON.
	const index = members.indexOf(member);
	const previous = members[index - 1];
	const next = members[index + 1];
	const from = previous ? previous.valueEnd : member.keyStart;
	const to = previous ? member.valueEnd : next ? next.keyStart : member.valueEnd;
	return { text: text.slice(0, from) + text.slice(to), changed: true, chained: null };
}
