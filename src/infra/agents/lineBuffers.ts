/** Splits a stream of text chunks into complete lines (LF or CRLF); the last partial line waits for more. */
export class LineSplitter {
	private pending = '';

	constructor(private readonly onLine: (line: string) => void) {}

	push(chunk: string): void {
		const parts = (this.pending + chunk).split('\n');
		this.pending = parts.pop() ?? '';
		for (const part of parts) {
			this.onLine(part.endsWith('\r') ? part.slice(0, -1) : part);
		}
	}

	/** Emits a final line that had no newline. */
	end(): void {
		if (this.pending !== '') {
			const last = this.pending;
			this.pending = '';
			this.onLine(last);
		}
	}
}

/** Keeps the last `maxChars` characters appended to it. */
export class TailBuffer {
	private chunks: string[] = [];
	private length = 0;

	constructor(private readonly maxChars: number) {}

	append(text: string): void {
		this.chunks.push(text);
		this.length += text.length;
		if (this.length > this.maxChars * 2) {
			this.compact();
		}
	}

	text(): string {
		this.compact();
		return this.chunks.join('');
	}

	private compact(): void {
		const all = this.chunks.join('');
		const kept = all.length > this.maxChars ? all.slice(all.length - this.maxChars) : all;
		this.chunks = [kept];
		this.length = kept.length;
	}
}
