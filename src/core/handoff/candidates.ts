import { classifyFailure } from '../agents/signals';
import type { BriefLine, BriefSection, Checkpoint, MemoryNote, SessionRecord } from './types';
import { transcriptSource } from './types';

/** Longest text a single brief line carries, characters (longer text is cut with an ellipsis, never rewritten). */
export const maxLineChars = 280;

/** Collapses whitespace to single spaces and cuts to {@link maxLineChars}. */
export function oneLine(text: string, max: number = maxLineChars): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** What the candidate builder reads. */
export interface CandidateInput {
	readonly checkpoints: readonly Checkpoint[];
	readonly records: readonly SessionRecord[];
	readonly memories: readonly MemoryNote[];
	/** Reference time for reset times in error lines. */
	readonly now: Date;
}

class LineSet {
	readonly lines: BriefLine[] = [];
	private readonly index = new Map<string, number>();

	/** Adds a line, merging sources (and keeping the higher priority) when the same text repeats in a section. */
	add(section: BriefSection, text: string, source: string, priority: number): void {
		const t = oneLine(text);
		if (t === '') return;
		const key = `${section}\u0000${t.toLowerCase()}`;
		const at = this.index.get(key);
		const existing = at === undefined ? undefined : this.lines[at];
		if (at !== undefined && existing) {
			const sources = existing.sources.includes(source) ? existing.sources : [...existing.sources, source];
			this.lines[at] = { ...existing, sources, priority: Math.max(existing.priority, priority) };
			return;
		}
		this.index.set(key, this.lines.length);
		this.lines.push({ section, text: t, sources: [source], priority });
	}
}

function addCheckpoints(set: LineSet, checkpoints: readonly Checkpoint[]): void {
	const sorted = [...checkpoints].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? 1 : -1));
	const latest = sorted[0];
	const ruledOutItems = new Set(sorted.flatMap((c) => c.ruledOut.map((r) => oneLine(r.item).toLowerCase())));
	for (const [age, c] of sorted.entries()) {
		const src = `checkpoint:${c.id}`;
		const decay = age * 2;
		if (c === latest) {
			set.add('Goal', c.goal, src, 100);
			set.add('Current approach', c.currentApproach, src, 92);
			set.add('Next step', c.nextStep, src, 96);
		}
		for (const h of c.hypotheses) {
			if (!ruledOutItems.has(oneLine(h).toLowerCase())) set.add('Hypotheses (open)', h, src, 80 - decay);
		}
		for (const r of c.ruledOut) set.add('Ruled out (with evidence)', r.evidence ? `${r.item} — evidence: ${r.evidence}` : r.item, src, 78 - decay);
		for (const f of c.files) set.add('Files', f, src, 60 - decay);
	}
}

function errorLabel(text: string, now: Date): string {
	const signal = classifyFailure({ text, now, timeZone: 'UTC' });
	if (signal.kind === 'other') return '';
	const reset = signal.resetsAt ? `, resets ${signal.resetsAt}` : '';
	return `[${signal.kind}${signal.window ? ` ${signal.window}` : ''}${reset}] `;
}

function addTranscript(set: LineSet, records: readonly SessionRecord[], now: Date): void {
	const users = records.filter((r) => r.kind === 'user');
	const first = users[0];
	if (first) set.add('Goal', `User asked: ${first.text}`, transcriptSource(first.source), 98);
	const later = users.slice(1).reverse();
	for (const [i, r] of later.entries()) set.add('Goal', `Later the user said: ${r.text}`, transcriptSource(r.source), Math.max(40, 88 - i * 6));

	const assistants = records.filter((r) => r.kind === 'assistant');
	const last = assistants[assistants.length - 1];
	if (last) set.add('Where it stands', `Agent's last message: ${last.text}`, transcriptSource(last.source), 86);

	const plans = records.filter((r) => r.kind === 'plan');
	const plan = plans[plans.length - 1];
	if (plan) {
		const src = transcriptSource(plan.source);
		for (const [i, item] of plan.items.entries()) {
			const section: BriefSection = item.status === 'in_progress' ? 'Current approach' : 'Where it stands';
			set.add(section, `Plan item (${item.status}): ${item.text}`, src, (item.status === 'completed' ? 58 : 74) - i);
		}
		const next = plan.items.find((i) => i.status === 'pending');
		if (next) set.add('Next step', `First pending plan item: ${next.text}`, src, 84);
	}

	const calls = new Map<string, SessionRecord & { kind: 'toolCall' }>();
	const tools = records.filter((r): r is SessionRecord & { kind: 'toolCall' } => r.kind === 'toolCall');
	for (const c of tools) if (c.id) calls.set(c.id, c);
	for (const [i, c] of [...tools].reverse().entries()) {
		const src = transcriptSource(c.source);
		for (const p of c.paths) set.add('Files', `${p} (${c.access === 'write' ? 'written' : c.access === 'read' ? 'read' : c.name})`, src, (c.access === 'write' ? 62 : 44) - Math.min(20, i));
		if (c.command) set.add('Where it stands', `Ran: ${c.command}`, src, 50 - Math.min(30, i * 2));
	}

	const failures = records.filter((r) => r.kind === 'error' || (r.kind === 'toolResult' && r.isError)).reverse();
	for (const [i, r] of failures.entries()) {
		const priority = Math.max(30, 82 - i * 8);
		if (r.kind === 'error') {
			set.add('Last errors', `${errorLabel(r.text, now)}${r.text}`, transcriptSource(r.source), priority);
		} else if (r.kind === 'toolResult') {
			const call = r.callId ? calls.get(r.callId) : undefined;
			const what = call?.command ? `\`${oneLine(call.command, 80)}\` failed` : `${call?.name ?? 'A tool call'} failed`;
			set.add('Last errors', `${what}: ${r.text || '(no output)'}`, transcriptSource(r.source), priority);
			if (call?.command) set.add('Where it stands', `Failed command: ${call.command}`, transcriptSource(call.source), 64 - i);
		}
	}
}

/**
 * Every line a brief could carry, each with its sources and priority (higher survives trimming longer):
 * latest checkpoint goal 100, next step 96, approach 92; first user prompt 98, later corrections 88 and down;
 * open hypotheses 80 and ruled-out items 78 (older checkpoints 2 lower each); last errors 82 and down by 8;
 * the agent's last message 86, pending plan items 74, files written 62 / read 44, commands 50 and down,
 * recalled memories 36. Hypotheses that any checkpoint rules out are left out. Nothing is invented: each line's
 * text is copied (whitespace-collapsed, cut at {@link maxLineChars}) from its sources with a fixed lead-in.
 */
export function briefCandidates(input: CandidateInput): BriefLine[] {
	const set = new LineSet();
	addCheckpoints(set, input.checkpoints);
	addTranscript(set, input.records, input.now);
	for (const [i, m] of input.memories.entries()) set.add('Where it stands', `Recalled note "${m.title}": ${m.body}`, `memory:${m.id}`, 36 - Math.min(20, i));
	return set.lines;
}
