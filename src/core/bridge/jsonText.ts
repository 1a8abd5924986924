/**
 * A small JSON (with comments) parser that keeps source offsets, and text edits that add or remove one member or
 * element while leaving every other byte of the file alone. Used to install hooks into settings files the user
 * formats by hand: an insertion followed by the matching removal gives back the original text.
 */

/** A parsed value with its source span `[start, end)`. */
export type JsonNode =
	| { readonly type: 'object'; readonly start: number; readonly end: number; readonly members: readonly JsonMember[] }
	| { readonly type: 'array'; readonly start: number; readonly end: number; readonly elements: readonly JsonNode[] }
	| { readonly type: 'scalar'; readonly start: number; readonly end: number; readonly value: string | number | boolean | null };

/** An object member: key, where the key starts, and the value node. */
export interface JsonMember {
	readonly key: string;
	readonly keyStart: number;
	readonly value: JsonNode;
}

/** Object node type. */
export type JsonObjectNode = Extract<JsonNode, { type: 'object' }>;
/** Array node type. */
export type JsonArrayNode = Extract<JsonNode, { type: 'array' }>;

/** Raised for text that is not JSON (comments and trailing commas are accepted). */
export class JsonSyntaxError extends Error {
	override readonly name = 'JsonSyntaxError';
}

/** Parses `text` (JSON, `//` and block comments, trailing commas) into a node tree with offsets. */
export function parseJsonText(text: string): JsonNode {
	let i = 0;
	const fail = (what: string): never => {
		throw new JsonSyntaxError(`${what} at offset ${i}`);
	};
	const skip = (): void => {
		for (;;) {
			while (i < text.length && /\s/.test(text[i] as string)) i++;
			if (text.startsWith('//', i)) {
				const nl = text.indexOf('\n', i);
				i = nl === -1 ? text.length : nl;
			} else if (text.startsWith('/*', i)) {
				const close = text.indexOf('*/', i + 2);
				if (close === -1) fail('unterminated comment');
				i = close + 2;
			} else {
				return;
			}
		}
	};
	const string = (): string => {
		const start = i;
		i++;
		while (i < text.length && text[i] !== '"') {
			i += text[i] === '\\' ? 2 : 1;
		}
		if (i >= text.length) fail('unterminated string');
		i++;
		try {
			return JSON.parse(text.slice(start, i)) as string;
		} catch {
			return fail('invalid string');
		}
	};
	const value = (): JsonNode => {
		skip();
		const start = i;
		const c = text[i];
		if (c === '{') {
			i++;
			const members: JsonMember[] = [];
			for (;;) {
				skip();
				if (text[i] === '}') break;
				if (text[i] !== '"') fail('expected a key');
				const keyStart = i;
				const key = string();
				skip();
				if (text[i] !== ':') fail('expected ":"');
				i++;
				members.push({ key, keyStart, value: value() });
				skip();
				if (text[i] === ',') i++;
				else if (text[i] !== '}') fail('expected "," or "}"');
			}
			i++;
			return { type: 'object', start, end: i, members };
		}
		if (c === '[') {
			i++;
			const elements: JsonNode[] = [];
			for (;;) {
				skip();
				if (text[i] === ']') break;
				elements.push(value());
				skip();
				if (text[i] === ',') i++;
				else if (text[i] !== ']') fail('expected "," or "]"');
			}
			i++;
			return { type: 'array', start, end: i, elements };
		}
		if (c === '"') {
			const value = string();
			return { type: 'scalar', start, end: i, value };
		}
		const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
		if (!m) fail('unexpected character');
		i += (m as RegExpExecArray)[0].length;
		return { type: 'scalar', start, end: i, value: JSON.parse((m as RegExpExecArray)[0]) as number | boolean | null };
	};
	const root = value();
	skip();
	if (i !== text.length) fail('unexpected text after the value');
	return root;
}

/** The plain value of a node. */
export function nodeValue(node: JsonNode): unknown {
	if (node.type === 'scalar') return node.value;
	if (node.type === 'array') return node.elements.map(nodeValue);
	return Object.fromEntries(node.members.map((m) => [m.key, nodeValue(m.value)]));
}

/** The member `key` of an object node, if present (the last one wins, as in JSON.parse). */
export function memberOf(node: JsonNode | undefined, key: string): JsonMember | undefined {
	return node?.type === 'object' ? [...node.members].reverse().find((m) => m.key === key) : undefined;
}

/** How the file is laid out: indent unit and line ending. */
export interface JsonLayout {
	readonly unit: string;
	readonly eol: string;
}

/** Detects the indent unit (smallest leading whitespace; tab if tabs are used) and line ending of `text`. */
export function detectLayout(text: string): JsonLayout {
	const eol = text.includes('\r\n') ? '\r\n' : '\n';
	const indents = text
		.split(/\r?\n/)
		.map((l) => /^([ \t]+)\S/.exec(l)?.[1])
		.filter((s): s is string => s !== undefined);
	if (indents.some((s) => s.startsWith('\t'))) return { unit: '\t', eol };
	const spaces = indents.map((s) => s.length).filter((n) => n > 0);
	return { unit: spaces.length > 0 ? ' '.repeat(Math.min(...spaces)) : '  ', eol };
}

function lineIndent(text: string, offset: number): string {
	const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
	return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

function isMultiline(text: string, node: JsonNode): boolean {
	return text.slice(node.start, node.end).includes('\n');
}

/** One-line JSON with a space after `:` and `,` (the style of hand-written one-liners). */
function compact(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(compact).join(', ')}]`;
	if (typeof value === 'object' && value !== null) {
		return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${compact(v)}`).join(', ')}}`;
	}
	return JSON.stringify(value);
}

function render(value: unknown, indent: string, layout: JsonLayout, multiline: boolean): string {
	return multiline ? JSON.stringify(value, null, layout.unit).split('\n').join(`${layout.eol}${indent}`) : compact(value);
}

function splice(text: string, start: number, end: number, insert: string): string {
	return text.slice(0, start) + insert + text.slice(end);
}

/** Inserts `piece` (a member `"key": value` or an element) after the last entry of a container, or fills an empty one. */
function append(text: string, container: JsonObjectNode | JsonArrayNode, entryStarts: readonly number[], lastEnd: number | undefined, piece: (indent: string, multiline: boolean) => string, layout: JsonLayout): string {
	const [open, close] = container.type === 'object' ? ['{', '}'] : ['[', ']'];
	if (lastEnd === undefined) {
		const outer = lineIndent(text, container.start);
		const inner = outer + layout.unit;
		return splice(text, container.start, container.end, `${open}${layout.eol}${inner}${piece(inner, true)}${layout.eol}${outer}${close}`);
	}
	const multiline = isMultiline(text, container);
	const firstStart = entryStarts[0] as number;
	const indent = multiline ? lineIndent(text, firstStart) : '';
	return splice(text, lastEnd, lastEnd, multiline ? `,${layout.eol}${indent}${piece(indent, true)}` : `, ${piece('', false)}`);
}

/** Adds member `key: value` at the end of `object`. */
export function appendMember(text: string, object: JsonObjectNode, key: string, value: unknown, layout: JsonLayout): string {
	const last = object.members[object.members.length - 1];
	return append(text, object, object.members.map((m) => m.keyStart), last?.value.end, (indent, ml) => `${JSON.stringify(key)}: ${render(value, indent, layout, ml)}`, layout);
}

/** Adds `value` at the end of `array`. */
export function appendElement(text: string, array: JsonArrayNode, value: unknown, layout: JsonLayout): string {
	const last = array.elements[array.elements.length - 1];
	return append(text, array, array.elements.map((e) => e.start), last?.end, (indent, ml) => render(value, indent, layout, ml), layout);
}

/** Removes entry `index` of a container (the exact inverse of an append at that position); the only entry leaves `{}` / `[]`. */
function removeEntry(text: string, container: JsonObjectNode | JsonArrayNode, starts: readonly number[], ends: readonly number[], index: number): string {
	if (starts.length === 1) {
		return splice(text, container.start, container.end, container.type === 'object' ? '{}' : '[]');
	}
	if (index > 0) {
		return splice(text, ends[index - 1] as number, ends[index] as number, '');
	}
	return splice(text, starts[0] as number, starts[1] as number, '');
}

/** Removes member `index` of `object`. */
export function removeMember(text: string, object: JsonObjectNode, index: number): string {
	return removeEntry(text, object, object.members.map((m) => m.keyStart), object.members.map((m) => m.value.end), index);
}

/** Removes element `index` of `array`. */
export function removeElement(text: string, array: JsonArrayNode, index: number): string {
	return removeEntry(text, array, array.elements.map((e) => e.start), array.elements.map((e) => e.end), index);
}
