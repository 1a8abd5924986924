import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { runCritique, type CritiqueOutcome, type CritiqueStart } from '../../core/critique/loop';
import { critiqueNote } from '../../core/critique/critiqueReport';
import type { ReviewFinding } from '../../core/critique/reviewFormat';
import { roundView } from '../../core/critique/reviewView';
import { createCritiqueRunner, readWorkingTreeDiff } from '../../infra/critique/critiqueRunner';
import type { ReviewLoopView } from '../../shared/reviews';
import { resolveUsableAgent } from '../agents/agentPreflight';
import type { AgentStatusService } from '../agentStatusService';
import type { BatonConfig } from '../config';
import type { Logger } from '../log';
import type { MemoryService } from '../memory/memoryService';
import type { QuotaService } from '../quota/quotaService';
import { workspaceCwd } from '../workspace';

const severities: Readonly<Record<ReviewFinding['severity'], vscode.DiagnosticSeverity>> = {
	blocker: vscode.DiagnosticSeverity.Error,
	major: vscode.DiagnosticSeverity.Error,
	minor: vscode.DiagnosticSeverity.Warning,
	nit: vscode.DiagnosticSeverity.Information,
};

/**
 * Runs generate → review → revise loops across vendors, publishes open findings as diagnostics (Problems panel,
 * squiggles at file:line), keeps each loop's rounds for the panel, and stores the outcome in memory (kind `critique`).
 */
export class CritiqueService implements vscode.Disposable {
	private readonly diagnostics = vscode.languages.createDiagnosticCollection('Baton review');
	private readonly loops: ReviewLoopView[] = [];
	private readonly changed = new vscode.EventEmitter<readonly ReviewLoopView[]>();

	/** Fires with every loop, newest first. */
	readonly onDidChange = this.changed.event;

	constructor(
		private readonly agents: AgentStatusService,
		private readonly config: BatonConfig,
		private readonly memory: MemoryService,
		private readonly quota: QuotaService,
		private readonly log: Logger,
	) {}

	get views(): readonly ReviewLoopView[] {
		return this.loops;
	}

	/** Runs one loop to its stop rule. `label` names it in the panel. Throws `RunRefusedError` when an agent cannot run. */
	async run(label: string, start: CritiqueStart, generator: string, reviewer: string, cancel?: vscode.CancellationToken): Promise<CritiqueOutcome> {
		const cwd = workspaceCwd();
		if (!cwd) throw new Error('Open a folder first: reviews run in the workspace folder.');
		const [gen, rev] = [await resolveUsableAgent(this.agents, generator), await resolveUsableAgent(this.agents, reviewer)];
		const runner = createCritiqueRunner({
			cwd,
			agents: {
				[generator]: { executable: gen.executable, ...(this.config.agentModel(generator) ? { model: this.config.agentModel(generator) } : {}) },
				[reviewer]: { executable: rev.executable, ...(this.config.agentModel(reviewer) ? { model: this.config.agentModel(reviewer) } : {}) },
			},
			timeoutMs: this.config.get('agents.runTimeoutMinutes') * 60_000,
			onOutcome: (outcome) => outcome.failure && this.quota.applySignal(outcome.failure),
		});
		const id = randomUUID();
		let view: ReviewLoopView = { id, label, generator, reviewer, status: 'running', stopDetail: 'Running…', stopReason: null, rounds: [], totalTokens: 0 };
		const publish = (next: ReviewLoopView): void => {
			view = next;
			const index = this.loops.findIndex((l) => l.id === id);
			if (index >= 0) this.loops[index] = view;
			else this.loops.unshift(view);
			this.loops.splice(20);
			this.changed.fire(this.loops);
		};
		publish(view);
		const signal = { aborted: false };
		cancel?.onCancellationRequested(() => {
			signal.aborted = true;
			runner.cancel();
		});
		const outcome = await runCritique({
			start,
			generator,
			reviewer,
			runner,
			signal,
			refreshSubject: () => readWorkingTreeDiff(cwd),
			onProgress: (p) => {
				if (p.type === 'roundFinished') publish({ ...view, rounds: [...view.rounds, roundView(p.record)], totalTokens: view.totalTokens + p.record.tokens });
				if (p.type === 'agentStarted') publish({ ...view, stopDetail: `Round ${p.round}: ${p.agent} is ${p.role === 'reviewer' ? (p.retry ? 'retrying the review' : 'reviewing') : 'revising'}…` });
			},
		});
		publish({ ...view, status: 'done', stopReason: outcome.stopReason, stopDetail: outcome.stopDetail, totalTokens: outcome.totalTokens, ...(outcome.rawReview ? { rawReview: outcome.rawReview } : {}) });
		this.publishDiagnostics(cwd, outcome.openFindings);
		await this.remember(label, outcome);
		this.log.info(`review loop ${id}: ${outcome.stopReason} after ${outcome.rounds.length} round(s), ${outcome.openFindings.length} open finding(s)`);
		return outcome;
	}

	private publishDiagnostics(cwd: string, findings: readonly ReviewFinding[]): void {
		this.diagnostics.clear();
		const byFile = new Map<string, vscode.Diagnostic[]>();
		for (const f of findings) {
			const line = Math.max(0, (f.line ?? 1) - 1);
			const diagnostic = new vscode.Diagnostic(new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER), `[${f.severity}] ${f.title}${f.evidence ? ` — ${f.evidence}` : ''}${f.fix ? `\nFix: ${f.fix}` : ''}`, severities[f.severity]);
			diagnostic.source = 'Baton review';
			const file = f.file || '.';
			byFile.set(file, [...(byFile.get(file) ?? []), diagnostic]);
		}
		for (const [file, list] of byFile) {
			this.diagnostics.set(vscode.Uri.joinPath(vscode.Uri.file(cwd), file), list);
		}
	}

	private async remember(label: string, outcome: CritiqueOutcome): Promise<void> {
		const store = await this.memory.open();
		if (!store) return;
		const { title, body, files } = critiqueNote(label, outcome);
		await store.add({ kind: 'critique', title, body, files: [...files], agent: outcome.reviewer, source: 'user' }).catch((e: unknown) => this.log.warn(`could not store the review: ${String(e)}`));
	}

	dispose(): void {
		this.diagnostics.dispose();
		this.changed.dispose();
	}
}
