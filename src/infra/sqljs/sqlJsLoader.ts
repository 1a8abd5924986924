import * as path from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';

const loaded = new Map<string, Promise<SqlJsStatic>>();

/**
 * Loads the sql.js WebAssembly module once per `wasmDir` (the folder holding `sql-wasm.wasm`: `dist/` in the
 * bundle, `node_modules/sql.js/dist` in tests). Memoised: later calls reuse the same module.
 */
export function loadSqlJs(wasmDir: string): Promise<SqlJsStatic> {
	let pending = loaded.get(wasmDir);
	if (!pending) {
		pending = initSqlJs({ locateFile: (file: string) => path.join(wasmDir, file) });
		pending.catch(() => loaded.delete(wasmDir));
		loaded.set(wasmDir, pending);
	}
	return pending;
}
