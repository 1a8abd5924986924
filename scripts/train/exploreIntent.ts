// Exploration on the training corpus only (never the dev set). Scores named candidates on
//  - the three stratified selection splits (in-distribution), and
//  - source-shift proxies: (A) the keyword-weight folds of selection.ts (real prompt-style examples held out by collection,
//    mean over the folds); (B) train without the long (> 30 words) authored prompts, score on them.
// Each is reported with the keyword prior at several weights.
//   node -r tsx/cjs scripts/train/exploreIntent.ts [name ...]
import { join } from 'node:path';
import { readLabelledJsonl, wordCount, type LabelledExample } from './dataset';
import { BASE_CANDIDATE, evaluateModel, selectionSplits, shiftSplits, trainCandidate, type Candidate } from './selection';

const root = join(__dirname, '..', '..');
const all = readLabelledJsonl(process.env['DATA'] ?? join(root, 'data', 'intents', 'train.jsonl'));
const base: Candidate = { ...BASE_CANDIDATE, features: { ...BASE_CANDIDATE.features, buckets: 1 << 16 } };
const t = (c: Candidate, patch: Partial<Candidate['train']>): Candidate => ({ ...c, train: { ...c.train, ...patch } });
const f = (c: Candidate, patch: Partial<Candidate['features']>): Candidate => ({ ...c, features: { ...c.features, ...patch } });
const candidates: Record<string, Candidate> = {
	base,
	pw2: { ...base, promptWeight: 2 },
	pw3: { ...base, promptWeight: 3 },
	c45: f(base, { charNgrams: [4, 5] }),
	w1: f(base, { wordNgramWeight: 1 }),
	w5: f(base, { wordNgramWeight: 5 }),
	ls10: t(base, { labelSmoothing: 0.1 }),
	e15: t(base, { epochs: 15 }),
	dim16: t(base, { dim: 16 }),
	h64: t(base, { hidden: 64, lr: 0.1, embeddingLrScale: 30 }),
	e50: t(base, { epochs: 50, lr: 0.1 }),
};
const weights = [0, 0.15, 0.25, 0.35];
const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(candidates);
const isLongAuthored = (e: LabelledExample): boolean => e.source === 'authored' && wordCount(e.text) > 30;
const proxies = [
	...shiftSplits(all).map((s, i) => ({ name: `A${i + 1}`, test: s.heldOut, train: s.train })),
	{ name: 'B', test: all.filter(isLongAuthored), train: all.filter((e) => !isLongAuthored(e)) },
];
const splits = selectionSplits(all, true);
console.log(`proxies: ${proxies.map((p) => `${p.name} ${p.test.length}`).join(', ')}; keyword weights ${weights.join('/')}`);
for (const name of names) {
	const c = candidates[name];
	if (!c) {
		throw new Error(`unknown candidate ${name}`);
	}
	const t0 = Date.now();
	const splitScores = weights.map(() => 0);
	for (const s of splits) {
		const m = trainCandidate(c, s.train);
		weights.forEach((w, i) => (splitScores[i] = (splitScores[i] ?? 0) + evaluateModel(m, c.features, s.heldOut, w).macroF1 / splits.length));
	}
	const parts = [`splits F1 ${splitScores.map((x) => x.toFixed(3)).join('/')}`];
	for (const p of proxies) {
		const m = trainCandidate(c, p.train);
		parts.push(`${p.name} acc ${weights.map((w) => evaluateModel(m, c.features, p.test, w).accuracy.toFixed(3)).join('/')} F1 ${weights.map((w) => evaluateModel(m, c.features, p.test, w).macroF1.toFixed(3)).join('/')}`);
	}
	console.log(`${name.padEnd(8)} ${parts.join(' | ')} | ${((Date.now() - t0) / 1000).toFixed(0)}s`);
}
