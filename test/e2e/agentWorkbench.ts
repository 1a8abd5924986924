import { mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from '../harness/codeServer';
import { claudeSetup, geminiSetup } from '../rig/cliEnv';
import { writeSetupFiles } from '../rig/cliSandbox';
import type { MockModelServer } from '../rig/mockModelServer';
import { realCliPath } from '../support/realClis';
import { openWorkbench, type Workbench } from './workbench';

/** Options of {@link openAgentWorkbench}. */
export interface AgentWorkbenchOptions {
	/** How the real Claude CLI authenticates against the mock: a subscriber (session limits) or an API key. */
	readonly claudeAuth?: 'subscriber' | 'apiKey';
	/** User settings of the profile (`baton.*`). */
	readonly settings?: Record<string, unknown>;
}

/**
 * code-server with the real `claude` and `gemini` CLIs on `PATH` (codex absent), both pointed at `server` with their
 * credential-free setup files in the profile's home.
 */
export async function openAgentWorkbench(name: string, server: MockModelServer, options: AgentWorkbenchOptions = {}): Promise<Workbench> {
	const home = join(repoRoot, 'test-results', 'profiles', name, 'home');
	const claude = claudeSetup({ baseUrl: server.url, home, ...(options.claudeAuth ? { auth: options.claudeAuth } : {}) });
	const gemini = geminiSetup({ baseUrl: server.url, home });
	const bin = join(repoRoot, 'test-results', 'profiles', `${name}-bin`);
	mkdirSync(bin, { recursive: true });
	for (const cli of ['claude', 'gemini'] as const) {
		try {
			symlinkSync(realCliPath(cli), join(bin, cli));
		} catch {
			// already linked by an earlier run
		}
	}
	const env = Object.fromEntries(Object.entries({ ...gemini.env, ...claude.env }).filter(([k]) => !['PATH', 'HOME', 'TMPDIR'].includes(k)));
	return openWorkbench(
		name,
		{ pathPrepend: [bin, dirname(process.execPath)], settings: { 'baton.agents.gemini.model': 'gemini-2.5-pro', ...options.settings }, prepareHome: () => void Promise.all([writeSetupFiles(claude), writeSetupFiles(gemini)]) },
		env,
	);
}
