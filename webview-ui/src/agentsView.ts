import { isAgentAvailable, type AgentStatus } from '../../src/shared/agents';
import { el } from './dom';

/** Renders the agents section: a table of agent CLIs with version, path or problem. */
export function renderAgents(agents: readonly AgentStatus[], checkedAt: string | undefined, onRefresh: () => void): HTMLElement {
	const refresh = el('button', { type: 'button', id: 'refresh-agents' }, 'Refresh');
	refresh.addEventListener('click', onRefresh);
	const header = el('div', { class: 'section-header' }, el('h2', { id: 'agents-heading' }, 'Agent CLIs'), refresh);
	const section = el('section', { 'aria-labelledby': 'agents-heading' }, header);
	if (agents.length === 0) {
		section.append(el('p', { class: 'muted' }, 'Looking for agent CLIs…'));
		return section;
	}
	const rows = agents.map((a) =>
		el(
			'tr',
			{ 'data-agent': a.id, class: isAgentAvailable(a) ? 'ready' : 'missing' },
			el('th', { scope: 'row' }, a.displayName),
			el('td', {}, isAgentAvailable(a) ? 'Ready' : 'Not usable'),
			el('td', {}, a.version ?? '—'),
			el('td', { class: 'detail' }, isAgentAvailable(a) ? a.path ?? '' : problemText(a)),
		),
	);
	const head = el('tr', {}, el('th', { scope: 'col' }, 'Agent'), el('th', { scope: 'col' }, 'Status'), el('th', { scope: 'col' }, 'Version'), el('th', { scope: 'col' }, 'Path or problem'));
	section.append(el('table', { id: 'agents-table' }, el('thead', {}, head), el('tbody', {}, ...rows)));
	if (checkedAt) {
		section.append(el('p', { class: 'muted' }, `Checked ${new Date(checkedAt).toLocaleTimeString()}`));
	}
	return section;
}

function problemText(agent: AgentStatus): string {
	const problem = agent.problem ?? 'Not usable.';
	return problem.includes(agent.installCommand) ? problem : `${problem} Install: ${agent.installCommand}`;
}
