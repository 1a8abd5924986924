import type { BusEventView } from '../../src/shared/bus';
import { el } from './dom';

/**
 * Renders the bridge activity timeline (sessions, file writes, claims, blocks, collisions, messages, delegations),
 * filterable by agent. `filter` is the selected agent or '' for all; `onFilter` stores a new choice.
 */
export function renderActivity(events: readonly BusEventView[], filter: string, onFilter: (agent: string) => void): HTMLElement {
	const agents = [...new Set(events.map((e) => e.agent).filter((a): a is string => a !== null))].sort();
	const select = el('select', { id: 'activity-filter', 'aria-label': 'Show activity of' }, el('option', { value: '' }, 'All agents'), ...agents.map((a) => el('option', { value: a }, a)));
	select.value = filter;
	select.addEventListener('change', () => onFilter(select.value));
	const section = el('section', { id: 'activity', 'aria-labelledby': 'activity-heading' }, el('div', { class: 'section-header' }, el('h2', { id: 'activity-heading' }, 'Agent activity'), select));
	const shown = events.filter((e) => !filter || e.agent === filter);
	if (shown.length === 0) {
		section.append(el('p', { class: 'muted' }, events.length === 0 ? 'No activity yet. Connect Agents, then agent sessions in this workspace appear here.' : 'No activity for this agent.'));
		return section;
	}
	section.append(
		el(
			'ol',
			{ class: 'timeline', reversed: '' },
			...shown.slice(0, 100).map((e) => el('li', { class: `event severity-${e.severity}`, 'data-type': e.type, 'data-agent': e.agent ?? '' }, el('time', { datetime: e.at }, new Date(e.at).toLocaleTimeString()), ' ', e.summary)),
		),
	);
	return section;
}
