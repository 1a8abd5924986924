/**
 * Proves the offline rig: runs the REAL claude / gemini / codex binaries headless against the
 * loopback mock for four scenarios each (text, file-writing tool call, rate limit, SIGINT
 * cancel), prints a pass/fail table and saves raw stdout/stderr under /tmp/rig-runs/.
 *
 *   bash test/rig/installClis.sh            # once (cached)
 *   npx --yes tsx test/rig/verifyRig.ts     # or: $BATON_TEST_CACHE/clis/node_modules/.bin/tsx …
 *
 * Env: BATON_TEST_CACHE (CLI cache root), BATON_RIG_RUNS (output dir), BATON_RIG_ONLY
 * (comma list of `cli` or `cli:scenario` to run a subset), BATON_RIG_VERBOSE=1 (log mock requests),
 * BATON_RIG_KEEP=1 (keep each run's temp HOME/workspace: transcripts, rollouts, session files).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import {
	type Autonomy,
	type CliName,
	type CliSetup,
	claudeArgs,
	claudeSetup,
	codexArgs,
	codexSetup,
	geminiArgs,
	geminiSetup,
} from './cliEnv';
import { type CliDirs, makeCliDirs, removeCliDirs, writeSetupFiles } from './cliSandbox';
import { type MockModelServer, type MockReply, type MockVendor, bodyText, startMockModelServer } from './mockModelServer';
import { isRecord } from './mockScenario';

/** The four scenarios every CLI must pass. */
export type RigScenario = 'text' | 'tool-write' | 'rate-limit' | 'cancel' | 'cancel-relaunch-group' | 'cancel-relaunch-pid';

/** Outcome of one CLI run. */
export interface RunResult {
	/** Process exit code (null when killed by a signal). */
	code: number | null;
	/** Terminating signal, if any. */
	signal: NodeJS.Signals | null;
	/** Wall-clock duration of the whole run, ms. */
	durationMs: number;
	/** Captured stdout. */
	stdout: string;
	/** Captured stderr. */
	stderr: string;
	/** For cancel runs: ms from SIGINT to exit (undefined otherwise). */
	exitAfterSignalMs?: number | undefined;
	/** True when the rig had to SIGKILL the process (hard timeout or cancel grace exceeded). */
	killed: boolean;
}

interface Case {
	cli: CliName;
	scenario: RigScenario;
	prompt: string;
	autonomy: Autonomy;
	/** Replies to queue (may reference the workspace). */
	script: (dirs: CliDirs) => MockReply[];
	setup?: { subscriber?: boolean; relaunch?: boolean };
	/** Send SIGINT once the first model request arrived: to the pid (like `child.kill()`) or to its process group. */
	cancel?: 'pid' | 'group';
	/** ms to wait for exit after SIGINT before SIGKILL (default 10 s). */
	graceMs?: number;
	/** Returns an error text, or undefined when the run passed. */
	check: (run: RunResult, dirs: CliDirs, server: MockModelServer) => Promise<string | undefined>;
}

const VENDOR: Record<CliName, MockVendor> = { claude: 'anthropic', gemini: 'gemini', codex: 'openai' };
const HARD_TIMEOUT_MS = 90_000;
const CANCEL_GRACE_MS = 10_000;
const RESET_AT = Math.floor(Date.now() / 1000) + 2 * 3600;

/** Parse JSONL stdout into objects (non-JSON lines are skipped). */
export function jsonLines(stdout: string): Record<string, unknown>[] {
	const out: Record<string, unknown>[] = [];
	for (const line of stdout.split('\n')) {
		if (!line.trim().startsWith('{')) {
			continue;
		}
		try {
			const parsed: unknown = JSON.parse(line);
			if (isRecord(parsed)) {
				out.push(parsed);
			}
		} catch {
			// not JSON: ignore
		}
	}
	return out;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const expectExit = (run: RunResult, code: number): string | undefined => (run.code === code ? undefined : `exit ${run.code ?? run.signal} (want ${code})`);

async function fileHas(path: string, content: string): Promise<string | undefined> {
	if (!existsSync(path)) {
		return `${path} was not created`;
	}
	const actual = await readFile(path, 'utf8');
	return actual === content ? undefined : `${path} has ${JSON.stringify(actual)}`;
}

function promptArrived(server: MockModelServer, vendor: MockVendor, marker: string): string | undefined {
	const first = server.modelRequests(vendor)[0];
	return first && bodyText(first.body).includes(marker) ? undefined : `prompt marker ${marker} not found in the recorded request`;
}

function cancelled(run: RunResult): string | undefined {
	if (run.exitAfterSignalMs === undefined) {
		return 'SIGINT was never sent (no model request arrived)';
	}
	return run.killed ? `did not exit within ${run.exitAfterSignalMs} ms of SIGINT (SIGKILLed)` : undefined;
}

const stall: MockReply[] = [{ text: 'Partial answer that never finishes because the stream stalls', stall: true }];

function cases(): Case[] {
	const writeTool = (cli: CliName, dirs: CliDirs): MockReply[] => {
		const path = join(dirs.workspace, 'hello.txt');
		const content = `written by ${cli}\n`;
		const call: Record<CliName, MockReply> = {
			claude: { toolCall: { name: 'Write', input: { file_path: path, content } } },
			gemini: { toolCall: { name: 'write_file', input: { file_path: path, content } } },
			codex: { toolCall: { name: 'apply_patch', input: `*** Begin Patch\n*** Add File: hello.txt\n+${content}*** End Patch\n` } },
		};
		return [call[cli], { text: 'File written.' }];
	};
	const all: Case[] = [];
	for (const cli of ['claude', 'gemini', 'codex'] as const) {
		const vendor = VENDOR[cli];
		all.push({
			cli,
			scenario: 'text',
			prompt: `rig-marker-${cli}: say hello`,
			autonomy: 'readOnly',
			script: () => [{ text: `Hello from the ${cli} mock.` }],
			check: async (run, _dirs, server) => {
				const events = jsonLines(run.stdout);
				const want = `Hello from the ${cli} mock.`;
				const got =
					cli === 'claude'
						? str(events.find((e) => e.type === 'result')?.result)
						: cli === 'gemini'
							? events.filter((e) => e.type === 'message' && e.role === 'assistant').map((e) => str(e.content)).join('')
							: events.map((e) => (isRecord(e.item) && e.item.type === 'agent_message' ? str(e.item.text) : '')).join('');
				return expectExit(run, 0) ?? (got === want ? undefined : `final text ${JSON.stringify(got)}`) ?? promptArrived(server, vendor, `rig-marker-${cli}`);
			},
		});
		all.push({
			cli,
			scenario: 'tool-write',
			prompt: 'create hello.txt',
			autonomy: 'edits',
			script: (dirs) => writeTool(cli, dirs),
			check: async (run, dirs, server) =>
				expectExit(run, 0) ??
				(await fileHas(join(dirs.workspace, 'hello.txt'), `written by ${cli}\n`)) ??
				(server.modelRequests(vendor).length >= 2 ? undefined : 'tool result was never sent back to the model'),
		});
	}
	all.push({
		cli: 'claude',
		scenario: 'rate-limit',
		prompt: 'say hi',
		autonomy: 'readOnly',
		setup: { subscriber: true },
		script: () => [{ error: 'session_limit', resetsAt: RESET_AT }],
		check: async (run) => {
			const events = jsonLines(run.stdout);
			const result = events.find((e) => e.type === 'result');
			const limit = events.find((e) => e.type === 'rate_limit_event');
			const info = isRecord(limit?.rate_limit_info) ? limit.rate_limit_info : {};
			return (
				expectExit(run, 1) ??
				(str(result?.result).startsWith("You've hit your session limit · resets ") ? undefined : `result ${JSON.stringify(result?.result)}`) ??
				(info.status === 'rejected' && info.resetsAt === RESET_AT ? undefined : `rate_limit_event ${JSON.stringify(info)}`)
			);
		},
	});
	all.push({
		cli: 'gemini',
		scenario: 'rate-limit',
		prompt: 'say hi',
		autonomy: 'readOnly',
		script: () => [{ error: 'daily_quota', resetsAt: RESET_AT }],
		check: async (run) => {
			const result = jsonLines(run.stdout).find((e) => e.type === 'result');
			const message = isRecord(result?.error) ? str(result.error.message) : '';
			return expectExit(run, 173) ?? (message.includes('exhausted your daily quota') ? undefined : `result error ${JSON.stringify(message)}`);
		},
	});
	all.push({
		cli: 'codex',
		scenario: 'rate-limit',
		prompt: 'say hi',
		autonomy: 'readOnly',
		script: () => [{ error: 'usage_limit', resetsAt: RESET_AT, planType: 'plus' }],
		check: async (run) => {
			const failed = jsonLines(run.stdout).find((e) => e.type === 'turn.failed');
			const message = isRecord(failed?.error) ? str(failed.error.message) : '';
			return expectExit(run, 1) ?? (/hit your usage limit.*try again at /.test(message) ? undefined : `turn.failed ${JSON.stringify(message)}`);
		},
	});
	for (const cli of ['claude', 'gemini', 'codex'] as const) {
		all.push({ cli, scenario: 'cancel', prompt: 'tell me a long story', autonomy: 'readOnly', script: () => stall, cancel: 'pid', check: async (run) => cancelled(run) });
	}
	// Default gemini launcher (no GEMINI_CLI_NO_RELAUNCH): it re-spawns itself as a child node process and the
	// parent ignores SIGINT. Signalling the process group works ...
	all.push({
		cli: 'gemini',
		scenario: 'cancel-relaunch-group',
		prompt: 'tell me a long story',
		autonomy: 'readOnly',
		setup: { relaunch: true },
		script: () => stall,
		cancel: 'group',
		check: async (run) => cancelled(run),
	});
	// ... signalling only the pid does not. This row PASSES while that gotcha still exists (regression detector).
	all.push({
		cli: 'gemini',
		scenario: 'cancel-relaunch-pid',
		prompt: 'tell me a long story',
		autonomy: 'readOnly',
		setup: { relaunch: true },
		script: () => stall,
		cancel: 'pid',
		graceMs: 3000,
		check: async (run) =>
			run.exitAfterSignalMs !== undefined && run.killed ? undefined : 'the launcher now exits on SIGINT to its pid: update RIG.md and Baton cancel logic',
	});
	return all;
}

function binDir(): string {
	const cache = process.env.BATON_TEST_CACHE ?? join(homedir(), '.cache', 'baton-test');
	return join(cache, 'clis', 'node_modules', '.bin');
}

function ensureClis(): string {
	const dir = binDir();
	if (!['claude', 'gemini', 'codex'].every((b) => existsSync(join(dir, b)))) {
		process.stderr.write('CLIs missing: running installClis.sh\n');
		const script = join(dirname(resolve(process.argv[1] ?? '.')), 'installClis.sh');
		const res = spawnSync('bash', [script], { stdio: ['ignore', 'inherit', 'inherit'] });
		if (res.status !== 0) {
			throw new Error('installClis.sh failed');
		}
	}
	return dir;
}

function setupFor(c: Case, dirs: CliDirs, server: MockModelServer): CliSetup {
	const input = { baseUrl: server.url, home: dirs.home, path: process.env.PATH };
	if (c.cli === 'claude') {
		return claudeSetup({ ...input, auth: c.setup?.subscriber ? 'subscriber' : 'apiKey' });
	}
	return c.cli === 'gemini' ? geminiSetup({ ...input, relaunch: c.setup?.relaunch }) : codexSetup(input);
}

function argsFor(c: Case): string[] {
	const build = { claude: claudeArgs, gemini: geminiArgs, codex: codexArgs }[c.cli];
	return build(c.prompt, c.autonomy);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	try {
		if (child.pid !== undefined) {
			process.kill(-child.pid, signal);
		}
	} catch {
		// group already gone
	}
}

/** Run one case and return the raw result. Each CLI gets its own process group so leftovers can be reaped. */
async function runCase(c: Case, bin: string, dirs: CliDirs, server: MockModelServer): Promise<RunResult> {
	const setup = setupFor(c, dirs, server);
	await writeSetupFiles(setup);
	server.script(VENDOR[c.cli], c.script(dirs));
	const started = Date.now();
	const child = spawn(bin, argsFor(c), { cwd: dirs.workspace, env: setup.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let stdout = '';
	let stderr = '';
	child.stdout?.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
	child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
	// 'exit' (not 'close'): an orphaned grandchild can keep the pipes open long after the CLI itself exited.
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
	);
	const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
	let killed = false;
	const kill = (): void => {
		killed = true;
		killGroup(child, 'SIGKILL');
	};
	const hard = setTimeout(kill, HARD_TIMEOUT_MS);
	let signalledAt: number | undefined;
	if (c.cancel) {
		const request = server.waitForModelRequest(VENDOR[c.cli], 0, HARD_TIMEOUT_MS).then(() => true);
		const arrived = await Promise.race([request, exited.then(() => false)]).catch(() => false);
		if (arrived) {
			await new Promise((resolve) => setTimeout(resolve, 500)); // let the first chunks reach the CLI
			signalledAt = Date.now();
			if (c.cancel === 'group') {
				killGroup(child, 'SIGINT');
			} else {
				child.kill('SIGINT');
			}
			const grace = setTimeout(kill, c.graceMs ?? CANCEL_GRACE_MS);
			await exited;
			clearTimeout(grace);
		}
	}
	const { code, signal, at } = await exited;
	clearTimeout(hard);
	killGroup(child, 'SIGKILL'); // reap anything the CLI left behind
	await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2000))]);
	return { code, signal, durationMs: at - started, stdout, stderr, killed, exitAfterSignalMs: signalledAt === undefined ? undefined : at - signalledAt };
}

interface Row {
	cli: CliName;
	scenario: RigScenario;
	pass: boolean;
	exit: string;
	durationMs: number;
	note: string;
}

function printTable(rows: Row[]): void {
	const header = ['CLI', 'scenario', 'result', 'exit', 'duration', 'note'];
	const body = rows.map((r) => [r.cli, r.scenario, r.pass ? 'PASS' : 'FAIL', r.exit, `${(r.durationMs / 1000).toFixed(2)} s`, r.note]);
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
	const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
	process.stdout.write(`${[line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n')}\n`);
}

async function main(): Promise<number> {
	const dir = ensureClis();
	const runsDir = process.env.BATON_RIG_RUNS ?? '/tmp/rig-runs';
	await mkdir(runsDir, { recursive: true });
	const only = (process.env.BATON_RIG_ONLY ?? '').split(',').filter((s) => s.length > 0);
	const selected = cases().filter((c) => only.length === 0 || only.includes(c.cli) || only.includes(`${c.cli}:${c.scenario}`));
	const server = await startMockModelServer({ verbose: process.env.BATON_RIG_VERBOSE === '1' });
	const rows: Row[] = [];
	const t0 = Date.now();
	try {
		for (const c of selected) {
			server.reset();
			const dirs = await makeCliDirs(`baton-rig-${c.cli}-`);
			let row: Row;
			try {
				const run = await runCase(c, join(dir, c.cli), dirs, server);
				const egress = server.requests.filter((r) => r.egress).map((r) => `${r.method} ${r.url}`);
				const failure = (await c.check(run, dirs, server)) ?? (egress.length > 0 ? `tried to reach the internet: ${egress.join(', ')}` : undefined);
				const base = join(runsDir, `${c.cli}-${c.scenario}`);
				await writeFile(`${base}.stdout`, run.stdout);
				await writeFile(`${base}.stderr`, run.stderr);
				await writeFile(`${base}.requests.json`, JSON.stringify(server.requests, null, '\t'));
				const exit = run.code === null ? String(run.signal) : String(run.code);
				const sig =
					run.exitAfterSignalMs === undefined
						? ''
						: run.killed
							? `ignored SIGINT; SIGKILLed after ${run.exitAfterSignalMs} ms`
							: `exited ${run.exitAfterSignalMs} ms after SIGINT`;
				row = { cli: c.cli, scenario: c.scenario, pass: failure === undefined, exit, durationMs: run.durationMs, note: failure ?? sig };
			} catch (err: unknown) {
				row = { cli: c.cli, scenario: c.scenario, pass: false, exit: '-', durationMs: 0, note: `rig error: ${String(err)}` };
			} finally {
				if (process.env.BATON_RIG_KEEP === '1') {
					process.stderr.write(`kept ${dirs.root}\n`);
				} else {
					await removeCliDirs(dirs);
				}
			}
			rows.push(row);
			process.stderr.write(`${row.pass ? 'PASS' : 'FAIL'} ${c.cli}:${c.scenario} (${row.durationMs} ms) ${row.note}\n`);
		}
	} finally {
		await server.close();
	}
	printTable(rows);
	process.stdout.write(`total ${((Date.now() - t0) / 1000).toFixed(1)} s; raw output in ${runsDir}\n`);
	return rows.every((r) => r.pass) ? 0 : 1;
}

// Works as CommonJS or ESM: run only when executed as a script, not when imported.
if (/verifyRig\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
	main().then(
		(code) => process.exit(code),
		(err: unknown) => {
			process.stderr.write(`${String(err)}\n`);
			process.exit(2);
		},
	);
}
