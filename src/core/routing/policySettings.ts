import { INTENT_LABELS, isIntentLabel, type IntentLabel } from '../classifier/labels';
import { asArray, asNumber, asRecord, asString } from '../common/json';
import { defaultRoutingPolicy } from './defaultPolicy';
import type { RoutingPolicy, RoutingRule, RuleConditions } from './types';

/** Raw router settings as VS Code returns them (untrusted shapes). */
export interface RouterSettingsInput {
	readonly rules: unknown;
	readonly preferences: unknown;
	readonly defaultAgent: unknown;
	readonly lowConfidenceAction: unknown;
	readonly quotaSensitiveIntents: unknown;
}

/** The policy built from settings, and what was ignored (shown to the user so a typo is not silent). */
export interface PolicyFromSettings {
	readonly policy: RoutingPolicy;
	readonly problems: readonly string[];
}

function conditionsOf(raw: Record<string, unknown>, problems: string[], where: string): RuleConditions {
	const when: { -readonly [K in keyof RuleConditions]: RuleConditions[K] } = {};
	for (const key of ['minTokens', 'maxTokens'] as const) {
		if (raw[key] !== undefined) {
			const n = asNumber(raw[key]);
			if (n === undefined || n < 0) problems.push(`${where}: ${key} must be a non-negative number`);
			else when[key] = n;
		}
	}
	for (const key of ['pattern', 'model', 'tool'] as const) {
		if (raw[key] !== undefined) {
			const v = asString(raw[key]);
			if (v === undefined) problems.push(`${where}: ${key} must be text`);
			else if (key === 'pattern' && !validRegex(v)) problems.push(`${where}: pattern /${v}/ is not a valid regular expression`);
			else when[key] = v;
		}
	}
	for (const key of ['hasImages', 'hasAttachments', 'thinking'] as const) {
		if (raw[key] !== undefined) {
			if (typeof raw[key] !== 'boolean') problems.push(`${where}: ${key} must be true or false`);
			else when[key] = raw[key];
		}
	}
	if (raw['intent'] !== undefined) {
		if (isIntentLabel(raw['intent'])) when.intent = raw['intent'];
		else problems.push(`${where}: intent must be one of ${INTENT_LABELS.join(', ')}`);
	}
	return when;
}

function validRegex(pattern: string): boolean {
	try {
		new RegExp(pattern, 'i');
		return true;
	} catch {
		return false;
	}
}

/**
 * Builds the routing policy from settings over the defaults, validating every field. Invalid entries are dropped
 * and described in `problems`; unknown agents in rules are kept (the router reports them as unavailable).
 */
export function policyFromSettings(input: RouterSettingsInput, knownAgents: readonly string[]): PolicyFromSettings {
	const problems: string[] = [];
	const rules: RoutingRule[] = [];
	for (const [i, item] of (asArray(input.rules) ?? []).entries()) {
		const raw = asRecord(item);
		const agent = asString(raw?.['agent']);
		const where = `baton.router.rules[${i}]`;
		if (!raw || !agent) {
			problems.push(`${where}: needs at least an "agent"`);
			continue;
		}
		const whenRaw = asRecord(raw['when']) ?? {};
		const model = asString(raw['model']);
		rules.push({ name: asString(raw['name']) ?? `rule ${i + 1}`, when: conditionsOf(whenRaw, problems, where), agent, ...(model ? { model } : {}) });
	}
	const preferences: Record<IntentLabel, readonly string[]> = { ...defaultRoutingPolicy.intentPreferences };
	for (const [intent, order] of Object.entries(asRecord(input.preferences) ?? {})) {
		const agents = asArray(order)?.map(asString).filter((a): a is string => a !== undefined);
		if (!isIntentLabel(intent)) problems.push(`baton.router.preferences: unknown intent "${intent}"`);
		else if (!agents || agents.length === 0) problems.push(`baton.router.preferences.${intent}: must list agents`);
		else preferences[intent] = agents;
	}
	const defaultAgent = asString(input.defaultAgent);
	const sensitive = asArray(input.quotaSensitiveIntents)?.filter(isIntentLabel);
	return {
		policy: {
			...defaultRoutingPolicy,
			rules,
			intentPreferences: preferences,
			defaultAgent: defaultAgent && knownAgents.includes(defaultAgent) ? defaultAgent : defaultRoutingPolicy.defaultAgent,
			lowConfidenceAction: input.lowConfidenceAction === 'ask' ? 'ask' : 'default',
			quotaSensitiveIntents: sensitive ?? defaultRoutingPolicy.quotaSensitiveIntents,
		},
		problems,
	};
}
