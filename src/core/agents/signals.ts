import { splitPieces } from './signalBlocks';
import { geminiExitMessages, verdictForGeminiCode } from './signalCodes';
import { cleanMessage, evidence, outranks, windowByDistance, windowFromMinutes, type Evidence, type UsageBucket } from './signalEvidence';
import { collectHeader, readHeaders, type HeaderMap } from './signalHeaders';
import { readStructured, type StructuredFindings } from './signalStructured';
import { classifyMessage } from './signalText';
import { isValidTimeZone, nextLocalMidnight } from './zonedTime';
import type { ClockContext } from './resetTime';

/**
 * Why an agent run failed. `rate_limited`: transient throttling or overload (429, 529, 503, capacity) — retry
 * soon. `quota_exhausted`: a usage limit or quota that only its reset (or money) cures. `auth_required`: log in
 * again. `context_too_long`: the prompt or conversation no longer fits. `network`: the API was not reachable.
 * `cancelled`: interrupted by the user or Baton. `other`: anything else.
 */
export type FailureKind = 'rate_limited' | 'quota_exhausted' | 'auth_required' | 'context_too_long' | 'network' | 'cancelled' | 'other';

/** The limit window a rate limit or quota belongs to: Claude's 5-hour session, weekly limits, Gemini daily quotas, per-minute throttles. */
export type LimitWindow = 'five_hour' | 'weekly' | 'daily' | 'per_minute';

/** The classifier's verdict. Plain data: crosses into the host, the webview and `baton signal` output. */
export interface FailureSignal {
	readonly kind: FailureKind;
	/** `claude`, `gemini` or `codex` as given or inferred from the text; null if unknown. */
	readonly agent: string | null;
	/** Only for `rate_limited` / `quota_exhausted`, when known. */
	readonly window: LimitWindow | null;
	/** When the limit resets: ISO-8601 UTC (`Date.prototype.toISOString()`), absolute; null if unknown. */
	readonly resetsAt: string | null;
	/** The human-readable line that decided it, trimmed, at most 500 characters; '' when none. */
	readonly message: string;
}

/** What `classifyFailure` reads. */
export interface SignalInput {
	/** Any mix of stdout lines (JSON or not), result objects and stderr. */
	readonly text: string;
	/** The process exit code, when known. */
	readonly exitCode?: number | null;
	/** Agent id hint (`claude` | `gemini` | `codex`); inferred from the text and JSON shapes when absent. */
	readonly agent?: string | null;
	/** Reference time for clock and relative times (`4:21pm`, `in 2h`, `retry in 39.5s`). */
	readonly now: Date;
	/** IANA zone for clock times printed without a zone (Codex prints local time); invalid zones fall back to UTC. */
	readonly timeZone: string;
}

const maxText = 4_000_000;
const maxTextLines = 20_000;
const geminiDailyZone = 'America/Los_Angeles';
const jsonishKeys = /"(?:message|result|error|last_assistant_message|error_details)"\s*:\s*"((?:[^"\\]|\\.){1,2000})"/g;
const agentWords: readonly (readonly [string, RegExp])[] = [
	['claude', /\bclaude\b|anthropic|\/login\b|(?<!\[)API Error: (?:Request rejected|Server is temporarily)/gi],
	['gemini', /\bgemini\b|googleapis|\[API Error:|AI Studio/gi],
	['codex', /\bcodex\b|chatgpt\.com|\bopenai\b/gi],
];

/** Decoded string values of message-like keys in a line that looks like JSON but does not parse (truncated output). */
function jsonishStrings(line: string): string[] {
	const found: string[] = [];
	for (const m of line.matchAll(jsonishKeys)) {
		try {
			found.push(JSON.parse(`"${m[1] ?? ''}"`) as string);
		} catch {
			found.push(m[1] ?? '');
		}
	}
	return found;
}

/** The agent named most often in the text by product words; null on a tie or none. */
function agentFromWords(text: string): string | null {
	const sample = text.length <= 131_072 ? text : `${text.slice(0, 65_536)}\n${text.slice(-65_536)}`;
	let best: string | null = null;
	let bestCount = 0;
	let tie = false;
	for (const [agent, re] of agentWords) {
		const count = Math.min(sample.match(re)?.length ?? 0, 1000);
		if (count > bestCount) {
			best = agent;
			bestCount = count;
			tie = false;
		} else if (count === bestCount && count > 0) {
			tie = true;
		}
	}
	return tie ? null : best;
}

function mostFrequent(values: readonly string[]): string | null {
	const counts = new Map<string, number>();
	values.forEach((v) => counts.set(v, (counts.get(v) ?? 0) + 1));
	let best: string | null = null;
	for (const [value, count] of counts) {
		if (best === null || count > (counts.get(best) ?? 0)) {
			best = value;
		}
	}
	return best;
}

/**
 * Exit-code evidence: 130 (SIGINT) is a decisive cancel, 143 (SIGTERM) a weak one; Gemini's codes when the agent may
 * be Gemini. It sorts before every line (`order` −1), so a line of the same kind supplies the message.
 */
function exitEvidence(code: number, agent: string | null, order: number): Evidence | null {
	if (code === 130 || code === 143) {
		return evidence('cancelled', code === 130 ? 2 : 0, order);
	}
	const verdict = agent === null || agent === 'gemini' ? verdictForGeminiCode(code) : null;
	if (!verdict) {
		return null;
	}
	return evidence(verdict.kind, 0, order, { agent: 'gemini', message: geminiExitMessages[code] ?? '' });
}

/**
 * Fills the winner's blanks from other evidence of the same kind, the most convincing first. A reset from a
 * machine-readable field (the `rate_limit_event` epoch) replaces one read from wording (`resets 3:59pm`).
 */
function fill(winner: Evidence, all: readonly Evidence[]): Evidence {
	const same = all.filter((e) => e.kind === winner.kind && e !== winner).sort((a, b) => (outranks(a, b) ? -1 : 1));
	const pick = <T>(own: T | null, read: (e: Evidence) => T | null): T | null => own ?? same.map(read).find((v) => v !== null && v !== '') ?? null;
	const structuredReset = winner.resetStructured ? null : same.find((e) => e.resetStructured);
	return {
		...winner,
		agent: pick(winner.agent, (e) => e.agent),
		window: pick(winner.window, (e) => e.window),
		resetsAt: structuredReset ? structuredReset.resetsAt : pick(winner.resetsAt, (e) => e.resetsAt),
		message: pick(winner.message === '' ? null : winner.message, (e) => e.message) ?? '',
	};
}

/** Codex usage limits: the exhausted bucket (rollout or headers) names the window and reset; else ≤ 5 h → five_hour. */
function refineCodexQuota(found: Evidence, buckets: readonly UsageBucket[], now: number): Evidence {
	const exhausted = buckets.filter((b) => (b.usedPercent ?? 0) >= 100).sort((a, b) => (b.resetsAt ?? 0) - (a.resetsAt ?? 0))[0];
	if (exhausted) {
		return { ...found, window: windowFromMinutes(exhausted.windowMinutes) ?? found.window, resetsAt: exhausted.resetsAt ?? found.resetsAt };
	}
	return found.window === null ? { ...found, window: windowByDistance(found.resetsAt, now) } : found;
}

function toSignal(found: Evidence | null, agent: string | null, fallbackMessage: string): FailureSignal {
	let resetsAt: string | null = null;
	if (found?.resetsAt !== null && found?.resetsAt !== undefined && Number.isFinite(found.resetsAt) && Math.abs(found.resetsAt) <= 8.64e15) {
		resetsAt = new Date(found.resetsAt).toISOString();
	}
	const limited = found?.kind === 'rate_limited' || found?.kind === 'quota_exhausted';
	return {
		kind: found?.kind ?? 'other',
		agent,
		window: limited ? (found?.window ?? null) : null,
		resetsAt: limited ? resetsAt : null,
		message: cleanMessage(found ? found.message : fallbackMessage),
	};
}

function classify(input: SignalInput, hint: string | null): FailureSignal {
	const nowMs = input.now instanceof Date && Number.isFinite(input.now.getTime()) ? input.now.getTime() : Date.now();
	const clock: ClockContext = { now: nowMs, timeZone: typeof input.timeZone === 'string' && isValidTimeZone(input.timeZone) ? input.timeZone : 'UTC' };
	const raw = typeof input.text === 'string' ? input.text : '';
	const text = raw.length <= maxText ? raw : `${raw.slice(0, 200_000)}\n${raw.slice(-(maxText - 200_000))}`;
	const findings: StructuredFindings = { evidence: [], buckets: [], agents: [] };
	const lines: { order: number; text: string }[] = [];
	const headers: HeaderMap = new Map();
	for (const piece of splitPieces(text)) {
		if (piece.text === undefined) {
			readStructured(piece.json, piece.order, clock, findings);
		} else if (!collectHeader(piece.text, piece.order, headers)) {
			lines.push({ order: piece.order, text: piece.text });
		}
	}
	const all: Evidence[] = [...findings.evidence];
	const scanned = lines.length <= maxTextLines ? lines : lines.slice(-maxTextLines);
	scanned.forEach((line, i) => {
		const trimmed = line.text.trim();
		const messages = /^[[{]\s*"/.test(trimmed) ? jsonishStrings(trimmed) : [line.text];
		const resetText = scanned.slice(i + 1, i + 6).map((l) => l.text).join('\n');
		for (const message of messages) {
			const found = classifyMessage(message, { tier: 0, order: line.order, clock, resetText });
			if (found) {
				all.push(found);
			}
		}
	});
	const fromHeaders = readHeaders(headers, clock);
	all.push(...fromHeaders.evidence);
	const buckets = [...findings.buckets, ...fromHeaders.buckets];
	const shapeAgent = mostFrequent(findings.agents);
	if (!all.some((e) => e.kind === 'quota_exhausted') && buckets.some((b) => (b.usedPercent ?? 0) >= 100)) {
		all.push(evidence('quota_exhausted', 2, 0, { agent: 'codex' }));
	}
	if (typeof input.exitCode === 'number' && Number.isInteger(input.exitCode)) {
		const fromExit = exitEvidence(input.exitCode, hint ?? shapeAgent, -1);
		if (fromExit) {
			all.push(fromExit);
		}
	}
	let winner: Evidence | null = null;
	for (const candidate of all) {
		winner = winner === null || outranks(candidate, winner) ? candidate : winner;
	}
	const lastLine = typeof input.exitCode === 'number' && input.exitCode !== 0 ? (lines[lines.length - 1]?.text ?? '') : '';
	if (winner === null) {
		return toSignal(null, hint ?? shapeAgent ?? agentFromWords(text), lastLine);
	}
	let found = fill(winner, all);
	const agent = hint ?? found.agent ?? shapeAgent ?? agentFromWords(text);
	if (found.kind === 'rate_limited' && found.resetsAt === null) {
		found = { ...found, resetsAt: fromHeaders.fallbackReset };
	}
	if (found.kind === 'quota_exhausted' && agent === 'codex') {
		found = refineCodexQuota(found, buckets, nowMs);
	}
	if (found.kind === 'quota_exhausted' && found.window === 'daily' && found.resetsAt === null && agent === 'gemini') {
		found = { ...found, resetsAt: nextLocalMidnight(nowMs, geminiDailyZone) };
	}
	return toSignal(found, agent, lastLine);
}

/**
 * Classifies why an agent CLI run failed from its captured output and exit code. Structured JSON (Claude
 * `rate_limit_event` / result objects, Gemini error JSON, Codex events and rollouts) outranks wording; among equals
 * the more severe cause wins (quota > auth > context > cancelled > rate limit > network), then the later one.
 * Reset times are resolved against `input.now` and `input.timeZone` to absolute UTC. Decisions for ambiguous cases:
 * HTTP 503 / Gemini exit 247 / "overloaded" is `rate_limited` (the server answered; `network` means no answer:
 * DNS, refused, reset, timeout); Gemini's Pro→Flash switch notice is a `daily` quota on Pro; Gemini exit 173
 * (429) without quota wording is `rate_limited`; exit 55 (untrusted folder) is `other` with an explanation;
 * exit 130 is a decisive cancel, yet a quota seen before it still wins. Gemini daily quotas without a stated reset
 * get the next midnight America/Los_Angeles (Google's documented daily reset). Pure and total: never throws;
 * unrecognised input yields kind 'other'.
 */
export function classifyFailure(input: SignalInput): FailureSignal {
	let hint: string | null = null;
	try {
		const given = typeof input?.agent === 'string' ? input.agent.trim().toLowerCase() : '';
		hint = given === '' ? null : given;
		return classify(input, hint);
	} catch {
		return { kind: 'other', agent: hint, window: null, resetsAt: null, message: '' };
	}
}
