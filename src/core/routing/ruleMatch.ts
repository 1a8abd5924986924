import type { IntentLabel } from '../classifier/labels';
import type { RouteTask, RuleConditions } from './types';

const compiled = new Map<string, RegExp | null>();

function regexFor(pattern: string): RegExp | null {
	let re = compiled.get(pattern);
	if (re === undefined) {
		try {
			re = new RegExp(pattern, 'i');
		} catch {
			re = null;
		}
		compiled.set(pattern, re);
	}
	return re;
}

/**
 * Why a rule matches, as plain-language clauses, or undefined when it does not. A rule with an invalid regular
 * expression never matches (the settings UI reports it).
 */
export function matchRule(when: RuleConditions, task: RouteTask, intent: IntentLabel): string[] | undefined {
	const why: string[] = [];
	if (when.minTokens !== undefined) {
		if (task.estimatedTokens < when.minTokens) return undefined;
		why.push(`about ${task.estimatedTokens.toLocaleString('en-US')} tokens ≥ ${when.minTokens.toLocaleString('en-US')}`);
	}
	if (when.maxTokens !== undefined) {
		if (task.estimatedTokens > when.maxTokens) return undefined;
		why.push(`about ${task.estimatedTokens.toLocaleString('en-US')} tokens ≤ ${when.maxTokens.toLocaleString('en-US')}`);
	}
	if (when.pattern !== undefined) {
		const re = regexFor(when.pattern);
		if (!re?.test(task.text)) return undefined;
		why.push(`text matches /${when.pattern}/`);
	}
	if (when.hasImages !== undefined) {
		if (task.imageCount > 0 !== when.hasImages) return undefined;
		why.push(when.hasImages ? `${task.imageCount} image(s) attached` : 'no images');
	}
	if (when.hasAttachments !== undefined) {
		if (task.attachedFiles.length > 0 !== when.hasAttachments) return undefined;
		why.push(when.hasAttachments ? `${task.attachedFiles.length} file(s) attached` : 'no attachments');
	}
	if (when.model !== undefined) {
		if (!task.requestedModel?.toLowerCase().includes(when.model.toLowerCase())) return undefined;
		why.push(`model "${task.requestedModel}" requested`);
	}
	if (when.thinking !== undefined) {
		if (Boolean(task.thinking) !== when.thinking) return undefined;
		why.push(when.thinking ? 'extended thinking requested' : 'no extended thinking');
	}
	if (when.tool !== undefined) {
		if (!task.toolHints?.includes(when.tool)) return undefined;
		why.push(`needs the ${when.tool} tool`);
	}
	if (when.intent !== undefined) {
		if (intent !== when.intent) return undefined;
		why.push(`intent is ${intent}`);
	}
	return why;
}
