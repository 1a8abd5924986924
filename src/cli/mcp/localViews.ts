import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { builtInAgents, findAgentDescriptor } from '../../core/agents/descriptors';
import { quotaAgents, type QuotaAgent } from '../../core/quota/types';
import { routeCandidates } from '../../core/routing/candidates';
import { defaultRoutingPolicy } from '../../core/routing/defaultPolicy';
import { estimateTokens, planRoute, type FallbackClassifier } from '../../core/routing/planner';
import type { AgentCandidate, RouteTask } from '../../core/routing/types';
import { findOnPath } from '../../infra/agents/cliLocator';
import { QuotaMonitor } from '../../infra/quota/quotaMonitor';
import { usageReport } from '../commands/usageReport';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The executable of an agent CLI: `BATON_<AGENT>_PATH` (e.g. `BATON_GEMINI_PATH`, set by Connect from the
 * `baton.agents.<id>.path` setting) when it names a file, else the command on PATH. Undefined when not found.
 */
export async function locateExecutable(agent: string, env: Env): Promise<string | undefined> {
	const descriptor = findAgentDescriptor(agent);
	if (!descriptor) return undefined;
	const configured = env[`BATON_${agent.toUpperCase()}_PATH`]?.trim();
	if (configured) {
		return (await stat(configured).catch(() => undefined))?.isFile() ? configured : undefined;
	}
	return findOnPath(descriptor.command, env['PATH'] ?? '');
}

/** Quota model and intent classifier kept for the life of the MCP server (created on first use). */
export class LocalViews {
	private monitor: Promise<QuotaMonitor> | undefined;
	private intents: FallbackClassifier | undefined;

	constructor(
		private readonly env: Env,
		private readonly createClassifier: () => FallbackClassifier,
	) {}

	private classifier(): FallbackClassifier {
		this.intents ??= this.createClassifier();
		return this.intents;
	}

	/** The quota monitor, read up to now. */
	private async quota(): Promise<QuotaMonitor> {
		if (!this.monitor) {
			this.monitor = QuotaMonitor.create({ env: this.env, homeDir: this.env['HOME'] || homedir(), platform: process.platform, watch: false });
			return this.monitor;
		}
		const monitor = await this.monitor;
		await monitor.refresh();
		return monitor;
	}

	/** The quota snapshot: per agent its label, binding window and every window with provenance, staleness and forecast. */
	async quotaSnapshot(agent?: QuotaAgent | undefined): Promise<Record<string, unknown>> {
		const monitor = await this.quota();
		const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
		const report = usageReport(monitor.latest(), [], zone, {});
		return {
			generatedAt: report.generatedAt,
			note: 'provenance: official = reported by the vendor, estimate = computed by Baton from local logs; staleness says how old a reading is',
			agents: report.agents.filter((a) => agent === undefined || a.agent === agent),
			...(agent !== undefined && !quotaAgents.includes(agent) ? { error: `unknown agent ${agent}` } : {}),
		};
	}

	/** Routes a task like `baton route` (intent model, availability on PATH, the quota outlook, the default policy). */
	async route(input: { readonly text: string; readonly files?: readonly string[] | undefined; readonly imageCount?: number | undefined; readonly model?: string | undefined; readonly thinking?: boolean | undefined }, workspace: string): Promise<Record<string, unknown>> {
		const files = input.files ?? [];
		let attached = 0;
		const unreadable: string[] = [];
		for (const f of files) {
			const size = (await stat(isAbsolute(f) ? f : join(workspace, f)).catch(() => undefined))?.size;
			if (size === undefined) unreadable.push(f);
			else attached += size;
		}
		const task: RouteTask = {
			text: input.text,
			estimatedTokens: estimateTokens(input.text, attached),
			attachedFiles: files,
			imageCount: input.imageCount ?? 0,
			...(input.model !== undefined ? { requestedModel: input.model } : {}),
			...(input.thinking === true ? { thinking: true } : {}),
		};
		const agents = await this.candidates();
		const quota = (await this.quota()).outlookProvider();
		const now = new Date();
		const plan = await planRoute(task, this.classifier(), () => ({ agents, quota, policy: defaultRoutingPolicy, now }));
		return {
			classifier: plan.classifier,
			estimatedTokens: task.estimatedTokens,
			...(unreadable.length > 0 ? { unreadableFiles: unreadable } : {}),
			steps: plan.steps.map((s) => ({
				text: s.text,
				intent: s.decision.intent,
				confidence: Math.round(s.decision.confidence * 100) / 100,
				agent: s.decision.agent,
				...(s.decision.model !== undefined ? { model: s.decision.model } : {}),
				reasons: s.decision.reasons,
				alternatives: s.decision.alternatives,
				...(s.decision.rule !== undefined ? { rule: s.decision.rule } : {}),
				askUser: s.decision.askUser,
			})),
		};
	}

	/** The agent for a task: the first routed step's agent, or null with the router's reasons. */
	async chooseAgent(text: string, files: readonly string[], workspace: string): Promise<{ readonly agent: string | null; readonly reasons: readonly string[] }> {
		const decision = await this.route({ text, files }, workspace);
		const first = (decision['steps'] as { agent: string | null; reasons: readonly string[] }[])[0];
		return { agent: first?.agent ?? null, reasons: first?.reasons ?? [] };
	}

	/** Stops the quota monitor. */
	async dispose(): Promise<void> {
		(await this.monitor?.catch(() => undefined))?.dispose();
	}

	private async candidates(): Promise<AgentCandidate[]> {
		const found = await Promise.all(builtInAgents.map(async (d) => [d.id, (await locateExecutable(d.id, this.env)) !== undefined] as const));
		const available = new Set(found.filter(([, ok]) => ok).map(([id]) => id));
		return routeCandidates(builtInAgents, (id) => available.has(id));
	}
}
