import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { builtInAgents } from '../../core/agents/descriptors';
import { KeywordClassifier } from '../../core/classifier/keywordClassifier';
import { CorrectionMemory, type Correction } from '../../core/routing/corrections';
import { routeCandidates } from '../../core/routing/candidates';
import { estimateTokens, FallbackClassifier, planRoute, type RoutePlan } from '../../core/routing/planner';
import { policyFromSettings } from '../../core/routing/policySettings';
import type { AgentCandidate, QuotaOutlook, QuotaOutlookProvider, RouteDecision, RouteTask } from '../../core/routing/types';
import type { RouteContext } from '../../core/routing/router';
import { failoverDecision } from '../../core/continuity/failover';
import { routerReviewerPreference, selectReviewer } from '../../core/critique/reviewer';
import { OnnxIntentClassifier } from '../../infra/onnx/onnxIntentClassifier';
import { isAgentAvailable, type AgentStatus } from '../../shared/agents';
import type { RouteLogEntry } from '../../shared/routes';
import type { AgentStatusService } from '../agentStatusService';
import type { BatonConfig } from '../config';
import { stateKeys } from '../ids';
import type { Logger } from '../log';

const maxLogEntries = 30;

/** Router candidates for the built-in agents; usable ones are those `statuses` report available. */
function candidatesOf(statuses: readonly AgentStatus[]): AgentCandidate[] {
	return routeCandidates(builtInAgents, (id) => statuses.some((st) => st.id === id && isAgentAvailable(st)));
}

/** Answers `unknown` for every agent until the quota module supplies real outlooks. */
export const unknownQuota: QuotaOutlookProvider = { outlook: (): QuotaOutlook => ({ level: 'unknown', crossesWarnBeforeReset: false }) };

/** Routes tasks: the ONNX intent model (keyword fallback), the policy from settings, learned corrections, and a log. */
export class RouterService implements vscode.Disposable {
	private readonly classifier: FallbackClassifier;
	private readonly corrections: CorrectionMemory;
	private readonly entries: RouteLogEntry[] = [];
	private readonly changed = new vscode.EventEmitter<readonly RouteLogEntry[]>();
	private warnedProblems = '';

	/** Fires with the whole routing log, newest first. */
	readonly onDidChange = this.changed.event;

	constructor(
		extensionUri: vscode.Uri,
		private readonly state: vscode.Memento,
		private readonly agents: AgentStatusService,
		private readonly config: BatonConfig,
		private readonly log: Logger,
		private readonly quota: () => QuotaOutlookProvider = () => unknownQuota,
	) {
		const models = vscode.Uri.joinPath(extensionUri, 'media', 'models');
		const onnx = OnnxIntentClassifier.create(vscode.Uri.joinPath(models, 'intent.onnx').fsPath, vscode.Uri.joinPath(models, 'labels.json').fsPath);
		this.classifier = new FallbackClassifier(onnx, new KeywordClassifier(), (error) => log.warn(`intent model unavailable, routing on keywords: ${error instanceof Error ? error.message : String(error)}`));
		this.corrections = new CorrectionMemory(state.get<Correction[]>(stateKeys.routerCorrections, []));
	}

	/** The routing log, newest first. */
	get history(): readonly RouteLogEntry[] {
		return this.entries;
	}

	/** Classifies and routes `text` (with attached content of `attachedChars` characters); logs the plan as pending. */
	async plan(text: string, attachedFiles: readonly string[] = [], attachedChars = 0): Promise<{ plan: RoutePlan; entry: RouteLogEntry }> {
		const started = performance.now();
		const task: RouteTask = { text, estimatedTokens: estimateTokens(text, attachedChars), attachedFiles, imageCount: 0 };
		const candidates = candidatesOf(await this.agents.knownOrLookUp());
		const policy = this.currentPolicy();
		const quota = this.quota();
		const now = new Date();
		const plan = await planRoute(task, this.classifier, (segmentText) => {
			const learned = this.corrections.nearest(segmentText);
			return { agents: candidates, quota, policy, now, ...(learned ? { learned: { agent: learned.agent, example: learned.example } } : {}) };
		});
		const entry: RouteLogEntry = {
			id: randomUUID(),
			at: now.toISOString(),
			text,
			classifier: plan.classifier,
			action: 'pending',
			elapsedMs: performance.now() - started,
			steps: plan.steps.map(({ text: stepText, decision: d }) => ({
				text: stepText,
				intent: d.intent,
				confidence: d.confidence,
				agent: d.agent,
				agentName: candidates.find((c) => c.id === d.agent)?.displayName ?? null,
				reasons: d.reasons,
				alternatives: d.alternatives,
				askUser: d.askUser,
				...(d.model ? { model: d.model } : {}),
				...(d.rule ? { rule: d.rule } : {}),
				...(d.learnedFrom ? { learnedFrom: d.learnedFrom } : {}),
			})),
		};
		this.entries.unshift(entry);
		this.entries.splice(maxLogEntries);
		this.changed.fire(this.entries);
		this.log.info(`routed in ${entry.elapsedMs.toFixed(2)} ms (${plan.classifier}): ${entry.steps.map((s) => `${s.intent}→${s.agent ?? 'none'}`).join(', ')}`);
		return { plan, entry };
	}

	/**
	 * The reviewer for work by `generator`: an available agent of another vendor, the router's choice for a `review`
	 * task (same vendor only when nothing else is available). Null when no agent is available.
	 */
	async reviewerFor(generator: string, task: string): Promise<{ agent: string; reason: string } | null> {
		const context = await this.settledContext();
		const available = context.agents.filter((c) => c.available).map((c) => c.id);
		const choice = selectReviewer({ generator, available, prefer: routerReviewerPreference({ text: task, estimatedTokens: estimateTokens(task), attachedFiles: [], imageCount: 0 }, context) });
		return choice.agent ? { agent: choice.agent, reason: choice.reason } : null;
	}

	/**
	 * Where a task continues after `from` stopped on a limit: the router's choice with `from` cooling down until
	 * `fromUntil` (ISO-8601 UTC) and every agent in `cooldowns` too. The whole task is routed as one piece.
	 */
	async failoverTarget(text: string, from: string, fromUntil: string, cooldowns: ReadonlyMap<string, string> = new Map()): Promise<RouteDecision> {
		const task: RouteTask = { text, estimatedTokens: estimateTokens(text), attachedFiles: [], imageCount: 0 };
		const classification = await this.classifier.classify(text);
		return failoverDecision(task, classification, await this.settledContext(), from, fromUntil, cooldowns);
	}

	/** Agents (once any lookup in flight has settled), quota, policy and time for one routing decision. */
	private async settledContext(): Promise<RouteContext> {
		return { agents: candidatesOf(await this.agents.whenSettled()), quota: this.quota(), policy: this.currentPolicy(), now: new Date() };
	}

	/** Records what the user did with a logged plan. */
	setAction(entryId: string, action: RouteLogEntry['action']): void {
		const index = this.entries.findIndex((e) => e.id === entryId);
		const entry = this.entries[index];
		if (entry) {
			this.entries[index] = { ...entry, action };
			this.changed.fire(this.entries);
		}
	}

	/** Remembers that `text` belongs on `agent`; near-identical tasks route there from now on. */
	async learn(text: string, agent: string): Promise<void> {
		this.corrections.add(text, agent, new Date());
		await this.state.update(stateKeys.routerCorrections, this.corrections.toJSON());
		this.log.info(`learned: tasks like "${text.slice(0, 60)}" go to ${agent}`);
	}

	private currentPolicy(): ReturnType<typeof policyFromSettings>['policy'] {
		const { policy, problems } = policyFromSettings(
			{
				rules: this.config.get('router.rules'),
				preferences: this.config.get('router.preferences'),
				defaultAgent: this.config.get('router.defaultAgent'),
				lowConfidenceAction: this.config.get('router.lowConfidenceAction'),
				quotaSensitiveIntents: this.config.get('router.quotaSensitiveIntents'),
			},
			builtInAgents.map((a) => a.id),
		);
		const summary = problems.join('\n');
		if (summary && summary !== this.warnedProblems) {
			this.warnedProblems = summary;
			this.log.warn(`router settings ignored:\n${summary}`);
			void vscode.window.showWarningMessage(`Baton: some router settings were ignored: ${problems[0] ?? ''}${problems.length > 1 ? ` (+${problems.length - 1} more in the log)` : ''}`);
		}
		return policy;
	}

	dispose(): void {
		this.changed.dispose();
	}
}
