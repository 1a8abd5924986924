import { batonStrategy } from './baton';
import { reactiveFailoverStrategy, roundRobinStrategy, singleAgentStrategy, staticRulesStrategy } from './baselines';
import { simulate, type Strategy } from './engine';
import type { Scenario, StrategyResult } from './types';
import { generateWorkload } from './workload';

/** Fresh instances of every compared strategy, in table order (Baton last). */
export function allStrategies(): Strategy[] {
	return [singleAgentStrategy(), reactiveFailoverStrategy(), roundRobinStrategy(), staticRulesStrategy(), batonStrategy()];
}

/** Runs every strategy over the same scenario (default: the seeded default workload). */
export function compareStrategies(scenario: Scenario = generateWorkload()): StrategyResult[] {
	return allStrategies().map((s) => simulate(scenario, s));
}
