/**
 * Entry point of the memory worker thread (bundled as `dist/memoryWorker.js`). Receives `MemoryHostOptions` as
 * `workerData`, answers `{ id, method, params }` requests with `MemoryReplyMessage`s, pushes `{ event }` changes, and
 * on `{ close: id }` flushes and replies `{ id, ok: true }`. The first message is `MemoryReadyMessage`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MemoryReadyMessage } from '../../core/memory/protocol';
import { errorToWire } from './memoryChannel';
import { MemoryHost, type MemoryHostCall, type MemoryHostOptions } from './memoryHost';

/** A message from the store on the main thread. */
type Inbound = (MemoryHostCall & { readonly id: number }) | { readonly id: number; readonly close: true };

function serve(port: NonNullable<typeof parentPort>, options: MemoryHostOptions): void {
	MemoryHost.start(options, (change) => port.postMessage({ event: change })).then(
		(host) => {
			port.postMessage({ ready: host.opened } satisfies MemoryReadyMessage);
			port.on('message', (message: Inbound) => {
				if ('close' in message) {
					host.close().then(
						() => port.postMessage({ id: message.id, ok: true, result: null }),
						(error: unknown) => port.postMessage({ id: message.id, ok: false, error: errorToWire(error) }),
					);
					return;
				}
				const { id, ...call } = message;
				host.call(call as MemoryHostCall).then(
					(result) => port.postMessage({ id, ok: true, result: result ?? null }),
					(error: unknown) => port.postMessage({ id, ok: false, error: errorToWire(error) }),
				);
			});
		},
		(error: unknown) => port.postMessage({ failed: error instanceof Error ? error.message : String(error) } satisfies MemoryReadyMessage),
	);
}

if (parentPort) {
	serve(parentPort, workerData as MemoryHostOptions);
}
