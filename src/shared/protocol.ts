import type { AgentStatus } from './agents';
import type { BusEventView } from './bus';
import type { HandoffView } from './handoffs';
import type { QuotaView } from './quota';
import type { ReviewLoopView } from './reviews';
import type { RouteLogEntry } from './routes';
import type { RunView } from './runs';

/** Version of the host ↔ webview message protocol; bumped on any incompatible change. */
export const protocolVersion = 1;

/** Everything the Baton panel shows; sent whole on `init` and on changes. */
export interface PanelState {
	readonly agents: readonly AgentStatus[];
	/** ISO-8601 UTC time the agent list was last refreshed. */
	readonly agentsCheckedAt?: string;
	/** Headless runs, newest first. */
	readonly runs: readonly RunView[];
	/** Routing log, newest first. */
	readonly routes: readonly RouteLogEntry[];
	/** Bridge activity (sessions, writes, claims, blocks, collisions, messages, delegations), newest first. */
	readonly events: readonly BusEventView[];
	/** Cross-vendor review loops, newest first. */
	readonly reviews: readonly ReviewLoopView[];
	/** Failovers and hand-backs between agents, newest first. */
	readonly handoffs: readonly HandoffView[];
	/** Quota picture, once the quota model has evaluated. */
	readonly quota?: QuotaView;
}

/** Messages the webview sends to the host. */
export type WebviewToHost =
	| { readonly type: 'ready'; readonly protocol: number }
	| { readonly type: 'refreshAgents' }
	| { readonly type: 'showLogs' }
	| { readonly type: 'runTask' }
	| { readonly type: 'cancelRun'; readonly runId: string }
	| { readonly type: 'handOffRun'; readonly runId: string }
	| { readonly type: 'routeTask' }
	| { readonly type: 'refreshQuota' }
	| { readonly type: 'acceptHandoff'; readonly handoffId: string }
	| { readonly type: 'declineHandoff'; readonly handoffId: string };

/** Messages the host sends to the webview. */
export type HostToWebview =
	| { readonly type: 'init'; readonly state: PanelState }
	| { readonly type: 'agentsChanged'; readonly agents: readonly AgentStatus[]; readonly checkedAt: string }
	| { readonly type: 'runsChanged'; readonly runs: readonly RunView[] }
	| { readonly type: 'routesChanged'; readonly routes: readonly RouteLogEntry[] }
	| { readonly type: 'quotaChanged'; readonly quota: QuotaView }
	| { readonly type: 'busChanged'; readonly events: readonly BusEventView[] }
	| { readonly type: 'reviewsChanged'; readonly reviews: readonly ReviewLoopView[] }
	| { readonly type: 'handoffsChanged'; readonly handoffs: readonly HandoffView[] };

/** One handler per message type; a missing entry is a compile error. */
export type HandlerMap<M extends { readonly type: string }> = {
	[K in M['type']]: (message: Extract<M, { type: K }>) => void | Promise<void>;
};

const webviewMessageTypes: ReadonlySet<string> = new Set<WebviewToHost['type']>(['ready', 'refreshAgents', 'showLogs', 'runTask', 'cancelRun', 'routeTask', 'refreshQuota', 'acceptHandoff', 'declineHandoff', 'handOffRun']);

/** Validates a message from the webview (untrusted input) before dispatch. */
export function isWebviewToHost(value: unknown): value is WebviewToHost {
	if (typeof value !== 'object' || value === null) {
		return false;
	}
	const type = (value as { type?: unknown }).type;
	if (typeof type !== 'string' || !webviewMessageTypes.has(type)) {
		return false;
	}
	if (type === 'ready') {
		return typeof (value as { protocol?: unknown }).protocol === 'number';
	}
	if (type === 'cancelRun' || type === 'handOffRun') {
		return typeof (value as { runId?: unknown }).runId === 'string';
	}
	if (type === 'acceptHandoff' || type === 'declineHandoff') {
		return typeof (value as { handoffId?: unknown }).handoffId === 'string';
	}
	return true;
}

/** Calls the handler registered for `message.type`. */
export function dispatchMessage<M extends { readonly type: string }>(handlers: HandlerMap<M>, message: M): void | Promise<void> {
	const handler = handlers[message.type as M['type']] as (m: M) => void | Promise<void>;
	return handler(message);
}
