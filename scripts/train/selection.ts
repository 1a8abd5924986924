import { withKeywordPrior } from '../../src/core/classifier/ensemble';
import { DEFAULT_FEATURE_CONFIG, featureIds, type FeatureConfig } from '../../src/core/classifier/features';
import { classificationFromProbabilities } from '../../src/core/classifier/intentClassifier';
import { INTENT_LABELS, labelIndex } from '../../src/core/classifier/labels';
import { forward, type LinearModelWeights } from '../../src/core/classifier/linearModel';
import { stratifiedSplit, type LabelledExample } from './dataset';
import { computeMetrics, type Metrics } from './metrics';
import { trainModel, type TrainConfig, type TrainingItem } from './sgd';

/** Seed of the primary 90/10 split (the one whose held-out numbers are reported). */
export const SPLIT_SEED = 20250611;
/** Seeds of the extra 90/10 splits; selection averages held-out macro-F1 over all splits, as one 10% split alone is noisy. */
export const EXTRA_SPLIT_SEEDS: readonly number[] = [101, 202];
/** Fraction of each label held out. */
export const HELD_OUT_FRACTION = 0.1;
/** Keyword-prior weights tried for the selected configuration. */
export const KEYWORD_WEIGHTS: readonly number[] = [0, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5];

/**
 * One point of the selection grid: feature config, training config, whether compound segments are extra examples, and
 * how many times each prompt-style example (anything not derived from a commit subject) is repeated per epoch.
 */
export interface Candidate {
	readonly features: FeatureConfig;
	readonly train: TrainConfig;
	readonly useSegments: boolean;
	readonly promptWeight: number;
}

/** The default configuration (first grid point). */
export const BASE_CANDIDATE: Candidate = {
	features: DEFAULT_FEATURE_CONFIG,
	useSegments: true,
	promptWeight: 1,
	train: { dim: 32, hidden: 0, epochs: 30, lr: 0.25, labelSmoothing: 0.05, seed: 7, embeddingLrScale: 1 },
};

const withFeatures = (f: Partial<FeatureConfig>): Candidate => ({ ...BASE_CANDIDATE, features: { ...BASE_CANDIDATE.features, ...f } });
const withTraining = (t: Partial<TrainConfig>): Candidate => ({ ...BASE_CANDIDATE, train: { ...BASE_CANDIDATE.train, ...t } });

/** The selection grid: one change at a time away from {@link BASE_CANDIDATE}. */
export const SELECTION_GRID: readonly Candidate[] = [
	BASE_CANDIDATE,
	{ ...BASE_CANDIDATE, useSegments: false },
	withFeatures({ leadWords: 0, sentenceStarts: 0 }),
	withFeatures({ wordNgramWeight: 1 }),
	withFeatures({ charNgrams: [4, 5] }),
	withFeatures({ buckets: 1 << 16 }),
	withTraining({ dim: 16 }),
	withTraining({ lr: 0.1, epochs: 50 }),
	withTraining({ hidden: 64, lr: 0.1, embeddingLrScale: 30 }),
	{ ...BASE_CANDIDATE, promptWeight: 2 },
];

/** Real prompt-style sources (prompt files, trigger phrases, aider and SpecStory chat turns, documentation example prompts, assistant test-fixture chat requests). */
export const isRealPrompt = (e: LabelledExample): boolean => e.source.startsWith('prompt:') || e.source.startsWith('trigger:') || e.source.startsWith('aider:') || e.source.startsWith('specstory:') || e.source.startsWith('task:') || e.source.startsWith('docs:') || e.source.startsWith('chat:');

/** Repository of a real prompt-style example (`prompt:owner/repo@sha:path` → `owner/repo`). */
const promptRepo = (e: LabelledExample): string => /^\w+:([^@]+)@/.exec(e.source)?.[1] ?? '';

/**
 * Source-shift folds, grouped by collection: each fold holds out the real prompt-style examples of some collections and
 * trains on everything else (commits, authored text and the other collections). Since round 3 the corpus has about a
 * thousand real prompt-style examples, so holding all of them out at once would no longer resemble the shipped model.
 */
export const SHIFT_FOLDS: ReadonlyArray<readonly string[]> = [
	['github/awesome-copilot', 'wshobson/commands', 'wshobson/agents', 'microsoft/vscode-docs', 'google-gemini/gemini-cli'],
	['Aider-AI/aider', 'AFI-Protocol/afi-core', 'Asphyksia/OpenCoder', 'VoltAgent/awesome-claude-code-subagents', 'davila7/claude-code-templates', 'edobry/minsky', 'iterative/dvc'],
	// saved chats (SpecStory, Entire CLI checkpoints, aider input history): the text closest to what users type
	[
		'0-auth/zero-auth', 'ChrisGVE/MunsellSpace', 'DakineMI/mcp-gateway', 'Hornsyld/economic-bc-connector', 'daviswhitehead/chef-chopsky',
		'specstoryai/keyframe-blogger', 'specstoryai/zero-to-product-video-hero', 'twardoch/lmstrix', 'twardoch/nyord-vpn', 'twardoch/twat-cache',
		'twardoch/twat-search', 'entireio/cli', 'entireio/git-sync', 'FSM1/cipher-box', 'theogbrand/napoli-matcha', 'entireio/entire-graph',
		'yigitkonur/cctrace-js', 'JanDeDobbeleer/oh-my-posh', 'EntityProcess/agentv', 'PackmindHub/context-evaluator', 'tslateman/duet',
		'robin-collins/Roo-Cline', 'mitmproxy/mitmproxy', '151henry151/my-webserver-setup', 'crumrine/numeronym-sites',
	],
];

/** The source-shift splits: one per {@link SHIFT_FOLDS} entry. */
export function shiftSplits(all: readonly LabelledExample[]): Split[] {
	return SHIFT_FOLDS.map((repos, i) => {
		const out = (e: LabelledExample): boolean => isRealPrompt(e) && repos.includes(promptRepo(e));
		return { seed: -(i + 1), train: all.filter((e) => !out(e)), heldOut: all.filter(out) };
	});
}

/** One train/held-out split of the corpus. */
export interface Split {
	readonly seed: number;
	readonly train: readonly LabelledExample[];
	readonly heldOut: readonly LabelledExample[];
}

/** The primary split followed by the extra ones, all stratified by label. */
export function selectionSplits(all: readonly LabelledExample[], extra: boolean): Split[] {
	return [SPLIT_SEED, ...(extra ? EXTRA_SPLIT_SEEDS : [])].map((seed) => ({ seed, ...stratifiedSplit(all, HELD_OUT_FRACTION, seed) }));
}

/** True for examples whose text comes from a commit subject (`commit:` and `composed:` sources). */
export const isCommitDerived = (e: LabelledExample): boolean => e.source.startsWith('commit:') || e.source.startsWith('composed:');

/**
 * Training items: each example's whole text, plus each gold segment of a compound as its own example when
 * `useSegments`; prompt-style (non-commit) examples are repeated `promptWeight` times.
 */
export function trainingItems(examples: readonly LabelledExample[], config: FeatureConfig, useSegments: boolean, promptWeight = 1): TrainingItem[] {
	return examples.flatMap((e) => {
		const whole: TrainingItem = { ids: featureIds(e.text, config), label: labelIndex(e.label) };
		const parts = useSegments && e.segments ? e.segments.map((s) => ({ ids: featureIds(s.text, config), label: labelIndex(s.label) })) : [];
		const one = [whole, ...parts];
		return isCommitDerived(e) ? one : Array.from({ length: promptWeight }, () => one).flat();
	});
}

/** Trains `candidate` on `examples` (deterministic). */
export function trainCandidate(candidate: Candidate, examples: readonly LabelledExample[]): LinearModelWeights {
	const config = candidate.features;
	return trainModel(trainingItems(examples, config, candidate.useSegments, candidate.promptWeight), config.buckets, INTENT_LABELS.length, candidate.train);
}

/** Metrics of `weights` on `examples`, with the keyword prior blended in at `keywordWeight` (0 = model only). */
export function evaluateModel(weights: LinearModelWeights, config: FeatureConfig, examples: readonly LabelledExample[], keywordWeight = 0): Metrics {
	const predicted = examples.map((e) => classificationFromProbabilities(withKeywordPrior(forward(weights, featureIds(e.text, config)), e.text, keywordWeight)).label);
	return computeMetrics(
		examples.map((e) => e.label),
		predicted,
	);
}

/**
 * A candidate's models on every split, its mean held-out macro-F1 on the random splits (`splitScore`) and on the
 * source-shift folds (`shiftScore`), both model only, and the selection score: their mean (since round 6; the random
 * splits share style with training and reward memorising it, the folds reward carrying over to another collection's
 * style), or the split score alone when no folds are given.
 */
export interface CandidateResult {
	readonly candidate: Candidate;
	readonly models: readonly LinearModelWeights[];
	readonly primary: Metrics;
	readonly splitScore: number;
	/** Models trained on each source-shift fold (empty when no folds were given). */
	readonly shiftModels: readonly LinearModelWeights[];
	readonly shiftScore: number | null;
	readonly score: number;
	readonly seconds: number;
}

const meanMacroF1 = (metrics: readonly Metrics[]): number => metrics.reduce((a, m) => a + m.macroF1, 0) / metrics.length;

/** Trains and scores one candidate on every split and, when given, every source-shift fold. */
export function scoreCandidate(candidate: Candidate, splits: readonly Split[], shifts: readonly Split[] = []): CandidateResult {
	const t0 = Date.now();
	const models = splits.map((s) => trainCandidate(candidate, s.train));
	const seconds = (Date.now() - t0) / 1000 / splits.length;
	const metrics = splits.map((s, i) => evaluateModel(models[i] as LinearModelWeights, candidate.features, s.heldOut));
	const splitScore = meanMacroF1(metrics);
	const shiftModels = shifts.map((s) => trainCandidate(candidate, s.train));
	const shiftScore = shifts.length > 0 ? meanMacroF1(shifts.map((s, i) => evaluateModel(shiftModels[i] as LinearModelWeights, candidate.features, s.heldOut))) : null;
	const score = shiftScore === null ? splitScore : (splitScore + shiftScore) / 2;
	return { candidate, models, primary: metrics[0] as Metrics, splitScore, shiftModels, shiftScore, score, seconds };
}

/**
 * Keyword-prior weight: for each weight, the mean held-out macro-F1 over the random splits, averaged half and half with
 * the mean macro-F1 on the source-shift folds `shifts` (their models come from `result` when it was scored on them, else
 * they are trained here), since the random splits share style with training and under-reward the prior. Returns the
 * best weight (ties go to the smaller).
 */
export function selectKeywordWeight(result: CandidateResult, splits: readonly Split[], shifts: readonly Split[]): { weight: number; table: Array<{ weight: number; score: number; splits: number; shift: number }> } {
	const shiftModels = result.shiftModels.length === shifts.length ? result.shiftModels : shifts.map((s) => trainCandidate(result.candidate, s.train));
	const table = KEYWORD_WEIGHTS.map((weight) => {
		const inSplits = splits.reduce((a, s, i) => a + evaluateModel(result.models[i] as LinearModelWeights, result.candidate.features, s.heldOut, weight).macroF1, 0) / splits.length;
		const onShift = shifts.reduce((a, s, i) => a + evaluateModel(shiftModels[i] as LinearModelWeights, result.candidate.features, s.heldOut, weight).macroF1, 0) / shifts.length;
		return { weight, score: (inSplits + onShift) / 2, splits: inSplits, shift: onShift };
	});
	const best = table.reduce((a, b) => (b.score > a.score + 1e-9 ? b : a));
	return { weight: best.weight, table };
}

/** Scores closer than this count as a tie, which goes to the model with fewer parameters (a smaller file). */
export const SCORE_TIE = 0.003;

/** Parameter count of a candidate (embedding rows × dim plus layers). */
export function candidateSize(c: Candidate): number {
	const t = c.train;
	const layer = (i: number, o: number): number => i * o + o;
	return c.features.buckets * t.dim + (t.hidden > 0 ? layer(t.dim, t.hidden) + layer(t.hidden, INTENT_LABELS.length) : layer(t.dim, INTENT_LABELS.length));
}

/** The best result: highest mean macro-F1, with near-ties ({@link SCORE_TIE}) going to the smallest model. */
export function pickBest(results: readonly CandidateResult[]): CandidateResult {
	const top = Math.max(...results.map((r) => r.score));
	const near = results.filter((r) => r.score >= top - SCORE_TIE);
	const ranked = [...near].sort((a, b) => candidateSize(a.candidate) - candidateSize(b.candidate) || b.score - a.score);
	return ranked[0] as CandidateResult;
}

/** One-line description of a candidate for logs and labels.json. */
export function describeCandidate(c: Candidate): string {
	const t = c.train;
	const f = c.features;
	return `2^${Math.log2(f.buckets)} w×${f.wordNgramWeight} c${f.charNgrams.join('-')} l${f.leadWords} s${f.sentenceStarts} dim=${t.dim} hidden=${t.hidden} epochs=${t.epochs} lr=${t.lr}×${t.embeddingLrScale} ls=${t.labelSmoothing} segs=${c.useSegments ? 'y' : 'n'} pw=${c.promptWeight}`;
}
