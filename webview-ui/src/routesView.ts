import type { RouteLogEntry, RouteStepView } from '../../src/shared/routes';
import { el } from './dom';

const actionLabels: Readonly<Record<RouteLogEntry['action'], string>> = {
	pending: 'Waiting for you',
	run: 'Ran',
	dryRun: 'Dry run',
	changed: 'You changed the agent',
	dismissed: 'Dismissed',
};

function renderStep(step: RouteStepView, count: number): HTMLElement {
	const head = `${step.intent} (${Math.round(step.confidence * 100)}%) → ${step.agentName ?? 'no agent'}${step.model ? ` (${step.model})` : ''}`;
	const item = el('li', { class: 'route-step', 'data-intent': step.intent, 'data-agent': step.agent ?? '' }, el('strong', {}, head));
	if (count > 1) {
		item.append(el('div', { class: 'muted' }, `“${step.text}”`));
	}
	item.append(el('ul', { class: 'reasons' }, ...step.reasons.map((r) => el('li', {}, r))));
	if (step.alternatives.length > 0) {
		item.append(el('details', {}, el('summary', {}, `${step.alternatives.length} alternative(s) considered`), el('ul', {}, ...step.alternatives.map((a) => el('li', {}, `${a.agent}: ${a.reason}`)))));
	}
	return item;
}

/** Renders the routing log: each routed task with its intent, segments, chosen agents, reasons and alternatives. */
export function renderRoutes(routes: readonly RouteLogEntry[], onRoute: () => void): HTMLElement {
	const button = el('button', { type: 'button', id: 'route-task' }, 'Route Task…');
	button.addEventListener('click', onRoute);
	const section = el('section', { id: 'routes', 'aria-labelledby': 'routes-heading' }, el('div', { class: 'section-header' }, el('h2', { id: 'routes-heading' }, 'Routing'), button));
	if (routes.length === 0) {
		section.append(el('p', { class: 'muted' }, 'No routed tasks yet. Route a task to see which agent Baton picks and why.'));
		return section;
	}
	for (const route of routes) {
		const meta = `${actionLabels[route.action]} · ${route.elapsedMs.toFixed(1)} ms · ${route.classifier === 'model' ? 'intent model' : 'keyword fallback'} · ${new Date(route.at).toLocaleTimeString()}`;
		section.append(
			el(
				'article',
				{ class: 'route', 'data-route': route.id, 'data-action': route.action },
				el('p', { class: 'prompt' }, route.text),
				el('ol', { class: 'route-steps' }, ...route.steps.map((s) => renderStep(s, route.steps.length))),
				el('p', { class: 'muted meta' }, meta),
			),
		);
	}
	return section;
}
