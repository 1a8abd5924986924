import { open, stat } from 'node:fs/promises';

/** What one read of a tailed file produced. */
export interface TailRead {
	/** The file was replaced (new inode), truncated or rewritten: everything read before is void and `lines` start over. */
	readonly reset: boolean;
	/** The file is gone (not found); the caller should forget it. */
	readonly gone: boolean;
	/** Complete lines appended since the last read, without line breaks (`\n`, `\r\n` or a lone `\r`, as `readline`). */
	readonly lines: readonly string[];
}

const chunkBytes = 8 * 1024 * 1024;
const headBytes = 256;
const empty = Buffer.alloc(0);

/** Splits decoded text on `\n`, `\r\n` and lone `\r` (Node `readline` semantics). */
function splitText(text: string, out: string[]): void {
	let start = 0;
	for (;;) {
		const nl = text.indexOf('\n', start);
		if (nl === -1) {
			break;
		}
		const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
		pushLine(text.slice(start, end), out);
		start = nl + 1;
	}
	if (start < text.length) {
		const rest = text.slice(start);
		pushLine(rest.endsWith('\r') ? rest.slice(0, -1) : rest, out);
	}
}

function pushLine(line: string, out: string[]): void {
	if (line.includes('\r')) {
		out.push(...line.split('\r'));
	} else {
		out.push(line);
	}
}

/**
 * Reads a growing JSONL file incrementally: each `read()` returns only the complete lines appended since the previous
 * one, keeping a partial last line until its newline arrives — unless it already parses as JSON (a file whose last
 * line has no newline, as `readline` would still deliver it). Rotation (new inode), truncation (smaller size) and
 * rewrites (the first bytes changed) restart from the beginning with `reset: true`.
 */
export class JsonlTailer {
	private offset = 0;
	private pending: Buffer = empty;
	private identity: string | null = null;
	private head: Buffer = empty;

	constructor(readonly path: string) {}

	/** Bytes consumed so far (including a held partial line). */
	get position(): number {
		return this.offset;
	}

	/** Reads what was appended since the last call. Never throws for a missing file (`gone`). */
	async read(): Promise<TailRead> {
		let info: { dev: number; ino: number; size: number };
		try {
			info = await stat(this.path);
		} catch {
			const hadData = this.identity !== null;
			this.forget();
			return { reset: hadData, gone: true, lines: [] };
		}
		const identity = `${info.dev}:${info.ino}`;
		let reset = false;
		if (this.identity !== null && (identity !== this.identity || info.size < this.offset)) {
			reset = true;
			this.forget();
		}
		this.identity = identity;
		if (info.size === this.offset) {
			return { reset, gone: false, lines: [] };
		}
		const handle = await open(this.path, 'r');
		try {
			if (this.offset > 0 && this.head.length > 0 && !(await this.sameHead(handle))) {
				reset = true;
				this.forget();
				this.identity = identity;
			}
			const lines: string[] = [];
			const end = info.size;
			while (this.offset < end) {
				const length = Math.min(chunkBytes, end - this.offset);
				const buffer = Buffer.allocUnsafe(length);
				const { bytesRead } = await handle.read(buffer, 0, length, this.offset);
				if (bytesRead === 0) {
					break;
				}
				if (this.head.length < headBytes && this.offset === 0) {
					this.head = Buffer.from(buffer.subarray(0, Math.min(headBytes, bytesRead)));
				}
				this.offset += bytesRead;
				this.consume(buffer.subarray(0, bytesRead), lines);
			}
			this.takeCompleteTail(lines);
			return { reset, gone: false, lines };
		} finally {
			await handle.close();
		}
	}

	private consume(chunk: Buffer, lines: string[]): void {
		const lastNl = chunk.lastIndexOf(10);
		if (lastNl === -1) {
			this.pending = this.pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.pending, chunk]);
			return;
		}
		const complete = this.pending.length === 0 ? chunk.subarray(0, lastNl + 1) : Buffer.concat([this.pending, chunk.subarray(0, lastNl + 1)]);
		splitText(complete.toString('utf8'), lines);
		this.pending = lastNl + 1 < chunk.length ? Buffer.from(chunk.subarray(lastNl + 1)) : empty;
	}

	/** A held last line that is complete JSON already is delivered (the writer may never add its newline). */
	private takeCompleteTail(lines: string[]): void {
		if (this.pending.length === 0) {
			return;
		}
		const text = this.pending.toString('utf8');
		if (text.trim() === '') {
			return;
		}
		try {
			JSON.parse(text);
		} catch {
			return;
		}
		splitText(text, lines);
		this.pending = empty;
	}

	private async sameHead(handle: Awaited<ReturnType<typeof open>>): Promise<boolean> {
		const buffer = Buffer.alloc(this.head.length);
		const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
		return bytesRead === this.head.length && buffer.equals(this.head);
	}

	private forget(): void {
		this.offset = 0;
		this.pending = empty;
		this.identity = null;
		this.head = empty;
	}
}
