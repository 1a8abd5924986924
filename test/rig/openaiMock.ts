/**
 * OpenAI Responses API (`POST /v1/responses`, SSE) as spoken to the Codex CLI through a
 * custom `model_providers` entry.
 */
import { type ReplyContext, chunkText, holdOpen, resetEpoch, sendJson, sendSse, sleep, startSse } from './mockScenario';

/**
 * Build the `x-codex-*` rate-limit headers Codex copies into its rollout `token_count.rate_limits`.
 * `primaryUsedPercent` is the 5 h window, `secondaryUsedPercent` the weekly one.
 */
export function codexRateLimitHeaders(primaryUsedPercent: number, primaryResetsAt: number, secondaryUsedPercent = 13): Record<string, string> {
	return {
		'x-codex-primary-used-percent': String(primaryUsedPercent),
		'x-codex-primary-window-minutes': '300',
		'x-codex-primary-reset-at': String(primaryResetsAt),
		'x-codex-secondary-used-percent': String(secondaryUsedPercent),
		'x-codex-secondary-window-minutes': '10080',
		'x-codex-secondary-reset-at': String(primaryResetsAt + 4 * 86400),
	};
}

function sendError(ctx: ReplyContext): void {
	const { reply, seq } = ctx;
	const resetsAt = resetEpoch(reply);
	const base = { 'x-request-id': `req_mock${seq}`, ...reply.headers };
	switch (reply.error) {
		case 'usage_limit':
		case 'session_limit':
		case 'weekly_limit':
		case 'daily_quota': {
			const error = {
				type: 'usage_limit_reached',
				message: reply.message ?? 'The usage limit has been reached',
				plan_type: reply.planType ?? 'plus',
				resets_at: resetsAt,
				resets_in_seconds: Math.max(0, resetsAt - Math.floor(Date.now() / 1000)),
			};
			sendJson(ctx, 429, { error }, { ...codexRateLimitHeaders(100, resetsAt), ...base });
			return;
		}
		case 'insufficient_quota':
			sendJson(ctx, 429, { error: { type: 'insufficient_quota', code: 'insufficient_quota', message: reply.message ?? 'You exceeded your current quota.' } }, base);
			return;
		case 'overloaded':
			sendJson(ctx, 503, { error: { type: 'server_error', message: reply.message ?? 'Service unavailable (mock).' } }, base);
			return;
		case 'auth':
			sendJson(ctx, 401, { error: { type: 'invalid_request_error', code: 'invalid_api_key', message: reply.message ?? 'Incorrect API key provided (mock).' } }, base);
			return;
		default:
			sendJson(ctx, 429, { error: { type: 'rate_limit_exceeded', code: 'rate_limit_exceeded', message: reply.message ?? 'Rate limit reached (mock).' } }, {
				'retry-after': '0',
				...base,
			});
	}
}

/** Answer `POST /v1/responses` with the scripted reply as a Responses API SSE stream. */
export async function handleOpenAi(ctx: ReplyContext): Promise<void> {
	const { reply, seq } = ctx;
	if (reply.delayMs) {
		await sleep(reply.delayMs);
	}
	if (reply.error) {
		sendError(ctx);
		return;
	}
	const responseId = `resp_mock${seq}`;
	startSse(ctx, { 'x-request-id': `req_mock${seq}`, ...reply.headers });
	if (!(await sendSse(ctx, 'response.created', { type: 'response.created', response: { id: responseId, status: 'in_progress' } }))) {
		return;
	}
	let outputIndex = 0;
	if (reply.text !== undefined) {
		const itemId = `msg_mock${seq}`;
		const item = { type: 'message', id: itemId, role: 'assistant', status: 'in_progress', content: [] };
		await sendSse(ctx, 'response.output_item.added', { type: 'response.output_item.added', output_index: outputIndex, item });
		for (const delta of chunkText(reply.text)) {
			await sendSse(ctx, 'response.output_text.delta', { type: 'response.output_text.delta', item_id: itemId, output_index: outputIndex, content_index: 0, delta });
		}
		if (reply.stall) {
			await holdOpen(ctx);
			return;
		}
		const done = { ...item, status: 'completed', content: [{ type: 'output_text', text: reply.text, annotations: [] }] };
		await sendSse(ctx, 'response.output_item.done', { type: 'response.output_item.done', output_index: outputIndex, item: done });
		outputIndex += 1;
	}
	if (reply.toolCall) {
		const callId = reply.toolCall.id ?? `call_mock${seq}`;
		const { name, input } = reply.toolCall;
		if (typeof input === 'string') {
			// Freeform tool (e.g. Codex `apply_patch`).
			const item = { type: 'custom_tool_call', id: `ctc_mock${seq}`, call_id: callId, name, input: '', status: 'in_progress' };
			await sendSse(ctx, 'response.output_item.added', { type: 'response.output_item.added', output_index: outputIndex, item });
			await sendSse(ctx, 'response.output_item.done', { type: 'response.output_item.done', output_index: outputIndex, item: { ...item, input, status: 'completed' } });
		} else {
			const args = JSON.stringify(input);
			const item = { type: 'function_call', id: `fc_mock${seq}`, call_id: callId, name, arguments: '', status: 'in_progress' };
			await sendSse(ctx, 'response.output_item.added', { type: 'response.output_item.added', output_index: outputIndex, item });
			await sendSse(ctx, 'response.function_call_arguments.delta', { type: 'response.function_call_arguments.delta', item_id: item.id, output_index: outputIndex, delta: args });
			const done = { ...item, arguments: args, status: 'completed' };
			await sendSse(ctx, 'response.output_item.done', { type: 'response.output_item.done', output_index: outputIndex, item: done });
		}
	}
	const u = reply.usage ?? {};
	const cached = u.cachedTokens ?? 2000;
	const input = (u.inputTokens ?? 345) + cached;
	const output = u.outputTokens ?? 67;
	const usage = {
		input_tokens: input,
		input_tokens_details: { cached_tokens: cached },
		output_tokens: output,
		output_tokens_details: { reasoning_tokens: u.reasoningTokens ?? 20 },
		total_tokens: input + output,
	};
	await sendSse(ctx, 'response.completed', { type: 'response.completed', response: { id: responseId, status: 'completed', usage } });
	ctx.res.end();
}
