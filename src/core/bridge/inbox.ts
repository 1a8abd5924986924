import type { BridgeAgent, BridgeMessage } from './types';

/** Default lifetime of an undelivered message: 24 hours. */
export const defaultMessageTtlMs = 24 * 3600_000;
/** Most messages kept. */
export const maxMessages = 500;
/** Longest message text kept, in characters. */
export const maxMessageText = 8000;

/** The reader of an inbox. */
export interface InboxReader {
	readonly sessionId: string;
	readonly agent: BridgeAgent;
}

/**
 * Agent-to-agent messages. Addressing: a session id (that session), an agent id (`claude`, …: the first session of
 * that agent to read it consumes it, like a work queue), or `*` (every session other than the sender's, once each).
 * A sender never receives its own message. Pure: time comes in as arguments.
 */
export class Inbox {
	private messages: BridgeMessage[] = [];
	private readonly readBy = new Map<string, Set<string>>();
	private readonly consumed = new Set<string>();

	constructor(private readonly ttlMs: number = defaultMessageTtlMs) {}

	/** Stores a message. */
	add(message: BridgeMessage): void {
		this.messages.push({ ...message, text: message.text.slice(0, maxMessageText) });
		if (this.messages.length > maxMessages) {
			for (const dropped of this.messages.splice(0, this.messages.length - maxMessages)) {
				this.forget(dropped.id);
			}
		}
	}

	/** Messages for `reader` it has not read yet, oldest first; marks them read when `markRead`. */
	unread(reader: InboxReader, now: Date, markRead: boolean): BridgeMessage[] {
		this.prune(now);
		const found = this.messages.filter((m) => this.isFor(m, reader) && !this.readBy.get(m.id)?.has(reader.sessionId) && !this.consumed.has(m.id));
		if (markRead) {
			for (const m of found) {
				if (m.to === reader.agent) {
					this.consumed.add(m.id);
				}
				const set = this.readBy.get(m.id) ?? new Set<string>();
				set.add(reader.sessionId);
				this.readBy.set(m.id, set);
			}
		}
		return found;
	}

	/** Every stored message, oldest first (for the UI). */
	all(): readonly BridgeMessage[] {
		return this.messages;
	}

	private isFor(m: BridgeMessage, reader: InboxReader): boolean {
		if (m.from.sessionId === reader.sessionId) {
			return false;
		}
		return m.to === reader.sessionId || m.to === reader.agent || m.to === '*';
	}

	private prune(now: Date): void {
		const cutoff = now.getTime() - this.ttlMs;
		const keep = this.messages.filter((m) => Date.parse(m.at) >= cutoff);
		if (keep.length !== this.messages.length) {
			for (const m of this.messages) {
				if (!keep.includes(m)) this.forget(m.id);
			}
			this.messages = keep;
		}
	}

	private forget(id: string): void {
		this.readBy.delete(id);
		this.consumed.delete(id);
	}
}
