import type { BridgeAgent, HookVerdict } from './types';

/** What the `baton hook` process prints and how it exits. */
export interface HookResponse {
	readonly stdout: string;
	readonly stderr: string;
	readonly exitCode: number;
}

/** The silent answer: nothing on stdout, exit 0 (the CLI carries on as if no hook ran). */
export const silentResponse: HookResponse = { stdout: '', stderr: '', exitCode: 0 };

/**
 * Native events whose JSON output may carry `hookSpecificOutput.additionalContext` that reaches the model
 * (verified or documented: cli-contracts §1.7, §2.6, §3.6). Claude's PreCompact takes plain stdout as compaction
 * instructions instead and is handled separately.
 */
const contextEvents: Readonly<Record<BridgeAgent, ReadonlySet<string>>> = {
	claude: new Set(['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'PostToolUseFailure']),
	gemini: new Set(['SessionStart', 'BeforeAgent', 'AfterTool']),
	codex: new Set(['SessionStart', 'UserPromptSubmit']),
};

/** Native events whose output may carry a top-level `systemMessage` shown to the user. */
const systemMessageAgents: ReadonlySet<BridgeAgent> = new Set(['claude', 'gemini']);

/** Events whose block is a tool denial rendered as JSON (exit 0). */
const toolGates: Readonly<Record<BridgeAgent, string>> = { claude: 'PreToolUse', gemini: 'BeforeTool', codex: 'PreToolUse' };

/** True when context returned for this native event reaches the agent's model. */
export function supportsContext(agent: BridgeAgent, rawEvent: string): boolean {
	return contextEvents[agent].has(rawEvent);
}

function json(value: unknown): string {
	return `${JSON.stringify(value)}\n`;
}

/**
 * Renders the hub's verdict in the format of `agent`'s hook protocol. Tool denials: Claude and Codex get
 * `hookSpecificOutput.permissionDecision:"deny"` JSON, Gemini `{"decision":"deny","reason"}` (all exit 0; each CLI
 * reports it to the model as a failed tool call). Blocks of other events use exit 2 with the reason on stderr.
 * Context: `hookSpecificOutput.additionalContext` where {@link supportsContext}; Claude's PreCompact gets it as plain
 * stdout (custom compaction instructions); elsewhere it is dropped. stdout is empty or exactly one JSON line, so
 * Gemini's "JSON only" rule holds.
 */
export function renderHookResponse(agent: BridgeAgent, rawEvent: string, verdict: HookVerdict): HookResponse {
	if (verdict.block !== undefined) {
		if (rawEvent === toolGates[agent]) {
			const body =
				agent === 'gemini'
					? { decision: 'deny', reason: verdict.block }
					: { hookSpecificOutput: { hookEventName: rawEvent, permissionDecision: 'deny', permissionDecisionReason: verdict.block } };
			return { stdout: json(body), stderr: '', exitCode: 0 };
		}
		return { stdout: '', stderr: `${verdict.block}\n`, exitCode: 2 };
	}
	const context = verdict.context !== undefined && verdict.context.trim() !== '' ? verdict.context : undefined;
	if (agent === 'claude' && rawEvent === 'PreCompact') {
		return context === undefined ? silentResponse : { stdout: `${context}\n`, stderr: '', exitCode: 0 };
	}
	const body: Record<string, unknown> = {};
	if (context !== undefined && supportsContext(agent, rawEvent)) {
		body['hookSpecificOutput'] = { hookEventName: rawEvent, additionalContext: context };
	}
	if (verdict.systemMessage !== undefined && systemMessageAgents.has(agent)) {
		body['systemMessage'] = verdict.systemMessage;
	}
	return Object.keys(body).length === 0 ? silentResponse : { stdout: json(body), stderr: '', exitCode: 0 };
}
