/**
 * Scriptable loopback mock model server for running the REAL vendor CLIs offline.
 *
 * One server speaks all three protocols on 127.0.0.1 (ephemeral port):
 * - Anthropic Messages: `HEAD /`, `POST /v1/messages?beta=true` (SSE or JSON).
 * - Gemini: `POST /v1beta/models/<model>:streamGenerateContent?alt=sse` and `:generateContent`.
 * - OpenAI Responses: `POST /v1/responses` (SSE). WebSocket upgrades are refused with 426.
 *
 * Tests queue replies per vendor with {@link MockModelServer.script}; every request is recorded.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handleAnthropic } from './anthropicMock';
import { handleGemini, handleGeminiUtility, isGeminiUtilityRequest } from './geminiMock';
import { type MockReply, type MockVendor, type ReplyContext, isRecord } from './mockScenario';
import { handleOpenAi } from './openaiMock';
import { Wakeups } from './wakeups';

export { anthropicUnifiedHeaders, type UnifiedRateLimit } from './anthropicMock';
export { codexRateLimitHeaders } from './openaiMock';
export type { MockErrorKind, MockReply, MockToolCall, MockUsage, MockVendor } from './mockScenario';

/** One request the server received. */
export interface RecordedRequest {
	/** Which protocol the path belongs to (`unknown` for unmatched paths, answered 404). */
	vendor: MockVendor | 'unknown';
	/** HTTP method. */
	method: string;
	/** Path plus query, as received. */
	url: string;
	/** Request headers (lower-case names). */
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON body, or `undefined` when the body is empty or not JSON. */
	body: unknown;
	/** Raw body text. */
	rawBody: string;
	/** Receive time, ms since epoch. */
	receivedAt: number;
	/** The reply that answered it: a scripted one, the vendor default, or `null` (no model reply). */
	reply: MockReply | null;
	/** True when the reply came from the script queue (false: default reply or non-model request). */
	scripted: boolean;
	/** True for an attempt to reach another host through the proxy variables (CONNECT or absolute URL); refused with 403. */
	egress: boolean;
}

/** A running mock server. */
export interface MockModelServer {
	/** Base URL, e.g. `http://127.0.0.1:40123` (Anthropic and Gemini base; OpenAI uses `${url}/v1`). */
	readonly url: string;
	/** The ephemeral port. */
	readonly port: number;
	/** All requests received so far, in order. */
	readonly requests: readonly RecordedRequest[];
	/** Append replies to a vendor's queue; each model request consumes one. */
	script(vendor: MockVendor, replies: readonly MockReply[]): void;
	/** Reply used when a vendor's queue is empty (initially `{ text: 'OK' }`). */
	setDefaultReply(vendor: MockVendor, reply: MockReply): void;
	/** Number of scripted replies not yet consumed. */
	pending(vendor: MockVendor): number;
	/** Recorded model requests (the ones that consumed or could consume a reply) for one vendor. */
	modelRequests(vendor: MockVendor): RecordedRequest[];
	/** Resolve with the next model request for `vendor` (or an already recorded one after index `after`). */
	waitForModelRequest(vendor: MockVendor, after?: number, timeoutMs?: number): Promise<RecordedRequest>;
	/** Forget recorded requests and scripted replies. */
	reset(): void;
	/** Stop listening and destroy open connections (stalled streams included). */
	close(): Promise<void>;
}

interface Route {
	vendor: MockVendor;
	/** False for requests that are answered but never consume a scripted reply. */
	model: boolean;
	handle: (ctx: ReplyContext) => Promise<void>;
	/** Requests the CLI makes for itself (e.g. the Gemini router): answered by `auxHandle`, no scripted reply. */
	isAux?: (url: URL, body: unknown) => boolean;
	auxHandle?: (ctx: ReplyContext) => Promise<void>;
}

const noContent = async (ctx: ReplyContext): Promise<void> => {
	ctx.res.writeHead(200, { 'content-type': 'application/json' });
	ctx.res.end(ctx.req.method === 'HEAD' ? undefined : '{}');
};

const countTokens = async (ctx: ReplyContext): Promise<void> => {
	ctx.res.writeHead(200, { 'content-type': 'application/json' });
	ctx.res.end(JSON.stringify({ input_tokens: 1234 }));
};

function route(method: string, path: string): Route | undefined {
	if (path === '/' && (method === 'HEAD' || method === 'GET')) {
		return { vendor: 'anthropic', model: false, handle: noContent };
	}
	if (method === 'POST' && path === '/v1/messages/count_tokens') {
		return { vendor: 'anthropic', model: false, handle: countTokens };
	}
	if (method === 'POST' && path === '/v1/messages') {
		return { vendor: 'anthropic', model: true, handle: handleAnthropic };
	}
	if (method === 'POST' && /^\/v1beta\/models\/[^/]+:(stream)?[gG]enerateContent$/.test(path)) {
		return { vendor: 'gemini', model: true, handle: handleGemini, isAux: isGeminiUtilityRequest, auxHandle: handleGeminiUtility };
	}
	if (method === 'POST' && path === '/v1/responses') {
		return { vendor: 'openai', model: true, handle: handleOpenAi };
	}
	return undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function parseJson(text: string): unknown {
	if (text.length === 0) {
		return undefined;
	}
	try {
		const parsed: unknown = JSON.parse(text);
		return parsed;
	} catch {
		return undefined;
	}
}

function bodilessRecord(vendor: RecordedRequest['vendor'], req: IncomingMessage): RecordedRequest {
	const base = { body: undefined, rawBody: '', receivedAt: Date.now(), reply: null, scripted: false, egress: req.method === 'CONNECT' };
	return { ...base, vendor, method: req.method ?? 'GET', url: req.url ?? '/', headers: { ...req.headers } };
}

/** Options for {@link startMockModelServer}. */
export interface MockServerOptions {
	/** Log each request to stderr. */
	verbose?: boolean;
}

/** Start a mock model server on 127.0.0.1 with an ephemeral port. */
export async function startMockModelServer(options: MockServerOptions = {}): Promise<MockModelServer> {
	const queues = new Map<MockVendor, MockReply[]>();
	const defaults = new Map<MockVendor, MockReply>();
	const requests: RecordedRequest[] = [];
	const sockets = new Set<Socket>();
	const wakeups = new Wakeups();
	let seq = 0;

	const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = req.method ?? 'GET';
		const rawBody = await readBody(req);
		const body = parseJson(rawBody);
		// Absolute-form URL for another host = plain-HTTP egress through the proxy variables: refuse it.
		const egress = /^https?:\/\//i.test(req.url ?? '') && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
		const found = egress ? undefined : route(method, url.pathname);
		const aux = found?.isAux?.(url, body) === true;
		let reply: MockReply | null = null;
		let scripted = false;
		if (found?.model && !aux) {
			const queued = queues.get(found.vendor)?.shift();
			scripted = queued !== undefined;
			reply = queued ?? defaults.get(found.vendor) ?? { text: 'OK' };
		}
		seq += 1;
		const vendor = found?.vendor ?? 'unknown';
		requests.push({ vendor, method, url: req.url ?? '/', headers: { ...req.headers }, body, rawBody, receivedAt: Date.now(), reply, scripted, egress });
		if (options.verbose) {
			const kind = aux ? 'utility' : reply ? (reply.error ?? (reply.toolCall ? `tool:${reply.toolCall.name}` : 'text')) : '-';
			process.stderr.write(`[mock] ${method} ${req.url ?? ''} -> ${found?.vendor ?? (egress ? 'refused (egress blocked)' : 404)} ${kind}${reply && !scripted ? ' (default)' : ''}\n`);
		}
		wakeups.wake();
		if (!found) {
			res.writeHead(egress ? 403 : 404, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ error: { message: `mock: no route for ${method} ${url.pathname}` } }));
			return;
		}
		const handle = aux && found.auxHandle ? found.auxHandle : found.handle;
		await handle({ req, res, url, body, reply: reply ?? {}, seq });
	};

	const server = createServer((req, res) => {
		onRequest(req, res).catch((err: unknown) => {
			if (!res.headersSent) {
				res.writeHead(500, { 'content-type': 'application/json' });
			}
			res.end(JSON.stringify({ error: { message: `mock failure: ${String(err)}` } }));
		});
	});
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	// Codex tries a WebSocket upgrade on GET /v1/responses unless supports_websockets=false: refuse it cleanly.
	server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
		requests.push(bodilessRecord('openai', req));
		const text = 'websocket transport not supported by mock';
		socket.end(`HTTP/1.1 426 Upgrade Required\r\nconnection: close\r\ncontent-type: text/plain\r\ncontent-length: ${text.length}\r\n\r\n${text}`);
	});

	// Used as HTTPS_PROXY by cliEnv: any attempt to reach the real internet arrives here as CONNECT and is refused.
	server.on('connect', (req: IncomingMessage, socket: Socket) => {
		requests.push(bodilessRecord('unknown', req));
		if (options.verbose) {
			process.stderr.write(`[mock] CONNECT ${req.url ?? ''} -> refused (egress blocked)\n`);
		}
		socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	const modelRequests = (vendor: MockVendor): RecordedRequest[] => requests.filter((r) => r.vendor === vendor && r.reply !== null);

	return {
		url: `http://127.0.0.1:${port}`,
		port,
		requests,
		script(vendor, replies) {
			queues.set(vendor, [...(queues.get(vendor) ?? []), ...replies]);
		},
		setDefaultReply(vendor, reply) {
			defaults.set(vendor, reply);
		},
		pending(vendor) {
			return queues.get(vendor)?.length ?? 0;
		},
		modelRequests,
		waitForModelRequest(vendor, after = modelRequests(vendor).length, timeoutMs = 30_000) {
			return wakeups.waitFor(() => modelRequests(vendor)[after], timeoutMs, () => `mock: no ${vendor} model request within ${timeoutMs} ms`);
		},
		reset() {
			requests.length = 0;
			queues.clear();
		},
		close() {
			return new Promise((resolve) => {
				for (const socket of sockets) {
					socket.destroy();
				}
				server.close(() => resolve());
			});
		},
	};
}

/** Extract all text strings found anywhere in a recorded request body (to assert injected context arrived). */
export function bodyText(body: unknown): string {
	const out: string[] = [];
	const walk = (value: unknown): void => {
		if (typeof value === 'string') {
			out.push(value);
		} else if (Array.isArray(value)) {
			value.forEach(walk);
		} else if (isRecord(value)) {
			Object.values(value).forEach(walk);
		}
	};
	walk(body);
	return out.join('\n');
}
