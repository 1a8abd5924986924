import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Folder of real CLI output samples (shared/reference/samples, beside the repository in every checkout and in CI).
 * `BATON_SAMPLES` overrides it.
 */
export const samplesDir = process.env['BATON_SAMPLES'] ?? join(__dirname, '..', '..', '..', 'shared', 'reference', 'samples');

/** The text of one sample file, e.g. `claude/stream-json-tool-success.jsonl`; throws when missing. */
export function readSample(relativePath: string): string {
	const file = join(samplesDir, relativePath);
	if (!existsSync(file)) {
		throw new Error(`sample ${file} not found (set BATON_SAMPLES to the samples folder)`);
	}
	return readFileSync(file, 'utf8');
}

/** The non-empty lines of a JSONL sample. */
export function sampleLines(relativePath: string): string[] {
	return readSample(relativePath).split('\n').filter((l) => l.trim() !== '');
}
