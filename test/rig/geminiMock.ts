/**
 * Gemini API (`/v1beta/models/<model>:streamGenerateContent?alt=sse` and `:generateContent`)
 * as spoken to the Gemini CLI through `GOOGLE_GEMINI_BASE_URL`.
 */
import { type MockReply, type ReplyContext, chunkText, holdOpen, isRecord, resetEpoch, sendJson, sendSse, sleep, startSse } from './mockScenario';

function rpcError(code: number, status: string, message: string, details: unknown[] = []): unknown {
	return { error: { code, status, message, details } };
}

function sendError(ctx: ReplyContext): void {
	const { reply } = ctx;
	const retrySeconds = Math.max(1, resetEpoch(reply) - Math.floor(Date.now() / 1000));
	switch (reply.error) {
		case 'overloaded':
			sendJson(ctx, 503, rpcError(503, 'UNAVAILABLE', reply.message ?? 'The model is overloaded. Please try again later.'));
			return;
		case 'auth':
			sendJson(ctx, 400, rpcError(400, 'INVALID_ARGUMENT', reply.message ?? 'API key not valid. Please pass a valid API key.'));
			return;
		case 'rate_limit': {
			const metric = 'generativelanguage.googleapis.com/generate_content_free_tier_requests';
			const message = reply.message ?? `You exceeded your current quota.\n* Quota exceeded for metric: ${metric}, limit: 10\nPlease retry in 2s.`;
			sendJson(
				ctx,
				429,
				rpcError(429, 'RESOURCE_EXHAUSTED', message, [
					{ '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: metric, quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' }] },
					{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2s' },
				]),
			);
			return;
		}
		default: {
			// Every other limit kind maps to the terminal daily quota: the CLI does not retry and exits 173.
			const metric = 'generativelanguage.googleapis.com/generate_content_free_tier_requests';
			const message =
				reply.message ??
				`You exceeded your current quota, please check your plan and billing details.\n* Quota exceeded for metric: ${metric}, limit: 250\nPlease retry in ${retrySeconds}s.`;
			sendJson(
				ctx,
				429,
				rpcError(429, 'RESOURCE_EXHAUSTED', message, [
					{ '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: metric, quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier' }] },
					{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retrySeconds}s` },
				]),
			);
		}
	}
}

function usageMetadata(reply: MockReply): Record<string, number> {
	const u = reply.usage ?? {};
	const cached = u.cachedTokens ?? 1000;
	const prompt = (u.inputTokens ?? 234) + cached;
	const candidates = u.outputTokens ?? 56;
	const thoughts = u.reasoningTokens ?? 0;
	return {
		promptTokenCount: prompt,
		candidatesTokenCount: candidates,
		cachedContentTokenCount: cached,
		thoughtsTokenCount: thoughts,
		totalTokenCount: prompt + candidates + thoughts,
	};
}

function chunk(model: string, parts: unknown[], finish: boolean, reply: MockReply, seq: number): unknown {
	const candidate: Record<string, unknown> = { content: { role: 'model', parts }, index: 0 };
	if (finish) {
		candidate.finishReason = 'STOP';
	}
	const out: Record<string, unknown> = { candidates: [candidate], modelVersion: model, responseId: `mockresp${seq}` };
	if (finish) {
		out.usageMetadata = usageMetadata(reply);
	}
	return out;
}

function modelFrom(url: URL): string {
	const match = /\/models\/([^/:]+):/.exec(url.pathname);
	return match?.[1] ?? 'gemini-mock';
}

/** Answer a `generateContent` / `streamGenerateContent` request with the scripted reply. */
export async function handleGemini(ctx: ReplyContext): Promise<void> {
	const { reply, seq, url } = ctx;
	if (reply.delayMs) {
		await sleep(reply.delayMs);
	}
	if (reply.error) {
		sendError(ctx);
		return;
	}
	const model = modelFrom(url);
	const parts: unknown[] = [];
	if (reply.text !== undefined) {
		parts.push({ text: reply.text });
	}
	if (reply.toolCall) {
		const { name, input, id } = reply.toolCall;
		const args = typeof input === 'string' ? { input } : input;
		parts.push({ functionCall: { name, args, ...(id ? { id } : {}) } });
	}
	if (!url.pathname.endsWith(':streamGenerateContent')) {
		sendJson(ctx, 200, chunk(model, parts, true, reply, seq), reply.headers);
		return;
	}
	startSse(ctx, reply.headers);
	const pieces = reply.text === undefined ? [] : chunkText(reply.text);
	for (const piece of pieces) {
		if (!(await sendSse(ctx, undefined, chunk(model, [{ text: piece }], false, reply, seq)))) {
			return;
		}
	}
	if (reply.stall) {
		await holdOpen(ctx);
		return;
	}
	const tail = reply.toolCall ? [parts[parts.length - 1]] : [{ text: '' }];
	await sendSse(ctx, undefined, chunk(model, tail, true, reply, seq));
	ctx.res.end();
}

function jsonSchemaOf(body: unknown): unknown {
	if (!isRecord(body) || !isRecord(body.generationConfig)) {
		return undefined;
	}
	return body.generationConfig.responseJsonSchema ?? body.generationConfig.responseSchema;
}

/**
 * True for the CLI's internal structured-output calls (`auto` model router, next-speaker and
 * loop checks): non-streaming `generateContent` with a response JSON schema. They are answered
 * by {@link handleGeminiUtility} and never consume scripted replies.
 */
export function isGeminiUtilityRequest(url: URL, body: unknown): boolean {
	return url.pathname.endsWith(':generateContent') && jsonSchemaOf(body) !== undefined;
}

/** Build a minimal value that satisfies a (Gemini-flavoured, upper-case types) JSON schema. */
export function sampleFromSchema(schema: unknown): unknown {
	if (!isRecord(schema)) {
		return null;
	}
	if (Array.isArray(schema.enum) && schema.enum.length > 0) {
		return schema.enum[0];
	}
	switch (String(schema.type).toLowerCase()) {
		case 'object': {
			const props = isRecord(schema.properties) ? schema.properties : {};
			return Object.fromEntries(Object.entries(props).map(([key, value]) => [key, sampleFromSchema(value)]));
		}
		case 'array':
			return [];
		case 'integer':
		case 'number':
			return 1;
		case 'boolean':
			return false;
		default:
			return 'mock';
	}
}

/** Answer a utility call with schema-conformant JSON text (the router then picks a model on its own). */
export async function handleGeminiUtility(ctx: ReplyContext): Promise<void> {
	const text = JSON.stringify(sampleFromSchema(jsonSchemaOf(ctx.body)));
	sendJson(ctx, 200, chunk(modelFrom(ctx.url), [{ text }], true, {}, ctx.seq));
}
