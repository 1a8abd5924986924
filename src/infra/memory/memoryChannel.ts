import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import type { MemoryCall, MemoryReplyMessage } from '../../core/memory/protocol';
import { MemoryError, type MemoryChange, type MemoryErrorCode } from '../../core/memory/types';

/** A local socket endpoint unique to this thread: a named pipe on Windows, else a Unix socket beside `file`. */
export function newEndpoint(file: string): string {
	const name = `baton-mem-${process.pid}-${threadId}-${randomBytes(4).toString('hex')}`;
	if (process.platform === 'win32') {
		return `\\\\.\\pipe\\${name}`;
	}
	const beside = path.join(path.dirname(file), `.${name}.sock`);
	return Buffer.byteLength(beside) < 100 ? beside : path.join(tmpdir(), `${name}.sock`);
}

/** Newline-delimited JSON over a socket. */
export class LineChannel {
	private buffer = '';
	private closed = false;

	constructor(
		readonly socket: net.Socket,
		onMessage: (message: unknown) => void,
		onClose: () => void,
	) {
		socket.setEncoding('utf8');
		socket.setNoDelay(true);
		socket.on('data', (chunk: string) => {
			this.buffer += chunk;
			for (let nl = this.buffer.indexOf('\n'); nl !== -1; nl = this.buffer.indexOf('\n')) {
				const line = this.buffer.slice(0, nl);
				this.buffer = this.buffer.slice(nl + 1);
				let message: unknown;
				try {
					message = JSON.parse(line);
				} catch {
					this.close();
					return;
				}
				onMessage(message);
			}
		});
		const closed = (): void => {
			if (!this.closed) {
				this.closed = true;
				onClose();
			}
		};
		socket.on('close', closed);
		socket.on('error', () => socket.destroy());
	}

	/** Sends one message (dropped once closed). */
	send(message: unknown): void {
		if (!this.closed && !this.socket.destroyed) {
			this.socket.write(`${JSON.stringify(message)}\n`);
		}
	}

	/** Closes the socket at once. */
	close(): void {
		this.socket.destroy();
	}
}

/** Rejection of a forwarded call whose connection to the owning process ended before the reply. */
export class DisconnectedError extends Error {
	override readonly name = 'DisconnectedError';
}

/** An error as plain data, for replies. */
export function errorToWire(error: unknown): { code: MemoryErrorCode; message: string } {
	if (error instanceof MemoryError) {
		return { code: error.code, message: error.message };
	}
	return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/** A client of the process that owns the database: forwards calls and relays its change events. */
export class RemoteOwner {
	private nextId = 1;
	private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();

	private constructor(private channel: LineChannel | null) {}

	/**
	 * Connects to `endpoint` and introduces itself with the owner's lock `nonce`; resolves once welcomed (within
	 * `timeoutMs`). `onEvent` receives the owner's changes; `onClose` fires once when the connection ends.
	 */
	static connect(endpoint: string, nonce: string, timeoutMs: number, onEvent: (change: MemoryChange) => void, onClose: () => void): Promise<RemoteOwner> {
		return new Promise((resolve, reject) => {
			const socket = net.connect(endpoint);
			const owner = new RemoteOwner(null);
			let welcomed = false;
			const timer = setTimeout(() => socket.destroy(), timeoutMs);
			const channel = new LineChannel(
				socket,
				(message) => {
					const m = message as { welcome?: boolean; event?: MemoryChange } & Partial<MemoryReplyMessage>;
					if (!welcomed) {
						welcomed = m.welcome === true;
						clearTimeout(timer);
						if (welcomed) {
							resolve(owner);
						} else {
							socket.destroy();
						}
					} else if (m.event) {
						onEvent(m.event);
					} else if (typeof m.id === 'number') {
						owner.settle(m as MemoryReplyMessage);
					}
				},
				() => {
					clearTimeout(timer);
					owner.channel = null;
					const failure = new DisconnectedError('the owning process went away');
					for (const p of owner.pending.values()) {
						p.reject(failure);
					}
					owner.pending.clear();
					if (welcomed) {
						onClose();
					} else {
						reject(failure);
					}
				},
			);
			owner.channel = channel;
			socket.on('connect', () => channel.send({ hello: nonce }));
		});
	}

	private settle(reply: MemoryReplyMessage): void {
		const p = this.pending.get(reply.id);
		if (!p) {
			return;
		}
		this.pending.delete(reply.id);
		if (reply.ok) {
			p.resolve(reply.result);
		} else {
			p.reject(new MemoryError(reply.error.code, reply.error.message));
		}
	}

	/** Forwards `call`; rejects with `DisconnectedError` if the connection ends first. */
	call(call: MemoryCall): Promise<unknown> {
		const channel = this.channel;
		if (!channel) {
			return Promise.reject(new DisconnectedError('not connected'));
		}
		return new Promise((resolve, reject) => {
			const id = this.nextId++;
			this.pending.set(id, { resolve, reject });
			channel.send({ id, ...call });
		});
	}

	/** Ends the connection. */
	close(): void {
		this.channel?.close();
	}
}
