/** What a CLI command may use; injected so commands are testable without a real process. */
export interface CliContext {
	readonly version: string;
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly stdout: (text: string) => void;
	readonly stderr: (text: string) => void;
}

/** A `baton` subcommand: resolves to the process exit code. */
export interface CliCommand {
	readonly summary: string;
	readonly usage: string;
	run(args: readonly string[], context: CliContext): Promise<number>;
}
