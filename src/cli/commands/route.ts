import { statSync } from 'node:fs';
import { builtInAgents } from '../../core/agents/descriptors';
import { routeCandidates } from '../../core/routing/candidates';
import { defaultRoutingPolicy } from '../../core/routing/defaultPolicy';
import { estimateTokens, planRoute, type RoutePlan } from '../../core/routing/planner';
import type { AgentCandidate, QuotaOutlook, RouteTask } from '../../core/routing/types';
import { locateAgents } from '../../infra/agents/cliLocator';
import { isAgentAvailable } from '../../shared/agents';
import { parseArgs, UsageError } from '../args';
import type { CliCommand } from '../context';
import { createCliClassifier } from '../intentModel';

const unknownQuota = { outlook: (): QuotaOutlook => ({ level: 'unknown', crossesWarnBeforeReset: false }) };

/** Agents as candidates: `--agents a,b` declares which are installed (no probing); otherwise they are looked up on PATH. */
async function candidates(declared: string | undefined, env: Readonly<Record<string, string | undefined>>): Promise<AgentCandidate[]> {
	const available = declared !== undefined ? new Set(declared.split(',').map((a) => a.trim()).filter(Boolean)) : new Set((await locateAgents(builtInAgents, { searchPath: env['PATH'] ?? '' })).filter(isAgentAvailable).map((s) => s.id));
	return routeCandidates(builtInAgents, (id) => available.has(id));
}

function attachedChars(files: readonly string[]): number {
	return files.reduce((sum, f) => {
		try {
			return sum + statSync(f).size;
		} catch {
			throw new UsageError(`cannot read --files entry ${f}`);
		}
	}, 0);
}

function renderPlan(plan: RoutePlan): string {
	const lines: string[] = [];
	for (const [i, step] of plan.steps.entries()) {
		const d = step.decision;
		lines.push(`${plan.steps.length > 1 ? `${i + 1}. ` : ''}${d.intent} (${Math.round(d.confidence * 100)}%) → ${d.agent ?? 'no agent'}${d.model ? ` (${d.model})` : ''}${d.askUser ? ' [confirm]' : ''}`);
		if (plan.steps.length > 1) lines.push(`   "${step.text}"`);
		for (const reason of d.reasons) lines.push(`   · ${reason}`);
		for (const alt of d.alternatives) lines.push(`   ✗ ${alt.agent}: ${alt.reason}`);
	}
	if (plan.classifier === 'keywords') lines.push('(keyword classifier: the intent model could not be loaded)');
	return `${lines.join('\n')}\n`;
}

/** `baton route`: the full routing decision for a task — intent, segments, agent, reasons and alternatives. */
export const routeCommand: CliCommand = {
	summary: 'Route a task to an agent and explain why (intent, context size, availability, rules)',
	usage: 'baton route --text "…" [--files a,b] [--images N] [--model M] [--thinking] [--agents claude,gemini] [--json]',
	async run(argv, context) {
		const args = parseArgs(argv, new Set(['json', 'thinking']), new Set(['text', 'files', 'images', 'model', 'thinking', 'agents', 'json']));
		const text = args.options.get('text');
		if (typeof text !== 'string' || text.trim() === '') {
			throw new UsageError('--text "…" is required');
		}
		const files = typeof args.options.get('files') === 'string' ? (args.options.get('files') as string).split(',').filter(Boolean) : [];
		const images = Number(args.options.get('images') ?? 0);
		if (!Number.isInteger(images) || images < 0) {
			throw new UsageError('--images must be a whole number');
		}
		const model = args.options.get('model');
		const agentsOption = args.options.get('agents');
		const task: RouteTask = {
			text,
			estimatedTokens: estimateTokens(text, attachedChars(files)),
			attachedFiles: files,
			imageCount: images,
			...(typeof model === 'string' ? { requestedModel: model } : {}),
			...(args.options.has('thinking') ? { thinking: true } : {}),
		};
		const agents = await candidates(typeof agentsOption === 'string' ? agentsOption : undefined, context.env);
		const classifier = createCliClassifier(context.env, context.stderr);
		const now = new Date();
		const plan = await planRoute(task, classifier, () => ({ agents, quota: unknownQuota, policy: defaultRoutingPolicy, now }));
		context.stdout(args.options.has('json') ? `${JSON.stringify({ ...plan, estimatedTokens: task.estimatedTokens }, null, 2)}\n` : renderPlan(plan));
		return plan.steps.every((s) => s.decision.agent !== null) ? 0 : 1;
	},
};
