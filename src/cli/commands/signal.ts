import { classifyFailure } from '../../core/agents/signals';
import { isValidTimeZone } from '../../core/agents/zonedTime';
import { parseArgs, UsageError } from '../args';
import type { CliCommand, CliContext } from '../context';

const agents = new Set(['claude', 'gemini', 'codex']);
const options = new Set(['agent', 'exit-code', 'now', 'tz']);
/** Most of stdin kept, in bytes: the tail, where CLIs print their final error. */
const maxInputBytes = 16 * 1024 * 1024;

/** Reads all of `stream` as UTF-8, keeping at most the last `maxInputBytes` bytes. */
function readAll(stream: NodeJS.ReadableStream): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		stream.on('data', (chunk: Buffer | string) => {
			const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			chunks.push(buffer);
			size += buffer.length;
			while (size > maxInputBytes && chunks.length > 1) {
				size -= chunks.shift()?.length ?? 0;
			}
		});
		stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		stream.on('error', reject);
	});
}

/** Validated `baton signal` options. */
interface SignalOptions {
	readonly agent: string | null;
	readonly exitCode: number | null;
	readonly now: Date;
	readonly timeZone: string;
}

function value(parsed: ReadonlyMap<string, string | true>, name: string): string | undefined {
	const v = parsed.get(name);
	if (v === true) {
		throw new UsageError(`option --${name} needs a value`);
	}
	return v;
}

/** Parses and checks the command line; throws `UsageError` for anything `baton signal` cannot accept. */
function readOptions(argv: readonly string[], env: CliContext['env']): SignalOptions {
	const args = parseArgs(argv, new Set(), options);
	if (args.positionals.length > 0) {
		throw new UsageError(`unexpected argument '${args.positionals[0] ?? ''}' (the text is read from stdin)`);
	}
	const agent = value(args.options, 'agent');
	if (agent !== undefined && !agents.has(agent)) {
		throw new UsageError(`unknown agent '${agent}'; expected claude, gemini or codex`);
	}
	const exitText = value(args.options, 'exit-code');
	if (exitText !== undefined && !/^-?\d{1,10}$/.test(exitText)) {
		throw new UsageError(`--exit-code must be an integer, got '${exitText}'`);
	}
	const nowText = value(args.options, 'now');
	const now = nowText === undefined ? new Date() : new Date(nowText);
	if (nowText !== undefined && (!/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/i.test(nowText) || !Number.isFinite(now.getTime()))) {
		throw new UsageError(`--now must be an ISO-8601 time with a zone, such as 2026-11-25T14:00:00Z, got '${nowText}'`);
	}
	const tzText = value(args.options, 'tz');
	if (tzText !== undefined && !isValidTimeZone(tzText)) {
		throw new UsageError(`unknown time zone '${tzText}'; use an IANA name such as America/New_York`);
	}
	const envZone = env['TZ'];
	const timeZone = tzText ?? (envZone !== undefined && isValidTimeZone(envZone) ? envZone : Intl.DateTimeFormat().resolvedOptions().timeZone);
	return { agent: agent ?? null, exitCode: exitText === undefined ? null : Number(exitText), now, timeZone };
}

/**
 * `baton signal`: classifies why an agent run failed from its output on stdin and prints one JSON line
 * `{"kind","agent","window","resetsAt"}` (resetsAt ISO-8601 UTC or null). Exit 0; 2 for bad options. Meant for
 * hooks (e.g. Claude's StopFailure), so it imports nothing beyond the pure classifier.
 */
export const signalCommand: CliCommand = {
	summary: 'Classify a failed agent run from its output on stdin (rate limit, quota, auth, …) as one JSON line',
	usage: 'baton signal [--agent claude|gemini|codex] [--exit-code N] [--now <ISO-8601>] [--tz <IANA zone>] < output.txt',
	async run(argv, context) {
		const opts = readOptions(argv, context.env);
		const text = await readAll(process.stdin);
		const signal = classifyFailure({ text, exitCode: opts.exitCode, agent: opts.agent, now: opts.now, timeZone: opts.timeZone });
		context.stdout(`${JSON.stringify({ kind: signal.kind, agent: signal.agent, window: signal.window, resetsAt: signal.resetsAt })}\n`);
		return 0;
	},
};
