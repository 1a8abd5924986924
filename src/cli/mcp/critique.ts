import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { PermissionLevel } from '../../core/agents/headless';
import { agentName } from '../../core/bridge/hubText';
import { isInside } from '../../core/bridge/pathSafety';
import { bridgeMethods } from '../../core/bridge/protocol';
import { bridgeAgents, isBridgeAgent, type BridgeAgent } from '../../core/bridge/types';
import { critiqueNote, findingCounts, findingsText } from '../../core/critique/critiqueReport';
import { runCritique, type CritiqueOutcome } from '../../core/critique/loop';
import { selectReviewer } from '../../core/critique/reviewer';
import type { ReviewFinding, ReviewSubject } from '../../core/critique/reviewFormat';
import { clampTimeoutSeconds, delegationDepthVar, delegationLimits } from '../../core/delegation/delegation';
import { capPermission } from '../../core/delegation/roles';
import { createCritiqueRunner, readWorkingTreeDiff } from '../../infra/critique/critiqueRunner';
import { BridgeDownError, type BridgeLink } from './bridgeLink';
import { describeAgentEvent } from './delegate';

/** Arguments of the `critique` tool (see tools.ts for what each means to the caller). */
export interface CritiqueArgs {
	readonly files?: readonly string[] | undefined;
	readonly text?: string | undefined;
	readonly task?: string | undefined;
	readonly reviewer?: BridgeAgent | undefined;
	readonly rounds?: number | undefined;
	readonly timeoutSeconds?: number | undefined;
	readonly model?: string | undefined;
}

/** What a critique needs from the MCP server. `caller`: the agent that started the server (`--agent`), when known. */
export interface CritiqueDeps {
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly link: BridgeLink;
	readonly workspace: string;
	readonly caller: BridgeAgent | null;
	/** Most a headless revision (rounds > 1) may do. */
	readonly maxPermission: PermissionLevel;
	readonly locate: (agent: string) => Promise<string | undefined>;
	/** Progress for the client (only called when it asked for progress). */
	readonly progress: (message: string) => void;
	/** Aborted when the client cancels the request or the server stops. */
	readonly signal: AbortSignal;
	/** Milliseconds between "still reviewing" progress messages (default 15 s). */
	readonly heartbeatMs?: number;
}

/** The structured answer (the tool's `structuredContent`). `verdict` is null when the review could not be read. */
export interface CritiqueReport {
	readonly verdict: 'pass' | 'revise' | null;
	readonly summary: string;
	readonly findings: readonly ReviewFinding[];
	readonly reviewer: BridgeAgent;
	readonly subject: string;
	readonly rounds: number;
	readonly stopReason: CritiqueOutcome['stopReason'];
	/** The reviewer's answer as written, when it could not be read as a review. */
	readonly rawReview?: string;
	/** Whether the review is in Baton's memory (kind `critique`). */
	readonly savedToMemory: boolean;
}

/** The tool's answer: text for the agent, plus the structured report when the reviewer ran. */
export interface CritiqueToolResult {
	readonly text: string;
	readonly isError: boolean;
	readonly report?: CritiqueReport;
}

const fail = (text: string): CritiqueToolResult => ({ text, isError: true });

/** Longest subject sent to the reviewer, characters. */
const maxSubjectChars = 200_000;

async function filesSubject(files: readonly string[], workspace: string): Promise<ReviewSubject | string> {
	const parts: string[] = [];
	for (const file of files) {
		const path = resolve(workspace, file);
		if (!isInside(path, workspace)) return `${file} is outside the workspace folder ${workspace}.`;
		const text = await readFile(path, 'utf8').catch(() => undefined);
		if (text === undefined) return `${file} cannot be read.`;
		parts.push(`--- ${relative(workspace, path)}\n${text}`);
	}
	const text = parts.join('\n\n');
	return { kind: 'file', label: files.join(', ').slice(0, 200), text: text.length > maxSubjectChars ? `${text.slice(0, maxSubjectChars)}\n…(truncated)` : text };
}

/** What to review: the snippet, else the files' current content, else the working-tree diff; a string says why not. */
async function readSubject(args: CritiqueArgs, workspace: string): Promise<ReviewSubject | string> {
	if (args.text !== undefined) return { kind: 'selection', label: 'text snippet', text: args.text };
	if (args.files && args.files.length > 0) return filesSubject(args.files, workspace);
	try {
		const diff = await readWorkingTreeDiff(workspace, { maxChars: maxSubjectChars });
		return diff.text === '(no changes in the working tree)' ? 'There is no uncommitted change in the working tree to review; pass files or text.' : diff;
	} catch (error) {
		return `The working-tree diff cannot be read (${error instanceof Error ? error.message : String(error)}); pass files or text instead.`;
	}
}

/** The reviewer: the requested agent when installed, else one of another vendor than the caller (its own vendor last). */
async function chooseReviewer(args: CritiqueArgs, deps: CritiqueDeps): Promise<{ readonly agent: BridgeAgent; readonly executable: string; readonly why: string } | string> {
	const found = new Map<BridgeAgent, string>();
	for (const agent of bridgeAgents) {
		const executable = await deps.locate(agent);
		if (executable) found.set(agent, executable);
	}
	if (args.reviewer !== undefined) {
		const executable = found.get(args.reviewer);
		return executable ? { agent: args.reviewer, executable, why: `${args.reviewer} was requested` } : `${agentName(args.reviewer)} is not installed or not on PATH for Baton's MCP server.`;
	}
	const choice = selectReviewer({ generator: deps.caller ?? 'unknown', available: [...found.keys()] });
	const agent = choice.agent;
	if (agent === null || !isBridgeAgent(agent)) return 'No agent CLI is installed to review (Baton looks for claude, gemini and codex).';
	return { agent, executable: found.get(agent) ?? '', why: choice.reason };
}

function reportOf(outcome: CritiqueOutcome, reviewer: BridgeAgent, subject: ReviewSubject, savedToMemory: boolean): CritiqueReport {
	const review = outcome.finalReview;
	return {
		verdict: review?.verdict ?? null,
		summary: review?.summary ?? '',
		findings: review?.findings ?? [],
		reviewer,
		subject: subject.label,
		rounds: outcome.rounds.length,
		stopReason: outcome.stopReason,
		...(outcome.rawReview !== undefined ? { rawReview: outcome.rawReview } : {}),
		savedToMemory,
	};
}

function reportText(report: CritiqueReport, outcome: CritiqueOutcome, memoryNote: string): string {
	const name = agentName(report.reviewer);
	if (report.verdict === null) {
		return `${name} reviewed ${report.subject}, but its answer could not be read as a structured review (${outcome.stopDetail}). Its raw answer:\n\n${report.rawReview ?? ''}${memoryNote}`;
	}
	const next =
		report.verdict === 'pass' ? 'Nothing blocks this change.' : outcome.rounds.some((r) => r.change) ? `${outcome.stopDetail}` : 'Fix the blocker and major findings yourself, then call critique again to check the result.';
	const findings = report.findings.length > 0 ? `\n\n${findingsText(report.findings)}` : '';
	return `Review by ${name} of ${report.subject}: ${report.verdict} (${findingCounts(report.findings)}).\nSummary: ${report.summary}${findings}\n\n${next}${memoryNote}`;
}

async function remember(deps: CritiqueDeps, subject: ReviewSubject, outcome: CritiqueOutcome, reviewer: BridgeAgent): Promise<string | null> {
	const note = critiqueNote(subject.label, outcome);
	try {
		const sessionId = await deps.link.sessionId();
		const files = note.files.slice(0, 200);
		await deps.link.request(bridgeMethods.critique, { title: note.title, body: note.body.slice(0, 20_000), reviewer, ...(deps.caller ? { agent: deps.caller } : {}), ...(sessionId ? { sessionId } : {}), ...(files.length > 0 ? { files } : {}) });
		return null;
	} catch (error) {
		return error instanceof BridgeDownError ? `${error.message}, so the review is not in Baton's memory.` : `Baton could not store the review in memory: ${error instanceof Error ? error.message : String(error)}.`;
	}
}

/**
 * Runs the `critique` tool: a reviewer of another vendor than the caller reviews the working-tree diff (or the given
 * files or text) headless and read-only through the critique loop, which validates its structured review and retries
 * once with the validation errors. With `rounds` 1 (the default) Baton only reviews: the calling agent is the
 * generator and revises in its own conversation. With more rounds, Baton sends blocker/major findings to a headless
 * run of the caller's CLI (edit permission, capped by `maxPermission`) and reviews again. The outcome is stored in
 * memory (kind `critique`) through the bridge when the extension runs.
 */
export async function runCritiqueTool(args: CritiqueArgs, deps: CritiqueDeps): Promise<CritiqueToolResult> {
	const depth = Number(deps.env[delegationDepthVar] ?? 0) || 0;
	if (depth >= delegationLimits.maxDepth) return fail(`Refused: this agent is itself a delegate ${depth} level(s) deep; review the work yourself.`);
	const rounds = args.rounds ?? 1;
	if (rounds > 1 && deps.caller === null) return fail('rounds > 1 needs to know which agent revises: start Baton\'s MCP server with --agent (Connect Agents does), or use rounds 1.');
	const subject = await readSubject(args, deps.workspace);
	if (typeof subject === 'string') return fail(subject);
	const reviewer = await chooseReviewer(args, deps);
	if (typeof reviewer === 'string') return fail(reviewer);
	const generator = deps.caller ?? 'unknown';
	const generatorPath = deps.caller && rounds > 1 ? await deps.locate(deps.caller) : undefined;
	if (rounds > 1 && !generatorPath) return fail(`${agentName(deps.caller ?? 'claude')} is not installed or not on PATH for Baton's MCP server, so it cannot revise headless; use rounds 1.`);

	const timeoutSeconds = clampTimeoutSeconds(args.timeoutSeconds);
	const env = { ...deps.env, [delegationDepthVar]: String(depth + 1) };
	const name = agentName(reviewer.agent);
	const runner = createCritiqueRunner({
		cwd: deps.workspace,
		agents: {
			[reviewer.agent]: { executable: reviewer.executable, env, ...(args.model ? { model: args.model } : {}) },
			...(generatorPath ? { [generator]: { executable: generatorPath, env } } : {}),
		},
		timeoutMs: timeoutSeconds * 1000,
		cancelGraceMs: 2000,
		permissions: { generator: capPermission('edit', deps.maxPermission), reviewer: 'readOnly' },
		onEvent: (event, agent) => {
			const message = isBridgeAgent(agent) ? describeAgentEvent(event, agentName(agent)) : undefined;
			if (message) deps.progress(message);
		},
	});
	// After a headless revision the reviewer sees the change again as it now is (a snippet cannot change).
	const refreshSubject =
		subject.kind === 'diff'
			? (): Promise<ReviewSubject> => readWorkingTreeDiff(deps.workspace, { maxChars: maxSubjectChars })
			: subject.kind === 'file'
				? async (): Promise<ReviewSubject> => {
						const next = await filesSubject(args.files ?? [], deps.workspace);
						return typeof next === 'string' ? subject : next;
					}
				: undefined;
	const signal = { aborted: deps.signal.aborted };
	const onAbort = (): void => {
		signal.aborted = true;
		runner.cancel();
	};
	deps.signal.addEventListener('abort', onAbort);
	deps.progress(`${name} reviews ${subject.label} (${reviewer.why})`);
	const started = Date.now();
	const heartbeat = setInterval(() => deps.progress(`${name} still reviewing (${Math.round((Date.now() - started) / 1000)} s)`), deps.heartbeatMs ?? 15_000);
	const outcome = await runCritique({
		start: { mode: 'existing', subject, ...(args.task ? { task: args.task } : {}) },
		generator,
		reviewer: reviewer.agent,
		runner,
		maxRounds: rounds,
		signal,
		...(refreshSubject ? { refreshSubject } : {}),
		onProgress: (p) => {
			if (p.type === 'agentStarted') deps.progress(`round ${p.round}: ${agentName(isBridgeAgent(p.agent) ? p.agent : reviewer.agent)} ${p.role === 'reviewer' ? (p.retry ? 'retries the review (the first answer was malformed)' : 'is reviewing') : 'is revising'}`);
		},
	}).finally(() => {
		clearInterval(heartbeat);
		deps.signal.removeEventListener('abort', onAbort);
	});

	if (outcome.stopReason === 'cancelled') return fail('The review was cancelled.');
	if (outcome.stopReason === 'reviewerFailed' || outcome.stopReason === 'generatorFailed') return fail(`The review did not finish: ${outcome.stopDetail}`);
	const unsaved = await remember(deps, subject, outcome, reviewer.agent);
	const report = reportOf(outcome, reviewer.agent, subject, unsaved === null);
	return { text: reportText(report, outcome, unsaved ? `\n\n(${unsaved})` : ''), isError: false, report };
}
