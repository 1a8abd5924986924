import { asArray, asNumber, asRecord, asString } from '../common/json';
import { isBridgeAgent, type BridgeAgent, type BridgeMessage, type BridgeSession, type BusEvent, type BusEventType, type FileClaim, type HookEvent, type HookKind, type HookVerdict } from './types';

/**
 * JSON-RPC methods of the local bridge (Content-Length framed JSON-RPC 2.0 over a Unix socket / named pipe). The
 * first message of every connection must be `baton/hello` with the token from the discovery file.
 */
export const bridgeMethods = {
	hello: 'baton/hello',
	ping: 'baton/ping',
	hook: 'baton/hook',
	sendMessage: 'baton/sendMessage',
	inbox: 'baton/inbox',
	events: 'baton/events',
	sessions: 'baton/sessions',
	claims: 'baton/claims',
	recall: 'baton/recall',
	remember: 'baton/remember',
	checkpoint: 'baton/checkpoint',
	critique: 'baton/critique',
} as const;

/** Params and results per method. */
export interface BridgeMethodTypes {
	'baton/hello': { params: { readonly token: string; readonly client: string }; result: { readonly ok: true; readonly workspace: string } };
	'baton/ping': { params: Record<string, never>; result: { readonly now: string } };
	'baton/hook': { params: { readonly event: HookEvent }; result: HookVerdict };
	'baton/sendMessage': {
		params: { readonly from: BridgeMessage['from']; readonly to: string; readonly text: string; readonly kind?: BridgeMessage['kind'] };
		result: BridgeMessage;
	};
	'baton/inbox': { params: { readonly sessionId: string; readonly peek?: boolean }; result: readonly BridgeMessage[] };
	'baton/events': { params: { readonly agent?: BridgeAgent; readonly afterSeq?: number; readonly types?: readonly BusEventType[]; readonly limit?: number }; result: readonly BusEvent[] };
	'baton/sessions': { params: Record<string, never>; result: readonly BridgeSession[] };
	'baton/claims': { params: Record<string, never>; result: readonly FileClaim[] };
	'baton/recall': { params: { readonly task: string; readonly budgetTokens?: number }; result: { readonly text: string } };
	'baton/remember': { params: { readonly text: string; readonly agent?: BridgeAgent; readonly sessionId?: string; readonly tags?: readonly string[] }; result: { readonly text: string } };
	'baton/checkpoint': {
		/** `goal`: the task's goal as the agent states it (the hub may use it instead of the session's first prompt). */
		params: { readonly summary: string; readonly agent?: BridgeAgent; readonly sessionId?: string; readonly files?: readonly string[]; readonly goal?: string };
		result: { readonly text: string };
	};
	/** A review an agent asked for through the MCP tool `critique`, stored as memory of kind `critique`. */
	'baton/critique': {
		/** `agent`: who asked (the reviewed agent); `reviewer`: who reviewed; `files`: files with findings. */
		params: { readonly title: string; readonly body: string; readonly agent?: BridgeAgent; readonly reviewer?: BridgeAgent; readonly sessionId?: string; readonly files?: readonly string[] };
		result: { readonly text: string };
	};
}

/** A bridge method name. */
export type BridgeMethod = keyof BridgeMethodTypes;

/** Raised for params of the wrong shape; the server answers with JSON-RPC InvalidParams. */
export class InvalidParamsError extends Error {
	override readonly name = 'InvalidParamsError';
}

const hookKinds: ReadonlySet<HookKind> = new Set<HookKind>(['session_start', 'prompt', 'pre_tool', 'post_tool', 'stop', 'stop_failure', 'session_end', 'pre_compact', 'notification', 'other']);

function need(value: string | undefined, what: string, max = 10_000): string {
	if (value === undefined || value.length > max) {
		throw new InvalidParamsError(`${what} must be a string of at most ${max} characters`);
	}
	return value;
}

function strings(value: unknown, what: string): string[] {
	const list = asArray(value) ?? [];
	if (list.length > 200 || !list.every((s) => typeof s === 'string' && s.length <= 4096)) {
		throw new InvalidParamsError(`${what} must be a list of at most 200 strings`);
	}
	return list as string[];
}

/** Validates a `baton/hook` event from the wire (shape and sizes; paths are re-checked by the hub). */
export function parseHookEvent(value: unknown): HookEvent {
	const e = asRecord(value);
	const agent = e?.['agent'];
	const kind = e?.['kind'];
	if (!e || !isBridgeAgent(agent) || typeof kind !== 'string' || !hookKinds.has(kind as HookKind)) {
		throw new InvalidParamsError('event must have agent (claude|gemini|codex) and a known kind');
	}
	const tool = asRecord(e['tool']);
	const failure = asRecord(e['failure']);
	const notification = asRecord(e['notification']);
	const optional = <T>(v: T | undefined, key: string): Record<string, T> => (v === undefined ? {} : { [key]: v });
	const projectDir = e['projectDir'] === null ? null : (asString(e['projectDir']) ?? null);
	return {
		id: need(asString(e['id']), 'event.id', 200),
		agent,
		kind: kind as HookKind,
		rawEvent: need(asString(e['rawEvent']), 'event.rawEvent', 100),
		sessionId: need(asString(e['sessionId']), 'event.sessionId', 200),
		at: need(asString(e['at']), 'event.at', 40),
		cwd: need(asString(e['cwd']), 'event.cwd', 4096),
		projectDir,
		canInject: e['canInject'] === true,
		...optional(asString(e['prompt'])?.slice(0, 4000), 'prompt'),
		...optional(asString(e['detail'])?.slice(0, 100), 'detail'),
		...optional(asString(e['model'])?.slice(0, 200), 'model'),
		...optional(asString(e['timeZone'])?.slice(0, 100), 'timeZone'),
		...(tool
			? {
					tool: {
						name: need(asString(tool['name']), 'tool.name', 200),
						writesFiles: tool['writesFiles'] === true,
						files: strings(tool['files'], 'tool.files'),
						rejected: strings(tool['rejected'], 'tool.rejected'),
						failed: tool['failed'] === true,
					},
				}
			: {}),
		...(failure ? { failure: { error: need(asString(failure['error']), 'failure.error', 100), text: (asString(failure['text']) ?? '').slice(0, 8000) } } : {}),
		...(notification
			? { notification: { message: (asString(notification['message']) ?? '').slice(0, 1000), title: asString(notification['title']) ?? null, type: asString(notification['type']) ?? null } }
			: {}),
	};
}

/** Validates `baton/sendMessage` params. */
export function parseSendMessage(value: unknown): BridgeMethodTypes['baton/sendMessage']['params'] {
	const p = asRecord(value);
	const from = asRecord(p?.['from']);
	const agent = from?.['agent'];
	if (!p || !from || !(isBridgeAgent(agent) || agent === 'user')) {
		throw new InvalidParamsError('from.agent must be claude, gemini, codex or user');
	}
	const kind = p['kind'] === 'delegation' ? 'delegation' : 'message';
	const text = need(asString(p['text']), 'text', 8000);
	if (text.trim() === '') {
		throw new InvalidParamsError('text must not be empty');
	}
	return { from: { agent, sessionId: asString(from['sessionId']) ?? null }, to: need(asString(p['to']), 'to', 200), text, kind };
}

/** Reads an optional bounded number param. */
export function optionalNumber(value: unknown, min: number, max: number): number | undefined {
	const n = asNumber(value);
	return n === undefined ? undefined : Math.min(max, Math.max(min, Math.floor(n)));
}

/** Reads a string param (required). */
export function requiredString(value: unknown, what: string, max = 10_000): string {
	return need(asString(value), what, max);
}

/** Reads an optional list of strings. */
export function stringList(value: unknown, what: string): string[] {
	return strings(value, what);
}

/**
 * A checkpoint saved while no bridge answered (the MCP server's `checkpoint` never loses one). Records live in
 * `<key>.checkpoints.jsonl` beside the discovery file, one `{"v":1,"checkpoint":{id,at,params}}` per line, and are
 * forwarded to `baton/checkpoint` once a bridge with memory answers (by Baton's MCP servers, or the extension).
 */
export interface SpooledCheckpoint {
	/** Unique per checkpoint (duplicates from re-appends are dropped by it). */
	readonly id: string;
	/** When the agent made the checkpoint, ISO-8601 UTC. */
	readonly at: string;
	readonly params: BridgeMethodTypes['baton/checkpoint']['params'];
}

/** Checkpoint spool file belonging to a discovery file (`<key>.json` → `<key>.checkpoints.jsonl`). */
export function checkpointSpoolFileFor(discoveryFile: string): string {
	return discoveryFile.replace(/\.json$/, '') + '.checkpoints.jsonl';
}

/** The spool record of a checkpoint. */
export function checkpointSpoolRecord(checkpoint: SpooledCheckpoint): Record<string, unknown> {
	return { v: 1, checkpoint };
}

/** Checkpoints in spool records, first occurrence of each id, in order; malformed records are skipped. */
export function parseSpooledCheckpoints(records: readonly unknown[]): SpooledCheckpoint[] {
	const seen = new Set<string>();
	return records.flatMap((record) => {
		const c = asRecord(asRecord(record)?.['checkpoint']);
		const p = asRecord(c?.['params']);
		const id = asString(c?.['id']);
		const summary = asString(p?.['summary']);
		if (asRecord(record)?.['v'] !== 1 || !p || id === undefined || summary === undefined || seen.has(id)) return [];
		seen.add(id);
		const agent = p['agent'];
		const sessionId = asString(p['sessionId']);
		const files = (asArray(p['files']) ?? []).filter((f): f is string => typeof f === 'string');
		const goal = asString(p['goal']);
		const params = { summary, ...(isBridgeAgent(agent) ? { agent } : {}), ...(sessionId !== undefined ? { sessionId } : {}), ...(files.length > 0 ? { files } : {}), ...(goal !== undefined ? { goal } : {}) };
		return [{ id, at: asString(c?.['at']) ?? '', params }];
	});
}
