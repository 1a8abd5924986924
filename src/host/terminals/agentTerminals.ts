import * as vscode from 'vscode';
import { builtInAgents } from '../../core/agents/descriptors';
import type { AgentStatusService } from '../agentStatusService';
import { terminalProfileIds } from '../ids';
import type { Logger } from '../log';
import { resolveUsableAgent } from '../agents/agentPreflight';
import { workspaceCwd } from '../workspace';

/** Opens agent CLIs in VS Code terminals and tracks the ones Baton opened. User-visible terminals stay open on dispose. */
export class AgentTerminals implements vscode.Disposable {
	private readonly open = new Map<vscode.Terminal, string>();
	private readonly disposables: vscode.Disposable[] = [];

	constructor(
		private readonly agents: AgentStatusService,
		private readonly log: Logger,
		private readonly extraEnv: () => Readonly<Record<string, string>> = () => ({}),
	) {
		this.disposables.push(vscode.window.onDidCloseTerminal((t) => this.open.delete(t)));
		for (const descriptor of builtInAgents) {
			const profileId = terminalProfileIds[descriptor.id as keyof typeof terminalProfileIds];
			this.disposables.push(
				vscode.window.registerTerminalProfileProvider(profileId, {
					provideTerminalProfile: async () => new vscode.TerminalProfile(await this.terminalOptions(descriptor.id)),
				}),
			);
		}
	}

	/** Agent ids of the terminals Baton opened that are still open. */
	get openAgents(): string[] {
		return [...this.open.values()];
	}

	/**
	 * Opens a terminal running the agent's interactive CLI in the workspace folder, with `initialPrompt` as its first
	 * message when given (all three CLIs take a positional prompt in interactive mode). Throws `RunRefusedError` when it cannot.
	 */
	async openTerminal(agentId: string, initialPrompt?: string): Promise<vscode.Terminal> {
		const options = await this.terminalOptions(agentId);
		const terminal = vscode.window.createTerminal(initialPrompt ? { ...options, shellArgs: [...(options.shellArgs ?? []), initialPrompt] } : options);
		this.open.set(terminal, agentId);
		terminal.show();
		this.log.info(`opened a ${agentId} terminal`);
		return terminal;
	}

	private async terminalOptions(agentId: string): Promise<vscode.TerminalOptions & { shellArgs: string[] }> {
		const { descriptor, executable } = await resolveUsableAgent(this.agents, agentId);
		const cwd = workspaceCwd();
		return {
			name: descriptor.displayName,
			shellPath: executable,
			shellArgs: [...descriptor.interactiveArgs],
			iconPath: new vscode.ThemeIcon('sparkle'),
			env: { ...this.extraEnv(), BATON_AGENT: agentId },
			...(cwd ? { cwd } : {}),
		};
	}

	dispose(): void {
		vscode.Disposable.from(...this.disposables).dispose();
		this.open.clear();
	}
}
