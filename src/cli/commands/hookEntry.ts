import { hookCommand } from './hook';

/**
 * Entry point of an optional hook-only bundle (`dist/hook.js`, about 16 KiB instead of the whole CLI): the same
 * `hook <agent> <event>` command line as `baton hook`, for the hook path that runs on every agent event. Any other
 * first word is refused with exit 1 (never 2, which would block the agent).
 */
export function hookMain(argv: readonly string[] = process.argv.slice(2)): void {
	const [first, ...rest] = argv;
	if (first !== 'hook') {
		process.stderr.write("usage: hook.js hook claude|gemini|codex <HookEvent> (the full CLI is dist/cli.js)\n");
		process.exitCode = 1;
		return;
	}
	hookCommand
		.run(rest, { version: '0.0.0', env: process.env, stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) })
		.then(
			(code) => {
				process.exitCode = code;
			},
			(error: unknown) => {
				process.stderr.write(`baton hook: ${String(error)}\n`);
				process.exitCode = 1;
			},
		);
}

if (require.main === module) {
	hookMain();
}
