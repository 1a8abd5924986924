import { homedir } from 'node:os';
import { isInside } from '../../core/bridge/pathSafety';
import type { BridgeSession } from '../../core/bridge/types';
import type { TranscriptLimit } from '../../core/continuity/transcriptLimits';
import type { HandoffSignal } from '../../core/continuity/handoffRecord';
import type { SessionRecord } from '../../core/handoff/types';
import { renderCheckpoint } from '../../core/delegation/delegation';
import { checkpointFromTranscript } from '../../core/handoff/transcriptCheckpoint';
import type { QuotaNotification } from '../../core/quota/thresholds';
import { checkpointOf } from '../../infra/continuity/briefSources';
import { codexRolloutCwd, findTranscript, readSessionRecords, transcriptCreatedAt } from '../../infra/continuity/sessionTranscripts';
import { workspaceCwd } from '../workspace';
import { agentName as nameOf } from '../../core/agents/descriptors';
import type { FailoverDeps, FailureReport } from './failoverService';

/**
 * The failure report for an interactive session whose transcript recorded a limit, or undefined when the session is
 * not this workspace's: Claude lines carry their cwd, Codex rollouts record it in `session_meta`, hooked sessions
 * know it; a Gemini session without hooks counts only while a Baton Gemini terminal is open. The task is the hooked
 * session's goal or the transcript's first user prompt.
 */
export async function interactiveFailureReport(limit: TranscriptLimit, deps: Pick<FailoverDeps, 'bridge' | 'terminals'>): Promise<FailureReport | undefined> {
	const short = limit.sessionId;
	const ws = workspaceCwd();
	if (!short || !ws) return undefined;
	const hubSession = deps.bridge.hub?.listSessions().find((s) => s.sessionId.startsWith(short));
	const cwd = limit.cwd ?? hubSession?.cwd ?? (limit.agent === 'codex' ? await codexRolloutCwd(limit.file) : undefined);
	const mine = cwd ? isInside(cwd, ws) : limit.agent === 'gemini' && deps.terminals.openAgents.includes('gemini');
	if (!mine) return undefined;
	const records = await readSessionRecords(limit.agent, limit.file);
	const firstPrompt = records.find((r) => r.kind === 'user');
	return terminalFailureReport({
		agent: limit.agent,
		sessionId: short,
		hubSession,
		...(firstPrompt?.kind === 'user' ? { fallbackPrompt: firstPrompt.text } : {}),
		fallbackStartedAt: await transcriptCreatedAt(limit.file),
		at: limit.at,
		signal: limit.signal,
		records,
	});
}

/** What an interactive session's failure is known from: the hook's view of it, if hooked, and what else was read. */
export interface InteractiveFailure {
	readonly agent: string;
	/** The session id as the signal gave it (a transcript limit may carry only its prefix). */
	readonly sessionId: string;
	readonly hubSession: BridgeSession | undefined;
	/** The task when the hook recorded no goal (the last hooked prompt, or the transcript's first user prompt). */
	readonly fallbackPrompt?: string | null;
	/** Start time in ms when the hook did not see the session start (0 = unknown). */
	readonly fallbackStartedAt?: number;
	/** ISO time of the failure. */
	readonly at: string;
	readonly signal: HandoffSignal;
	readonly records?: readonly SessionRecord[];
}

/**
 * The terminal failure report of an interactive session, for hook stop-failures and transcript limits alike: the task
 * is the hooked session's goal, else the fallback prompt, else "Continue the … session …"; it started when the hook saw
 * it start, else at the fallback time, else an hour before the failure.
 */
export function terminalFailureReport(f: InteractiveFailure): FailureReport {
	const prompt = f.hubSession?.goal ?? (f.fallbackPrompt || `Continue the ${nameOf(f.agent)} session ${f.sessionId}.`);
	const endedAt = Date.parse(f.at);
	const startedAt = f.hubSession ? Date.parse(f.hubSession.startedAt) : f.fallbackStartedAt || endedAt - 3600_000;
	return { agent: f.agent, sessionId: f.hubSession?.sessionId ?? f.sessionId, prompt, mode: 'terminal', signal: f.signal, startedAt, endedAt, ...(f.records ? { records: f.records } : {}) };
}

/** Plain words for a risk, e.g. "Claude Code has used 86% of its five-hour window". */
export function riskWords(risk: QuotaNotification): string {
	const window = risk.window.replace('_', '-');
	const used =
		risk.reason === 'forecast' ? `is on pace to pass its ${window} limit before it resets` : risk.reason === 'exhausted' ? `reached its ${window} limit` : `has used ${Math.round(risk.usedPercent ?? 0)}% of its ${window} window`;
	return `${nameOf(risk.agent)} ${used}`;
}

/**
 * Checkpoints work an agent is about to lose to its limit: live hooked sessions of the agent are asked to call
 * `checkpoint` (the notice rides on their next hook output); running headless runs of the agent that have not
 * checkpointed themselves get one taken from their transcript, stored in memory (kind `checkpoint`) where a later
 * failover brief finds it. Nothing is taken once the limit is reached: the failover then reads the transcript itself.
 */
export async function checkpointRunningWork(risk: QuotaNotification, deps: Pick<FailoverDeps, 'bridge' | 'runs' | 'memory' | 'log'>): Promise<void> {
	const why = riskWords(risk);
	const hub = deps.bridge.hub;
	const asked = (hub?.listSessions() ?? []).filter((s) => s.agent === risk.agent && s.state === 'live' && hub?.requestCheckpoint(s.sessionId, why));
	const running = risk.reason === 'exhausted' ? [] : deps.runs.runs.filter((r) => r.agentId === risk.agent && r.status === 'running' && r.sessionId);
	const store = running.length > 0 ? await deps.memory.open() : undefined;
	const cwd = workspaceCwd() ?? process.cwd();
	const existing = store ? (await store.list({ kind: 'checkpoint', limit: 200 })).entries : [];
	let taken = 0;
	for (const run of running) {
		const session = { agent: run.agentId, ...(run.sessionId ? { sessionId: run.sessionId } : {}), startedAt: Date.parse(run.startedAt), endedAt: Date.now(), cwd, task: run.prompt };
		if (existing.some((e) => checkpointOf(e, session))) continue;
		const file = await findTranscript({ agent: run.agentId, sessionId: run.sessionId ?? '', cwd, inputs: { env: process.env, homeDir: homedir() } });
		const checkpoint = checkpointFromTranscript(file ? await readSessionRecords(run.agentId, file) : [], run.prompt);
		if (!checkpoint || !store) continue;
		await store.add({ kind: 'checkpoint', title: `Checkpoint (from the transcript, before the limit): ${checkpoint.goal.slice(0, 80)}`, body: renderCheckpoint(checkpoint), agent: run.agentId, sessionId: run.sessionId ?? null, files: [...(checkpoint.files ?? [])], source: 'handoff' });
		taken++;
	}
	if (asked.length + taken > 0) deps.log.info(`${why}: asked ${asked.length} session(s) to checkpoint, took ${taken} checkpoint(s) from transcripts`);
}
