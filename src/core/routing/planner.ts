import type { AsyncIntentClassifier, IntentClassifier } from '../classifier/intentClassifier';
import { segmentAsync } from '../classifier/segmenter';
import { route, type RouteContext } from './router';
import type { RouteDecision, RouteTask } from './types';

/** One part of a (possibly compound) task and where it goes. */
export interface RoutePlanStep {
	readonly text: string;
	readonly decision: RouteDecision;
}

/** A routed task: one step for a simple prompt, several for a compound one ("research X and then fix Y"). */
export interface RoutePlan {
	readonly text: string;
	readonly steps: readonly RoutePlanStep[];
	/** Which classifier decided: the ONNX model, or the keyword fallback. */
	readonly classifier: 'model' | 'keywords';
}

/**
 * An async classifier that uses `primary` and, when it fails (model missing, native runtime unavailable), the
 * keyword `fallback` from then on. `onFallback` hears the error once.
 */
export class FallbackClassifier implements AsyncIntentClassifier {
	private failed = false;

	constructor(
		private readonly primary: AsyncIntentClassifier,
		private readonly fallback: IntentClassifier,
		private readonly onFallback: (error: unknown) => void = () => undefined,
	) {}

	/** `model` until the primary has failed once, then `keywords`. */
	get source(): 'model' | 'keywords' {
		return this.failed ? 'keywords' : 'model';
	}

	async classify(text: string): ReturnType<AsyncIntentClassifier['classify']> {
		if (!this.failed) {
			try {
				return await this.primary.classify(text);
			} catch (error) {
				this.failed = true;
				this.onFallback(error);
			}
		}
		return this.fallback.classify(text);
	}
}

/**
 * Splits `task.text` into intent segments and routes each. Segments share the task's attachments; the token
 * estimate is split in proportion to each segment's length. `contextFor` supplies agents, quota and policy, and may
 * add a learned correction per segment.
 */
export async function planRoute(task: RouteTask, classifier: FallbackClassifier, contextFor: (segmentText: string) => RouteContext): Promise<RoutePlan> {
	const segments = await segmentAsync(task.text, classifier);
	const parts = segments.length > 0 ? segments.map((s) => s.text) : [task.text];
	const steps: RoutePlanStep[] = [];
	for (const text of parts) {
		const classification = await classifier.classify(text);
		const share = parts.length === 1 ? 1 : text.length / Math.max(1, task.text.length);
		const segmentTask: RouteTask = { ...task, text, estimatedTokens: Math.ceil(task.estimatedTokens * share) };
		steps.push({ text, decision: route(segmentTask, classification, contextFor(text)) });
	}
	return { text: task.text, steps, classifier: classifier.source };
}

/** Estimated tokens of a prompt plus attached content: about four characters per token. */
export function estimateTokens(text: string, attachedChars = 0): number {
	return Math.ceil((text.length + attachedChars) / 4);
}
