import type { AgentId } from '../../shared/agents';
import { claudeDialect } from './dialects/claudeDialect';
import { codexDialect } from './dialects/codexDialect';
import { geminiDialect } from './dialects/geminiDialect';
import type { HeadlessDialect } from './headless';

/**
 * What Baton needs to know to find and identify one agent CLI. Adding a CLI is adding a descriptor.
 * Run-time argv building for headless runs lives beside this, per agent.
 */
export interface AgentDescriptor {
	readonly id: AgentId;
	readonly displayName: string;
	/** Executable name looked up on PATH. */
	readonly command: string;
	/** npm package that provides the executable. */
	readonly npmPackage: string;
	/** Arguments that make the CLI print its version and exit. */
	readonly versionArgs: readonly string[];
	/** How to run it headless and read its output. */
	readonly headless: HeadlessDialect;
	/** Arguments for an interactive session in a terminal (before any Baton additions). */
	readonly interactiveArgs: readonly string[];
	/** Context window of the CLI's default model, tokens; the router compares task sizes against it. */
	readonly contextWindowTokens: number;
	/** Baton may route tasks with image attachments to it. */
	readonly acceptsImages: boolean;
}

/** Claude Code, Gemini CLI and Codex CLI, in display order. */
export const builtInAgents: readonly AgentDescriptor[] = [
	{
		id: 'claude',
		displayName: 'Claude Code',
		command: 'claude',
		npmPackage: '@anthropic-ai/claude-code',
		versionArgs: ['--version'],
		headless: claudeDialect,
		interactiveArgs: [],
		contextWindowTokens: 200_000,
		acceptsImages: true,
	},
	{
		id: 'gemini',
		displayName: 'Gemini CLI',
		command: 'gemini',
		npmPackage: '@google/gemini-cli',
		versionArgs: ['--version'],
		headless: geminiDialect,
		interactiveArgs: [],
		contextWindowTokens: 1_000_000,
		acceptsImages: true,
	},
	{
		id: 'codex',
		displayName: 'Codex CLI',
		command: 'codex',
		npmPackage: '@openai/codex',
		versionArgs: ['--version'],
		headless: codexDialect,
		interactiveArgs: [],
		contextWindowTokens: 258_400,
		acceptsImages: false,
	},
];

/** The descriptor for `id`, or undefined for an unknown agent. */
export function findAgentDescriptor(id: AgentId, descriptors: readonly AgentDescriptor[] = builtInAgents): AgentDescriptor | undefined {
	return descriptors.find((d) => d.id === id);
}

/** The built-in agent's display name ("Claude Code"), or `id` itself for an unknown agent. */
export function agentName(id: string): string {
	return builtInAgents.find((d) => d.id === id)?.displayName ?? id;
}

/** The global npm install command for the agent's CLI. */
export function installCommandFor(descriptor: AgentDescriptor): string {
	return `npm i -g ${descriptor.npmPackage}`;
}

/**
 * Extracts the version number from a CLI's `--version` output:
 * `2.1.197 (Claude Code)` → `2.1.197`, `codex-cli 0.169.0` → `0.169.0`. Undefined when there is none.
 */
export function parseVersionOutput(output: string): string | undefined {
	const match = /\b(\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?)\b/.exec(output);
	return match?.[1];
}
