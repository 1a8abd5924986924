/**
 * JSON-RPC base-protocol framing (`Content-Length: N\r\n\r\n<N bytes of UTF-8 JSON>`), the wire format of
 * vscode-jsonrpc's socket reader and writer. Hand-rolled here so the `baton` CLI does not load vscode-jsonrpc on
 * every hook call.
 */

/** One framed message. */
export function encodeFrame(message: unknown): Buffer {
	const body = Buffer.from(JSON.stringify(message), 'utf8');
	return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/** Raised when the peer sends something that is not a frame (or a frame above the size limit). */
export class FrameError extends Error {
	override readonly name = 'FrameError';
}

/** Incremental decoder: push bytes, get complete messages (parsed JSON) back. */
export class FrameDecoder {
	private buffer: Buffer = Buffer.alloc(0);

	constructor(private readonly maxFrameBytes: number = 16 * 1024 * 1024) {}

	/** Adds bytes; returns the messages completed by them. Throws {@link FrameError} on garbage. */
	push(chunk: Buffer): unknown[] {
		this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
		const out: unknown[] = [];
		for (;;) {
			const frame = this.next();
			if (frame === undefined) return out;
			out.push(frame);
		}
	}

	/** Bytes received after the last complete frame. */
	rest(): Buffer {
		return this.buffer;
	}

	private next(): unknown {
		const headerEnd = this.buffer.indexOf('\r\n\r\n');
		if (headerEnd === -1) {
			if (this.buffer.length > 1024) throw new FrameError('header too long');
			return undefined;
		}
		const header = this.buffer.subarray(0, headerEnd).toString('ascii');
		const match = /(?:^|\r\n)Content-Length:\s*(\d+)\s*(?:\r\n|$)/i.exec(header);
		if (!match) throw new FrameError('frame without Content-Length');
		const length = Number(match[1]);
		if (length > this.maxFrameBytes) throw new FrameError(`frame of ${length} bytes exceeds ${this.maxFrameBytes}`);
		const start = headerEnd + 4;
		if (this.buffer.length < start + length) return undefined;
		const body = this.buffer.subarray(start, start + length).toString('utf8');
		this.buffer = this.buffer.subarray(start + length);
		try {
			return JSON.parse(body) as unknown;
		} catch {
			throw new FrameError('frame body is not JSON');
		}
	}
}
