import { isBridgeAgent } from '../../core/bridge/types';
import { dataDirFor } from '../../infra/bridge/discovery';
import { appendHookLog } from '../../infra/bridge/hookLog';
import { parseArgs } from '../args';
import type { CliCommand } from '../context';
import { defaultHookBudgetMs, runHook } from './hookRun';

/** Largest payload read from stdin, bytes (a Write of a big file carries its content). */
const maxPayloadBytes = 32 * 1024 * 1024;

/** Reads stdin as UTF-8 until it ends, `maxBytes` is passed (then undefined) or `signal` fires (then undefined). */
function readStdin(maxBytes: number, signal: AbortSignal): Promise<string | undefined> {
	return new Promise((resolve) => {
		const stdin = process.stdin;
		const chunks: Buffer[] = [];
		let size = 0;
		const finish = (value: string | undefined): void => {
			stdin.off('data', onData);
			stdin.off('end', onEnd);
			stdin.off('error', onEnd);
			signal.removeEventListener('abort', onAbort);
			if (value === undefined) stdin.destroy();
			resolve(value);
		};
		const onData = (chunk: Buffer | string): void => {
			const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			size += buffer.length;
			if (size > maxBytes) finish(undefined);
			else chunks.push(buffer);
		};
		const onEnd = (): void => finish(Buffer.concat(chunks).toString('utf8'));
		const onAbort = (): void => finish(undefined);
		stdin.on('data', onData);
		stdin.on('end', onEnd);
		stdin.on('error', onEnd);
		signal.addEventListener('abort', onAbort);
	});
}

function budgetFrom(option: string | true | undefined, env: string | undefined): number {
	const text = typeof option === 'string' ? option : env;
	const n = text === undefined ? Number.NaN : Number(text);
	return Number.isFinite(n) && n >= 50 && n <= 60_000 ? n : defaultHookBudgetMs;
}

/**
 * `baton hook <agent> <event>`: the command Baton installs in each CLI's hook settings. Reads the hook payload from
 * stdin, reports it to the extension's bridge (or spools it when no extension runs) and prints the CLI's response
 * format: nothing, or one JSON line. Answers within the budget (`--budget-ms`, `BATON_HOOK_BUDGET_MS`, default
 * 1500 ms) and otherwise fails open (exit 0, nothing printed, a warning in `<batonDataDir>/logs/hooks.log`).
 * Exit 0 always, except 1 for a malformed command line: never 2, which would block the agent.
 */
export const hookCommand: CliCommand = {
	summary: 'Handle an agent CLI hook (installed by Baton; reads the payload on stdin)',
	usage: 'baton hook claude|gemini|codex <HookEvent> [--budget-ms N] < payload.json',
	async run(argv, context) {
		const started = Date.now();
		let args;
		try {
			args = parseArgs(argv, new Set(), new Set(['budget-ms']));
		} catch (error) {
			context.stderr(`baton hook: ${error instanceof Error ? error.message : String(error)}\n`);
			return 1;
		}
		const [agent, eventName] = args.positionals;
		if (!isBridgeAgent(agent) || eventName === undefined || !/^[A-Za-z]{1,64}$/.test(eventName) || args.positionals.length > 2) {
			context.stderr(`baton hook: expected 'baton hook claude|gemini|codex <HookEvent>'\n`);
			return 1;
		}
		const budget = budgetFrom(args.options.get('budget-ms'), context.env['BATON_HOOK_BUDGET_MS']);
		const deadline = new AbortController();
		const timer = setTimeout(() => deadline.abort(), budget);
		try {
			const stdin = await readStdin(maxPayloadBytes, deadline.signal);
			if (stdin === undefined) {
				appendHookLog(dataDirFor(context.env), 'warn', `${agent} ${eventName}: payload not read within ${budget} ms or over ${maxPayloadBytes} bytes; answered without Baton`);
				return 0;
			}
			const result = await runHook({ agent, eventName, stdin, env: context.env, cwd: process.cwd(), now: new Date(), budgetMs: budget - (Date.now() - started) - 30 });
			if (result.stdout !== '') context.stdout(result.stdout);
			if (result.stderr !== '') context.stderr(result.stderr);
			return result.exitCode;
		} finally {
			clearTimeout(timer);
		}
	},
};
