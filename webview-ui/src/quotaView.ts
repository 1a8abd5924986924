import type { QuotaAgentView, QuotaView, QuotaWindowView } from '../../src/shared/quota';
import { el } from './dom';
import { isChartable, renderQuotaChart } from './quotaChart';

function duration(ms: number): string {
	const minutes = Math.max(0, Math.round(ms / 60_000));
	if (minutes < 60) return `${minutes}m`;
	const hours = Math.floor(minutes / 60);
	return hours < 48 ? `${hours}h ${minutes % 60}m` : `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

function windowFacts(w: QuotaWindowView, now: number): string {
	const share = w.exhausted ? 'limit reached' : w.usedFraction !== null ? `${w.provenance === 'estimate' ? '~' : ''}${Math.round(w.usedFraction * 100)}% used` : w.used !== null ? `${Math.round(w.used).toLocaleString()} ${w.unit}` : 'share unknown';
	const reset = w.resetsAt !== null && w.resetsAt > now ? ` · resets in ${duration(w.resetsAt - now)}` : '';
	const eta = w.forecast?.limitAt ? ` · at this pace the limit is reached in ${duration(w.forecast.limitAt - now)}${w.forecast.runsOutBeforeReset ? ', before the reset' : ''}` : '';
	return `${share}${reset}${eta} · ${w.staleness}, seen ${duration(now - w.observedAt)} ago via ${w.source}`;
}

function renderAgent(agent: QuotaAgentView, view: QuotaView): HTMLElement {
	const card = el('article', { class: `quota-agent level-${agent.level}`, 'data-agent': agent.agent }, el('div', { class: 'run-header' }, el('strong', {}, agent.label), el('span', { class: `badge level-${agent.level}` }, agent.level)));
	if (agent.windows.length === 0) {
		card.append(el('p', { class: 'muted' }, `No quota data for ${agent.displayName} yet: it appears once ${agent.displayName} has run on this machine (or after you enter your plan's limits in settings).`));
		return card;
	}
	for (const w of agent.windows) {
		card.append(
			el(
				'div',
				{ class: 'quota-window', 'data-window': w.key },
				el('div', { class: 'window-head' }, el('span', {}, w.name), el('span', { class: `badge provenance-${w.provenance}`, title: provenanceHelp[w.provenance] }, w.provenance)),
				el('p', { class: 'muted' }, windowFacts(w, view.at)),
				...(isChartable(w) ? [renderQuotaChart(w, view.at, view.warnAt, view.criticalAt)] : []),
			),
		);
	}
	return card;
}

const provenanceHelp: Readonly<Record<QuotaWindowView['provenance'], string>> = {
	official: "The vendor's own figure",
	estimate: 'Computed by Baton from local token counts and your plan limit',
	counted: 'Requests Baton counted against your configured limit',
};

/** Renders the quota section: per agent, every window with its figures, provenance badge and forecast chart. */
export function renderQuota(view: QuotaView | undefined, onRefresh: () => void): HTMLElement {
	const refresh = el('button', { type: 'button', id: 'refresh-quota', class: 'secondary' }, 'Refresh');
	refresh.addEventListener('click', onRefresh);
	const section = el('section', { id: 'quota', 'aria-labelledby': 'quota-heading' }, el('div', { class: 'section-header' }, el('h2', { id: 'quota-heading' }, 'Quota and forecast'), refresh));
	if (!view) {
		section.append(el('p', { class: 'muted' }, 'Reading usage data…'));
		return section;
	}
	section.append(el('p', { class: 'muted' }, `Warn at ${view.warnAt}%, critical at ${view.criticalAt}%. Solid: usage so far; dashed: projection to the reset at the current pace.`));
	section.append(...view.agents.map((a) => renderAgent(a, view)));
	return section;
}
