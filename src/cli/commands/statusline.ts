import { mkdir, readFile, unlink } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { batonDataDir } from '../../core/common/dataPaths';
import { snapshotFromStatusline } from '../../core/quota/claudeLimits';
import { chainedCommandOf, installStatusline, uninstallStatusline } from '../../core/quota/statuslineInstall';
import { writeFileAtomic } from '../../infra/fs/atomicWrite';
import { claudeSettingsFile } from '../../infra/quota/agentPaths';
import { appendSnapshot, statuslineStateFile } from '../../infra/quota/statuslineState';
import { parseArgs, UsageError } from '../args';
import type { CliCommand, CliContext } from '../context';
import { defaultStatusLine, readStdin, runChained, type ChainedResult } from './statuslineRun';

/** What `baton statusline` needs from the process; injectable for tests. */
export interface StatuslineDeps {
	readonly readInput: () => Promise<Buffer>;
	readonly runChained: (command: string, input: Buffer, env: NodeJS.ProcessEnv) => Promise<ChainedResult>;
	readonly now: () => number;
	/** How Claude Code should start the Baton CLI, e.g. `"/usr/bin/node" "/…/dist/cli.js"`. */
	readonly commandPrefix: () => string;
}

const quote = (p: string): string => `"${p.replace(process.platform === 'win32' ? /(["])/g : /(["\\$`])/g, '\\$1')}"`;

/** Process-backed dependencies. */
export const processStatuslineDeps: StatuslineDeps = {
	readInput: () => readStdin(),
	runChained: (command, input, env) => runChained(command, input, env),
	now: () => Date.now(),
	commandPrefix: () => `${quote(process.execPath)} ${quote(path.resolve(process.argv[1] ?? 'baton'))}`,
};

function homeOf(context: CliContext): string {
	return context.env['HOME'] || os.homedir();
}

async function readText(file: string): Promise<string | null> {
	try {
		return await readFile(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return null;
		}
		throw error;
	}
}

/** Capture mode: store the rate limits, then show the chained command's line (or Baton's own). Never fails the line. */
async function capture(chainArg: string | undefined, context: CliContext, deps: StatuslineDeps): Promise<number> {
	const input = await deps.readInput();
	const now = deps.now();
	let parsed: unknown = null;
	try {
		parsed = JSON.parse(input.toString('utf8'));
	} catch {
		parsed = null;
	}
	const snapshot = snapshotFromStatusline(parsed, now);
	if (snapshot) {
		const file = statuslineStateFile(batonDataDir({ platform: process.platform, homeDir: homeOf(context), env: context.env }));
		await appendSnapshot(file, snapshot).catch((error: unknown) => context.stderr(`baton statusline: could not record limits: ${String(error)}\n`));
	}
	const chained = chainArg === undefined ? null : chainedCommandOf(chainArg);
	if (chained === null) {
		context.stdout(`${defaultStatusLine(parsed, snapshot, now)}\n`);
		return 0;
	}
	const result = await deps.runChained(chained, input, { ...process.env, ...context.env });
	context.stdout(result.stdout);
	if (result.stderr !== '') {
		context.stderr(result.stderr);
	}
	return result.code;
}

async function edit(action: 'install' | 'uninstall', settingsOption: string | undefined, context: CliContext, deps: StatuslineDeps): Promise<number> {
	const file = settingsOption ?? claudeSettingsFile({ env: context.env, homeDir: homeOf(context) });
	const text = await readText(file);
	let result;
	try {
		result = action === 'install' ? installStatusline(text, deps.commandPrefix()) : uninstallStatusline(text);
	} catch (error) {
		context.stderr(`baton statusline ${action}: ${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}); nothing changed\n`);
		return 1;
	}
	if (!result.changed) {
		context.stdout(action === 'install' ? `Baton's status line is already installed in ${file}\n` : `Baton's status line is not installed in ${file}; nothing to remove\n`);
		return 0;
	}
	if (result.text === null) {
		await unlink(file);
	} else {
		await mkdir(path.dirname(file), { recursive: true });
		await writeFileAtomic(file, Buffer.from(result.text, 'utf8'));
	}
	const chained = result.chained === null ? '' : action === 'install' ? ` It runs your status line command too: ${result.chained}` : ` Restored your status line command: ${result.chained}`;
	context.stdout(action === 'install' ? `Installed Baton's status line in ${file}.${chained}\nClaude Code now shares its rate limits with Baton; remove it with: baton statusline uninstall\n` : `Removed Baton's status line from ${file}.${chained}\n`);
	return 0;
}

/** Builds `baton statusline` with the given dependencies. */
export function createStatuslineCommand(deps: StatuslineDeps): CliCommand {
	return {
		summary: "Claude Code status line that records its rate limits for Baton (install/uninstall edit ~/.claude/settings.json)",
		usage: 'baton statusline [--chain <id>] < statusline.json | baton statusline install [--settings FILE] | baton statusline uninstall [--settings FILE]',
		async run(argv, context) {
			const args = parseArgs(argv, new Set(), new Set(['chain', 'settings']));
			const [action, extra] = args.positionals;
			if (extra !== undefined || (action !== undefined && action !== 'install' && action !== 'uninstall')) {
				throw new UsageError(`unexpected argument '${extra ?? action ?? ''}'`);
			}
			const option = (name: string): string | undefined => {
				const v = args.options.get(name);
				if (v === true) throw new UsageError(`option --${name} needs a value`);
				return v;
			};
			if (action === undefined) {
				return capture(option('chain'), context, deps);
			}
			return edit(action, option('settings'), context, deps);
		},
	};
}

/** `baton statusline`, backed by the real process. */
export const statuslineCommand: CliCommand = createStatuslineCommand(processStatuslineDeps);
