import { decide, verdictForCode, verdictForGeminiCode, verdictForHttpStatus, type CodeVerdict } from './signalCodes';
import { evidence, windowFromClaudeType, type Evidence, type UsageBucket } from './signalEvidence';
import { epochToMs, parseDurationMs, parseIsoInstant, type ClockContext, type ResetTime } from './resetTime';

/** What reading the JSON values of one input produced: evidence, Codex usage buckets, and agents seen by shape. */
export interface StructuredFindings {
	readonly evidence: Evidence[];
	readonly buckets: UsageBucket[];
	readonly agents: string[];
}

type Json = Readonly<Record<string, unknown>>;

const record = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const list = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v.slice(0, 64) : []);

/** Joins the text of Claude message content (a string or `[{type:'text', text}]`). */
function contentText(content: unknown): string {
	if (typeof content === 'string') {
		return content;
	}
	return list(content)
		.map((b) => str(record(b)?.['text']) ?? '')
		.filter((t) => t !== '')
		.join('\n');
}

function epochReset(value: unknown): ResetTime | null {
	const n = num(value);
	const at = n === undefined ? null : epochToMs(n);
	return at === null ? null : { at, form: 'epoch' };
}

function relativeReset(seconds: number | undefined, base: number): ResetTime | null {
	return seconds === undefined || seconds < 0 || seconds > 1e9 ? null : { at: base + seconds * 1000, form: 'relative' };
}

class Reader {
	constructor(
		private readonly clock: ClockContext,
		private readonly order: number,
		private readonly out: StructuredFindings,
	) {}

	private push(found: Evidence | null): void {
		if (found) {
			this.out.evidence.push(found);
		}
	}

	private agent(name: string): string {
		this.out.agents.push(name);
		return name;
	}

	private decide(verdicts: readonly (CodeVerdict | null)[], text: string, agent: string | null, tier: 0 | 1 | 2, other: boolean, reset: ResetTime | null = null): void {
		this.push(decide({ verdicts, text, reset, agent, tier, order: this.order, clock: this.clock, otherWhenUnknown: other }));
	}

	/** Reads one parsed JSON value (object, or an array of objects one level deep). */
	read(value: unknown, depth = 0): void {
		const obj = record(value);
		if (!obj) {
			if (depth === 0) {
				list(value).forEach((v) => this.read(v, 1));
			}
			return;
		}
		const type = str(obj['type']);
		if (type === 'rate_limit_event') {
			return this.claudeRateLimit(obj);
		}
		if (type === 'result' && typeof obj['is_error'] === 'boolean') {
			return this.claudeResult(obj);
		}
		if (obj['hook_event_name'] === 'StopFailure' || typeof obj['isApiErrorMessage'] === 'boolean' || (type === 'assistant' && typeof obj['error'] === 'string')) {
			return this.claudeErrorMessage(obj);
		}
		if (type === 'system') {
			return this.claudeSystem(obj);
		}
		if (type === 'init' && /gemini/i.test(str(obj['model']) ?? '')) {
			this.agent('gemini');
			return;
		}
		if (type === 'result' && typeof obj['status'] === 'string') {
			return this.geminiResult(obj);
		}
		if (type !== undefined && (/^(?:thread|turn|item)\./.test(type) || (type === 'error' && typeof obj['message'] === 'string'))) {
			return this.codexEvent(obj, type);
		}
		if (record(obj['payload']) && (type === 'event_msg' || type === 'session_meta' || type === 'turn_context' || type === 'response_item')) {
			return this.codexRollout(obj);
		}
		this.errorBody(obj, null);
	}

	private claudeRateLimit(obj: Json): void {
		const info = record(obj['rate_limit_info']);
		this.agent('claude');
		if (info?.['status'] === 'rejected') {
			const window = windowFromClaudeType(str(info['rateLimitType']));
			this.push(evidence('quota_exhausted', 2, this.order, { agent: 'claude', window, resetsAt: epochReset(info['resetsAt'])?.at ?? null, resetStructured: true }));
		}
	}

	private claudeResult(obj: Json): void {
		if (obj['total_cost_usd'] !== undefined || obj['api_error_status'] !== undefined || obj['modelUsage'] !== undefined) {
			this.agent('claude');
		}
		if (obj['is_error'] !== true) {
			return;
		}
		const text = [str(obj['result']) ?? '', ...list(obj['errors']).map((e) => str(e) ?? '')].filter((t) => t !== '').join('\n');
		this.decide([verdictForHttpStatus(num(obj['api_error_status']))], text, 'claude', 2, true);
	}

	private claudeErrorMessage(obj: Json): void {
		this.agent('claude');
		const message = record(obj['message']);
		const text = [str(obj['last_assistant_message']), str(obj['error_details']), contentText(message?.['content'])].filter((t): t is string => !!t).join('\n');
		const code = str(obj['error']);
		if (code === undefined && obj['isApiErrorMessage'] !== true) {
			return;
		}
		this.decide([verdictForCode(code), verdictForHttpStatus(num(obj['apiErrorStatus']))], text, 'claude', 2, true);
	}

	private claudeSystem(obj: Json): void {
		if (obj['claude_code_version'] !== undefined || obj['subtype'] === 'api_retry') {
			this.agent('claude');
		}
		if (obj['subtype'] === 'api_retry') {
			const verdict = verdictForHttpStatus(num(obj['error_status'])) ?? verdictForCode(str(obj['error']));
			if (verdict?.kind === 'rate_limited') {
				this.push(evidence('rate_limited', 2, this.order, { agent: 'claude' }));
			}
		}
	}

	private geminiResult(obj: Json): void {
		this.agent('gemini');
		if (obj['status'] !== 'error') {
			return;
		}
		const error = record(obj['error']);
		this.decide([verdictForCode(str(error?.['type']))], str(error?.['message']) ?? '', 'gemini', 1, true);
	}

	/** Codex `exec --json` events. A bare `{type:'error', message}` is Codex's; with a timestamp it is Gemini's warning event. */
	private codexEvent(obj: Json, type: string): void {
		const agent = type === 'error' && obj['timestamp'] !== undefined ? null : this.agent('codex');
		const item = record(obj['item']);
		const text = type === 'error' ? str(obj['message']) : type === 'turn.failed' ? str(record(obj['error'])?.['message']) : item?.['type'] === 'error' ? str(item['message']) : undefined;
		if (text !== undefined) {
			this.decide([verdictForCode(str(obj['codex_error_info']))], text, agent, 1, type === 'turn.failed');
		}
	}

	private codexRollout(obj: Json): void {
		this.agent('codex');
		const payload = record(obj['payload']);
		const kind = str(payload?.['type']);
		const base = parseIsoInstant(str(obj['timestamp']) ?? '') ?? this.clock.now;
		if (kind === 'token_count') {
			const limits = record(payload?.['rate_limits']);
			for (const key of ['primary', 'secondary']) {
				const b = record(limits?.[key]);
				if (b) {
					const reset = epochReset(b['resets_at']) ?? relativeReset(num(b['resets_in_seconds']), base);
					this.out.buckets.push({ usedPercent: num(b['used_percent']) ?? null, windowMinutes: num(b['window_minutes']) ?? null, resetsAt: reset?.at ?? null });
				}
			}
			return;
		}
		if (kind === 'turn_aborted') {
			this.push(evidence('cancelled', 2, this.order, { agent: 'codex', message: str(payload?.['reason']) ?? '' }));
			return;
		}
		const error = record(payload?.['error']) ?? (kind === 'error' ? payload : undefined);
		if (error) {
			const info = error['codex_error_info'];
			const code = str(info) ?? Object.keys(record(info) ?? {})[0];
			this.decide([verdictForCode(code)], str(error['message']) ?? '', 'codex', 2, kind === 'task_complete');
		}
	}

	/** Generic API error bodies: Anthropic, OpenAI / Codex, Google RPC, and Gemini CLI's stderr JSON. */
	private errorBody(obj: Json, agent: string | null): void {
		const nested = record(obj['error']) ?? record(record(obj['response'])?.['error']);
		const codeInfo = str(obj['codex_error_info']);
		if (!nested) {
			if (codeInfo !== undefined) {
				this.decide([verdictForCode(codeInfo)], str(obj['message']) ?? '', 'codex', 2, false);
			}
			return;
		}
		const code = num(nested['code']);
		const status = str(nested['status']);
		const message = str(nested['message']) ?? '';
		const gemini = typeof obj['session_id'] === 'string' && code !== undefined ? 'gemini' : null;
		const verdicts: (CodeVerdict | null)[] = [verdictForCode(str(nested['type'])), verdictForCode(str(nested['code'])), verdictForCode(status), verdictForCode(codeInfo)];
		verdicts.push(verdictForHttpStatus(code) ?? (gemini ? verdictForGeminiCode(code) : null));
		let reset = epochReset(nested['resets_at']) ?? relativeReset(num(nested['resets_in_seconds']), this.clock.now);
		let google: string | null = null;
		for (const detail of list(nested['details'])) {
			const d = record(detail);
			google = 'gemini';
			for (const violation of list(d?.['violations'])) {
				const quotaId = `${str(record(violation)?.['quotaId']) ?? ''} ${str(record(violation)?.['quotaMetric']) ?? ''}`;
				verdicts.push(/PerDay|Daily/i.test(quotaId) ? { kind: 'quota_exhausted', window: 'daily' } : /PerMinute/i.test(quotaId) ? { kind: 'rate_limited', window: 'per_minute' } : null);
			}
			verdicts.push(verdictForCode(str(d?.['reason'])));
			const delay = parseDurationMs(str(d?.['retryDelay']) ?? '');
			if (delay !== null) {
				reset = { at: this.clock.now + delay, form: 'relative' };
				verdicts.push(delay > 300_000 ? { kind: 'quota_exhausted', window: null } : null);
			}
		}
		const anthropic = obj['type'] === 'error' && /_error$/.test(str(nested['type']) ?? '') ? 'claude' : null;
		const openai = str(nested['type'])?.startsWith('usage_limit') || nested['plan_type'] !== undefined ? 'codex' : null;
		const inferred = agent ?? gemini ?? google ?? anthropic ?? openai;
		if (inferred) {
			this.agent(inferred);
		}
		this.decide(verdicts, message, inferred, 2, gemini !== null, reset);
	}
}

/** Reads one parsed JSON value from agent output into `out` (see `StructuredFindings`); `order` is its position. */
export function readStructured(value: unknown, order: number, clock: ClockContext, out: StructuredFindings): void {
	new Reader(clock, order, out).read(value);
}
