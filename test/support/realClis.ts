import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Test cache root shared by the harness scripts. */
export const testCacheDir = process.env['BATON_TEST_CACHE'] ?? join(process.env['HOME'] ?? '/tmp', '.cache', 'baton-test');

/**
 * Path of a real vendor CLI installed by `test/rig/installClis.sh` (pinned versions, outside the extension's
 * dependencies). Throws with the install command when it is missing: real-CLI tests never silently skip.
 */
export function realCliPath(cli: 'claude' | 'gemini' | 'codex'): string {
	const path = join(testCacheDir, 'clis', 'node_modules', '.bin', cli);
	if (!existsSync(path)) {
		throw new Error(`${path} is missing: run bash test/rig/installClis.sh`);
	}
	return path;
}
