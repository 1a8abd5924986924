/**
 * Anthropic Messages API (`POST /v1/messages?beta=true`) as spoken to Claude Code.
 */
import {
	type MockReply,
	type ReplyContext,
	chunkText,
	holdOpen,
	isRecord,
	resetEpoch,
	sendJson,
	sendSse,
	sleep,
	startSse,
} from './mockScenario';

/** Options for {@link anthropicUnifiedHeaders}. */
export interface UnifiedRateLimit {
	/** `allowed`, `allowed_warning` or `rejected`. */
	status: 'allowed' | 'allowed_warning' | 'rejected';
	/** The binding window; default `five_hour`. */
	claim?: 'five_hour' | 'seven_day' | 'seven_day_opus' | 'seven_day_sonnet' | 'overage';
	/** Reset of the binding window, epoch seconds. */
	resetsAt: number;
	/** 5 h utilization 0–1 (default 1 when rejected on five_hour, else 0.42). */
	fiveHourUtilization?: number;
	/** 7 d utilization 0–1 (default 1 when rejected on seven_day, else 0.13). */
	sevenDayUtilization?: number;
	/** Warning threshold surpassed on the binding window, e.g. 0.9. */
	surpassedThreshold?: number;
}

/**
 * Build the subscriber-only `anthropic-ratelimit-unified-*` response headers that Claude Code
 * parses when it runs with `CLAUDE_CODE_OAUTH_TOKEN` (see cli-contracts.md §5).
 */
export function anthropicUnifiedHeaders(limit: UnifiedRateLimit): Record<string, string> {
	const claim = limit.claim ?? 'five_hour';
	const rejected = limit.status === 'rejected';
	const fiveHour = limit.fiveHourUtilization ?? (rejected && claim === 'five_hour' ? 1 : 0.42);
	const sevenDay = limit.sevenDayUtilization ?? (rejected && claim === 'seven_day' ? 1 : 0.13);
	const sevenDayReset = claim === 'seven_day' ? limit.resetsAt : limit.resetsAt + 4 * 86400;
	const fiveHourReset = claim === 'five_hour' ? limit.resetsAt : Math.min(limit.resetsAt, Math.floor(Date.now() / 1000) + 5 * 3600);
	const prefix = 'anthropic-ratelimit-unified';
	const headers: Record<string, string> = {
		[`${prefix}-status`]: limit.status,
		[`${prefix}-reset`]: String(limit.resetsAt),
		[`${prefix}-representative-claim`]: claim,
		[`${prefix}-5h-utilization`]: String(fiveHour),
		[`${prefix}-5h-reset`]: String(fiveHourReset),
		[`${prefix}-7d-utilization`]: String(sevenDay),
		[`${prefix}-7d-reset`]: String(sevenDayReset),
		[`${prefix}-overage-status`]: 'rejected',
		[`${prefix}-overage-disabled-reason`]: 'overage_not_provisioned',
		[`${prefix}-fallback`]: 'available',
	};
	if (limit.surpassedThreshold !== undefined) {
		const window = claim === 'seven_day' ? '7d' : '5h';
		headers[`${prefix}-${window}-surpassed-threshold`] = String(limit.surpassedThreshold);
	}
	return headers;
}

function errorBody(type: string, message: string, seq: number): unknown {
	return { type: 'error', error: { type, message }, request_id: `req_mock${seq}` };
}

async function sendError(ctx: ReplyContext): Promise<void> {
	const { reply, seq } = ctx;
	const base = { 'request-id': `req_mock${seq}`, 'x-should-retry': 'false', ...reply.headers };
	switch (reply.error) {
		case 'session_limit':
		case 'weekly_limit': {
			const claim = reply.error === 'session_limit' ? 'five_hour' : 'seven_day';
			const unified = anthropicUnifiedHeaders({ status: 'rejected', claim, resetsAt: resetEpoch(reply) });
			sendJson(ctx, 429, errorBody('rate_limit_error', reply.message ?? 'Rate limited (mock).', seq), { ...unified, ...base });
			return;
		}
		case 'overloaded':
			sendJson(ctx, 529, errorBody('overloaded_error', reply.message ?? 'Overloaded (mock).', seq), base);
			return;
		case 'auth':
			sendJson(ctx, 401, errorBody('authentication_error', reply.message ?? 'invalid x-api-key (mock)', seq), base);
			return;
		default:
			sendJson(ctx, 429, errorBody('rate_limit_error', reply.message ?? 'Number of requests has exceeded your rate limit (mock).', seq), {
				'retry-after': '0',
				...base,
			});
	}
}

interface Block {
	type: 'text' | 'tool_use';
	text?: string;
	id?: string;
	name?: string;
	input?: Record<string, unknown>;
}

function blocksFor(reply: MockReply, seq: number): Block[] {
	const blocks: Block[] = [];
	if (reply.text !== undefined) {
		blocks.push({ type: 'text', text: reply.text });
	}
	if (reply.toolCall) {
		const { name, input, id } = reply.toolCall;
		blocks.push({ type: 'tool_use', id: id ?? `toolu_mock${seq}`, name, input: typeof input === 'string' ? { input } : input });
	}
	if (blocks.length === 0) {
		blocks.push({ type: 'text', text: '' });
	}
	return blocks;
}

/** Answer `POST /v1/messages` (streaming or not) with the scripted reply. */
export async function handleAnthropic(ctx: ReplyContext): Promise<void> {
	const { reply, seq, body } = ctx;
	if (reply.delayMs) {
		await sleep(reply.delayMs);
	}
	if (reply.error) {
		await sendError(ctx);
		return;
	}
	const model = isRecord(body) && typeof body.model === 'string' ? body.model : 'claude-mock';
	const u = reply.usage ?? {};
	const usage = {
		input_tokens: u.inputTokens ?? 12,
		cache_creation_input_tokens: u.cacheCreationTokens ?? 345,
		cache_read_input_tokens: u.cachedTokens ?? 6789,
		output_tokens: u.outputTokens ?? 17,
		service_tier: 'standard',
	};
	const blocks = blocksFor(reply, seq);
	const stopReason = reply.toolCall ? 'tool_use' : 'end_turn';
	const id = `msg_mock${String(seq).padStart(6, '0')}`;
	const headers = { 'request-id': `req_mock${seq}`, ...reply.headers };

	if (!isRecord(body) || body.stream !== true) {
		const content = blocks.map((b) => (b.type === 'text' ? { type: 'text', text: b.text } : { type: 'tool_use', id: b.id, name: b.name, input: b.input }));
		sendJson(ctx, 200, { id, type: 'message', role: 'assistant', model, content, stop_reason: stopReason, stop_sequence: null, usage }, headers);
		return;
	}

	startSse(ctx, headers);
	const start = { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } };
	if (!(await sendSse(ctx, 'message_start', { type: 'message_start', message: start }))) {
		return;
	}
	for (const [index, block] of blocks.entries()) {
		if (block.type === 'text') {
			await sendSse(ctx, 'content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
			for (const piece of chunkText(block.text ?? '')) {
				await sendSse(ctx, 'content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } });
			}
			if (reply.stall) {
				await holdOpen(ctx);
				return;
			}
		} else {
			const startBlock = { type: 'tool_use', id: block.id, name: block.name, input: {} };
			await sendSse(ctx, 'content_block_start', { type: 'content_block_start', index, content_block: startBlock });
			const json = JSON.stringify(block.input ?? {});
			const half = Math.floor(json.length / 2);
			for (const part of [json.slice(0, half), json.slice(half)]) {
				await sendSse(ctx, 'content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: part } });
			}
		}
		await sendSse(ctx, 'content_block_stop', { type: 'content_block_stop', index });
	}
	await sendSse(ctx, 'message_delta', { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: usage.output_tokens } });
	await sendSse(ctx, 'message_stop', { type: 'message_stop' });
	ctx.res.end();
}
