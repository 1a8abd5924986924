import type { Classification } from '../classifier/intentClassifier';
import type { IntentLabel } from '../classifier/labels';

/** What Baton knows about a task before routing it. Token counts are estimates (≈ characters / 4). */
export interface RouteTask {
	readonly text: string;
	/** Estimated tokens of the prompt plus attached files and selection. */
	readonly estimatedTokens: number;
	readonly attachedFiles: readonly string[];
	readonly imageCount: number;
	/** A model the user asked for by name, e.g. `opus` or `gemini-2.5-pro`. */
	readonly requestedModel?: string;
	/** The user asked for extended thinking ("think hard", `--effort high`). */
	readonly thinking?: boolean;
	/** Tools the task will need, e.g. `web_search`. */
	readonly toolHints?: readonly string[];
}

/** How close an agent is to its limits, as the quota forecast sees it. `unknown` until quota data exists. */
export type QuotaLevel = 'ok' | 'warn' | 'critical' | 'exhausted' | 'unknown';

/** The quota forecast for one agent, in the router's terms. */
export interface QuotaOutlook {
	readonly level: QuotaLevel;
	/** The forecast says the binding window crosses the warn threshold before it resets. */
	readonly crossesWarnBeforeReset: boolean;
	/** Plain words for the reason, e.g. "5-hour window at 83%, resets 4:21 pm". */
	readonly summary?: string;
}

/** Supplies quota outlooks; the quota module implements it, and until it has data it answers `unknown`. */
export interface QuotaOutlookProvider {
	outlook(agent: string): QuotaOutlook;
}

/** One agent the router may choose, with what the host knows about it now. */
export interface AgentCandidate {
	readonly id: string;
	readonly displayName: string;
	/** Installed and answering `--version`. */
	readonly available: boolean;
	/** Context window of its model, tokens. */
	readonly contextWindowTokens: number;
	readonly acceptsImages: boolean;
	/** ISO-8601 UTC until which the agent is cooling down after a limit, if it is. */
	readonly coolingDownUntil?: string;
}

/** Conditions of a user rule; all given conditions must hold. A superset of CCProxy's rule types. */
export interface RuleConditions {
	readonly minTokens?: number;
	readonly maxTokens?: number;
	/** Regular expression (case-insensitive) tested against the task text. */
	readonly pattern?: string;
	readonly hasImages?: boolean;
	readonly hasAttachments?: boolean;
	/** Matches when the requested model contains this text (case-insensitive). */
	readonly model?: string;
	readonly thinking?: boolean;
	/** Matches when the task's tool hints include this tool. */
	readonly tool?: string;
	readonly intent?: IntentLabel;
}

/** A user routing rule: when the conditions hold, use `agent` (and `model` if given). First match wins. */
export interface RoutingRule {
	readonly name: string;
	readonly when: RuleConditions;
	readonly agent: string;
	readonly model?: string;
}

/** The whole routing configuration. */
export interface RoutingPolicy {
	readonly rules: readonly RoutingRule[];
	/** Agents in order of preference for each intent. */
	readonly intentPreferences: Readonly<Record<IntentLabel, readonly string[]>>;
	readonly defaultAgent: string;
	/** Below this classifier confidence the intent is not trusted. */
	readonly lowConfidenceThreshold: number;
	readonly lowConfidenceAction: 'default' | 'ask';
	/** Intents that move off an agent whose forecast crosses the warn threshold before reset. */
	readonly quotaSensitiveIntents: readonly IntentLabel[];
	/** Share of an agent's context window a task may fill, 0–1. */
	readonly contextHeadroom: number;
}

/** An agent the router did not pick, and why. */
export interface RejectedAlternative {
	readonly agent: string;
	readonly reason: string;
}

/** The router's answer: the agent (null when none can take the task), plain-language reasons, and what else it weighed. */
export interface RouteDecision {
	readonly agent: string | null;
	readonly model?: string;
	readonly intent: IntentLabel;
	readonly confidence: number;
	readonly classification: Classification;
	readonly reasons: readonly string[];
	readonly alternatives: readonly RejectedAlternative[];
	/** Name of the user rule that decided, if one did. */
	readonly rule?: string;
	/** True when the router wants the user to confirm (low confidence with `ask`). */
	readonly askUser: boolean;
	/** Set when a past correction decided the agent. */
	readonly learnedFrom?: string;
}
