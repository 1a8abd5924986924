import { targetFinishedTask, type HandoffView } from '../../src/shared/handoffs';
import { el } from './dom';

const statusWords: Readonly<Record<HandoffView['status'], string>> = {
	proposed: 'waiting for you',
	declined: 'declined',
	started: 'running on the new agent',
	succeeded: 'finished on the new agent',
	failed: 'failed',
	noTarget: 'no other agent could take it',
};

function renderHandoff(h: HandoffView, onAccept: (id: string) => void, onDecline: (id: string) => void): HTMLElement {
	const route = `${h.from.agentName} → ${h.to?.agentName ?? 'nobody'}`;
	const title = h.kind === 'handBack' ? `Hand back: ${route}` : `Failover: ${route}`;
	const sources = `${h.sourceCounts.checkpoint} from checkpoints, ${h.sourceCounts.transcript} from the transcript, ${h.sourceCounts.memory} from memory`;
	const article = el(
		'article',
		{ class: 'handoff', 'data-handoff': h.id, 'data-status': h.status, 'data-from': h.from.agent, 'data-to': h.to?.agent ?? '' },
		el('div', { class: 'run-header' }, el('strong', {}, title), el('span', { class: 'muted' }, `${statusWords[h.status]} · ${h.mode} · ${new Date(h.at).toLocaleTimeString()}`)),
		el('p', { class: 'handoff-reason' }, `${h.from.agentName} ${h.reason}.`),
	);
	if (h.routeReasons.length > 0) article.append(el('ul', { class: 'reasons' }, ...h.routeReasons.map((r) => el('li', {}, r))));
	if (h.status === 'proposed' && h.to) {
		const accept = el('button', { type: 'button', class: 'accept-handoff' }, `Continue on ${h.to.agentName}`);
		accept.addEventListener('click', () => onAccept(h.id));
		const decline = el('button', { type: 'button', class: 'secondary decline-handoff' }, 'Not now');
		decline.addEventListener('click', () => onDecline(h.id));
		article.append(el('div', { class: 'actions' }, accept, decline));
	}
	if (h.outcome) article.append(el('p', { class: 'handoff-outcome' }, h.outcome));
	const workLeft = !targetFinishedTask(h) && h.status !== 'declined' && h.status !== 'noTarget';
	if (h.handBackAt && workLeft) article.append(el('p', { class: 'muted' }, `${h.from.agentName}'s limit resets ${new Date(h.handBackAt).toLocaleString()}; Baton offers to hand the work back then.`));
	const memory = h.memoryId ? ` · memory ${h.memoryId}` : '';
	article.append(
		el('details', { class: 'handoff-brief' }, el('summary', {}, `Brief: ~${h.briefTokens.toLocaleString()} tokens (${sources})${memory}`), el('pre', { class: 'brief' }, h.brief)),
	);
	return article;
}

/** Renders failovers and hand-backs: source → target, reason, status, the brief and the outcome; proposals get buttons. */
export function renderHandoffs(handoffs: readonly HandoffView[], onAccept: (id: string) => void, onDecline: (id: string) => void): HTMLElement {
	const section = el('section', { id: 'handoffs', 'aria-labelledby': 'handoffs-heading' }, el('h2', { id: 'handoffs-heading' }, 'Handoffs'));
	if (handoffs.length === 0) {
		section.append(el('p', { class: 'muted' }, 'No handoffs yet. When an agent hits a limit, Baton continues the task on another agent from a brief of where it stood.'));
		return section;
	}
	section.append(...handoffs.map((h) => renderHandoff(h, onAccept, onDecline)));
	return section;
}
