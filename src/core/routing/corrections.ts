/** A task the user routed to another agent than Baton chose. `at` is ISO-8601 UTC. */
export interface Correction {
	readonly text: string;
	readonly agent: string;
	readonly at: string;
}

/** The nearest remembered correction for a task. `similarity` is a Jaccard index, 0–1. */
export interface CorrectionMatch {
	readonly agent: string;
	readonly example: string;
	readonly similarity: number;
}

function shingles(text: string): Set<string> {
	const words = text
		.toLowerCase()
		.normalize('NFKC')
		.split(/[^\p{L}\p{N}_./-]+/u)
		.filter(Boolean);
	const set = new Set(words);
	for (let i = 1; i < words.length; i++) {
		set.add(`${words[i - 1]} ${words[i]}`);
	}
	return set;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
	if (a.size === 0 && b.size === 0) return 1;
	let shared = 0;
	for (const s of a) if (b.has(s)) shared++;
	return shared / (a.size + b.size - shared);
}

/**
 * Remembers the user's route overrides and answers, for a new task, the agent chosen for a near-identical one
 * (word and word-pair Jaccard ≥ `threshold`). No training step, no network; the newest correction wins a tie.
 * Keeps at most `capacity` examples, dropping the oldest.
 */
export class CorrectionMemory {
	private readonly examples: Array<{ correction: Correction; shingles: Set<string> }> = [];

	constructor(
		initial: readonly Correction[] = [],
		private readonly threshold = 0.8,
		private readonly capacity = 500,
	) {
		for (const c of initial) this.push(c);
	}

	/** Records that `text` should go to `agent`; replaces an earlier correction of the same text. */
	add(text: string, agent: string, at: Date): void {
		const key = [...shingles(text)].sort().join('|');
		const same = this.examples.findIndex((e) => [...e.shingles].sort().join('|') === key);
		if (same >= 0) this.examples.splice(same, 1);
		this.push({ text, agent, at: at.toISOString() });
	}

	/** The closest correction at or above the threshold, or undefined. */
	nearest(text: string): CorrectionMatch | undefined {
		const query = shingles(text);
		let best: CorrectionMatch | undefined;
		for (let i = this.examples.length - 1; i >= 0; i--) {
			const example = this.examples[i] as { correction: Correction; shingles: Set<string> };
			const similarity = jaccard(query, example.shingles);
			if (similarity >= this.threshold && (!best || similarity > best.similarity)) {
				best = { agent: example.correction.agent, example: example.correction.text, similarity };
			}
		}
		return best;
	}

	/** All corrections, oldest first, for persisting. */
	toJSON(): Correction[] {
		return this.examples.map((e) => e.correction);
	}

	private push(correction: Correction): void {
		this.examples.push({ correction, shingles: shingles(correction.text) });
		if (this.examples.length > this.capacity) this.examples.shift();
	}
}
