// bench/continuity: replays one seeded workload against simulated agents with real-shaped limits and compares
// routing/failover strategies side by side.
//   node -r tsx/cjs bench/continuity.ts [--seed 20261125] [--json]
//
// Model assumptions (all strategies see the same workload, limits, token costs and speeds):
// - Time advances in 1-minute steps over a 16-hour day (08:00–24:00). Every agent works at 6,000 tokens per minute;
//   a task needs a fixed amount of work (tokens) on any agent. Nobody sees that amount in advance.
// - Limits: Claude 900k tokens per 5-hour window (starts at the first request after a reset) and a weekly window with
//   2.2M left; Codex 800k per 5 hours and 2.4M weekly left; Gemini 1.4M per day. A request that does not fit a window
//   is rejected (a hard limit hit, like a 429) and the rejection reports the reset time.
// - Workload (seeded, src/core/continuity/simulation/workload.ts): one developer's day, a task every 12–28 minutes
//   from 08:30 to 18:00 with a mixed intent and size, plus a 5-task parallel burst at 13:00 (Conductor-style).
// - single: everything on Claude, waits for resets. reactive-failover (claude-code-mux): fixed priority list, moves
//   after a 429 and skips the agent until its reset. round-robin (CLIProxyAPI): rotates new tasks, moves after a 429.
//   static-rules (CCProxy): first-match rules on size/web search/thinking/background, no fallback configured.
//   Moving a started task to another agent without context restarts it from scratch (its tokens are wasted).
// - baton: routes with the real router (`route()`, default policy: intent preferences, forecast-based skipping for
//   quota-sensitive intents). It sees only usage so far, observed burn, reset times and intents, with one minute of
//   reporting lag, and hands a task off with a brief (cost: the brief budget + 10% of work done, ≤ 30k tokens) before
//   a request would be rejected, or pauses it when no agent has room. Limitations: burn is constant per minute, so
//   Baton's one-minute lookahead is exact; real usage reports lag and jump more.
import { compareStrategies } from '../src/core/continuity/simulation/compare';
import { defaultWorkloadSeed, generateWorkload } from '../src/core/continuity/simulation/workload';
import { printTable } from './benchSupport';

const args = process.argv.slice(2);
const seedAt = args.indexOf('--seed');
const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : defaultWorkloadSeed;
const scenario = generateWorkload(seed);
const results = compareStrategies(scenario);

if (args.includes('--json')) {
	console.log(JSON.stringify(results.map((r) => ({ strategy: r.strategy, completed: r.completed, hardLimitHits: r.hardLimitHits, restartsFromScratch: r.restartsFromScratch, blockedMinutes: r.blockedMinutes, preferredShare: Number(r.preferredShare.toFixed(3)) }))));
} else {
	const work = scenario.tasks.reduce((sum, t) => sum + t.work, 0);
	printTable(
		`Continuity simulation: seed ${seed}, ${scenario.tasks.length} tasks, ${(work / 1e6).toFixed(2)}M tokens of work, ${scenario.horizon / 60} h`,
		['strategy', 'completed', 'hard limit hits', 'restarts from scratch', 'blocked task-min', 'preferred agent share', 'handoffs', 'wasted tokens'],
		results.map((r) => [r.strategy, r.completed, r.hardLimitHits, r.restartsFromScratch, r.blockedMinutes, `${Math.round(r.preferredShare * 100)}%`, r.handoffs, r.wastedTokens]),
	);
}
