import { asArray, asRecord, asString, type JsonRecord } from '../../core/common/json';
import type { BridgeHub } from '../../core/bridge/bridgeHub';
import { InvalidParamsError, bridgeMethods, checkpointSpoolFileFor, optionalNumber, parseHookEvent, parseSendMessage, requiredString, stringList } from '../../core/bridge/protocol';
import { isBridgeAgent, type BusEventType, type HookEvent } from '../../core/bridge/types';
import { flushCheckpoints, type FlushResult } from './checkpointSpool';
import { startBridgeServer, type BridgeHandlers, type BridgeServerOptions, type RunningBridge } from './bridgeServer';

function params(value: unknown): JsonRecord {
	return asRecord(value) ?? {};
}

function memoryOf(hub: BridgeHub): NonNullable<BridgeHub['memoryModule']> {
	const memory = hub.memoryModule;
	if (!memory) throw new Error('Baton memory is not available in this window');
	return memory;
}

/** Bridge request handlers that serve `hub` (validation of every param included). */
export function createHubHandlers(hub: BridgeHub): BridgeHandlers['requests'] {
	return {
		[bridgeMethods.ping]: () => ({ now: new Date().toISOString() }),
		[bridgeMethods.hook]: (p) => hub.handleHook(parseHookEvent(params(p)['event'])),
		[bridgeMethods.sendMessage]: (p) => hub.sendMessage(parseSendMessage(p)),
		[bridgeMethods.inbox]: (p) => hub.readInbox(requiredString(params(p)['sessionId'], 'sessionId', 200), params(p)['peek'] === true),
		[bridgeMethods.events]: (p) => {
			const q = params(p);
			const agent = q['agent'];
			const types = asArray(q['types'])?.filter((t): t is BusEventType => typeof t === 'string');
			const afterSeq = optionalNumber(q['afterSeq'], 0, Number.MAX_SAFE_INTEGER);
			return hub.events(
				{ ...(isBridgeAgent(agent) ? { agent } : {}), ...(types ? { types } : {}), ...(afterSeq !== undefined ? { afterSeq } : {}) },
				optionalNumber(q['limit'], 1, 1000) ?? 200,
			);
		},
		[bridgeMethods.sessions]: () => hub.listSessions(),
		[bridgeMethods.claims]: () => hub.listClaims(),
		[bridgeMethods.recall]: async (p) => {
			const q = params(p);
			return { text: await memoryOf(hub).recall(requiredString(q['task'], 'task', 8000), optionalNumber(q['budgetTokens'], 50, 20_000) ?? 1200) };
		},
		[bridgeMethods.remember]: async (p) => {
			const q = params(p);
			const agent = q['agent'];
			const text = await memoryOf(hub).remember({
				text: requiredString(q['text'], 'text', 20_000),
				agent: isBridgeAgent(agent) ? agent : null,
				sessionId: asString(q['sessionId'])?.slice(0, 200) ?? null,
				tags: stringList(q['tags'], 'tags'),
			});
			return { text };
		},
		[bridgeMethods.checkpoint]: async (p) => {
			const q = params(p);
			const agent = q['agent'];
			const sessionId = asString(q['sessionId'])?.slice(0, 200) ?? null;
			const stated = asString(q['goal'])?.trim().slice(0, 500);
			const goal = stated || (sessionId === null ? null : (hub.listSessions().find((s) => s.sessionId === sessionId)?.goal ?? null));
			const text = await memoryOf(hub).checkpoint({
				summary: requiredString(q['summary'], 'summary', 20_000),
				agent: isBridgeAgent(agent) ? agent : null,
				sessionId,
				goal,
				files: stringList(q['files'], 'files'),
			});
			return { text };
		},
		[bridgeMethods.critique]: async (p) => {
			const q = params(p);
			const [agent, reviewer] = [q['agent'], q['reviewer']];
			const text = await memoryOf(hub).critique({
				title: requiredString(q['title'], 'title', 200),
				body: requiredString(q['body'], 'body', 20_000),
				agent: isBridgeAgent(agent) ? agent : null,
				reviewer: isBridgeAgent(reviewer) ? reviewer : null,
				sessionId: asString(q['sessionId'])?.slice(0, 200) ?? null,
				files: stringList(q['files'], 'files'),
			});
			return { text };
		},
	};
}

/** Hook events in spool records (`{"v":1,"event":{…}}`); malformed ones are skipped. */
export function spooledEvents(records: readonly JsonRecord[]): HookEvent[] {
	return records.flatMap((r) => {
		try {
			return r['v'] === 1 ? [parseHookEvent(r['event'])] : [];
		} catch (error) {
			if (error instanceof InvalidParamsError) return [];
			throw error;
		}
	});
}

/**
 * Records checkpoints that MCP servers spooled while no extension answered (`<discovery>.checkpoints.jsonl`) through
 * the same handler as `baton/checkpoint`. Checkpoints that fail stay spooled for the next try; none is lost.
 */
export function recordSpooledCheckpoints(hub: BridgeHub, discoveryFile: string): Promise<FlushResult> {
	const record = createHubHandlers(hub)[bridgeMethods.checkpoint];
	if (!record || !hub.memoryModule) return Promise.resolve({ sent: 0, kept: 0 });
	return flushCheckpoints(checkpointSpoolFileFor(discoveryFile), async (c) => void (await record(c.params, { connectionId: 0, client: 'baton-extension' })));
}

/**
 * Starts the bridge for `workspaceFolder` serving `hub`: request handlers from {@link createHubHandlers}, and
 * spooled hook events (written by `baton hook` while no extension ran) replayed into the hub.
 */
export function startHubBridge(workspaceFolder: string, hub: BridgeHub, options: BridgeServerOptions & { readonly onError?: (error: unknown) => void } = {}): Promise<RunningBridge> {
	return startBridgeServer(
		workspaceFolder,
		{
			requests: createHubHandlers(hub),
			onSpooled: (records) => hub.ingest(spooledEvents(records)),
			...(options.onError ? { onError: options.onError } : {}),
		},
		options,
	);
}
