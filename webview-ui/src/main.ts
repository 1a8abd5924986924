import { dispatchMessage, protocolVersion, type HandlerMap, type HostToWebview, type PanelState } from '../../src/shared/protocol';
import { renderActivity } from './activityView';
import { renderAgents } from './agentsView';
import { el } from './dom';
import { renderHandoffs } from './handoffsView';
import { renderQuota } from './quotaView';
import { renderReviews } from './reviewsView';
import { renderRoutes } from './routesView';
import { renderRuns } from './runsView';
import { vscodeApi } from './vscodeApi';

let state: PanelState | undefined;
const emptyState: PanelState = { agents: [], runs: [], routes: [], events: [], reviews: [], handoffs: [] };
let activityFilter = (vscodeApi.getState() as { activityFilter?: string } | undefined)?.activityFilter ?? '';

function render(): void {
	const app = document.getElementById('app');
	if (!app || !state) {
		return;
	}
	const logs = el('button', { type: 'button', class: 'secondary' }, 'Show Logs');
	logs.addEventListener('click', () => vscodeApi.postMessage({ type: 'showLogs' }));
	app.replaceChildren(
		el('header', {}, el('h1', {}, 'Baton'), logs),
		renderQuota(state.quota, () => vscodeApi.postMessage({ type: 'refreshQuota' })),
		renderRoutes(state.routes, () => vscodeApi.postMessage({ type: 'routeTask' })),
		renderHandoffs(
			state.handoffs,
			(handoffId) => vscodeApi.postMessage({ type: 'acceptHandoff', handoffId }),
			(handoffId) => vscodeApi.postMessage({ type: 'declineHandoff', handoffId }),
		),
		renderReviews(state.reviews),
		renderRuns(
			state.runs,
			() => vscodeApi.postMessage({ type: 'runTask' }),
			{ cancel: (runId) => vscodeApi.postMessage({ type: 'cancelRun', runId }), handOff: (runId) => vscodeApi.postMessage({ type: 'handOffRun', runId }) },
		),
		renderActivity(state.events, activityFilter, (agent) => {
			activityFilter = agent;
			vscodeApi.setState({ activityFilter });
			render();
		}),
		renderAgents(state.agents, state.agentsCheckedAt, () => vscodeApi.postMessage({ type: 'refreshAgents' })),
	);
}

const handlers: HandlerMap<HostToWebview> = {
	init: (message) => {
		state = message.state;
		render();
	},
	agentsChanged: (message) => {
		state = { ...(state ?? emptyState), agents: message.agents, agentsCheckedAt: message.checkedAt };
		render();
	},
	handoffsChanged: (message) => {
		state = { ...(state ?? emptyState), handoffs: message.handoffs };
		render();
	},
	reviewsChanged: (message) => {
		state = { ...(state ?? emptyState), reviews: message.reviews };
		render();
	},
	busChanged: (message) => {
		state = { ...(state ?? emptyState), events: message.events };
		render();
	},
	quotaChanged: (message) => {
		state = { ...(state ?? emptyState), quota: message.quota };
		render();
	},
	routesChanged: (message) => {
		state = { ...(state ?? emptyState), routes: message.routes };
		render();
	},
	runsChanged: (message) => {
		state = { ...(state ?? emptyState), runs: message.runs };
		render();
	},
};

window.addEventListener('message', (event: MessageEvent<unknown>) => {
	const data = event.data;
	if (typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string' && (data as { type: string }).type in handlers) {
		void dispatchMessage(handlers, data as HostToWebview);
	}
});

vscodeApi.postMessage({ type: 'ready', protocol: protocolVersion });
