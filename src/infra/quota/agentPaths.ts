import * as path from 'node:path';
import { isDirectory } from './fileScan';

/** Environment and home folder the data locations depend on. */
export interface PathInputs {
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly homeDir: string;
}

/** Splits a comma-separated folder list (as `CLAUDE_CONFIG_DIR`), trimming and dropping empties, resolved to absolute paths. */
export function folderList(value: string): string[] {
	return value
		.split(',')
		.map((p) => p.trim())
		.filter((p) => p !== '')
		.map((p) => path.resolve(p));
}

/**
 * Claude config roots whose `projects` folder holds transcripts, as ccusage finds them: `override` (a comma list, from
 * `--claude-dir`) or `CLAUDE_CONFIG_DIR` (a comma list) when set; otherwise `$XDG_CONFIG_HOME/claude` (default
 * `~/.config/claude`) then `~/.claude`. Only roots with a `projects` folder are kept, without duplicates.
 */
export async function claudeRoots(inputs: PathInputs, override?: string): Promise<string[]> {
	const listed = override ?? inputs.env['CLAUDE_CONFIG_DIR'] ?? '';
	const candidates =
		listed.trim() !== ''
			? folderList(listed)
			: [path.resolve(inputs.env['XDG_CONFIG_HOME'] || path.join(inputs.homeDir, '.config'), 'claude'), path.resolve(inputs.homeDir, '.claude')];
	const roots: string[] = [];
	for (const root of candidates) {
		if (!roots.includes(root) && (await isDirectory(path.join(root, 'projects')))) {
			roots.push(root);
		}
	}
	return roots;
}

/** Codex home: `override` (`--codex-home`), `CODEX_HOME`, or `~/.codex`. */
export function codexHome(inputs: PathInputs, override?: string): string {
	return path.resolve(override ?? (inputs.env['CODEX_HOME'] || path.join(inputs.homeDir, '.codex')));
}

/** Gemini's data folder (the one holding `tmp/`): `override` (`--gemini-dir`), `$GEMINI_CLI_HOME/.gemini`, or `~/.gemini`. */
export function geminiDir(inputs: PathInputs, override?: string): string {
	if (override !== undefined) {
		return path.resolve(override);
	}
	const home = inputs.env['GEMINI_CLI_HOME'];
	return path.resolve(home ? path.join(home, '.gemini') : path.join(inputs.homeDir, '.gemini'));
}

/** Claude Code's user settings file: `<first CLAUDE_CONFIG_DIR entry or ~/.claude>/settings.json`. */
export function claudeSettingsFile(inputs: PathInputs): string {
	const first = folderList(inputs.env['CLAUDE_CONFIG_DIR'] ?? '')[0];
	return path.join(first ?? path.join(inputs.homeDir, '.claude'), 'settings.json');
}
