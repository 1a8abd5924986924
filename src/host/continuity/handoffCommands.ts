import * as vscode from 'vscode';
import { builtInAgents } from '../../core/agents/descriptors';
import { isAgentAvailable } from '../../shared/agents';
import type { HandoffView } from '../../shared/handoffs';
import type { AgentRunService } from '../agents/agentRunService';
import type { AgentStatusService } from '../agentStatusService';
import type { FailoverService } from './failoverService';

/** What the handoff command uses. */
export interface HandoffCommandDeps {
	readonly agents: AgentStatusService;
	readonly runs: AgentRunService;
	readonly failover: FailoverService;
}

/**
 * `Baton: Hand Off Run to Another Agent…`: picks a run (or takes its id) and a target agent of the usable ones (or takes
 * its id), then continues the run's task there from a handoff brief. Resolves with the handoff, undefined when cancelled.
 */
export async function handOffRun(deps: HandoffCommandDeps, runArg?: unknown, agentArg?: unknown): Promise<HandoffView | undefined> {
	const runs = deps.runs.runs;
	if (runs.length === 0) {
		void vscode.window.showInformationMessage('Baton: no runs to hand off yet. Start one with Run Task with Agent or Route Task.');
		return undefined;
	}
	const runId =
		typeof runArg === 'string'
			? runArg
			: (await vscode.window.showQuickPick(runs.map((r) => ({ label: `${r.agentName}: ${r.prompt.split('\n')[0]?.slice(0, 80) ?? ''}`, description: r.status, detail: r.failure?.message ?? '', id: r.id })), { title: 'Hand Off Run', placeHolder: 'Which run?' }))?.id;
	const run = runId ? deps.runs.run(runId) : undefined;
	if (!run) return undefined;
	const statuses = await deps.agents.whenSettled();
	const others = builtInAgents.filter((a) => a.id !== run.agentId && statuses.some((s) => s.id === a.id && isAgentAvailable(s)));
	const target =
		typeof agentArg === 'string'
			? agentArg
			: (await vscode.window.showQuickPick(others.map((a) => ({ label: a.displayName, id: a.id })), { title: `Hand Off ${run.agentName}'s Run`, placeHolder: 'Continue on which agent?' }))?.id;
	if (!target) return undefined;
	return deps.failover.handOffRun(run, target);
}
