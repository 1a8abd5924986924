import { estimateBriefTokens, briefTokenBudget } from './budget';
import { briefCandidates } from './candidates';
import { BRIEF_SECTIONS, type BriefLine, type Checkpoint, type MemoryNote, type SessionRecord } from './types';

/** What the brief is built from. */
export interface HandoffBriefInput {
	/** The session's latest checkpoints (any order; the newest by `at` gives goal, approach and next step). */
	readonly checkpoints: readonly Checkpoint[];
	/** Normalized transcript records (from the readers in `./transcripts`), in file order. */
	readonly records: readonly SessionRecord[];
	/** Recalled memory entries. */
	readonly memories: readonly MemoryNote[];
	/** Context window of the agent that receives the brief, tokens. */
	readonly targetContextWindowTokens: number;
	/** The caller's cap, tokens; default 4,000. The effective budget is {@link briefTokenBudget}. */
	readonly budgetTokens?: number;
	/** Agent the work comes from and goes to, for the title line only. */
	readonly fromAgent?: string;
	readonly toAgent?: string;
	/** Reference time (reset times in error lines). */
	readonly now: Date;
}

/** The synthesized brief. */
export interface HandoffBrief {
	/** Markdown; `estimateBriefTokens(markdown) <= budgetTokens` always ('' when even the headings do not fit). */
	readonly markdown: string;
	/** The lines kept, in render order, each with its sources. */
	readonly lines: readonly BriefLine[];
	/** Lines left out to fit the budget, highest priority first. */
	readonly dropped: readonly BriefLine[];
	readonly budgetTokens: number;
	readonly tokens: number;
}

const tagPrefix: Readonly<Record<string, string>> = { checkpoint: 'cp', transcript: 'tx', memory: 'mem' };

/** Compact tag for one source: `cp:<id>`, `tx:<file name>#<line>`, `mem:<id>`. */
export function compactSource(source: string): string {
	const colon = source.indexOf(':');
	const kind = source.slice(0, colon);
	let rest = source.slice(colon + 1);
	if (kind === 'transcript') {
		const hash = rest.lastIndexOf('#');
		const path = hash >= 0 ? rest.slice(0, hash) : rest;
		rest = `${path.split(/[\\/]/).pop() ?? path}${hash >= 0 ? rest.slice(hash) : ''}`;
	}
	return `${tagPrefix[kind] ?? kind}:${rest}`;
}

function renderLine(line: BriefLine): string {
	const shown = line.sources.slice(0, 3).map(compactSource);
	const more = line.sources.length > 3 ? ` +${line.sources.length - 3}` : '';
	return `- ${line.text} [${shown.join(', ')}${more}]`;
}

/** Renders kept lines under the fixed section headings; empty sections say so. */
export function renderBrief(lines: readonly BriefLine[], title: string): string {
	const out = [`# ${title}`];
	for (const section of BRIEF_SECTIONS) {
		out.push('', `## ${section}`);
		const inSection = lines.filter((l) => l.section === section);
		if (inSection.length === 0) out.push('- (nothing recorded)');
		else out.push(...inSection.map(renderLine));
	}
	return `${out.join('\n')}\n`;
}

function sortForRender(lines: readonly BriefLine[], rank: ReadonlyMap<BriefLine, number>): BriefLine[] {
	return [...lines].sort((a, b) => BRIEF_SECTIONS.indexOf(a.section) - BRIEF_SECTIONS.indexOf(b.section) || (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
}

/**
 * Builds the handoff brief: collects candidate lines from checkpoints, transcript records and memories (every line
 * carries `checkpoint:<id>` / `transcript:<file>#<line>` / `memory:<id>` sources, rendered as compact tags), then
 * keeps lines in priority order, skipping any that would push the brief over budget, so the lowest-priority lines
 * go first. Budget = min(caller budget, 5% of the target's context window), tokens estimated as ceil(UTF-8 bytes / 4);
 * the result never exceeds it. Pure and deterministic.
 */
export function buildHandoffBrief(input: HandoffBriefInput): HandoffBrief {
	const budgetTokens = briefTokenBudget(input.targetContextWindowTokens, input.budgetTokens);
	const route = input.fromAgent || input.toAgent ? ` (${input.fromAgent ?? '?'} → ${input.toAgent ?? '?'})` : '';
	const title = `Handoff brief${route}`;
	const candidates = briefCandidates(input);
	const byPriority = candidates.map((line, i) => ({ line, i })).sort((a, b) => b.line.priority - a.line.priority || a.i - b.i);
	const rank = new Map(byPriority.map(({ line }, r) => [line, r]));
	const kept: BriefLine[] = [];
	const dropped: BriefLine[] = [];
	let markdown = renderBrief([], title);
	if (estimateBriefTokens(markdown) > budgetTokens) {
		return { markdown: '', lines: [], dropped: byPriority.map((x) => x.line), budgetTokens, tokens: 0 };
	}
	for (const { line } of byPriority) {
		const trial = sortForRender([...kept, line], rank);
		const text = renderBrief(trial, title);
		if (estimateBriefTokens(text) <= budgetTokens) {
			kept.push(line);
			markdown = text;
		} else {
			dropped.push(line);
		}
	}
	const lines = sortForRender(kept, rank);
	return { markdown, lines, dropped, budgetTokens, tokens: estimateBriefTokens(markdown) };
}
