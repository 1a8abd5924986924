import type { IntentLabel } from '../classifier/labels';
import type { RoutingPolicy } from './types';

/**
 * Default agent order per intent, from where each CLI is strong: research and UI (and very large context) → Gemini,
 * building and fixing code → Claude, with the others as fallbacks. Users override any entry in settings.
 */
export const defaultIntentPreferences: Readonly<Record<IntentLabel, readonly string[]>> = {
	research: ['gemini', 'claude', 'codex'],
	explain: ['gemini', 'claude', 'codex'],
	implement: ['claude', 'codex', 'gemini'],
	debug: ['claude', 'codex', 'gemini'],
	refactor: ['claude', 'codex', 'gemini'],
	review: ['codex', 'claude', 'gemini'],
	test: ['claude', 'codex', 'gemini'],
	docs: ['gemini', 'claude', 'codex'],
	ui: ['gemini', 'claude', 'codex'],
	ops: ['codex', 'claude', 'gemini'],
};

/** The policy Baton uses when the user configured nothing. */
export const defaultRoutingPolicy: RoutingPolicy = {
	rules: [],
	intentPreferences: defaultIntentPreferences,
	defaultAgent: 'claude',
	lowConfidenceThreshold: 0.45,
	lowConfidenceAction: 'default',
	quotaSensitiveIntents: ['research', 'docs', 'explain', 'review'],
	contextHeadroom: 0.8,
};
