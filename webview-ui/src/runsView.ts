import type { RunView } from '../../src/shared/runs';
import { el } from './dom';

const statusLabels: Readonly<Record<RunView['status'], string>> = {
	running: 'Running…',
	succeeded: 'Succeeded',
	failed: 'Failed',
	cancelled: 'Cancelled',
	timedOut: 'Timed out',
};

function formatTokens(n: number): string {
	return n >= 10_000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}

function usageLine(run: RunView): string | undefined {
	const u = run.usage;
	if (!u) {
		return undefined;
	}
	const parts = [`in ${formatTokens(u.inputTokens)}`, `out ${formatTokens(u.outputTokens)}`, `cache read ${formatTokens(u.cacheReadTokens)}`, `cache write ${formatTokens(u.cacheCreationTokens)}`];
	if (u.costUsd !== undefined) {
		parts.push(`$${u.costUsd.toFixed(4)} (list price)`);
	}
	return `Tokens: ${parts.join(' · ')}${u.cumulative ? ' (session total)' : ''}`;
}

/** What a run card's buttons do. */
export interface RunActions {
	readonly cancel: (runId: string) => void;
	/** Continue the run's task on another agent from a handoff brief. */
	readonly handOff: (runId: string) => void;
}

function renderRun(run: RunView, actions: RunActions): HTMLElement {
	const header = el(
		'div',
		{ class: 'run-header' },
		el('strong', {}, run.agentName),
		el('span', { class: `status status-${run.status}`, 'data-status': run.status }, statusLabels[run.status]),
		el('span', { class: 'muted' }, run.durationMs !== undefined ? `${(run.durationMs / 1000).toFixed(1)} s` : new Date(run.startedAt).toLocaleTimeString()),
	);
	if (run.status === 'running') {
		const cancel = el('button', { type: 'button', class: 'secondary', 'aria-label': `Cancel the ${run.agentName} run` }, 'Cancel');
		cancel.addEventListener('click', () => actions.cancel(run.id));
		header.append(cancel);
	} else if (run.status !== 'succeeded') {
		const handOff = el('button', { type: 'button', class: 'secondary hand-off', 'aria-label': `Hand the ${run.agentName} run off to another agent` }, 'Hand Off…');
		handOff.addEventListener('click', () => actions.handOff(run.id));
		header.append(handOff);
	}
	const article = el('article', { class: 'run', 'data-run': run.id, 'data-agent': run.agentId }, header, el('p', { class: 'prompt' }, run.prompt));
	if (run.failure) {
		const reset = run.failure.resetsAt ? ` · resets ${new Date(run.failure.resetsAt).toLocaleString()}` : '';
		article.append(el('p', { class: 'failure', role: 'alert' }, `${run.failure.kind.replace(/_/g, ' ')}${run.failure.window ? ` (${run.failure.window.replace(/_/g, '-')})` : ''}${reset}: ${run.failure.message}`));
	}
	if (run.text) {
		article.append(el('pre', { class: 'result' }, run.text));
	}
	const usage = usageLine(run);
	if (usage) {
		article.append(el('p', { class: 'usage muted' }, usage));
	}
	if (run.fileEdits.length > 0) {
		article.append(el('p', { class: 'edits' }, `Files written: ${run.fileEdits.join(', ')}`));
	}
	if (run.tools.length > 0) {
		article.append(el('details', {}, el('summary', {}, `${run.tools.length} tool call(s)`), el('ul', {}, ...run.tools.map((t) => el('li', {}, t)))));
	}
	if (run.rawOutput) {
		article.append(el('details', {}, el('summary', {}, 'Raw output Baton could not parse'), el('pre', { class: 'raw' }, run.rawOutput)));
	}
	const meta = [run.model, run.sessionId ? `session ${run.sessionId}` : undefined, run.exitCode !== undefined && run.exitCode !== null ? `exit ${run.exitCode}` : undefined].filter(Boolean);
	if (meta.length > 0) {
		article.append(el('p', { class: 'muted meta' }, meta.join(' · ')));
	}
	return article;
}

/** Renders the runs section: a Run Task button and each run, newest first (Cancel while running, Hand Off… when not done). */
export function renderRuns(runs: readonly RunView[], onRunTask: () => void, actions: RunActions): HTMLElement {
	const runButton = el('button', { type: 'button', id: 'run-task' }, 'Run Task…');
	runButton.addEventListener('click', onRunTask);
	const section = el('section', { 'aria-labelledby': 'runs-heading', id: 'runs' }, el('div', { class: 'section-header' }, el('h2', { id: 'runs-heading' }, 'Agent runs'), runButton));
	if (runs.length === 0) {
		section.append(el('p', { class: 'muted' }, 'No runs yet. Run a task to see an agent work here.'));
	}
	section.append(...runs.map((r) => renderRun(r, actions)));
	return section;
}
