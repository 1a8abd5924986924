import * as vscode from 'vscode';
import { findAgentDescriptor, installCommandFor, type AgentDescriptor } from '../../core/agents/descriptors';
import { isAgentAvailable } from '../../shared/agents';
import type { AgentStatusService } from '../agentStatusService';

/** A problem the user can act on, with an optional command to copy (e.g. the install command). */
export class RunRefusedError extends Error {
	override readonly name = 'RunRefusedError';
	constructor(
		message: string,
		readonly copyText?: string,
	) {
		super(message);
	}
}

/** An agent that may be started now. */
export interface UsableAgent {
	readonly descriptor: AgentDescriptor;
	readonly executable: string;
}

/**
 * Checks that an agent CLI may be started: the workspace is trusted, the agent is known, and its CLI is found
 * (refreshing once if it was missing). Throws `RunRefusedError` with a message that says what to do.
 */
export async function resolveUsableAgent(agents: AgentStatusService, agentId: string): Promise<UsableAgent> {
	if (!vscode.workspace.isTrusted) {
		throw new RunRefusedError('Baton does not start agent CLIs in an untrusted workspace. Trust the workspace first (Workspaces: Manage Workspace Trust).');
	}
	const descriptor = findAgentDescriptor(agentId);
	if (!descriptor) {
		throw new RunRefusedError(`Unknown agent '${agentId}'.`);
	}
	let status = (await agents.whenSettled()).find((s) => s.id === agentId);
	if (!status || !isAgentAvailable(status)) {
		status = (await agents.refresh()).find((s) => s.id === agentId);
	}
	if (!status?.path || !isAgentAvailable(status)) {
		const install = installCommandFor(descriptor);
		throw new RunRefusedError(`${descriptor.displayName} is not usable: ${status?.problem ?? 'not found'}. Install it with: ${install}`, install);
	}
	return { descriptor, executable: status.path };
}
