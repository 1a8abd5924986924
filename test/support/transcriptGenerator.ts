import { seededRandom } from '../../src/core/common/random';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Seeded generator of Claude Code transcripts (`<root>/projects/<encoded cwd>/<session>.jsonl`, cli-contracts §1.6)
 * for comparing Baton's token accounting with ccusage and for benchmarks. Covers what real folders hold: streamed
 * assistant messages written as several lines with the same `message.id` + `requestId`, sidechain (subagent)
 * files repeating main-session responses, resumed sessions that copy earlier lines into a new file, API-error
 * lines with `<synthetic>` models, lines without a request id, legacy `costUSD`, records ccusage's schema rejects,
 * truncated JSON, blank lines, CRLF files, a last line without a newline, and several days and hours.
 */
export interface GeneratorOptions {
	readonly seed: number;
	/** Approximate total size to write, bytes. Default 2 MB. */
	readonly targetBytes?: number;
	readonly projects?: number;
	/** First instant sessions may start at. Default 2026-11-20T00:00:00Z. */
	readonly start?: string;
	/** Days the sessions spread over. Default 4. */
	readonly days?: number;
	/** Average size of the padding in user/tool lines, bytes. Default 1500. */
	readonly paddingBytes?: number;
}

/** What was written. */
export interface GeneratedTranscripts {
	readonly files: string[];
	readonly bytes: number;
	readonly assistantLines: number;
}


type Line = Record<string, unknown>;

interface Session {
	readonly id: string;
	readonly cwd: string;
	readonly dir: string;
	readonly crlf: boolean;
	lines: string[];
	t: number;
}

const models = ['claude-opus-4-8', 'claude-sonnet-5', 'claude-haiku-4-5'];
const words = 'the quick brown fox jumps over lazy dog while tests assert totals equal across tools and days'.split(' ');

/** Writes generated transcripts under `root` (a Claude config dir; files go to `root/projects/...`). */
export function generateTranscripts(root: string, options: GeneratorOptions): GeneratedTranscripts {
	const rand = seededRandom(options.seed);
	const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
	const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
	const hex = (n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join('');
	const uuid = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
	const text = (bytes: number): string => {
		const parts: string[] = [];
		let size = 0;
		while (size < bytes) {
			const w = pick(words);
			parts.push(w);
			size += w.length + 1;
		}
		return parts.join(' ');
	};
	const target = options.targetBytes ?? 2_000_000;
	const projects = options.projects ?? 5;
	const start = Date.parse(options.start ?? '2026-11-20T00:00:00Z');
	const spanMs = (options.days ?? 4) * 86_400_000;
	const padding = options.paddingBytes ?? 1500;
	const files: string[] = [];
	let bytes = 0;
	let assistantLines = 0;
	let requestSeq = 0;
	let fileSeq = 0;

	const write = (file: string, lines: readonly string[], crlf: boolean, lastNewline = true): void => {
		const eol = crlf ? '\r\n' : '\n';
		const body = lines.join(eol) + (lastNewline ? eol : '');
		appendFileSync(file, body);
		bytes += Buffer.byteLength(body);
	};
	const stamp = (ms: number): string => new Date(ms).toISOString();
	const base = (s: Session, extra: Line): Line => ({ parentUuid: null, isSidechain: false, userType: 'external', cwd: s.cwd, sessionId: s.id, version: '2.1.197', gitBranch: 'main', uuid: uuid(), timestamp: stamp(s.t), ...extra });
	const usage = (): Line => {
		const u: Line = { input_tokens: int(1, 4000), output_tokens: int(1, 3000), cache_read_input_tokens: int(0, 200_000), service_tier: 'standard' };
		if (rand() > 0.1) u['cache_creation_input_tokens'] = int(0, 20_000);
		return u;
	};
	/** One API response: 1–3 streamed lines sharing id and request id, a few ms apart. */
	const assistant = (s: Session, sidechain: boolean): string[] => {
		const id = `msg_${hex(24)}`;
		const requestId = `req_${(requestSeq++).toString(36)}${hex(8)}`;
		const u = usage();
		const model = pick(models);
		const out: string[] = [];
		const copies = rand() < 0.5 ? int(2, 3) : 1;
		for (let c = 0; c < copies; c++) {
			const content = c === 0 && rand() < 0.3 ? [{ type: 'thinking', thinking: text(200), signature: hex(32) }] : [{ type: 'text', text: text(int(40, 400)) }];
			const line: Line = base(s, { isSidechain: sidechain, type: 'assistant', requestId, message: { id, type: 'message', role: 'assistant', model, content, stop_reason: null, usage: u } });
			if (rand() < 0.03) delete line['requestId'];
			if (rand() < 0.02) line['costUSD'] = Math.round(rand() * 1000) / 1000;
			out.push(JSON.stringify(line));
			assistantLines++;
			s.t += int(1, 900);
		}
		return out;
	};
	/** Lines ccusage reads but must not count, or counts in surprising ways. */
	const oddities = (s: Session): string[] => {
		const roll = rand();
		const u = usage();
		const msg = (extra: Line = {}): Line => ({ id: `msg_${hex(24)}`, type: 'message', role: 'assistant', model: pick(models), content: [{ type: 'text', text: 'x' }], usage: u, ...extra });
		if (roll < 0.15) return [JSON.stringify(base(s, { type: 'assistant', requestId: `req_${hex(10)}`, error: 'rate_limit', isApiErrorMessage: true, apiErrorStatus: 429, message: msg({ model: '<synthetic>', usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }, content: [{ type: 'text', text: "You've hit your session limit · resets 4:21pm (UTC)" }] }) }))];
		if (roll < 0.25) return [JSON.stringify(base(s, { type: 'assistant', requestId: null, message: msg() }))];
		if (roll < 0.35) return [JSON.stringify(base(s, { type: 'assistant', requestId: `req_${hex(10)}`, message: msg({ content: 'plain string content' }) }))];
		if (roll < 0.45) return [JSON.stringify(base(s, { type: 'assistant', version: 'dev', requestId: `req_${hex(10)}`, message: msg() }))];
		if (roll < 0.55) return [JSON.stringify({ ...base(s, { type: 'assistant', requestId: `req_${hex(10)}`, message: msg() }), timestamp: stamp(s.t).replace('Z', '+00:00') })];
		if (roll < 0.65) return [JSON.stringify(base(s, { type: 'assistant', requestId: `req_${hex(10)}`, message: msg({ usage: { input_tokens: '12', output_tokens: 3 } }) }))];
		if (roll < 0.75) return [JSON.stringify(base(s, { type: 'assistant', requestId: '', message: msg() }))];
		if (roll < 0.85) return [JSON.stringify(base(s, { type: 'assistant', requestId: `req_${hex(10)}`, message: msg({ id: 12345 }) })).slice(0, 120)];
		return ['', '   ', '[1,2,3]', 'null', '"just a string"'];
	};
	const user = (s: Session): string => JSON.stringify(base(s, { type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: `toolu_${hex(12)}`, content: text(int(padding / 4, padding * 2)) }] } }));

	for (let p = 0; bytes < target; p++) {
		const cwd = `/home/dev/project-${p % projects}`;
		const dir = join(root, 'projects', cwd.replace(/[^A-Za-z0-9]/g, '-'));
		mkdirSync(dir, { recursive: true });
		const s: Session = { id: uuid(), cwd, dir, crlf: rand() < 0.1, lines: [], t: start + Math.floor(rand() * spanMs) + (fileSeq++ % 997) };
		const sessionStart = s.t;
		const file = join(dir, `${s.id}.jsonl`);
		s.lines.push(JSON.stringify({ type: 'queue-operation', operation: 'enqueue', timestamp: stamp(s.t), sessionId: s.id, content: 'go' }));
		const turns = int(5, 40);
		const mainResponses: string[] = [];
		for (let turn = 0; turn < turns; turn++) {
			s.lines.push(user(s));
			s.t += int(500, 20_000);
			const responses = assistant(s, false);
			s.lines.push(...responses);
			mainResponses.push(...responses);
			if (rand() < 0.12) s.lines.push(...oddities(s));
			s.t += rand() < 0.05 ? int(3_600_000, 7 * 3_600_000) : int(1_000, 240_000);
		}
		write(file, s.lines, s.crlf, rand() > 0.15);
		files.push(file);
		if (rand() < 0.4 && mainResponses.length > 0) {
			// Sidechain: a subagent file starting later, repeating some main-session responses (some a day later).
			const sub: Session = { ...s, lines: [], t: s.t + int(1_000, 60_000) + (fileSeq++ % 997), crlf: false };
			const subFile = join(dir, s.id, 'subagents', `agent-${hex(8)}.jsonl`);
			mkdirSync(join(dir, s.id, 'subagents'), { recursive: true });
			sub.lines.push(JSON.stringify(base(sub, { isSidechain: true, type: 'user', message: { role: 'user', content: 'subtask' } })));
			for (let i = 0; i < int(2, 10); i++) {
				sub.lines.push(...assistant(sub, true));
				const copied = JSON.parse(pick(mainResponses)) as Line;
				sub.lines.push(JSON.stringify({ ...copied, isSidechain: true, timestamp: stamp(sub.t + (rand() < 0.3 ? 86_400_000 : 0)) }));
			}
			write(subFile, sub.lines, false);
			files.push(subFile);
		}
		if (rand() < 0.25) {
			// Resumed session: a new file that copies the old lines, then continues. Sometimes the copies carry new
			// timestamps (a day later) and a summary line dated before the original session, so the copy's file
			// comes first in ccusage's order and its (re-dated) copies are the ones counted.
			const restamp = rand() < 0.5;
			const copied = restamp ? s.lines.map((l) => l.replace(/"timestamp":"([^"]+)"/, (_m, t: string) => `"timestamp":"${Number.isNaN(Date.parse(t)) ? t : stamp(Date.parse(t) + 86_400_000)}"`)) : [...s.lines];
			if (restamp) {
				copied.splice(Math.floor(copied.length / 2), 0, JSON.stringify({ type: 'summary', summary: 'resumed', leafUuid: uuid(), timestamp: stamp(sessionStart - int(1_000, 3_600_000)) }));
			}
			const resumed: Session = { ...s, id: uuid(), lines: copied, t: s.t + int(60_000, 3_600_000) };
			for (let turn = 0; turn < int(1, 8); turn++) {
				resumed.lines.push(user(resumed), ...assistant(resumed, false));
				resumed.t += int(1_000, 120_000);
			}
			const resumedFile = join(dir, `${resumed.id}.jsonl`);
			writeFileSync(resumedFile, '');
			write(resumedFile, resumed.lines, s.crlf);
			files.push(resumedFile);
		}
		if (rand() < 0.05) {
			const hidden = join(dir, '.hidden');
			mkdirSync(hidden, { recursive: true });
			write(join(hidden, `${uuid()}.jsonl`), assistant(s, false), false);
			write(join(dir, `.${uuid()}.jsonl`), assistant(s, false), false);
		}
	}
	return { files, bytes, assistantLines };
}
