import * as os from 'node:os';
import { builtInAgents } from '../../core/agents/descriptors';
import { batonDataDir } from '../../core/common/dataPaths';
import { locateAgents } from '../../infra/agents/cliLocator';
import { isAgentAvailable, type AgentStatus } from '../../shared/agents';
import { parseArgs } from '../args';
import type { CliCommand } from '../context';

/** `baton doctor`: which agent CLIs are usable and where Baton keeps its data. Exit 0 when at least one agent is usable. */
export const doctorCommand: CliCommand = {
	summary: 'Show which agent CLIs are installed, their versions, and where Baton stores data',
	usage: 'baton doctor [--json]',
	async run(argv, context) {
		const args = parseArgs(argv, new Set(['json']), new Set(['json']));
		if (args.positionals.length > 0) {
			context.stderr(`baton doctor: unexpected argument '${args.positionals[0]}'\nusage: ${this.usage}\n`);
			return 2;
		}
		const agents = await locateAgents(builtInAgents, { searchPath: context.env['PATH'] ?? '' });
		const dataDir = batonDataDir({ platform: process.platform, homeDir: os.homedir(), env: context.env });
		const report = {
			baton: context.version,
			node: process.version,
			platform: `${process.platform}-${process.arch}`,
			agents,
			data: {
				userStateDir: dataDir,
				memoryDatabase: 'memory.sqlite in each workspace\'s VS Code storage folder',
			},
		};
		context.stdout(args.options.has('json') ? `${JSON.stringify(report, null, 2)}\n` : renderDoctor(report.baton, agents, dataDir));
		return agents.some(isAgentAvailable) ? 0 : 1;
	},
};

function renderDoctor(version: string, agents: readonly AgentStatus[], dataDir: string): string {
	const lines = [`Baton ${version} (node ${process.version}, ${process.platform}-${process.arch})`, '', 'Agent CLIs:'];
	for (const agent of agents) {
		const state = isAgentAvailable(agent) ? `${agent.version ?? '?'}  ${agent.path ?? ''}` : `not usable: ${agent.problem ?? 'unknown problem'}`;
		lines.push(`  ${agent.id.padEnd(7)} ${agent.displayName.padEnd(12)} ${state}`);
	}
	if (!agents.some(isAgentAvailable)) {
		lines.push('', 'No agent CLI is usable. Install at least one:', ...agents.map((a) => `  ${a.installCommand}`));
	}
	lines.push('', 'Data:', `  per-user state   ${dataDir}`, '  memory database  memory.sqlite in each workspace\'s VS Code storage folder', '');
	return lines.join('\n');
}
