import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes Codex rollout lines (cli-contracts §3.5 shape) with `token_count` rate limits, under `<home>/.codex`. */
export class CodexRolloutWriter {
	readonly file: string;
	private ordinal = 0;

	constructor(home: string, start: Date) {
		const d = start;
		const dir = join(home, '.codex', 'sessions', String(d.getUTCFullYear()), String(d.getUTCMonth() + 1).padStart(2, '0'), String(d.getUTCDate()).padStart(2, '0'));
		mkdirSync(dir, { recursive: true });
		const id = '01a21312-0000-7000-8000-00000000e2e1';
		this.file = join(dir, `rollout-${d.toISOString().slice(0, 19).replace(/:/g, '-')}-${id}.jsonl`);
		writeFileSync(this.file, '');
		this.line(start, 'session_meta', { session_id: id, id, timestamp: start.toISOString(), cwd: '/tmp/e2e', originator: 'codex_exec', cli_version: '0.169.0', source: 'exec' });
		this.line(start, 'turn_context', { model: 'gpt-5.5', cwd: '/tmp/e2e' });
	}

	/** One model response: cumulative tokens and the 5-hour (primary) and weekly (secondary) windows' use, percent. */
	tokenCount(at: Date, totalTokens: number, primaryPercent: number, primaryResetsAt: Date, secondaryPercent = 10): void {
		const usage = { input_tokens: totalTokens, cached_input_tokens: 0, cache_write_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: totalTokens };
		this.line(at, 'event_msg', {
			type: 'token_count',
			info: { total_token_usage: usage, last_token_usage: usage, last_usage_includes_reasoning: false, model_context_window: 258400 },
			rate_limits: {
				limit_id: 'codex',
				primary: { used_percent: primaryPercent, window_minutes: 300, resets_at: Math.floor(primaryResetsAt.getTime() / 1000) },
				secondary: { used_percent: secondaryPercent, window_minutes: 10080, resets_at: Math.floor(primaryResetsAt.getTime() / 1000) + 5 * 86400 },
			},
		});
	}

	private line(at: Date, type: string, payload: unknown): void {
		appendFileSync(this.file, `${JSON.stringify({ timestamp: at.toISOString(), ordinal: this.ordinal++, type, payload })}\n`);
	}
}

/** Writes a Claude Code transcript with assistant usage lines (cli-contracts §1.6 shape) under `<home>/.claude/projects`. */
export function writeClaudeTranscript(home: string, samples: ReadonlyArray<{ at: Date; inputTokens: number; outputTokens: number }>): string {
	const dir = join(home, '.claude', 'projects', '-tmp-e2e');
	mkdirSync(dir, { recursive: true });
	const sessionId = '2f71b7a6-0000-4000-a000-00000000e2e1';
	const file = join(dir, `${sessionId}.jsonl`);
	const lines = samples.map((s, i) =>
		JSON.stringify({
			parentUuid: null,
			isSidechain: false,
			type: 'assistant',
			uuid: `u-${i}`,
			timestamp: s.at.toISOString(),
			sessionId,
			cwd: '/tmp/e2e',
			version: '2.1.197',
			requestId: `req_e2e${i}`,
			message: { id: `msg_e2e${i}`, type: 'message', role: 'assistant', model: 'claude-opus-4-8', content: [{ type: 'text', text: 'ok' }], usage: { input_tokens: s.inputTokens, output_tokens: s.outputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } },
		}),
	);
	writeFileSync(file, `${lines.join('\n')}\n`);
	return file;
}

/** Writes a Gemini CLI chat session file (cli-contracts §2.5 shape) with one model message per time under `<home>/.gemini/tmp`. */
export function writeGeminiChat(home: string, times: readonly Date[]): string {
	const dir = join(home, '.gemini', 'tmp', 'e2e-project', 'chats');
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `session-${times[0]?.toISOString().slice(0, 16).replace(/:/g, '-') ?? 'x'}-e2e00001.jsonl`);
	const lines = [JSON.stringify({ sessionId: '539e147b-0000-4000-a000-00000000e2e1', projectHash: 'e2e', startTime: times[0]?.toISOString(), lastUpdated: times.at(-1)?.toISOString(), kind: 'main' })];
	times.forEach((at, i) => {
		lines.push(JSON.stringify({ id: `user-${i}`, timestamp: at.toISOString(), type: 'user', content: [{ text: `question ${i}` }] }));
		lines.push(JSON.stringify({ id: `gem-${i}`, timestamp: at.toISOString(), type: 'gemini', content: 'answer', thoughts: [], tokens: { input: 1200, output: 80, cached: 0, thoughts: 0, tool: 0, total: 1280 }, model: 'gemini-2.5-pro' }));
	});
	writeFileSync(file, `${lines.join('\n')}\n`);
	return file;
}
