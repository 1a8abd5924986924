import { classifyFailure, type FailureSignal } from '../agents/signals';
import { asRecord, asString, type JsonRecord } from '../common/json';
import { contentText } from '../handoff/transcripts/common';

/** A usage or rate limit an agent wrote into its own session transcript (interactive sessions included). */
export interface TranscriptLimit {
	readonly agent: 'claude' | 'gemini' | 'codex';
	/** Claude/Codex: the full session id; Gemini: the 8-character prefix in the chats file name. */
	readonly sessionId: string | null;
	readonly cwd: string | null;
	/** The transcript file. */
	readonly file: string;
	/** When the transcript says it happened, ISO-8601 UTC. */
	readonly at: string;
	readonly signal: FailureSignal;
}

function parse(line: string): JsonRecord | undefined {
	try {
		return asRecord(JSON.parse(line));
	} catch {
		return undefined;
	}
}

function limitOf(agent: TranscriptLimit['agent'], text: string, at: Date, timeZone: string): FailureSignal | undefined {
	const signal = classifyFailure({ text, agent, now: at, timeZone });
	return signal.kind === 'quota_exhausted' || signal.kind === 'rate_limited' ? signal : undefined;
}

/** The record's `timestamp`, else `now()` (only asked for when a line has none: detectors run on every tailed line). */
function timeOf(json: JsonRecord, now: () => Date): Date {
	const t = Date.parse(asString(json['timestamp']) ?? '');
	return Number.isFinite(t) ? new Date(t) : now();
}

/** Claude: the synthetic assistant line with `isApiErrorMessage: true` (cli-contracts §1.5). */
export function claudeTranscriptLimit(line: string, file: string, now: () => Date, timeZone: string): TranscriptLimit | null {
	if (!line.includes('"isApiErrorMessage":true')) return null;
	const json = parse(line);
	if (!json || json['isApiErrorMessage'] !== true) return null;
	const at = timeOf(json, now);
	const signal = limitOf('claude', contentText(asRecord(json['message'])?.['content']), at, timeZone);
	if (!signal) return null;
	return { agent: 'claude', sessionId: asString(json['sessionId']) ?? null, cwd: asString(json['cwd']) ?? null, file, at: at.toISOString(), signal };
}

/** Codex: a rollout `event_msg` (`task_complete` with an `error`, or `error`) whose message is a limit (cli-contracts §3.4). */
export function codexTranscriptLimit(line: string, file: string, now: () => Date, timeZone: string): TranscriptLimit | null {
	if (!line.includes('"event_msg"') || !line.includes('"error"')) return null;
	const json = parse(line);
	const payload = asRecord(json?.['payload']);
	if (!json || !payload) return null;
	const error = asRecord(payload['error']);
	const text = asString(error?.['message']) ?? (asString(payload['type']) === 'error' ? asString(payload['message']) : undefined);
	if (!text) return null;
	const at = timeOf(json, now);
	const signal = limitOf('codex', `${text} ${asString(error?.['codex_error_info']) ?? ''}`.trim(), at, timeZone);
	if (!signal) return null;
	const id = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/i.exec(file)?.[1] ?? null;
	return { agent: 'codex', sessionId: id, cwd: null, file, at: at.toISOString(), signal };
}

/** Gemini: a chats-file message of type `error` (as a line or inside a `$set.messages` patch) whose text is a limit. */
export function geminiTranscriptLimit(line: string, file: string, now: () => Date, timeZone: string): TranscriptLimit | null {
	if (!line.includes('"error"')) return null;
	const json = parse(line);
	if (!json) return null;
	const patch = asRecord(json['$set'])?.['messages'];
	const messages = Array.isArray(patch) ? patch.map(asRecord) : [json];
	for (const m of [...messages].reverse()) {
		if (!m || asString(m['type']) !== 'error') continue;
		const at = timeOf(m, now);
		const signal = limitOf('gemini', contentText(m['content']), at, timeZone);
		if (signal) return { agent: 'gemini', sessionId: /-([0-9a-f]{8})\.jsonl?$/i.exec(file)?.[1] ?? null, cwd: null, file, at: at.toISOString(), signal };
	}
	return null;
}
