/**
 * Shared scenario types and small helpers for the loopback mock model server.
 * Vendor protocol files (anthropicMock.ts, geminiMock.ts, openaiMock.ts) turn a
 * {@link MockReply} into the wire format of one vendor API.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The three vendor protocols the mock speaks. */
export type MockVendor = 'anthropic' | 'gemini' | 'openai';

/** Token counts reported by the mock; each vendor maps them onto its own usage fields. */
export interface MockUsage {
	/** Uncached input tokens. */
	inputTokens?: number;
	/** Output tokens (reasoning included for OpenAI). */
	outputTokens?: number;
	/** Tokens read from the prompt cache. */
	cachedTokens?: number;
	/** Tokens written to the prompt cache (Anthropic only). */
	cacheCreationTokens?: number;
	/** Reasoning / thinking tokens (OpenAI, Gemini). */
	reasoningTokens?: number;
}

/** A tool call the mock model makes; `input` is the JSON argument object. */
export interface MockToolCall {
	/** Tool name exactly as the CLI registered it, e.g. `Write`, `write_file`, `exec_command`. */
	name: string;
	/**
	 * Tool arguments. A string is only meaningful for OpenAI *custom* (freeform) tools such as
	 * Codex `apply_patch`: it is sent as a `custom_tool_call` whose `input` is that string.
	 */
	input: Record<string, unknown> | string;
	/** Optional call id; generated when omitted. */
	id?: string;
}

/**
 * Error scenarios. Each vendor maps a kind to its real error response:
 * - `session_limit` / `weekly_limit`: Anthropic subscriber 429 with `anthropic-ratelimit-unified-*` headers.
 * - `rate_limit`: a transient 429 (Anthropic `rate_limit_error`, OpenAI `rate_limit_exceeded`, Gemini per-minute quota).
 * - `daily_quota`: Gemini 429 RESOURCE_EXHAUSTED with a `PerDay` quota id (terminal, CLI exits 173).
 * - `usage_limit`: OpenAI 429 `usage_limit_reached` (ChatGPT plan limit).
 * - `insufficient_quota`: OpenAI 429 `insufficient_quota` (API-key billing).
 * - `overloaded`: 529 (Anthropic) / 503 (Gemini, OpenAI).
 * - `auth`: 401.
 */
export type MockErrorKind =
	| 'session_limit'
	| 'weekly_limit'
	| 'rate_limit'
	| 'daily_quota'
	| 'usage_limit'
	| 'insufficient_quota'
	| 'overloaded'
	| 'auth';

/** One scripted model reply. Fields combine: `text` then `toolCall`; `error` wins over both. */
export interface MockReply {
	/** Assistant text, streamed in a few chunks. */
	text?: string;
	/** A tool call emitted after the text. */
	toolCall?: MockToolCall;
	/** Answer with this error instead of a model response. */
	error?: MockErrorKind;
	/** Reset time (epoch seconds) for limit errors; default now + 1 h. */
	resetsAt?: number;
	/** Override the server error message. */
	message?: string;
	/** OpenAI `usage_limit_reached` plan type (`plus`, `pro`, `free`, `team`); default `plus`. */
	planType?: string;
	/** Extra response headers (e.g. from {@link anthropicUnifiedHeaders}). */
	headers?: Record<string, string>;
	/** Token usage to report; defaults per vendor. */
	usage?: MockUsage;
	/** Delay before the response starts, in ms. */
	delayMs?: number;
	/** Delay between streamed chunks, in ms (default 5). */
	chunkDelayMs?: number;
	/**
	 * Stream the text, then keep the response open without finishing it until the client
	 * disconnects or the server closes. Used to cancel a CLI mid-stream.
	 */
	stall?: boolean;
}

/** Everything a vendor handler needs to answer one request. */
export interface ReplyContext {
	/** The incoming request. */
	req: IncomingMessage;
	/** The response to write. */
	res: ServerResponse;
	/** Parsed request URL. */
	url: URL;
	/** Parsed JSON body (`undefined` when empty or not JSON). */
	body: unknown;
	/** The reply to send. */
	reply: MockReply;
	/** Per-server sequence number, for ids. */
	seq: number;
}

/** Wait `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Split text into up to three chunks on word boundaries so that it streams in several deltas. */
export function chunkText(text: string): string[] {
	const words = text.split(/(?<=\s)/);
	if (words.length < 3) {
		return [text];
	}
	const size = Math.ceil(words.length / 3);
	const chunks: string[] = [];
	for (let i = 0; i < words.length; i += size) {
		chunks.push(words.slice(i, i + size).join(''));
	}
	return chunks;
}

/** True when the client has gone away or the response already ended. */
export function isGone(ctx: ReplyContext): boolean {
	// Note: `req.destroyed` is true once the request body has been consumed, so only the response counts.
	return ctx.res.destroyed || ctx.res.writableEnded;
}

/** Start an SSE response with the given extra headers. */
export function startSse(ctx: ReplyContext, headers: Record<string, string> = {}): void {
	ctx.res.writeHead(200, {
		'content-type': 'text/event-stream',
		'cache-control': 'no-cache',
		connection: 'keep-alive',
		...headers,
	});
	ctx.res.flushHeaders();
}

/** Write one SSE event (`event:` line optional). Returns false when the client is gone. */
export async function sendSse(ctx: ReplyContext, event: string | undefined, data: unknown): Promise<boolean> {
	if (isGone(ctx)) {
		return false;
	}
	const head = event === undefined ? '' : `event: ${event}\n`;
	ctx.res.write(`${head}data: ${JSON.stringify(data)}\n\n`);
	await sleep(ctx.reply.chunkDelayMs ?? 5);
	return !isGone(ctx);
}

/** Answer with a JSON body. */
export function sendJson(ctx: ReplyContext, status: number, body: unknown, headers: Record<string, string> = {}): void {
	if (isGone(ctx)) {
		return;
	}
	ctx.res.writeHead(status, { 'content-type': 'application/json', ...headers });
	ctx.res.end(JSON.stringify(body));
}

/** Keep a stalled stream open until the client disconnects (the server destroys sockets on close). */
export function holdOpen(ctx: ReplyContext): Promise<void> {
	return new Promise((resolve) => {
		if (isGone(ctx)) {
			resolve();
			return;
		}
		ctx.res.once('close', () => resolve());
	});
}

/** Reset time for a limit error: the scripted value or now + 1 h, in epoch seconds. */
export function resetEpoch(reply: MockReply): number {
	return reply.resetsAt ?? Math.floor(Date.now() / 1000) + 3600;
}

/** Narrow an unknown value to a plain object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
