import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { findAgentDescriptor } from '../../core/agents/descriptors';
import type { AgentEvent } from '../../core/agents/events';
import type { HeadlessDialect, PermissionLevel } from '../../core/agents/headless';
import type { AgentRunContext, AgentRunner, AgentRunResult, CritiqueRole } from '../../core/critique/loop';
import type { ReviewSubject } from '../../core/critique/reviewFormat';
import { startHeadlessRun, type HeadlessRun, type HeadlessRunOutcome } from '../agents/headlessRunner';

/** How to start one agent's CLI. `dialect` defaults to the built-in descriptor's; `env` to this process's environment. */
export interface CritiqueAgentConfig {
	readonly executable: string;
	readonly env?: Readonly<Record<string, string | undefined>>;
	readonly model?: string;
	readonly dialect?: HeadlessDialect;
}

/** Options of {@link createCritiqueRunner}. Permissions default to `edit` for the generator and `readOnly` for the reviewer. */
export interface CritiqueRunnerOptions {
	/** Absolute workspace folder every run starts in. */
	readonly cwd: string;
	readonly agents: Readonly<Record<string, CritiqueAgentConfig>>;
	/** Milliseconds per run before it is cancelled as timed out; 0 or absent: none. */
	readonly timeoutMs?: number;
	/** Milliseconds between SIGINT, SIGTERM and SIGKILL when cancelling. */
	readonly cancelGraceMs?: number;
	readonly timeZone?: string;
	readonly permissions?: Readonly<Partial<Record<CritiqueRole, PermissionLevel>>>;
	/** Every CLI event as it arrives, with the agent and role of the run. */
	readonly onEvent?: (event: AgentEvent, agent: string, context: AgentRunContext) => void;
	/** Every finished run's full outcome (for logs and quota ingestion). */
	readonly onOutcome?: (outcome: HeadlessRunOutcome, agent: string, context: AgentRunContext) => void;
}

/** An {@link AgentRunner} over the headless CLIs; `cancel` stops the run in progress (the loop then sees a failed run). */
export interface CritiqueRunner extends AgentRunner {
	cancel(): void;
}

/** Total tokens of an outcome: input + output + cache reads + cache writes; 0 when the CLI reported none. */
export function outcomeTokens(outcome: HeadlessRunOutcome): number {
	const t = outcome.usage?.tokens;
	return t ? t.inputTokens + t.outputTokens + t.cacheReadTokens + t.cacheCreationTokens : 0;
}

/** Maps a headless outcome to the loop's run result. */
export function toRunResult(outcome: HeadlessRunOutcome): AgentRunResult {
	const ok = outcome.status === 'succeeded';
	const failure = ok ? undefined : outcome.failure?.message || `${outcome.status}${outcome.exitCode !== null ? ` (exit ${outcome.exitCode})` : ''}: ${outcome.resultText}`.trim();
	return { text: outcome.resultText, tokens: outcomeTokens(outcome), ok, ...(failure !== undefined ? { failure } : {}), filesChanged: outcome.fileEdits };
}

/** Creates an {@link AgentRunner} that runs each prompt headless through `startHeadlessRun`. Never rejects. */
export function createCritiqueRunner(options: CritiqueRunnerOptions): CritiqueRunner {
	let current: HeadlessRun | undefined;
	return {
		cancel: () => current?.cancel(),
		async run(agent: string, prompt: string, context: AgentRunContext): Promise<AgentRunResult> {
			const config = options.agents[agent];
			const dialect = config?.dialect ?? findAgentDescriptor(agent)?.headless;
			if (!config || !dialect) return { text: '', tokens: 0, ok: false, failure: `${agent} is not configured for the critique loop` };
			const permission = options.permissions?.[context.role] ?? (context.role === 'generator' ? 'edit' : 'readOnly');
			const onEvent = options.onEvent;
			current = startHeadlessRun({
				agentId: agent,
				executable: config.executable,
				dialect,
				request: { prompt, cwd: options.cwd, permission, ...(config.model ? { model: config.model } : {}) },
				...(config.env ? { env: config.env } : {}),
				...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
				...(options.cancelGraceMs !== undefined ? { cancelGraceMs: options.cancelGraceMs } : {}),
				...(options.timeZone !== undefined ? { timeZone: options.timeZone } : {}),
				...(onEvent ? { onEvent: (event: AgentEvent) => onEvent(event, agent, context) } : {}),
			});
			const outcome = await current.done;
			current = undefined;
			options.onOutcome?.(outcome, agent, context);
			return toRunResult(outcome);
		},
	};
}

/** Options of {@link readWorkingTreeDiff}. `maxChars` caps the subject text (default 200 000); `maxUntrackedFileBytes` (default 20 000) caps each untracked file shown. */
export interface DiffReadOptions {
	readonly maxChars?: number;
	readonly maxUntrackedFileBytes?: number;
	readonly gitExecutable?: string;
}

const emptyTree = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

function git(cwd: string, args: readonly string[], executable: string): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile(executable, [...args], { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) => {
			if (error) reject(new Error(`git ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
			else resolve(stdout);
		});
	});
}

/**
 * The working-tree change of the git repository at `cwd` as a review subject: `git diff HEAD` (against the empty tree
 * before the first commit), then every untracked, non-ignored file listed with its content when small and text.
 * Rejects when `cwd` is not a git work tree.
 */
export async function readWorkingTreeDiff(cwd: string, options: DiffReadOptions = {}): Promise<ReviewSubject> {
	const exe = options.gitExecutable ?? 'git';
	const maxChars = options.maxChars ?? 200_000;
	const maxFile = options.maxUntrackedFileBytes ?? 20_000;
	let base = 'HEAD';
	try {
		await git(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD'], exe);
	} catch {
		await git(cwd, ['rev-parse', '--is-inside-work-tree'], exe);
		base = emptyTree;
	}
	const diff = await git(cwd, ['-c', 'core.quotepath=false', 'diff', '--no-color', '--no-ext-diff', base], exe);
	const untracked = (await git(cwd, ['ls-files', '--others', '--exclude-standard', '-z'], exe)).split('\0').filter((p) => p !== '');
	const parts = [diff.trimEnd()];
	if (untracked.length > 0) {
		parts.push(`Untracked files (${untracked.length}):\n${untracked.map((p) => `- ${p}`).join('\n')}`);
		for (const path of untracked) {
			const shown = await untrackedContent(join(cwd, path), maxFile);
			if (shown !== undefined) parts.push(`--- /dev/null\n+++ b/${path} (untracked)\n${shown.replace(/\n$/, '').split('\n').map((l) => `+${l}`).join('\n')}`);
		}
	}
	let text = parts.filter((p) => p !== '').join('\n\n');
	if (text === '') text = '(no changes in the working tree)';
	if (text.length > maxChars) text = `${text.slice(0, maxChars)}\n…(truncated at ${maxChars} characters)`;
	return { kind: 'diff', label: base === 'HEAD' ? 'git diff HEAD' : 'git diff (no commits yet)', text };
}

/** Content of a small text file, or undefined for large or binary files. */
async function untrackedContent(path: string, maxBytes: number): Promise<string | undefined> {
	try {
		const info = await stat(path);
		if (!info.isFile() || info.size > maxBytes) return undefined;
		const buffer = await readFile(path);
		if (buffer.includes(0)) return undefined;
		return buffer.toString('utf8');
	} catch {
		return undefined;
	}
}
