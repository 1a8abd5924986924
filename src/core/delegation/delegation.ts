import type { DelegationRole } from './roles';

/** Limits of the `delegate` tool. */
export const delegationLimits = {
	/** Default time a delegated run may take, seconds. */
	defaultTimeoutSeconds: 600,
	/** Longest time a delegated run may take, seconds. */
	maxTimeoutSeconds: 3600,
	/** Outputs longer than this (characters) go to a file by default. */
	defaultMaxInlineChars: 20_000,
	/** Characters of a long output quoted in the answer. */
	summaryChars: 2000,
	/** Memory recalled for the delegate, tokens. */
	recallBudgetTokens: 1200,
	/** Delegations nested deeper than this are refused (a delegate delegating again). */
	maxDepth: 2,
} as const;

/** Environment variable carrying the delegation depth into delegated runs. */
export const delegationDepthVar = 'BATON_DELEGATION_DEPTH';

/** Seconds clamped to 1 … {@link delegationLimits.maxTimeoutSeconds}; the default when absent. */
export function clampTimeoutSeconds(seconds: number | undefined): number {
	if (seconds === undefined || !Number.isFinite(seconds)) {
		return delegationLimits.defaultTimeoutSeconds;
	}
	return Math.min(delegationLimits.maxTimeoutSeconds, Math.max(1, Math.round(seconds)));
}

/** A delegation id that sorts by time: `d-20250102-030405-k3x9q2`. */
export function newDelegationId(now: Date, random: string): string {
	const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
	return `d-${stamp}-${random.replace(/[^a-z0-9]/gi, '').toLowerCase().slice(0, 8) || '0'}`;
}

/** What goes into a delegated run. */
export interface DelegationInput {
	readonly role: DelegationRole;
	readonly prompt: string;
	/** Files the delegate should look at (workspace-relative or absolute), listed in the prompt. */
	readonly files: readonly string[];
	/** Project memory recalled for the task ('' when none). */
	readonly memory: string;
	/** Name of the agent that delegated (`Claude Code`), if known. */
	readonly from?: string;
}

/**
 * The instructions (role, then recalled memory) and the prompt (task, then the files to look at) of a delegated run.
 * The headless dialect puts the instructions in the system prompt where the CLI has one, else before the prompt.
 */
export function buildDelegation(input: DelegationInput): { readonly instructions: string; readonly prompt: string } {
	const parts = [`Role: ${input.role.title}.`, input.role.instructions];
	if (input.from) {
		parts.push(`The task was delegated by ${input.from}; your final message is returned to it as your answer.`);
	}
	if (input.memory.trim() !== '') {
		parts.push(`Project memory recalled by Baton (may be incomplete or outdated):\n${input.memory.trim()}`);
	}
	const files = input.files.length > 0 ? `\n\nFiles to look at:\n${input.files.map((f) => `- ${f}`).join('\n')}` : '';
	return { instructions: parts.join('\n\n'), prompt: `${input.prompt.trim()}${files}` };
}

/** Size figures of an output. */
export interface OutputStats {
	readonly chars: number;
	readonly lines: number;
	readonly words: number;
}

/** Characters, lines and words of `text`. */
export function outputStats(text: string): OutputStats {
	return { chars: text.length, lines: text === '' ? 0 : text.split('\n').length, words: (text.match(/\S+/g) ?? []).length };
}

/** The first `limit` characters of `text`, cut at a line or word end when one is near, marked when cut. */
export function headOf(text: string, limit: number): string {
	if (text.length <= limit) {
		return text;
	}
	const cut = text.slice(0, limit);
	const lineEnd = cut.lastIndexOf('\n');
	const wordEnd = cut.lastIndexOf(' ');
	const at = lineEnd > limit * 0.8 ? lineEnd : wordEnd > limit * 0.9 ? wordEnd : limit;
	return `${cut.slice(0, at)}\n[…]`;
}

const number = (n: number): string => n.toLocaleString('en-US');

/** The answer for an output stored in `path` because it is over the inline limit: stats, where it is, its start. */
export function longOutputAnswer(output: string, path: string, maxInlineChars: number): string {
	const s = outputStats(output);
	return [
		`The output is ${number(s.chars)} characters (${number(s.lines)} lines, ${number(s.words)} words), over the inline limit of ${number(maxInlineChars)}; the whole output is in this file:`,
		`Full output: ${path}`,
		'',
		`First ${number(Math.min(delegationLimits.summaryChars, s.chars))} characters:`,
		headOf(output, delegationLimits.summaryChars),
	].join('\n');
}

/** How a delegated run ended, for its first line. */
export interface DelegationSummary {
	readonly id: string;
	readonly agentName: string;
	readonly role: string;
	readonly status: 'succeeded' | 'failed' | 'cancelled' | 'timedOut';
	readonly durationMs: number;
	readonly model?: string;
	readonly tokens?: { readonly input: number; readonly output: number };
	readonly fileEdits: readonly string[];
	readonly failure?: string;
	readonly timeoutSeconds: number;
}

/** `Gemini CLI (role: researcher) succeeded in 12.3 s …`, plus files edited and the failure when there is one. */
export function delegationHeader(s: DelegationSummary): string {
	const verb = s.status === 'timedOut' ? `timed out after ${s.timeoutSeconds} s` : `${s.status} in ${(s.durationMs / 1000).toFixed(1)} s`;
	const extras = [s.model ? `model ${s.model}` : '', s.tokens ? `${number(s.tokens.input)} input / ${number(s.tokens.output)} output tokens` : '', `delegation ${s.id}`].filter(Boolean);
	const lines = [`${s.agentName} (role: ${s.role}) ${verb} · ${extras.join(' · ')}`];
	if (s.fileEdits.length > 0) lines.push(`Files edited: ${s.fileEdits.join(', ')}`);
	if (s.failure) lines.push(`Problem: ${s.failure}`);
	return lines.join('\n');
}

/** A checkpoint as the agent gives it: the raw material of a handoff. */
export interface CheckpointInput {
	readonly goal: string;
	readonly hypotheses?: readonly string[] | undefined;
	readonly ruledOut?: readonly string[] | undefined;
	readonly currentApproach?: string | undefined;
	readonly nextStep: string;
	readonly files?: readonly string[] | undefined;
	readonly notes?: string | undefined;
}

/** The checkpoint as one Markdown text (what the bridge's `checkpoint` stores as its summary). */
export function renderCheckpoint(c: CheckpointInput): string {
	const list = (title: string, items: readonly string[] | undefined): string[] => (items && items.length > 0 ? [`${title}:`, ...items.map((i) => `- ${i}`)] : []);
	return [
		`Goal: ${c.goal.trim()}`,
		...list('Hypotheses', c.hypotheses),
		...list('Ruled out', c.ruledOut),
		...(c.currentApproach?.trim() ? [`Current approach: ${c.currentApproach.trim()}`] : []),
		`Next step: ${c.nextStep.trim()}`,
		...list('Files', c.files),
		...(c.notes?.trim() ? [`Notes: ${c.notes.trim()}`] : []),
	].join('\n');
}
