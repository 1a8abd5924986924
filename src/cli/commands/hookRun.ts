import { asRecord, asString } from '../../core/common/json';
import { normalizeHookPayload } from '../../core/bridge/hookPayloads';
import { renderHookResponse, silentResponse, type HookResponse } from '../../core/bridge/hookResponses';
import { bridgeMethods } from '../../core/bridge/protocol';
import type { BridgeAgent, HookEvent } from '../../core/bridge/types';
import { BridgeError, connectBridge } from '../../infra/bridge/bridgeClient';
import { bridgesDir, dataDirFor, discoveryPath, ensurePrivateDir, spoolPathFor, type FoundDiscovery } from '../../infra/bridge/discovery';
import { appendHookLog } from '../../infra/bridge/hookLog';
import { appendToSpool } from '../../infra/bridge/spool';

/** Default time a hook may take before it answers without Baton, ms. */
export const defaultHookBudgetMs = 1500;

/** Inputs of one hook call. */
export interface HookRunInput {
	readonly agent: BridgeAgent;
	readonly eventName: string;
	/** The payload the CLI wrote to stdin. */
	readonly stdin: string;
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly cwd: string;
	readonly now: Date;
	/** Time left for the bridge round trip, ms. */
	readonly budgetMs: number;
}

/** How the hook was answered: by the bridge, spooled (no bridge), or silently after a problem (logged). */
export type HookOutcome = 'bridge' | 'spooled' | 'failed-open' | 'ignored';

/** The response plus how it came about. */
export interface HookRunResult extends HookResponse {
	readonly outcome: HookOutcome;
}

const projectDirVars = ['CLAUDE_PROJECT_DIR', 'GEMINI_PROJECT_DIR'] as const;

function spool(dataDir: string, found: FoundDiscovery | undefined, event: HookEvent): boolean {
	const discoveryFile = found?.file ?? discoveryPath(dataDir, event.projectDir ?? event.cwd);
	ensurePrivateDir(bridgesDir(dataDir));
	return appendToSpool(spoolPathFor(discoveryFile), { v: 1, event });
}

/**
 * Handles one hook: parse and normalise the payload, ask the bridge (one round trip within `budgetMs`) and render
 * its verdict for the CLI. Without a bridge the event is appended to the workspace's spool and the hook answers
 * silently; on a timeout or lost connection it is spooled too (the hub drops duplicates by event id). Never throws
 * and never blocks the agent by mistake: every problem ends in the silent answer and a line in the hook log.
 */
export async function runHook(input: HookRunInput): Promise<HookRunResult> {
	const { agent, eventName, env } = input;
	const dataDir = dataDirFor(env);
	const warn = (message: string): void => appendHookLog(dataDir, 'warn', `${agent} ${eventName}: ${message}`);
	let payload: unknown;
	try {
		payload = JSON.parse(input.stdin);
	} catch {
		warn(`payload is not JSON (${input.stdin.length} bytes); answered without Baton`);
		return { ...silentResponse, outcome: 'failed-open' };
	}
	const envProject = projectDirVars.map((v) => env[v]).find((v): v is string => typeof v === 'string' && v.length > 0);
	const payloadCwd = asString(asRecord(payload)?.['cwd']);
	const dirs = [envProject, payloadCwd, input.cwd].filter((d): d is string => d !== undefined);
	let bridge: ReturnType<typeof connectBridge>;
	try {
		bridge = connectBridge(env, dirs, 'baton-hook');
	} catch (error) {
		bridge = {};
		warn(`bridge lookup failed: ${String(error)}`);
	}
	const normalised = normalizeHookPayload(payload, {
		agent,
		eventName,
		id: `${input.now.getTime().toString(36)}-${process.pid.toString(36)}-${Math.random().toString(36).slice(2, 12)}`,
		now: input.now,
		projectDir: bridge.found?.discovery.workspace ?? envProject ?? null,
		fallbackCwd: input.cwd,
		...(eventName === 'StopFailure' ? { timeZone: env['TZ'] || Intl.DateTimeFormat().resolvedOptions().timeZone } : {}),
	});
	if (!normalised.ok) {
		bridge.connected?.client.close();
		warn(`${normalised.reason}; ignored`);
		return { ...silentResponse, outcome: 'ignored' };
	}
	const event = normalised.event;
	for (const rejected of event.tool?.rejected ?? []) {
		warn(`rejected path from the payload: ${rejected}`);
	}
	const fallBack = (why: string): HookRunResult => {
		try {
			const spooled = spool(dataDir, bridge.found, event);
			warn(`${why}; ${spooled ? 'event spooled' : 'spool full, event dropped'}; answered without Baton`);
		} catch (error) {
			warn(`${why}; spooling failed (${String(error)}); answered without Baton`);
		}
		return { ...silentResponse, outcome: bridge.connected ? 'failed-open' : 'spooled' };
	};
	const connected = bridge.connected;
	if (!connected) {
		return fallBack(bridge.found ? 'bridge is down' : 'no bridge for this workspace');
	}
	try {
		const verdict = await connected.client.request(bridgeMethods.hook, { event }, Math.max(50, input.budgetMs));
		return { ...renderHookResponse(agent, event.rawEvent, verdict), outcome: 'bridge' };
	} catch (error) {
		if (error instanceof BridgeError && error.kind === 'remote') {
			warn(`bridge refused the event: ${error.message}`);
			return { ...silentResponse, outcome: 'failed-open' };
		}
		const result = fallBack(error instanceof BridgeError ? error.message : String(error));
		return error instanceof BridgeError && error.kind === 'unreachable' ? { ...result, outcome: 'spooled' } : result;
	} finally {
		connected.client.close();
	}
}
