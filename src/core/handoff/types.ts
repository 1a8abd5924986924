/** Shared types of the handoff brief: normalized transcript records, checkpoints, memory entries and brief lines. */

/** Where a transcript record came from: the transcript's file name and the 1-based line in it. */
export interface RecordSource {
	readonly file: string;
	readonly line: number;
}

/** What a tool call did, as far as its name and input tell. */
export type ToolAccess = 'read' | 'write' | 'exec' | 'plan' | 'other';

/** One item of an agent's plan or todo list. */
export interface PlanItem {
	readonly text: string;
	/** As the agent wrote it, normalized to `pending` | `in_progress` | `completed` when recognizable. */
	readonly status: string;
}

/** One normalized record of a CLI session transcript (Claude, Gemini or Codex). */
export type SessionRecord =
	| { readonly kind: 'user'; readonly text: string; readonly source: RecordSource }
	| { readonly kind: 'assistant'; readonly text: string; readonly source: RecordSource }
	| {
			readonly kind: 'toolCall';
			readonly id?: string;
			readonly name: string;
			readonly access: ToolAccess;
			/** File paths the call names (read or written). */
			readonly paths: readonly string[];
			/** The shell command, for `exec` calls. */
			readonly command?: string;
			readonly source: RecordSource;
	  }
	| { readonly kind: 'toolResult'; readonly callId?: string; readonly isError: boolean; readonly text: string; readonly source: RecordSource }
	| { readonly kind: 'error'; readonly text: string; readonly source: RecordSource }
	| { readonly kind: 'plan'; readonly items: readonly PlanItem[]; readonly source: RecordSource };

/** A thing tried and dropped, with the evidence that ruled it out. */
export interface RuledOut {
	readonly item: string;
	readonly evidence: string;
}

/** A progress checkpoint of a session (written by the agent or Baton). `at` is ISO-8601 UTC. */
export interface Checkpoint {
	readonly id: string;
	readonly at: string;
	readonly goal: string;
	readonly hypotheses: readonly string[];
	readonly ruledOut: readonly RuledOut[];
	readonly currentApproach: string;
	readonly nextStep: string;
	readonly files: readonly string[];
}

/** A recalled memory entry. */
export interface MemoryNote {
	readonly id: string;
	readonly title: string;
	readonly body: string;
}

/** The fixed sections of a brief, in render order. */
export const BRIEF_SECTIONS = ['Goal', 'Where it stands', 'Hypotheses (open)', 'Ruled out (with evidence)', 'Current approach', 'Next step', 'Files', 'Last errors'] as const;

/** One section name of {@link BRIEF_SECTIONS}. */
export type BriefSection = (typeof BRIEF_SECTIONS)[number];

/**
 * One line of a brief. `sources` is never empty: each entry is `checkpoint:<id>`, `transcript:<file>#<line>` or
 * `memory:<id>`. Higher `priority` lines survive trimming longer.
 */
export interface BriefLine {
	readonly section: BriefSection;
	readonly text: string;
	readonly sources: readonly string[];
	readonly priority: number;
}

/** Source id of a transcript record, `transcript:<file>#<line>`. */
export function transcriptSource(source: RecordSource): string {
	return `transcript:${source.file}#${source.line}`;
}
