import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository root: the extension under development (this file runs from `out/test/exthost`). */
export const repoRoot = join(__dirname, '..', '..', '..');
/** The recorded CLI outputs of `../shared/reference/samples` (or `BATON_SAMPLES`). */
export const samples = process.env['BATON_SAMPLES'] ?? join(repoRoot, '..', 'shared', 'reference', 'samples');
const double = join(repoRoot, 'test', 'doubles', 'cliDouble.mjs');

/** An executable that runs the scripted CLI double for `agent` with the given environment (`BATON_DOUBLE_*`). */
export function scriptedAgent(agent: string, env: Record<string, string>): string {
	const file = join(mkdtempSync(join(tmpdir(), 'baton-agent-')), agent);
	const exports = Object.entries(env).map(([k, v]) => `export ${k}='${v}'`).join('\n');
	writeFileSync(file, `#!/bin/sh\n${exports}\nexec "${process.execPath}" "${double}" ${agent} "$@"\n`);
	chmodSync(file, 0o755);
	return file;
}
