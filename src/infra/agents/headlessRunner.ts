import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentEvent, TokenUsage } from '../../core/agents/events';
import type { HeadlessDialect, HeadlessRequest } from '../../core/agents/headless';
import { classifyFailure, type FailureSignal } from '../../core/agents/signals';
import { LineSplitter, TailBuffer } from './lineBuffers';

/** Everything needed to run one headless task. */
export interface HeadlessRunOptions {
	readonly agentId: string;
	readonly executable: string;
	readonly dialect: HeadlessDialect;
	readonly request: HeadlessRequest;
	/** Base environment; defaults to this process's. */
	readonly env?: Readonly<Record<string, string | undefined>>;
	/** Milliseconds before the run is cancelled as timed out; 0 or absent: no timeout. */
	readonly timeoutMs?: number;
	/** Milliseconds between SIGINT, SIGTERM and SIGKILL when cancelling. */
	readonly cancelGraceMs?: number;
	/** IANA zone for reset times printed without one; defaults to this process's zone. */
	readonly timeZone?: string;
	/** Called for every event, in order, as the CLI prints. */
	readonly onEvent?: (event: AgentEvent) => void;
}

/** How a headless run ended. */
export interface HeadlessRunOutcome {
	readonly status: 'succeeded' | 'failed' | 'cancelled' | 'timedOut';
	readonly exitCode: number | null;
	readonly signal: string | null;
	readonly durationMs: number;
	/** Milliseconds Baton itself spent parsing and dispatching events (its overhead on top of the CLI). */
	readonly batonMs: number;
	readonly sessionId?: string;
	readonly model?: string;
	/** Final answer, or the CLI's error message. */
	readonly resultText: string;
	readonly usage?: { readonly tokens: TokenUsage; readonly cumulative: boolean; readonly costUsd?: number };
	readonly fileEdits: readonly string[];
	/** Set when the run did not succeed: what kind of failure, and when a limit resets. */
	readonly failure?: FailureSignal;
	/** Output lines no parser could read, shown to the user as they were. */
	readonly rawLines: readonly string[];
	readonly stderr: string;
}

/** A started run: await `done`; `cancel` asks the CLI to stop (SIGINT, then SIGTERM, then SIGKILL). */
export interface HeadlessRun {
	readonly done: Promise<HeadlessRunOutcome>;
	cancel(): void;
}

const maxRawLines = 200;

/** Starts the CLI headless and streams its events. Never rejects: spawn failures become a failed outcome. */
export function startHeadlessRun(options: HeadlessRunOptions): HeadlessRun {
	let requestCancel: (reason: 'cancelled' | 'timedOut') => void = () => undefined;
	const done = run(options, (fn) => (requestCancel = fn));
	return { done, cancel: () => requestCancel('cancelled') };
}

async function run(options: HeadlessRunOptions, exposeCancel: (fn: (reason: 'cancelled' | 'timedOut') => void) => void): Promise<HeadlessRunOutcome> {
	const started = Date.now();
	const invocation = options.dialect.buildInvocation(options.request);
	const tempDir = invocation.files.length > 0 ? await mkdtemp(join(tmpdir(), 'baton-run-')) : undefined;
	const env: Record<string, string | undefined> = { ...(options.env ?? process.env), ...invocation.env };
	for (const [i, file] of invocation.files.entries()) {
		const path = join(tempDir as string, `file-${i}.json`);
		await writeFile(path, file.content, { mode: 0o600 });
		env[file.envVar] = path;
	}
	const parser = options.dialect.createParser();
	const state = new OutcomeBuilder();
	const stdoutTail = new TailBuffer(256 * 1024);
	const stderrTail = new TailBuffer(64 * 1024);
	let batonMs = 0;
	const handleLine = (line: string): void => {
		const t0 = performance.now();
		stdoutTail.append(`${line}\n`);
		for (const event of parser.push(line)) {
			state.add(event);
			options.onEvent?.(event);
		}
		batonMs += performance.now() - t0;
	};

	const child = spawn(options.executable, [...invocation.args], {
		cwd: options.request.cwd,
		env,
		stdio: [invocation.stdin === null ? 'ignore' : 'pipe', 'pipe', 'pipe'],
		detached: process.platform !== 'win32',
		windowsHide: true,
	});
	let endReason: 'cancelled' | 'timedOut' | undefined;
	const timers: NodeJS.Timeout[] = [];
	const signalGroup = (signal: NodeJS.Signals): void => {
		try {
			if (child.pid !== undefined && process.platform !== 'win32') {
				process.kill(-child.pid, signal);
			} else {
				child.kill(signal);
			}
		} catch {
			// already exited
		}
	};
	exposeCancel((reason) => {
		if (endReason || child.exitCode !== null) {
			return;
		}
		endReason = reason;
		const grace = options.cancelGraceMs ?? 3000;
		signalGroup('SIGINT');
		timers.push(setTimeout(() => signalGroup('SIGTERM'), grace), setTimeout(() => signalGroup('SIGKILL'), grace * 2));
	});
	if (options.timeoutMs) {
		timers.push(setTimeout(() => {
			if (!endReason && child.exitCode === null) {
				endReason = 'timedOut';
				signalGroup('SIGINT');
				const grace = options.cancelGraceMs ?? 3000;
				timers.push(setTimeout(() => signalGroup('SIGTERM'), grace), setTimeout(() => signalGroup('SIGKILL'), grace * 2));
			}
		}, options.timeoutMs));
	}
	if (invocation.stdin !== null && child.stdin) {
		child.stdin.on('error', () => undefined);
		child.stdin.end(invocation.stdin);
	}
	const lines = new LineSplitter(handleLine);
	child.stdout?.setEncoding('utf8').on('data', (chunk: string) => lines.push(chunk));
	child.stderr?.setEncoding('utf8').on('data', (chunk: string) => stderrTail.append(chunk));

	const exit = await new Promise<{ code: number | null; signal: string | null; spawnError?: Error }>((resolve) => {
		child.once('error', (error) => resolve({ code: null, signal: null, spawnError: error }));
		child.once('close', (code, signal) => resolve({ code, signal }));
	});
	lines.end();
	timers.forEach(clearTimeout);
	if (tempDir) {
		await rm(tempDir, { recursive: true, force: true });
	}
	const stderr = exit.spawnError ? `${exit.spawnError.message}\n${stderrTail.text()}` : stderrTail.text();
	const succeeded = !endReason && !exit.spawnError && exit.code === 0 && state.resultOk !== false;
	const status = endReason ?? (succeeded ? 'succeeded' : 'failed');
	const failure = succeeded
		? undefined
		: classifyFailure({
				text: `${stdoutTail.text()}\n${stderr}`,
				exitCode: status === 'cancelled' ? 130 : exit.code,
				agent: options.agentId,
				now: new Date(),
				timeZone: options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
			});
	return state.build({
		status,
		exitCode: exit.code,
		signal: exit.signal,
		durationMs: Date.now() - started,
		batonMs,
		stderr,
		failure: status === 'timedOut' && failure ? { ...failure, message: `Timed out after ${Math.round((options.timeoutMs ?? 0) / 1000)} s. ${failure.message}`.trim() } : failure,
	});
}

/** Folds events into the pieces of an outcome. */
class OutcomeBuilder {
	sessionId: string | undefined;
	model: string | undefined;
	resultOk: boolean | undefined;
	resultText: string | undefined;
	private text = '';
	private usage: HeadlessRunOutcome['usage'];
	private readonly edits = new Set<string>();
	private readonly raw: string[] = [];
	private readonly errors: string[] = [];

	add(event: AgentEvent): void {
		switch (event.type) {
			case 'session':
				this.sessionId ??= event.sessionId;
				this.model = event.model ?? this.model;
				break;
			case 'text':
				this.text = event.delta ? this.text + event.text : event.text;
				break;
			case 'fileEdit':
				this.edits.add(event.path);
				break;
			case 'usage':
				this.usage = { tokens: event.usage, cumulative: event.cumulative, ...(event.costUsd !== undefined ? { costUsd: event.costUsd } : {}) };
				this.model ??= event.model;
				break;
			case 'result':
				this.resultOk = event.ok;
				this.resultText = event.text;
				break;
			case 'error':
				this.errors.push(event.message);
				break;
			case 'raw':
				if (this.raw.length < maxRawLines) {
					this.raw.push(event.text);
				}
				break;
			default:
				break;
		}
	}

	build(end: Pick<HeadlessRunOutcome, 'status' | 'exitCode' | 'signal' | 'durationMs' | 'batonMs' | 'stderr'> & { failure: FailureSignal | undefined }): HeadlessRunOutcome {
		const resultText = this.resultText ?? (this.text || this.errors.at(-1) || this.raw.join('\n') || end.stderr.trim().split('\n').slice(-5).join('\n'));
		const { failure, ...rest } = end;
		return {
			...rest,
			resultText,
			fileEdits: [...this.edits],
			rawLines: this.raw,
			...(this.sessionId ? { sessionId: this.sessionId } : {}),
			...(this.model ? { model: this.model } : {}),
			...(this.usage ? { usage: this.usage } : {}),
			...(failure ? { failure } : {}),
		};
	}
}
