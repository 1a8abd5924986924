import type { BridgeAgent, BusEvent, BusEventData, BusEventType, BusFilter } from './types';

/** Default number of events the bus keeps. */
export const defaultBusCapacity = 1000;

/** Something to call to stop listening. */
export interface Unsubscribe {
	dispose(): void;
}

/** True when `event` passes `filter`. */
export function matchesFilter(event: BusEvent, filter: BusFilter | undefined): boolean {
	if (!filter) {
		return true;
	}
	return (
		(filter.agent === undefined || event.agent === filter.agent) &&
		(filter.sessionId === undefined || event.sessionId === filter.sessionId) &&
		(filter.types === undefined || filter.types.includes(event.type)) &&
		(filter.afterSeq === undefined || event.seq > filter.afterSeq)
	);
}

/**
 * The event bus: a ring buffer of the last `capacity` events plus synchronous subscribers. Pure; the caller supplies
 * timestamps. A throwing listener is reported through `onListenerError` and does not stop the others.
 */
export class EventBus {
	private readonly ring: (BusEvent | undefined)[];
	private next = 0;
	private seq = 0;
	private readonly listeners = new Set<{ readonly listener: (event: BusEvent) => void; readonly filter: BusFilter | undefined }>();

	constructor(
		private readonly capacity: number = defaultBusCapacity,
		private readonly onListenerError: (error: unknown) => void = () => undefined,
	) {
		this.ring = new Array<BusEvent | undefined>(Math.max(1, capacity));
	}

	/** Appends an event (next `seq`) and notifies matching subscribers; returns it. */
	publish<T extends BusEventType>(type: T, at: Date, agent: BridgeAgent | 'user' | null, sessionId: string | null, data: BusEventData[T]): BusEvent {
		this.seq += 1;
		const event = { seq: this.seq, type, at: at.toISOString(), agent, sessionId, data } as BusEvent;
		this.ring[this.next] = event;
		this.next = (this.next + 1) % this.ring.length;
		for (const { listener, filter } of [...this.listeners]) {
			if (matchesFilter(event, filter)) {
				try {
					listener(event);
				} catch (error) {
					this.onListenerError(error);
				}
			}
		}
		return event;
	}

	/** Buffered events passing `filter`, oldest first; at most `limit` (the newest ones). */
	events(filter?: BusFilter, limit = this.capacity): BusEvent[] {
		const ordered: BusEvent[] = [];
		for (let i = 0; i < this.ring.length; i++) {
			const event = this.ring[(this.next + i) % this.ring.length];
			if (event && matchesFilter(event, filter)) {
				ordered.push(event);
			}
		}
		return limit >= ordered.length ? ordered : ordered.slice(ordered.length - Math.max(0, limit));
	}

	/** Sequence number of the newest event (0 before the first). */
	get lastSeq(): number {
		return this.seq;
	}

	/** Calls `listener` for every later event passing `filter`. */
	subscribe(listener: (event: BusEvent) => void, filter?: BusFilter): Unsubscribe {
		const entry = { listener, filter };
		this.listeners.add(entry);
		return { dispose: () => void this.listeners.delete(entry) };
	}
}
