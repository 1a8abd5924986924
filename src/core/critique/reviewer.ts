import type { Classification } from '../classifier/intentClassifier';
import { INTENT_LABELS, type IntentLabel } from '../classifier/labels';
import { route, type RouteContext } from '../routing/router';
import type { RouteTask } from '../routing/types';

/** Model vendor of each built-in agent; a reviewer must come from a different vendor than the generator. */
export const agentVendors: Readonly<Record<string, string>> = { claude: 'anthropic', gemini: 'google', codex: 'openai' };

/** The vendor of `agent`; an unknown agent is its own vendor. */
export function vendorOf(agent: string): string {
	return agentVendors[agent] ?? agent;
}

/** Picks among candidate agents (already filtered); null when none fits. Usually the router's choice for `review`. */
export type ReviewerPreference = (candidates: readonly string[]) => string | null;

/** Input to {@link selectReviewer}. `available`: agents installed and usable now, in display order. */
export interface ReviewerSelectionInput {
	readonly generator: string;
	readonly available: readonly string[];
	/** A reviewer the user asked for; used when it is available and of another vendor (or nothing else is available). */
	readonly requested?: string;
	/** Chooses among candidates; defaults to the first candidate. */
	readonly prefer?: ReviewerPreference;
}

/** The chosen reviewer (null when no agent is available), whether it shares the generator's vendor, and why. */
export interface ReviewerChoice {
	readonly agent: string | null;
	readonly sameVendor: boolean;
	readonly reason: string;
}

/**
 * Chooses the reviewer: a requested agent of another vendor, else `prefer`'s choice among available agents of other
 * vendors, else (only when no other vendor is available) an agent of the generator's own vendor, the generator itself last.
 */
export function selectReviewer(input: ReviewerSelectionInput): ReviewerChoice {
	const own = vendorOf(input.generator);
	const others = input.available.filter((a) => vendorOf(a) !== own);
	const pick = (candidates: readonly string[]): string | null => {
		const preferred = input.prefer?.(candidates);
		return preferred && candidates.includes(preferred) ? preferred : (candidates[0] ?? null);
	};
	if (input.requested !== undefined) {
		if (others.includes(input.requested)) return { agent: input.requested, sameVendor: false, reason: `${input.requested} was requested as the reviewer.` };
	}
	if (others.length > 0) {
		const agent = pick(others);
		const note = input.requested !== undefined ? ` (requested ${input.requested} is unavailable or shares ${input.generator}'s vendor)` : '';
		return { agent, sameVendor: false, reason: `${agent ?? 'none'} reviews: a different vendor than the generator ${input.generator}${note}.` };
	}
	const same = input.available.filter((a) => vendorOf(a) === own);
	const ordered = [...same.filter((a) => a !== input.generator), ...same.filter((a) => a === input.generator)];
	const agent = input.requested !== undefined && ordered.includes(input.requested) ? input.requested : pick(ordered);
	if (agent === null) return { agent: null, sameVendor: false, reason: 'No agent is available to review.' };
	return { agent, sameVendor: true, reason: `Only ${own} agents are available, so ${agent} reviews its own vendor's work.` };
}

/** A confident `review` classification, for asking the router who should review. */
export const reviewClassification: Classification = {
	label: 'review',
	confidence: 1,
	scores: Object.fromEntries(INTENT_LABELS.map((l) => [l, l === 'review' ? 1 : 0])) as Record<IntentLabel, number>,
};

/**
 * A {@link ReviewerPreference} that asks the router for the `review` intent, restricted to the candidates. Falls back to
 * the first candidate when the router finds none of them usable.
 */
export function routerReviewerPreference(task: RouteTask, context: RouteContext): ReviewerPreference {
	return (candidates) => {
		const agents = context.agents.filter((a) => candidates.includes(a.id));
		const policy = { ...context.policy, rules: context.policy.rules.filter((r) => candidates.includes(r.agent)) };
		const decision = route(task, reviewClassification, { ...context, agents, policy });
		return decision.agent !== null && candidates.includes(decision.agent) ? decision.agent : (candidates[0] ?? null);
	};
}
