import type { Classification } from '../classifier/intentClassifier';
import { matchRule } from './ruleMatch';
import type { AgentCandidate, QuotaOutlookProvider, RejectedAlternative, RouteDecision, RoutingPolicy, RouteTask } from './types';

/** Everything the router reads besides the task: agents, quota, the policy and the time. */
export interface RouteContext {
	readonly agents: readonly AgentCandidate[];
	readonly quota: QuotaOutlookProvider;
	readonly policy: RoutingPolicy;
	readonly now: Date;
	/** An agent chosen by a learned correction for a near-identical task, with the example it came from. */
	readonly learned?: { readonly agent: string; readonly example: string };
}

/** An ISO-8601 time as `YYYY-MM-DD HH:MM UTC` (reasons are read by people; the host shows local times elsewhere). */
function utcMinute(iso: string): string {
	const t = Date.parse(iso);
	return Number.isFinite(t) ? `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC` : iso;
}

/** Why `agent` cannot take the task now, or undefined when it can. Hard limits only (not the quota forecast). */
function hardBlock(agent: AgentCandidate | undefined, id: string, task: RouteTask, context: RouteContext): string | undefined {
	if (!agent) return `${id} is not a known agent`;
	if (!agent.available) return `${agent.displayName} is not installed or not working`;
	if (agent.coolingDownUntil && Date.parse(agent.coolingDownUntil) > context.now.getTime()) {
		return `${agent.displayName} is cooling down after a limit until ${utcMinute(agent.coolingDownUntil)}`;
	}
	if (context.quota.outlook(id).level === 'exhausted') return `${agent.displayName} has no quota left (${context.quota.outlook(id).summary ?? 'limit reached'})`;
	const room = Math.floor(agent.contextWindowTokens * context.policy.contextHeadroom);
	if (task.estimatedTokens > room) {
		return `the task (~${task.estimatedTokens.toLocaleString('en-US')} tokens) does not fit ${agent.displayName}'s context (${agent.contextWindowTokens.toLocaleString('en-US')} tokens)`;
	}
	if (task.imageCount > 0 && !agent.acceptsImages) return `${agent.displayName} does not take images`;
	return undefined;
}

/**
 * Picks the agent for one task. Deterministic and pure. Order: learned corrections, user rules (first match wins),
 * then the intent's agent preferences (re-ordered by context size for very large tasks), filtered by availability,
 * cooldowns, context size and quota; agents whose forecast crosses the warn threshold are skipped for
 * quota-sensitive intents while another agent can take the task. Every decision carries its reasons.
 */
export function route(task: RouteTask, classification: Classification, context: RouteContext): RouteDecision {
	const { policy } = context;
	const byId = new Map(context.agents.map((a) => [a.id, a]));
	const name = (id: string): string => byId.get(id)?.displayName ?? id;
	const intent = classification.label;
	const reasons: string[] = [];
	const alternatives: RejectedAlternative[] = [];
	const base = { intent, confidence: classification.confidence, classification, alternatives };

	if (context.learned) {
		const blocked = hardBlock(byId.get(context.learned.agent), context.learned.agent, task, context);
		if (!blocked) {
			return { ...base, agent: context.learned.agent, reasons: [`You sent a near-identical task to ${name(context.learned.agent)} before ("${context.learned.example}").`], askUser: false, learnedFrom: context.learned.example };
		}
		alternatives.push({ agent: context.learned.agent, reason: `learned choice skipped: ${blocked}` });
	}

	for (const rule of policy.rules) {
		const why = matchRule(rule.when, task, intent);
		if (!why) continue;
		const blocked = hardBlock(byId.get(rule.agent), rule.agent, task, context);
		if (blocked) {
			alternatives.push({ agent: rule.agent, reason: `rule "${rule.name}" matched but ${blocked}` });
			continue;
		}
		return { ...base, agent: rule.agent, ...(rule.model ? { model: rule.model } : {}), rule: rule.name, reasons: [`Rule "${rule.name}" matched: ${why.join(', ') || 'always'}.`], askUser: false };
	}

	const lowConfidence = classification.confidence < policy.lowConfidenceThreshold;
	let order: readonly string[];
	if (lowConfidence) {
		reasons.push(`Not sure what kind of task this is (${intent} at ${Math.round(classification.confidence * 100)}% confidence), so the default agent comes first.`);
		order = [policy.defaultAgent, ...(policy.intentPreferences[intent] ?? []).filter((a) => a !== policy.defaultAgent)];
	} else {
		order = policy.intentPreferences[intent] ?? [policy.defaultAgent];
		reasons.push(`Looks like a ${intent} task (${Math.round(classification.confidence * 100)}% confidence); preferred agents: ${order.map(name).join(' → ')}.`);
	}
	const largest = [...context.agents].sort((a, b) => b.contextWindowTokens - a.contextWindowTokens)[0];
	if (largest && task.estimatedTokens > 0.5 * Math.min(...context.agents.map((a) => a.contextWindowTokens)) && order[0] !== largest.id) {
		order = [largest.id, ...order.filter((a) => a !== largest.id)];
		reasons.push(`The task is large (~${task.estimatedTokens.toLocaleString('en-US')} tokens), so ${largest.displayName}'s ${largest.contextWindowTokens.toLocaleString('en-US')}-token context comes first.`);
	}

	const quotaSensitive = policy.quotaSensitiveIntents.includes(intent);
	let fallback: string | undefined;
	for (const id of order) {
		const blocked = hardBlock(byId.get(id), id, task, context);
		if (blocked) {
			alternatives.push({ agent: id, reason: blocked });
			continue;
		}
		const outlook = context.quota.outlook(id);
		if (quotaSensitive && outlook.crossesWarnBeforeReset) {
			alternatives.push({ agent: id, reason: `${name(id)}'s quota forecast crosses the warn threshold before it resets${outlook.summary ? ` (${outlook.summary})` : ''}; ${intent} tasks move elsewhere` });
			fallback ??= id;
			continue;
		}
		if (alternatives.length > 0) {
			reasons.push(`Chose ${name(id)} because ${alternatives.map((a) => a.reason).join('; ')}.`);
		}
		return { ...base, agent: id, reasons, askUser: lowConfidence && policy.lowConfidenceAction === 'ask' };
	}
	if (fallback) {
		reasons.push(`Every other agent is unavailable, so ${name(fallback)} takes it despite its quota forecast.`);
		return { ...base, agent: fallback, reasons, askUser: true };
	}
	reasons.push('No agent can take this task now.');
	return { ...base, agent: null, reasons, askUser: true };
}
