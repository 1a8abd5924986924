import type { Classification } from '../classifier/intentClassifier';
import { route, type RouteContext } from '../routing/router';
import type { AgentCandidate, RouteDecision, RouteTask } from '../routing/types';
import { targetFinishedTask } from '../../shared/handoffs';

/** `baton.failover.mode`: ask before handing off (default), hand off at once, or never. */
export type FailoverMode = 'ask' | 'auto' | 'off';

/** Signal kinds that end a session for quota reasons and so start a failover. */
export function isFailoverSignal(kind: string): boolean {
	return kind === 'quota_exhausted' || kind === 'rate_limited';
}

/** How long an agent counts as cooling down when its limit names no reset: 15 min for rate limits, 1 h otherwise. */
export function assumedCooldownMs(kind: string): number {
	return kind === 'rate_limited' ? 15 * 60_000 : 60 * 60_000;
}

/** Until when (ISO-8601 UTC) the failed agent cools down: the signal's reset time, or now plus {@link assumedCooldownMs}. */
export function cooldownUntil(signal: { readonly kind: string; readonly resetsAt: string | null }, now: Date): string {
	const reset = signal.resetsAt ? Date.parse(signal.resetsAt) : NaN;
	return Number.isFinite(reset) && reset > now.getTime() ? new Date(reset).toISOString() : new Date(now.getTime() + assumedCooldownMs(signal.kind)).toISOString();
}

/** Candidates with `coolingDownUntil` set from `cooldowns` (agent id → ISO time); later of two times wins. */
export function withCooldowns(agents: readonly AgentCandidate[], cooldowns: ReadonlyMap<string, string>): AgentCandidate[] {
	return agents.map((a) => {
		const until = cooldowns.get(a.id);
		if (!until) return a;
		const later = a.coolingDownUntil && Date.parse(a.coolingDownUntil) > Date.parse(until) ? a.coolingDownUntil : until;
		return { ...a, coolingDownUntil: later };
	});
}

/**
 * The agent that continues a task `from` could not finish: the router's choice for the task with `from` (and any other
 * agent in `cooldowns`) cooling down. `agent` is null when nothing else can take it; `reasons` then say why.
 */
export function failoverDecision(task: RouteTask, classification: Classification, context: RouteContext, from: string, fromUntil: string, cooldowns: ReadonlyMap<string, string> = new Map()): RouteDecision {
	const all = new Map(cooldowns);
	all.set(from, fromUntil);
	const decision = route(task, classification, { ...context, agents: withCooldowns(context.agents, all) });
	if (decision.agent === from) return { ...decision, agent: null, reasons: [...decision.reasons, 'only the agent that stopped could take it'] };
	return decision;
}

/**
 * Plain words for why a session stopped, e.g. "hit its 5-hour limit (resets 2026-11-25T16:21:00.000Z)"; `formatTime`
 * renders the reset time (default: as given, ISO-8601 UTC).
 */
export function failureReason(signal: { readonly kind: string; readonly window: string | null; readonly resetsAt: string | null }, formatTime: (iso: string) => string = (iso) => iso): string {
	const windowName: Readonly<Record<string, string>> = { five_hour: '5-hour', weekly: 'weekly', daily: 'daily', per_minute: 'per-minute' };
	const what = signal.kind === 'rate_limited' ? 'was rate-limited' : `hit its ${signal.window ? `${windowName[signal.window] ?? signal.window} ` : 'usage '}limit`;
	return `${what}${signal.resetsAt ? ` (resets ${formatTime(signal.resetsAt)})` : ''}`;
}

/** What the target agent is given: who stopped and why, how to use the brief, the brief, and the original request. */
export function handoffPrompt(input: { readonly fromName: string; readonly toName: string; readonly reason: string; readonly briefMarkdown: string; readonly originalPrompt: string; readonly handBack?: boolean; readonly byUser?: boolean }): string {
	const lead = input.handBack
		? `You are taking this task back from ${input.fromName}, which continued it while you were limited.`
		: input.byUser
			? `You are taking over a task from ${input.fromName}; the user handed it to you.`
			: `You are taking over a task from ${input.fromName}, which stopped: it ${input.reason}.`;
	return [
		lead,
		'Continue from where it stands, using the handoff brief below. Do not redo work the brief shows as done, and do not retry what it lists as ruled out unless new evidence says otherwise. Tags in [brackets] say where each line came from.',
		'',
		input.briefMarkdown.trim(),
		'',
		'## Original request',
		input.originalPrompt.trim(),
		'',
	].join('\n');
}

/** Hand-backs further out than this are not scheduled (the panel still shows the reset time), ms. */
export const maxHandBackDelayMs = 7 * 24 * 3600_000;
/** Wait after the reset before offering the hand-back (the vendor's clock may lag), ms. */
export const handBackGraceMs = 5000;

/**
 * Milliseconds until Baton should offer to hand a failover back to its source (`handBackAt` + a grace period), or
 * null when it should not: hand-backs off, not a failover, no known reset, or the reset more than a week out.
 */
export function handBackDelayMs(view: { readonly kind: string; readonly handBackAt?: string }, enabled: boolean, now: number): number | null {
	const at = view.handBackAt ? Date.parse(view.handBackAt) : NaN;
	if (view.kind !== 'failover' || !enabled || !Number.isFinite(at)) return null;
	const delay = Math.max(0, at - now) + handBackGraceMs;
	return delay > maxHandBackDelayMs ? null : delay;
}

/** Whether work is left to hand back at the reset: not for a headless task the target finished, nor with failover off. */
export function needsHandBack(view: { readonly mode: string; readonly status: string; readonly to: unknown }, mode: FailoverMode): boolean {
	return view.to !== null && mode !== 'off' && !targetFinishedTask(view);
}
