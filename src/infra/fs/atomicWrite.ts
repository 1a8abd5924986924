import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Replaces `file` with `data` atomically: writes a temp file beside it, fsyncs it, renames it over the target and
 * fsyncs the directory (POSIX). Readers see the old or the new content, never a mix; a crash leaves at most a temp file.
 */
export async function writeFileAtomic(file: string, data: Uint8Array): Promise<void> {
	const dir = path.dirname(file);
	const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
	const handle = await open(temp, 'w', 0o600);
	try {
		await handle.writeFile(data);
		await handle.sync();
	} finally {
		await handle.close();
	}
	try {
		await rename(temp, file);
	} catch (error) {
		await unlink(temp).catch(() => undefined);
		throw error;
	}
	if (process.platform !== 'win32') {
		const dirHandle = await open(dir, 'r');
		try {
			await dirHandle.sync();
		} finally {
			await dirHandle.close();
		}
	}
}
