import { UsageError } from './args';
import { classifyCommand } from './commands/classify';
import { doctorCommand } from './commands/doctor';
import { hookCommand } from './commands/hook';
import { mcpCommand } from './commands/mcp';
import { memoryCommand } from './commands/memory';
import { routeCommand } from './commands/route';
import { signalCommand } from './commands/signal';
import { statuslineCommand } from './commands/statusline';
import { usageCommand } from './commands/usage';
import type { CliCommand, CliContext } from './context';

declare const batonVersion: string | undefined;

/** Subcommands by name; `help` and `--version` are handled by `runCli`. */
const commands: Readonly<Record<string, CliCommand>> = {
	classify: classifyCommand,
	doctor: doctorCommand,
	hook: hookCommand,
	mcp: mcpCommand,
	memory: memoryCommand,
	route: routeCommand,
	signal: signalCommand,
	statusline: statuslineCommand,
	usage: usageCommand,
};

function helpText(): string {
	const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
	return [
		'baton — command-line companion of the Baton VS Code extension',
		'',
		'usage: baton <command> [options]',
		'',
		'commands:',
		...rows,
		`  ${'help'.padEnd(10)} Show this help, or a command's usage: baton help <command>`,
		'',
		'options:',
		'  --version  Print the version and exit',
		'  --help     Print this help and exit',
		'',
	].join('\n');
}

/** Runs the CLI for `argv` (without node and script) and resolves to the exit code: 0 ok, 1 failure, 2 bad usage. */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
	const [first, ...rest] = argv;
	if (first === undefined || first === '--help' || first === '-h') {
		context.stdout(helpText());
		return first === undefined ? 2 : 0;
	}
	if (first === '--version' || first === '-v') {
		context.stdout(`${context.version}\n`);
		return 0;
	}
	if (first === 'help') {
		const target = rest[0] === undefined ? undefined : commands[rest[0]];
		context.stdout(target ? `${target.summary}\nusage: ${target.usage}\n` : helpText());
		return 0;
	}
	const command = commands[first];
	if (!command) {
		context.stderr(`baton: unknown command '${first}'. Run 'baton --help' for the list.\n`);
		return 2;
	}
	if (rest.includes('--help')) {
		context.stdout(`${command.summary}\nusage: ${command.usage}\n`);
		return 0;
	}
	try {
		return await command.run(rest, context);
	} catch (error) {
		if (error instanceof UsageError) {
			context.stderr(`baton ${first}: ${error.message}\nusage: ${command.usage}\n`);
			return 2;
		}
		context.stderr(`baton ${first}: ${error instanceof Error ? error.message : String(error)}\n`);
		return 1;
	}
}

/** Process entry point used by the `dist/cli.js` bundle. */
export function main(): void {
	const context: CliContext = {
		version: typeof batonVersion === 'string' ? batonVersion : '0.0.0-dev',
		env: process.env,
		stdout: (text) => process.stdout.write(text),
		stderr: (text) => process.stderr.write(text),
	};
	runCli(process.argv.slice(2), context).then(
		(code) => {
			process.exitCode = code;
		},
		(error: unknown) => {
			process.stderr.write(`baton: ${String(error)}\n`);
			process.exitCode = 1;
		},
	);
}
