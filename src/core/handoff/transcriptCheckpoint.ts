import type { CheckpointInput } from '../delegation/delegation';
import { oneLine } from './candidates';
import type { SessionRecord } from './types';

/**
 * A checkpoint taken from a session's transcript when the agent cannot be asked for one (a headless run about to hit
 * its limit). Copies, never infers: goal = the first user prompt (else `task`); current approach = the plan item in
 * progress, else the agent's last message; next step = the first pending plan item, else "continue from the last
 * message"; files = the paths written; ruled out = failed commands with their error. Null without any record.
 */
export function checkpointFromTranscript(records: readonly SessionRecord[], task: string): CheckpointInput | null {
	if (records.length === 0) return null;
	const firstUser = records.find((r) => r.kind === 'user');
	const plans = records.filter((r) => r.kind === 'plan');
	const plan = plans[plans.length - 1];
	const assistants = records.filter((r) => r.kind === 'assistant');
	const last = assistants[assistants.length - 1];
	const inProgress = plan?.kind === 'plan' ? plan.items.find((i) => i.status === 'in_progress') : undefined;
	const pending = plan?.kind === 'plan' ? plan.items.find((i) => i.status === 'pending') : undefined;
	const written = new Set<string>();
	const calls = new Map<string, string>();
	for (const r of records) {
		if (r.kind !== 'toolCall') continue;
		if (r.access === 'write') r.paths.forEach((p) => written.add(p));
		if (r.id && r.command) calls.set(r.id, r.command);
	}
	const ruledOut = records.flatMap((r) => {
		const command = r.kind === 'toolResult' && r.isError && r.callId ? calls.get(r.callId) : undefined;
		return command && r.kind === 'toolResult' ? [`\`${oneLine(command, 120)}\` — failed: ${oneLine(r.text || '(no output)', 200)}`] : [];
	});
	const goal = firstUser?.kind === 'user' ? firstUser.text : task;
	const lastText = last?.kind === 'assistant' ? oneLine(last.text, 400) : '';
	return {
		goal: oneLine(goal, 1000),
		ruledOut: ruledOut.slice(-10),
		...(inProgress ? { currentApproach: `Plan item in progress: ${inProgress.text}` } : lastText ? { currentApproach: `Agent's last message: ${lastText}` } : {}),
		nextStep: pending ? `First pending plan item: ${pending.text}` : lastText ? 'Continue from the agent\'s last message.' : 'Continue the task from its start; the transcript shows no progress yet.',
		files: [...written].slice(0, 50),
	};
}
