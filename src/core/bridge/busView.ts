import type { BusEventView } from '../../shared/bus';
import type { BusEvent } from './types';

function short(id: string | null): string {
	return id ? id.slice(0, 8) : '?';
}

/** Plain-language summary of one bus event for the activity timeline. Pure. */
export function busEventView(e: BusEvent): BusEventView {
	const who = e.agent ?? 'someone';
	let summary: string;
	let severity: BusEventView['severity'] = 'info';
	switch (e.type) {
		case 'session_started':
			summary = `${who} session ${short(e.sessionId)} started${e.data.source ? ` (${e.data.source})` : ''} in ${e.data.cwd}`;
			break;
		case 'session_ended':
			summary = `${who} session ${short(e.sessionId)} ended (${e.data.reason})${e.data.releasedClaims ? `, released ${e.data.releasedClaims} claim(s)` : ''}`;
			break;
		case 'prompt':
			summary = `${who}: “${e.data.text.length > 120 ? `${e.data.text.slice(0, 117)}…` : e.data.text}”`;
			break;
		case 'file_claimed':
			summary = `${who} claimed ${e.data.file} until ${e.data.expiresAt.slice(11, 16)} UTC`;
			break;
		case 'claim_blocked':
			summary = `${who} was stopped from writing ${e.data.file}: ${e.data.holder.agent} session ${short(e.data.holder.sessionId)} holds it until ${e.data.expiresAt.slice(11, 16)} UTC`;
			severity = 'warn';
			break;
		case 'file_written':
			summary = `${who} wrote ${e.data.file} (${e.data.tool})`;
			break;
		case 'collision':
			summary = `Collision on ${e.data.file}: ${e.data.sessions.map((s) => `${s.agent} ${short(s.sessionId)}`).join(' and ')} wrote it within minutes of each other`;
			severity = 'warn';
			break;
		case 'message':
			summary = `${who} → ${e.data.to}: ${e.data.text}`;
			break;
		case 'delegation':
			summary = `${who} delegated to ${e.data.to}: ${e.data.text}`;
			break;
		case 'signal':
			summary = `${who} hit ${e.data.kind.replace(/_/g, ' ')}${e.data.window ? ` (${e.data.window.replace(/_/g, '-')})` : ''}${e.data.resetsAt ? `, resets ${e.data.resetsAt}` : ''}`;
			severity = 'warn';
			break;
		case 'notification':
			summary = `${who} needs your attention: ${e.data.message}`;
			severity = 'attention';
			break;
	}
	return { seq: e.seq, type: e.type, at: e.at, agent: e.agent, sessionId: e.sessionId, summary, severity };
}
