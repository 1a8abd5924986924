import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The folder holding `sql-wasm.wasm` for code running from `startDir`: `startDir` itself (the bundle's `dist/`), else
 * the nearest `node_modules/sql.js/dist` above it (running from sources). Null when neither exists.
 */
export function findSqlWasmDir(startDir: string): string | null {
	if (existsSync(path.join(startDir, 'sql-wasm.wasm'))) {
		return startDir;
	}
	for (let dir = startDir; ; dir = path.dirname(dir)) {
		const candidate = path.join(dir, 'node_modules', 'sql.js', 'dist');
		if (existsSync(path.join(candidate, 'sql-wasm.wasm'))) {
			return candidate;
		}
		if (path.dirname(dir) === dir) {
			return null;
		}
	}
}
