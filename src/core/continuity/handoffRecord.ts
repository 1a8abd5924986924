import type { BriefLine } from '../handoff/types';
import type { NewMemoryEntry } from '../memory/types';
import type { HandoffView } from '../../shared/handoffs';

/** Why a session stopped, as failover reads it (a `FailureSignal`, or kind `manual` / `handBack`). */
export interface HandoffSignal {
	readonly kind: string;
	readonly window: string | null;
	readonly resetsAt: string | null;
	readonly message: string;
}

/** How many brief lines cite each kind of source (a line citing two kinds counts for both). */
export function sourceCounts(lines: readonly BriefLine[]): HandoffView['sourceCounts'] {
	const has = (prefix: string): number => lines.filter((l) => l.sources.some((s) => s.startsWith(prefix))).length;
	return { checkpoint: has('checkpoint:'), transcript: has('transcript:'), memory: has('memory:') };
}

/** Files the brief lists (its `Files` lines, up to the first space), workspace-relative as the sources wrote them. */
export function briefFiles(markdown: string): string[] {
	const section = markdown.split(/^## /m).find((s) => s.startsWith('Files\n')) ?? '';
	const files = section
		.split('\n')
		.slice(1)
		.filter((l) => l.startsWith('- ') && !l.startsWith('- (nothing recorded)'))
		.map((l) => l.slice(2).split(/\s/)[0] ?? '')
		.filter((f) => f !== '' && !f.startsWith('/') && !f.includes('..'));
	return [...new Set(files)].slice(0, 50);
}

/**
 * The memory entry (kind `handoff`) of a handoff: links both sessions (and runs), the reason, the status and outcome,
 * then the brief. `sessionId` is the source session's, so the entry shows under it; the target's is in the body.
 */
export function handoffMemoryRecord(view: HandoffView): Omit<NewMemoryEntry, 'source'> & { readonly body: string } {
	const end = (e: { agentName: string; sessionId?: string; runId?: string } | null): string =>
		e ? `${e.agentName} — session ${e.sessionId ?? '(not known yet)'}${e.runId ? `, Baton run ${e.runId}` : ''}` : 'nobody';
	const title = `${view.kind === 'handBack' ? 'Hand-back' : 'Handoff'}: ${view.from.agentName} → ${view.to?.agentName ?? 'nobody'} (${view.status})`;
	const body = [
		`${view.from.agentName} ${view.reason}.`,
		`From: ${end(view.from)}`,
		`To: ${end(view.to)}`,
		`Mode: ${view.mode}; status: ${view.status}${view.outcome ? `; outcome: ${view.outcome}` : ''}`,
		'',
		view.brief,
	].join('\n');
	return {
		kind: 'handoff',
		title,
		body,
		agent: view.to?.agent ?? view.from.agent,
		sessionId: view.from.sessionId ?? null,
		files: briefFiles(view.brief),
		tags: [view.kind, view.from.agent, ...(view.to ? [view.to.agent] : [])],
	};
}
