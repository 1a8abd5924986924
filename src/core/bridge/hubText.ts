import { displayPath } from './pathSafety';
import type { BridgeAgent, BridgeMessage, FileClaim } from './types';

/** Name of Baton's MCP server in every CLI's configuration (see mcpConfig). */
export const batonMcpServerName = 'baton';

/**
 * Names of the tools Baton's MCP server (`baton mcp`, registered as the server `baton`) offers the agents. The
 * session-start instructions refer to them, so the MCP server registers exactly these names.
 */
export const batonToolNames = {
	sendMessage: 'message',
	inbox: 'inbox',
	recall: 'recall',
	remember: 'remember',
	checkpoint: 'checkpoint',
	delegate: 'delegate',
	quota: 'quota',
	route: 'route',
	critique: 'critique',
} as const;

const agentNames: Readonly<Record<BridgeAgent | 'user', string>> = { claude: 'Claude Code', gemini: 'Gemini CLI', codex: 'Codex CLI', user: 'the user' };

/** Human name of an agent (`Claude Code`, …). */
export function agentName(agent: BridgeAgent | 'user'): string {
	return agentNames[agent];
}

/** First 8 characters of a session id, for messages. */
export function shortId(sessionId: string): string {
	return sessionId.slice(0, 8);
}

/** `HH:MM UTC` of an ISO time. */
function clock(iso: string): string {
	return `${iso.slice(11, 16)} UTC`;
}

/** Short instructions injected at session start: when to call Baton's tools. */
export function sessionInstructions(): string {
	const t = batonToolNames;
	return [
		'Baton coordinates the AI coding agents working in this workspace (Claude Code, Gemini CLI, Codex CLI).',
		`- Baton's tools below come from the MCP server named \`${batonMcpServerName}\` (in Claude Code: \`mcp__${batonMcpServerName}__<tool>\`).`,
		`- Another agent may be editing files here. If a file write is refused because another session holds the file, do other work or ask that agent with \`${t.sendMessage}\`; do not work around the lock.`,
		`- Read messages from other agents with \`${t.inbox}\`; tell them about changes that affect them with \`${t.sendMessage}\` (to: claude, gemini, codex or a session id).`,
		`- Use \`${t.recall}\` for project knowledge before large tasks and \`${t.remember}\` for durable facts worth keeping (decisions, conventions, gotchas).`,
		`- Call \`${t.checkpoint}\` with the goal, decisions, changed files and next steps before the conversation is compacted or when you stop mid-task.`,
		`- \`${t.delegate}\` runs another agent headless on a self-contained subtask (review, research, a plan); \`${t.route}\` says which agent fits a task and \`${t.quota}\` how much quota each has left.`,
		`- Before you call a non-trivial change done, \`${t.critique}\` has an agent of another vendor review your uncommitted change; fix its blocker and major findings.`,
	].join('\n');
}

/** The reason given to an agent whose write was refused because `holder` claims the file. */
export function blockedReason(file: string, holder: FileClaim, now: Date, workspace: string | null): string {
	const minutes = Math.max(1, Math.ceil((Date.parse(holder.expiresAt) - now.getTime()) / 60_000));
	return (
		`Baton: ${displayPath(file, workspace)} is being edited by ${agentName(holder.agent)} (session ${shortId(holder.sessionId)}); ` +
		`its claim expires at ${clock(holder.expiresAt)} (in about ${minutes} min) unless that session edits the file again or ends first. ` +
		`Do not write this file now: work on something else, or coordinate with \`${batonToolNames.sendMessage}\` (to: ${holder.agent}).`
	);
}

/** The notice both sessions get when they wrote the same file within the collision window. */
export function collisionNotice(file: string, others: readonly { readonly agent: BridgeAgent; readonly sessionId: string; readonly at: string }[], windowMs: number, workspace: string | null): string {
	const who = others.map((o) => `${agentName(o.agent)} (session ${shortId(o.sessionId)}) at ${clock(o.at)}`).join(', ');
	return (
		`Baton: collision on ${displayPath(file, workspace)}: it was also written by ${who}, within ${Math.round(windowMs / 60_000)} min of your write. ` +
		`Re-read the file before editing it again and coordinate with \`${batonToolNames.sendMessage}\`.`
	);
}

/** Compaction instructions (Claude PreCompact stdout) asking to keep what a checkpoint needs. */
export function compactInstructions(): string {
	return (
		'Baton: in the summary keep the session goal, decisions made, files changed and the next steps. ' +
		`After compaction, call \`${batonToolNames.checkpoint}\` with that state.`
	);
}

/** Notice delivered after a compaction: save a checkpoint now. */
export function checkpointNotice(): string {
	return `Baton: the conversation was compacted. Call \`${batonToolNames.checkpoint}\` now with the goal, decisions, changed files and next steps so they are not lost.`;
}

/** Notice asking a session to checkpoint before its agent's limit stops it (`why`: e.g. "Claude is at 86% of its 5-hour window"). */
export function limitCheckpointNotice(why: string): string {
	return (
		`Baton: ${why}, so this session may be stopped by the limit soon. Call \`${batonToolNames.checkpoint}\` now with the goal, hypotheses, ` +
		'what was ruled out (with evidence), the current approach, the next step and the files, so another agent can continue from there.'
	);
}

/** Messages rendered for injection into an agent's context. */
export function formatMessages(messages: readonly BridgeMessage[]): string {
	const lines = messages.map((m) => {
		const from = m.from.agent === 'user' ? 'the user' : `${agentName(m.from.agent)}${m.from.sessionId ? ` (session ${shortId(m.from.sessionId)})` : ''}`;
		return `- ${m.kind === 'delegation' ? 'Delegated task' : 'Message'} from ${from} at ${clock(m.at)}: ${m.text}`;
	});
	return [`Messages from other agents (via Baton; reply with \`${batonToolNames.sendMessage}\`):`, ...lines].join('\n');
}
