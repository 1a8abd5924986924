import * as assert from 'node:assert/strict';
import { classifyFailure, type FailureSignal, type SignalInput } from '../../../../src/core/agents/signals';

/** One documented message variant: input text, options, and the expected verdict (default now 2026-11-25T14:00:00Z, zone UTC). */
export interface Variant {
	readonly title: string;
	readonly text: string;
	readonly input?: Partial<Omit<SignalInput, 'now'>> & { readonly now?: string };
	readonly expected: Pick<FailureSignal, 'kind' | 'agent' | 'window' | 'resetsAt'>;
}

/** Runs each variant as its own mocha `it`, asserting kind, agent, window and the exact resetsAt. */
export function runVariants(variants: readonly Variant[]): void {
	for (const v of variants) {
		it(v.title, () => {
			const { now, ...rest } = v.input ?? {};
			const result = classifyFailure({ text: v.text, now: new Date(now ?? '2026-11-25T14:00:00Z'), timeZone: 'UTC', ...rest });
			assert.deepEqual({ kind: result.kind, agent: result.agent, window: result.window, resetsAt: result.resetsAt }, v.expected);
			assert.ok(result.message.length <= 500);
		});
	}
}

/** Expected verdict shorthand: a quota with its window and reset. */
export const quota = (window: FailureSignal['window'], resetsAt: string | null, agent: string | null): Variant['expected'] => ({ kind: 'quota_exhausted', agent, window, resetsAt });

/** Expected verdict shorthand: any kind, window and reset. */
export const verdict = (kind: FailureSignal['kind'], agent: string | null, window: FailureSignal['window'] = null, resetsAt: string | null = null): Variant['expected'] => ({ kind, agent, window, resetsAt });
