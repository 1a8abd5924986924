import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findAgentDescriptor } from '../../core/agents/descriptors';
import type { AgentEvent } from '../../core/agents/events';
import type { PermissionLevel } from '../../core/agents/headless';
import { agentName } from '../../core/bridge/hubText';
import { bridgeMethods } from '../../core/bridge/protocol';
import { isBridgeAgent } from '../../core/bridge/types';
import { buildDelegation, clampTimeoutSeconds, delegationDepthVar, delegationHeader, delegationLimits, longOutputAnswer, newDelegationId } from '../../core/delegation/delegation';
import { capPermission, findRole, type RoleCatalog } from '../../core/delegation/roles';
import { startHeadlessRun } from '../../infra/agents/headlessRunner';
import type { BridgeLink } from './bridgeLink';

/** Arguments of the `delegate` tool. */
export interface DelegateArgs {
	readonly agent?: string | undefined;
	readonly prompt: string;
	readonly role?: string | undefined;
	readonly files?: readonly string[] | undefined;
	readonly timeoutSeconds?: number | undefined;
	readonly maxInlineChars?: number | undefined;
	readonly model?: string | undefined;
}

/** What a delegation needs from the MCP server. */
export interface DelegateDeps {
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly link: BridgeLink;
	readonly workspace: string;
	/** Folder for outputs over the inline limit. */
	readonly outputDir: string;
	/** Most a delegate may do, whatever its role asks. */
	readonly maxPermission: PermissionLevel;
	readonly roles: () => Promise<RoleCatalog>;
	readonly locate: (agent: string) => Promise<string | undefined>;
	readonly chooseAgent: (prompt: string, files: readonly string[]) => Promise<{ readonly agent: string | null; readonly reasons: readonly string[] }>;
	/** Progress for the client (only called when it asked for progress). */
	readonly progress: (message: string) => void;
	readonly signal: AbortSignal;
	/** Milliseconds between "still running" progress messages (default 15 s). */
	readonly heartbeatMs?: number;
}

/** The tool's answer. */
export interface DelegateResult {
	readonly text: string;
	readonly isError: boolean;
	/** Where the whole output went, when it was over the inline limit. */
	readonly outputPath?: string;
}

const fail = (text: string): DelegateResult => ({ text, isError: true });

/** A progress line for a CLI event of `agent` (a display name), or undefined for events not worth reporting. */
export function describeAgentEvent(event: AgentEvent, agent: string): string | undefined {
	switch (event.type) {
		case 'session':
			return `${agent} started${event.model ? ` (${event.model})` : ''}`;
		case 'toolCall':
			return `${agent} is using ${event.name}`;
		case 'fileEdit':
			return `${agent} edited ${event.path}`;
		case 'retry':
			return `${agent} is retrying (attempt ${event.attempt})`;
		case 'rateLimit':
			return `${agent} reported a rate limit (${event.status})`;
		default:
			return undefined;
	}
}

async function recallFor(link: BridgeLink, prompt: string): Promise<string> {
	try {
		return (await link.request(bridgeMethods.recall, { task: prompt.slice(0, 8000), budgetTokens: delegationLimits.recallBudgetTokens }, 3000)).text;
	} catch {
		return '';
	}
}

async function announce(link: BridgeLink, to: string, text: string): Promise<void> {
	const from = { agent: link.agent ?? ('user' as const), sessionId: await link.sessionId() };
	await link.request(bridgeMethods.sendMessage, { from, to, text: text.slice(0, 8000), kind: 'delegation' }, 2000).catch(() => undefined);
}

/**
 * Runs `args.agent` (or the routed agent) headless in the workspace with the role's instructions and recalled memory,
 * reports progress, honours the timeout and cancellation, and returns the output: inline, or — over
 * `maxInlineChars` — written to `<outputDir>/<id>.md` and answered with its start, its size and the path. The
 * delegation is published on the bridge (best effort).
 */
export async function runDelegation(args: DelegateArgs, deps: DelegateDeps): Promise<DelegateResult> {
	const depth = Number(deps.env[delegationDepthVar] ?? 0) || 0;
	if (depth >= delegationLimits.maxDepth) {
		return fail(`Refused: this agent is itself a delegate ${depth} level(s) deep; do the work yourself instead of delegating further.`);
	}
	const catalog = await deps.roles();
	const found = findRole(catalog, args.role);
	if ('error' in found) return fail(found.error);
	const files = args.files ?? [];
	let agent = args.agent;
	let routedBecause = '';
	if (agent === undefined) {
		const choice = await deps.chooseAgent(args.prompt, files);
		if (choice.agent === null) return fail(`Baton could not pick an agent for this task: ${choice.reasons.join('; ')}`);
		agent = choice.agent;
		routedBecause = choice.reasons.join('; ');
	}
	const descriptor = findAgentDescriptor(agent);
	if (!descriptor) return fail(`Unknown agent '${agent}'; use claude, gemini or codex.`);
	const executable = await deps.locate(agent);
	if (!executable) return fail(`${descriptor.displayName} (\`${descriptor.command}\`) is not installed or not on PATH for Baton's MCP server.`);
	const name = isBridgeAgent(agent) ? agentName(agent) : descriptor.displayName;
	const timeoutSeconds = clampTimeoutSeconds(args.timeoutSeconds);
	const maxInline = args.maxInlineChars ?? delegationLimits.defaultMaxInlineChars;
	const role = found.role;
	const memory = await recallFor(deps.link, args.prompt);
	const { instructions, prompt } = buildDelegation({ role, prompt: args.prompt, files, memory, ...(deps.link.agent ? { from: agentName(deps.link.agent) } : {}) });
	const id = newDelegationId(new Date(), randomBytes(5).toString('hex'));
	const to = `${agent} (headless)`;
	await announce(deps.link, to, `[${role.name}] ${args.prompt}`);
	deps.progress(`delegating to ${name} as ${role.title}${routedBecause ? ` (routed: ${routedBecause})` : ''}`);

	const started = Date.now();
	const run = startHeadlessRun({
		agentId: agent,
		executable,
		dialect: descriptor.headless,
		request: { prompt, cwd: deps.workspace, permission: capPermission(role.permission, deps.maxPermission), instructions, ...(args.model ? { model: args.model } : {}) },
		env: { ...deps.env, [delegationDepthVar]: String(depth + 1) },
		timeoutMs: timeoutSeconds * 1000,
		cancelGraceMs: 2000,
		onEvent: (event) => {
			const message = describeAgentEvent(event, name);
			if (message) deps.progress(message);
		},
	});
	const onAbort = (): void => run.cancel();
	deps.signal.addEventListener('abort', onAbort);
	const heartbeat = setInterval(() => deps.progress(`${name} still working (${Math.round((Date.now() - started) / 1000)} s of at most ${timeoutSeconds} s)`), deps.heartbeatMs ?? 15_000);
	const outcome = await run.done.finally(() => {
		clearInterval(heartbeat);
		deps.signal.removeEventListener('abort', onAbort);
	});

	const tokens = outcome.usage ? { input: outcome.usage.tokens.inputTokens + outcome.usage.tokens.cacheReadTokens + outcome.usage.tokens.cacheCreationTokens, output: outcome.usage.tokens.outputTokens } : undefined;
	const header = delegationHeader({
		id,
		agentName: name,
		role: role.name,
		status: outcome.status,
		durationMs: outcome.durationMs,
		timeoutSeconds,
		fileEdits: outcome.fileEdits,
		...(outcome.model ? { model: outcome.model } : {}),
		...(tokens ? { tokens } : {}),
		...(outcome.status !== 'succeeded' && outcome.failure ? { failure: outcome.failure.message } : {}),
	});
	const output = outcome.resultText;
	let body = output;
	let outputPath: string | undefined;
	if (output.length > maxInline) {
		outputPath = join(deps.outputDir, `${id}.md`);
		try {
			await mkdir(deps.outputDir, { recursive: true, mode: 0o700 });
			await writeFile(outputPath, output, { mode: 0o600 });
			body = longOutputAnswer(output, outputPath, maxInline);
		} catch (error) {
			outputPath = undefined;
			body = `${output.slice(0, maxInline)}\n[… cut at ${maxInline} characters: the output could not be saved (${error instanceof Error ? error.message : String(error)})]`;
		}
	}
	const problems = catalog.problems.length > 0 ? `\n\nRole file problems: ${catalog.problems.join('; ')}` : '';
	await announce(deps.link, to, `[${role.name}] ${outcome.status} in ${Math.round(outcome.durationMs / 1000)} s${outputPath ? `, output in ${outputPath}` : ''}`);
	const text = `${header}\n\n${body === '' ? '(no output)' : body}${problems}`;
	return { text, isError: outcome.status !== 'succeeded', ...(outputPath ? { outputPath } : {}) };
}
