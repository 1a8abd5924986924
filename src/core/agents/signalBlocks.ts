/**
 * Splits captured CLI output (stdout and stderr, any mix) into parsed JSON values and plain text lines, in input
 * order. Handles one JSON document (compact or pretty-printed), JSON Lines, pretty-printed objects between plain
 * lines (Gemini prints its error JSON after stack traces on stderr) and a JSON object trailing a text prefix on one
 * line (`Error: 429 {"type":"error",…}`). Linear in the input size; never throws.
 */

/** A piece of the input: `json` holds a parsed value, `text` a plain line. `order` is its line index. */
export type Piece = { readonly order: number; readonly json: unknown; readonly text?: undefined } | { readonly order: number; readonly text: string; readonly json?: undefined };

const ansi = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

function tryParse(text: string): { value: unknown } | null {
	try {
		return { value: JSON.parse(text) as unknown };
	} catch {
		return null;
	}
}

function isContainer(value: unknown): boolean {
	return typeof value === 'object' && value !== null;
}

/** For each line index, the index of the next line that closes a block opened at the same indent with `{`/`[`. */
function closingLines(lines: readonly string[]): Int32Array {
	const next = new Int32Array(lines.length).fill(-1);
	const seen = new Map<string, number>();
	for (let i = lines.length - 1; i >= 0; i--) {
		const line = lines[i] ?? '';
		const trimmed = line.trim();
		const indent = line.slice(0, line.length - line.trimStart().length);
		if (trimmed === '{' || trimmed === '[') {
			next[i] = seen.get(`${indent}${trimmed === '{' ? '}' : ']'}`) ?? -1;
		}
		if (trimmed === '}' || trimmed === ']' || trimmed === '},' || trimmed === '],') {
			seen.set(`${indent}${trimmed.charAt(0)}`, i);
		}
	}
	return next;
}

/** A JSON value at the end of a text line (`prefix {…}`), or null. */
function trailingJson(line: string): unknown {
	const trimmed = line.trimEnd();
	if (!trimmed.endsWith('}') || trimmed.length > 200_000) {
		return null;
	}
	const start = trimmed.indexOf('{');
	if (start <= 0) {
		return null;
	}
	const parsed = tryParse(trimmed.slice(start));
	return parsed && isContainer(parsed.value) ? parsed.value : null;
}

/** Removes ANSI colour and OSC escape sequences. */
export function stripAnsi(text: string): string {
	return text.includes('\u001b') ? text.replace(ansi, '') : text;
}

/** The pieces of `text` in input order (see the module comment). */
export function splitPieces(text: string): Piece[] {
	const clean = stripAnsi(text);
	const whole = clean.trim();
	if (whole.startsWith('{') || whole.startsWith('[')) {
		const parsed = tryParse(whole);
		if (parsed && isContainer(parsed.value)) {
			return [{ order: 0, json: parsed.value }];
		}
	}
	const lines = clean.split(/\r?\n|\r/);
	const closers = closingLines(lines);
	const pieces: Piece[] = [];
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i] ?? '';
		const trimmed = line.trim();
		if (trimmed === '') {
			continue;
		}
		const close = closers[i] ?? -1;
		if (close > i) {
			const parsed = tryParse(lines.slice(i, close + 1).join('\n').replace(/,\s*$/, ''));
			if (parsed && isContainer(parsed.value)) {
				pieces.push({ order: i, json: parsed.value });
			} else {
				for (let j = i; j <= close; j++) {
					pieces.push({ order: j, text: lines[j] ?? '' });
				}
			}
			i = close;
			continue;
		}
		if ((trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']'))) {
			const parsed = tryParse(trimmed);
			if (parsed && isContainer(parsed.value)) {
				pieces.push({ order: i, json: parsed.value });
				continue;
			}
		}
		const trailing = trailingJson(trimmed);
		if (trailing !== null) {
			pieces.push({ order: i, json: trailing });
		}
		pieces.push({ order: i, text: line });
	}
	return pieces;
}
