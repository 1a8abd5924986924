import { open, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { readClaudeTranscript } from '../../core/handoff/transcripts/claude';
import { readCodexTranscript } from '../../core/handoff/transcripts/codex';
import { readGeminiTranscript } from '../../core/handoff/transcripts/gemini';
import type { SessionRecord } from '../../core/handoff/types';
import { claudeRoots, codexHome, geminiDir, type PathInputs } from '../quota/agentPaths';
import { listFiles } from '../quota/fileScan';

/** Largest tail of a transcript read for a brief, bytes (older lines matter least). */
export const maxTranscriptBytes = 16 * 1024 * 1024;

/** What identifies a session's transcript. */
export interface TranscriptQuery {
	readonly agent: string;
	readonly sessionId: string;
	/** The session's working folder (Claude keys its project folder by it). */
	readonly cwd: string;
	readonly inputs: PathInputs;
}

async function isFile(file: string): Promise<boolean> {
	try {
		return (await stat(file)).isFile();
	} catch {
		return false;
	}
}

/** Claude's project-folder name for `cwd`: every character other than A–Z, a–z, 0–9 becomes `-` (cli-contracts §1.6). */
export function claudeProjectFolder(cwd: string): string {
	return cwd.replace(/[^A-Za-z0-9]/g, '-');
}

async function findClaude(q: TranscriptQuery): Promise<string | undefined> {
	const roots = await claudeRoots(q.inputs);
	for (const root of roots) {
		const direct = path.join(root, 'projects', claudeProjectFolder(q.cwd), `${q.sessionId}.jsonl`);
		if (await isFile(direct)) return direct;
	}
	for (const root of roots) {
		const found = await listFiles(path.join(root, 'projects'), { match: (n) => n === `${q.sessionId}.jsonl`, maxDepth: 2 });
		if (found[0]) return found[0];
	}
	return undefined;
}

async function findGemini(q: TranscriptQuery): Promise<string | undefined> {
	const short = q.sessionId.slice(0, 8);
	const files = await listFiles(path.join(geminiDir(q.inputs), 'tmp'), { match: (n) => n.startsWith('session-') && (n.endsWith(`-${short}.jsonl`) || n.endsWith(`-${short}.json`)), maxDepth: 3 });
	return files[files.length - 1];
}

async function findCodex(q: TranscriptQuery): Promise<string | undefined> {
	const files = await listFiles(path.join(codexHome(q.inputs), 'sessions'), { match: (n) => n.startsWith('rollout-') && n.endsWith(`${q.sessionId}.jsonl`), maxDepth: 4 });
	return files[files.length - 1];
}

/** The transcript file of a Claude, Gemini or Codex session, or undefined when none is found. */
export async function findTranscript(q: TranscriptQuery): Promise<string | undefined> {
	if (!/^[A-Za-z0-9._-]{1,200}$/.test(q.sessionId)) return undefined;
	if (q.agent === 'claude') return findClaude(q);
	if (q.agent === 'gemini') return findGemini(q);
	if (q.agent === 'codex') return findCodex(q);
	return undefined;
}

async function readTail(file: string): Promise<string> {
	const handle = await open(file, 'r');
	try {
		const size = (await handle.stat()).size;
		const start = Math.max(0, size - maxTranscriptBytes);
		const buffer = Buffer.alloc(size - start);
		await handle.read(buffer, 0, buffer.length, start);
		const text = buffer.toString('utf8');
		return start === 0 ? text : text.slice(text.indexOf('\n') + 1);
	} finally {
		await handle.close();
	}
}

/** Normalized records of `agent`'s transcript `file` (its last {@link maxTranscriptBytes}); [] when unreadable. */
export async function readSessionRecords(agent: string, file: string): Promise<SessionRecord[]> {
	let text: string;
	try {
		text = await readTail(file);
	} catch {
		return [];
	}
	if (agent === 'claude') return readClaudeTranscript(text, file);
	if (agent === 'gemini') return readGeminiTranscript(text, file);
	if (agent === 'codex') return readCodexTranscript(text, file);
	return [];
}

/** The working folder a Codex rollout records in its first `session_meta` line (read from its first 64 KiB), or undefined. */
export async function codexRolloutCwd(file: string): Promise<string | undefined> {
	try {
		const handle = await open(file, 'r');
		try {
			const buffer = Buffer.alloc(64 * 1024);
			const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
			const first = buffer.toString('utf8', 0, bytesRead).split('\n')[0] ?? '';
			if (!first.includes('"session_meta"')) return undefined;
			const quoted = /"cwd":("(?:[^"\\]|\\.)*")/.exec(first)?.[1];
			const cwd: unknown = quoted ? JSON.parse(quoted) : undefined;
			return typeof cwd === 'string' ? cwd : undefined;
		} finally {
			await handle.close();
		}
	} catch {
		return undefined;
	}
}

/** When a transcript file was created (birth time, else modification time), ms since the Unix epoch; 0 if unknown. */
export async function transcriptCreatedAt(file: string): Promise<number> {
	try {
		const info = await stat(file);
		return info.birthtimeMs > 0 ? info.birthtimeMs : info.mtimeMs;
	} catch {
		return 0;
	}
}
