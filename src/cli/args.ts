/** Parsed command line: positional words and `--flag value` / `--flag` options. */
export interface ParsedArgs {
	readonly positionals: readonly string[];
	readonly options: ReadonlyMap<string, string | true>;
}

/** Raised for a command line the CLI cannot accept; the message is shown to the user as is. */
export class UsageError extends Error {
	override readonly name = 'UsageError';
}

/**
 * Parses `argv` (without node and script). `--name=value` and `--name value` set an option; a flag listed in
 * `booleanFlags` takes no value. `--` ends options. Unknown options are rejected against `knownOptions` when given.
 */
export function parseArgs(argv: readonly string[], booleanFlags: ReadonlySet<string>, knownOptions?: ReadonlySet<string>): ParsedArgs {
	const positionals: string[] = [];
	const options = new Map<string, string | true>();
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] as string;
		if (arg === '--') {
			positionals.push(...argv.slice(i + 1));
			break;
		}
		if (!arg.startsWith('--') || arg === '-') {
			positionals.push(arg);
			continue;
		}
		const eq = arg.indexOf('=');
		const name = arg.slice(2, eq === -1 ? undefined : eq);
		if (knownOptions && !knownOptions.has(name)) {
			throw new UsageError(`unknown option --${name}`);
		}
		if (eq !== -1) {
			options.set(name, arg.slice(eq + 1));
		} else if (booleanFlags.has(name)) {
			options.set(name, true);
		} else {
			const value = argv[i + 1];
			if (value === undefined) {
				throw new UsageError(`option --${name} needs a value`);
			}
			options.set(name, value);
			i++;
		}
	}
	return { positionals, options };
}
