import { parseCheckpointText } from '../../core/handoff/checkpointText';
import type { Checkpoint, MemoryNote, SessionRecord } from '../../core/handoff/types';
import type { MemoryEntry } from '../../core/memory/types';
import type { PathInputs } from '../quota/agentPaths';
import type { MemoryStore } from '../memory/memoryStore';
import { findTranscript, readSessionRecords } from './sessionTranscripts';

/** The session a brief is about. Times are milliseconds since the Unix epoch. */
export interface BriefSession {
	readonly agent: string;
	readonly sessionId?: string;
	readonly startedAt: number;
	readonly endedAt: number;
	readonly cwd: string;
	/** The task as first given (the memory recall query). */
	readonly task: string;
	/** The transcript's records when the caller has already read them (otherwise found by session id and read). */
	readonly records?: readonly SessionRecord[];
}

/** What a brief is built from, as found on disk and in memory. */
export interface BriefSources {
	readonly checkpoints: Checkpoint[];
	readonly records: SessionRecord[];
	readonly memories: MemoryNote[];
	readonly transcriptFile?: string;
}

/** Checkpoints kept per brief (the newest). */
export const maxCheckpoints = 5;
/** Slack around the session's start and end when matching checkpoints without a session id, ms. */
export const checkpointSlackMs = 60_000;

/**
 * True when a stored checkpoint belongs to the session: same session id, or (when either side has no session id, as
 * with MCP servers of headless runs) the same agent and made while the session ran (± {@link checkpointSlackMs}).
 */
export function checkpointOf(entry: MemoryEntry, session: BriefSession): boolean {
	if (entry.kind !== 'checkpoint') return false;
	if (session.sessionId && entry.sessionId) return entry.sessionId === session.sessionId;
	return entry.agent === session.agent && entry.createdAt >= session.startedAt - checkpointSlackMs && entry.createdAt <= session.endedAt + checkpointSlackMs;
}

/**
 * Collects a session's checkpoints (from memory), transcript records (from the CLI's session file, found by session
 * id) and up to 5 recalled memories for its task. Missing parts are empty; never throws for missing files.
 */
export async function gatherBriefSources(store: MemoryStore | undefined, session: BriefSession, inputs: PathInputs): Promise<BriefSources> {
	const checkpoints: Checkpoint[] = [];
	const memories: MemoryNote[] = [];
	if (store) {
		const page = await store.list({ kind: 'checkpoint', limit: 200 });
		for (const entry of page.entries.filter((e) => checkpointOf(e, session)).slice(0, maxCheckpoints)) {
			checkpoints.push(parseCheckpointText(entry.body, { id: entry.id, at: new Date(entry.createdAt).toISOString(), files: entry.files }));
		}
		const recalled = await store.recall(session.task, { budgetTokens: 600 });
		const used = new Set(checkpoints.map((c) => c.id));
		for (const { id } of recalled.entries.slice(0, 5)) {
			if (used.has(id)) continue;
			const entry = await store.get(id);
			if (entry && entry.kind !== 'handoff') memories.push({ id: entry.id, title: entry.title, body: entry.body });
		}
	}
	if (session.records) return { checkpoints, records: [...session.records], memories };
	const transcriptFile = session.sessionId ? await findTranscript({ agent: session.agent, sessionId: session.sessionId, cwd: session.cwd, inputs }) : undefined;
	const records = transcriptFile ? await readSessionRecords(session.agent, transcriptFile) : [];
	return { checkpoints, records, memories, ...(transcriptFile ? { transcriptFile } : {}) };
}
