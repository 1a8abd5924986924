import { dirname } from 'node:path';
import { checkpointSpoolRecord, parseSpooledCheckpoints, type SpooledCheckpoint } from '../../core/bridge/protocol';
import { ensurePrivateDir } from './discovery';
import { appendToSpool, ingestSpool, spoolSize } from './spool';

/**
 * Appends a checkpoint to the workspace's checkpoint spool (fsync'd, 0600 in the private bridges folder). False when
 * the spool is full.
 */
export function spoolCheckpoint(file: string, checkpoint: SpooledCheckpoint): boolean {
	ensurePrivateDir(dirname(file));
	return appendToSpool(file, checkpointSpoolRecord(checkpoint));
}

/** What a flush did. */
export interface FlushResult {
	readonly sent: number;
	/** Checkpoints put back because sending failed (retried at the next flush). */
	readonly kept: number;
}

/**
 * Sends spooled checkpoints with `send`, oldest first. The spool is taken atomically (concurrent appends and other
 * flushing servers are safe); at the first failure that checkpoint and the rest are appended again, so none is lost.
 */
export async function flushCheckpoints(file: string, send: (checkpoint: SpooledCheckpoint) => Promise<void>): Promise<FlushResult> {
	if ((await spoolSize(file)) === 0) {
		return { sent: 0, kept: 0 };
	}
	let sent = 0;
	let kept = 0;
	await ingestSpool(file, async (records) => {
		const checkpoints = parseSpooledCheckpoints(records);
		for (const [i, checkpoint] of checkpoints.entries()) {
			try {
				await send(checkpoint);
				sent++;
			} catch {
				for (const rest of checkpoints.slice(i)) {
					appendToSpool(file, checkpointSpoolRecord(rest));
					kept++;
				}
				return;
			}
		}
	});
	return { sent, kept };
}
