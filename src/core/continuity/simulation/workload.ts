import { builtInAgents } from '../../agents/descriptors';
import type { IntentLabel } from '../../classifier/labels';
import { randomInt, randomWeighted, seededRandom, type Random } from '../../common/random';
import type { AgentSpec, Scenario, SimTask } from './types';

/** Seed of the default workload. */
export const defaultWorkloadSeed = 20261125;

/** Minutes in the simulated day (08:00 → 24:00). */
export const defaultHorizon = 16 * 60;

/** Intent mix of one developer's day (weights). */
const dayMix: ReadonlyArray<readonly [IntentLabel, number]> = [
	['implement', 22],
	['debug', 16],
	['refactor', 8],
	['test', 10],
	['research', 10],
	['explain', 8],
	['review', 9],
	['docs', 6],
	['ui', 6],
	['ops', 5],
];

function contextWindow(id: string): number {
	return builtInAgents.find((a) => a.id === id)?.contextWindowTokens ?? 200_000;
}

/**
 * The simulated agents, as subscription plans behave (scaled to tokens of work): Claude and Codex have a 5-hour
 * window that starts at the first request after a reset plus a weekly window part-used earlier in the week; Gemini
 * has a daily quota resetting at midnight. Every agent works at 6,000 tokens per minute.
 */
export function defaultAgents(): AgentSpec[] {
	return [
		{ id: 'claude', tokensPerMinute: 6000, contextWindowTokens: contextWindow('claude'), windows: [
			{ name: 'five_hour', capacity: 900_000, length: 300, anchor: 'first-use' },
			{ name: 'weekly', capacity: 6_000_000, length: 7 * 1440, anchor: 'fixed', firstReset: 3 * 1440, usedAtStart: 3_800_000 },
		] },
		{ id: 'codex', tokensPerMinute: 6000, contextWindowTokens: contextWindow('codex'), windows: [
			{ name: 'five_hour', capacity: 800_000, length: 300, anchor: 'first-use' },
			{ name: 'weekly', capacity: 5_000_000, length: 7 * 1440, anchor: 'fixed', firstReset: 4 * 1440, usedAtStart: 2_600_000 },
		] },
		{ id: 'gemini', tokensPerMinute: 6000, contextWindowTokens: contextWindow('gemini'), windows: [
			{ name: 'daily', capacity: 1_400_000, length: 1440, anchor: 'fixed', firstReset: defaultHorizon },
		] },
	];
}

function makeTask(rand: Random, id: string, arrival: number, intent: IntentLabel, lane: SimTask['lane'], size: 'small' | 'medium' | 'large'): SimTask {
	const work = size === 'small' ? randomInt(rand, 20, 60) * 1000 : size === 'medium' ? randomInt(rand, 80, 200) * 1000 : randomInt(rand, 250, 450) * 1000;
	const contextTokens = intent === 'research' || intent === 'explain' ? randomInt(rand, 5, 120) * 1000 : randomInt(rand, 1, 40) * 1000;
	return {
		id,
		arrival,
		intent,
		work,
		contextTokens,
		webSearch: intent === 'research',
		thinking: intent === 'debug' || (intent === 'refactor' && rand() < 0.5),
		background: size === 'small' && (intent === 'docs' || intent === 'ops' || intent === 'test'),
		lane,
	};
}

/**
 * One developer's day plus a parallel burst: tasks arrive every 12–28 minutes from 08:30 to 18:00 with the intent
 * mix above and sizes small 45% / medium 40% / large 15%; at 13:00 five large implement/refactor/test/debug/ui
 * tasks start at once (five agents in parallel worktrees, as in Conductor). Deterministic for a seed.
 */
export function generateWorkload(seed: number = defaultWorkloadSeed): Scenario {
	const rand = seededRandom(seed);
	const tasks: SimTask[] = [];
	for (let t = 30 + randomInt(rand, 0, 10); t < 10 * 60; t += randomInt(rand, 12, 28)) {
		const intent = randomWeighted(rand, dayMix);
		const size = randomWeighted(rand, [['small', 45], ['medium', 40], ['large', 15]] as const);
		tasks.push(makeTask(rand, `d${tasks.length + 1}`, t, intent, 'day', size));
	}
	const burstIntents: IntentLabel[] = ['implement', 'refactor', 'test', 'debug', 'ui'];
	for (const [i, intent] of burstIntents.entries()) tasks.push(makeTask(rand, `b${i + 1}`, 5 * 60, intent, 'burst', 'large'));
	tasks.sort((a, b) => a.arrival - b.arrival || (a.id < b.id ? -1 : 1));
	return { agents: defaultAgents(), tasks, horizon: defaultHorizon };
}
