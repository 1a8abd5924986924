// Scripted stand-in for claude / gemini / codex, for edge cases the real CLIs cannot be made to hit on demand.
// It replays a real sample file line by line and enforces the real CLIs' flag rules (cli-contracts.md §6).
//   env BATON_DOUBLE_REPLAY  sample file to print on stdout (JSONL or text), one line per BATON_DOUBLE_DELAY_MS
//   env BATON_DOUBLE_EXIT    exit code after replay (default 0)
//   env BATON_DOUBLE_STDERR  text to print on stderr before exiting
//   env BATON_DOUBLE_HANG=1  after replay, wait for a signal (SIGINT → exit 130, SIGTERM → exit 143)
//   env BATON_DOUBLE_IGNORE_SIGINT=1  ignore SIGINT (to test escalation to SIGTERM)
//   env BATON_DOUBLE_CHUNKED=1 write each line in 3 chunks with pauses (partial-line handling)
//   env BATON_DOUBLE_LOG     file to append {name, argv, stdin, cwd} as JSON
import { appendFileSync, readFileSync } from 'node:fs';

const [name, ...argv] = process.argv.slice(2);
const env = process.env;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const has = (flag) => argv.includes(flag);

function fail(message, code) {
	process.stderr.write(`${message}\n`);
	process.exit(code);
}

function checkFlags() {
	if (name === 'claude') {
		if (has('--version')) return '2.1.197 (Claude Code)';
		const format = argv[argv.indexOf('--output-format') + 1];
		if (has('-p') && format === 'stream-json' && !has('--verbose')) fail('Error: When using --print, --output-format=stream-json requires --verbose', 1);
		if ((has('--dangerously-skip-permissions') || argv.includes('bypassPermissions')) && process.getuid?.() === 0 && !env.IS_SANDBOX) {
			fail('--dangerously-skip-permissions cannot be used with root/sudo privileges for security reasons', 1);
		}
	} else if (name === 'gemini') {
		if (has('--version')) return '0.61.0';
		if (!has('--skip-trust') && env.GEMINI_CLI_TRUST_WORKSPACE !== 'true') {
			fail('Gemini CLI is not running in a trusted directory. To proceed, either use `--skip-trust`, set the `GEMINI_CLI_TRUST_WORKSPACE=true` environment variable, or trust this directory in interactive mode.', 55);
		}
	} else if (name === 'codex') {
		if (has('--version')) return 'codex-cli 0.169.0';
		if (has('--full-auto')) fail("error: unexpected argument '--full-auto' found", 2);
		if (argv[0] === 'exec' && !has('--skip-git-repo-check')) fail('Not inside a trusted directory and --skip-git-repo-check was not specified.', 1);
	}
	return undefined;
}

async function readStdin() {
	if (process.stdin.isTTY) return '';
	let data = '';
	process.stdin.setEncoding('utf8');
	for await (const chunk of process.stdin) data += chunk;
	return data;
}

const version = checkFlags();
if (version) {
	process.stdout.write(`${version}\n`);
	process.exit(0);
}
if (env.BATON_DOUBLE_IGNORE_SIGINT === '1') process.on('SIGINT', () => undefined);
else process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

const stdin = argv.includes('-') || name === 'claude' ? await readStdin() : '';
if (env.BATON_DOUBLE_LOG) appendFileSync(env.BATON_DOUBLE_LOG, `${JSON.stringify({ name, argv, stdin, cwd: process.cwd() })}\n`);
const delay = Number(env.BATON_DOUBLE_DELAY_MS ?? 5);
const lines = env.BATON_DOUBLE_REPLAY ? readFileSync(env.BATON_DOUBLE_REPLAY, 'utf8').split('\n').filter((l) => l !== '') : [];
for (const line of lines) {
	if (env.BATON_DOUBLE_CHUNKED === '1') {
		const a = Math.floor(line.length / 3);
		for (const part of [line.slice(0, a), line.slice(a, 2 * a), `${line.slice(2 * a)}\n`]) {
			process.stdout.write(part);
			await sleep(delay);
		}
	} else {
		process.stdout.write(`${line}\n`);
		await sleep(delay);
	}
}
if (env.BATON_DOUBLE_STDERR) process.stderr.write(`${env.BATON_DOUBLE_STDERR}\n`);
if (env.BATON_DOUBLE_HANG === '1') {
	setInterval(() => undefined, 1000);
} else {
	process.exitCode = Number(env.BATON_DOUBLE_EXIT ?? 0);
}
