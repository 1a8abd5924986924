/**
 * Plain data shared by the `baton hook` CLI, the local bridge and the extension host: normalised hook events, the
 * hub's verdicts, bus events, sessions, claims and agent-to-agent messages. Everything here survives JSON.
 */

/** The agent CLIs Baton plugs into. */
export type BridgeAgent = 'claude' | 'gemini' | 'codex';

/** All agents, in display order. */
export const bridgeAgents: readonly BridgeAgent[] = ['claude', 'gemini', 'codex'];

/** True for `claude`, `gemini` or `codex`. */
export function isBridgeAgent(value: unknown): value is BridgeAgent {
	return value === 'claude' || value === 'gemini' || value === 'codex';
}

/**
 * What a native hook event means to Baton. `prompt`: a user prompt (Claude/Codex UserPromptSubmit, Gemini
 * BeforeAgent). `stop`: the agent finished its turn (Stop, Gemini AfterAgent). `other`: fired but ignored.
 */
export type HookKind =
	| 'session_start'
	| 'prompt'
	| 'pre_tool'
	| 'post_tool'
	| 'stop'
	| 'stop_failure'
	| 'session_end'
	| 'pre_compact'
	| 'notification'
	| 'other';

/** The tool part of a `pre_tool` / `post_tool` event. */
export interface HookTool {
	/** Tool name as the CLI reported it (`Write`, `write_file`, `apply_patch`, `Bash`, …). */
	readonly name: string;
	/** True for tools that write files (Write/Edit/MultiEdit/NotebookEdit, write_file/replace, apply_patch); false for shells. */
	readonly writesFiles: boolean;
	/** Files the tool writes: absolute, normalised, inside the workspace or cwd (see pathSafety). */
	readonly files: readonly string[];
	/** Paths from the payload that were rejected as hostile, with the reason; never acted upon. */
	readonly rejected: readonly string[];
	/** Post-tool only: the tool reported an error (nothing was written). */
	readonly failed: boolean;
}

/** A hook payload normalised across the three CLIs. `id` is unique per hook call (dedupes spool replays). */
export interface HookEvent {
	readonly id: string;
	readonly agent: BridgeAgent;
	readonly kind: HookKind;
	/** Native event name (`PreToolUse`, `BeforeTool`, …). */
	readonly rawEvent: string;
	readonly sessionId: string;
	/** When the hook fired: ISO-8601 UTC. */
	readonly at: string;
	/** The agent's working directory (absolute). */
	readonly cwd: string;
	/** Project root the CLI reported (CLAUDE_PROJECT_DIR / GEMINI_PROJECT_DIR) or the bridge's workspace; null if unknown. */
	readonly projectDir: string | null;
	/** `prompt`: the user's prompt (at most 4000 characters). */
	readonly prompt?: string;
	/** `session_start`: startup | resume | clear | compact; `session_end`: the reason; `pre_compact`: manual | auto. */
	readonly detail?: string;
	readonly tool?: HookTool;
	/** `stop_failure`: the CLI's error code (`rate_limit`, …) and text, for classifyFailure. */
	readonly failure?: { readonly error: string; readonly text: string };
	/** `notification`: what the CLI wants to tell the user. */
	readonly notification?: { readonly message: string; readonly title: string | null; readonly type: string | null };
	/** Model name when the payload carried one. */
	readonly model?: string;
	/** IANA zone of the hook process, for reset times printed without a zone. */
	readonly timeZone?: string;
	/** True when this hook's response can carry additionalContext for this CLI (see hookResponses.supportsContext). */
	readonly canInject: boolean;
}

/** What the hub answers to a hook: text for the agent, or a refusal. Empty object = nothing to say. */
export interface HookVerdict {
	/** Text injected into the agent's context (additionalContext / compaction instructions). */
	readonly context?: string;
	/** Refuse the action (pre_tool): the reason shown to the agent. */
	readonly block?: string;
	/** Text for the user's terminal (Gemini/Claude `systemMessage`). */
	readonly systemMessage?: string;
}

/** One agent session the bridge has seen. */
export interface BridgeSession {
	readonly sessionId: string;
	readonly agent: BridgeAgent;
	readonly cwd: string;
	readonly startedAt: string;
	readonly lastSeenAt: string;
	/** First prompt of the session (its goal), at most 500 characters; null until a prompt arrives. */
	readonly goal: string | null;
	/** Latest prompt, at most 500 characters. */
	readonly lastPrompt: string | null;
	/** `live` until Stop/SessionEnd; a later hook of the same session makes it live again. */
	readonly state: 'live' | 'ended';
}

/** A lease on one file held by one session. */
export interface FileClaim {
	/** Absolute normalised path. */
	readonly file: string;
	readonly sessionId: string;
	readonly agent: BridgeAgent;
	readonly claimedAt: string;
	/** ISO-8601 UTC; renewed by further edits of the same session. */
	readonly expiresAt: string;
}

/** Who a message is for: a session id, an agent (the first of its sessions to look consumes it) or `*` (every other session once). */
export type MessageTarget = string;

/** An agent-to-agent message. `delegation` is a message that hands work over (shown as such on the bus). */
export interface BridgeMessage {
	readonly id: string;
	readonly kind: 'message' | 'delegation';
	readonly from: { readonly agent: BridgeAgent | 'user'; readonly sessionId: string | null };
	readonly to: MessageTarget;
	readonly text: string;
	readonly at: string;
}

/** Bus event types. */
export type BusEventType =
	| 'session_started'
	| 'session_ended'
	| 'prompt'
	| 'file_claimed'
	| 'claim_blocked'
	| 'file_written'
	| 'collision'
	| 'message'
	| 'delegation'
	| 'signal'
	| 'notification';

/** Per-type payloads of bus events. */
export interface BusEventData {
	session_started: { readonly cwd: string; readonly source: string | null };
	session_ended: { readonly reason: string; readonly releasedClaims: number };
	prompt: { readonly text: string };
	file_claimed: { readonly file: string; readonly expiresAt: string };
	claim_blocked: { readonly file: string; readonly holder: { readonly agent: BridgeAgent; readonly sessionId: string }; readonly expiresAt: string };
	file_written: { readonly file: string; readonly tool: string };
	collision: { readonly file: string; readonly sessions: readonly { readonly agent: BridgeAgent; readonly sessionId: string; readonly at: string }[] };
	message: { readonly messageId: string; readonly to: string; readonly text: string };
	delegation: { readonly messageId: string; readonly to: string; readonly text: string };
	signal: { readonly kind: string; readonly window: string | null; readonly resetsAt: string | null; readonly message: string };
	notification: { readonly message: string; readonly title: string | null; readonly type: string | null };
}

/** One event on the bus. `seq` increases by one per event; `at` is ISO-8601 UTC. */
export type BusEvent = {
	[T in BusEventType]: {
		readonly seq: number;
		readonly type: T;
		readonly at: string;
		readonly agent: BridgeAgent | 'user' | null;
		readonly sessionId: string | null;
		readonly data: BusEventData[T];
	};
}[BusEventType];

/** Filter for reading or subscribing to the bus. */
export interface BusFilter {
	readonly agent?: BridgeAgent | 'user';
	readonly sessionId?: string;
	readonly types?: readonly BusEventType[];
	/** Only events with `seq` greater than this. */
	readonly afterSeq?: number;
}

/**
 * Long-term memory the hub calls into (implemented by the memory module). All methods resolve to text for the agent.
 * `budgetTokens`: upper bound for the recalled text, in tokens (about 4 characters each).
 */
export interface BridgeMemory {
	recall(task: string, budgetTokens: number): Promise<string>;
	remember(input: { readonly text: string; readonly agent: BridgeAgent | null; readonly sessionId: string | null; readonly tags: readonly string[] }): Promise<string>;
	checkpoint(input: {
		readonly summary: string;
		readonly agent: BridgeAgent | null;
		readonly sessionId: string | null;
		readonly goal: string | null;
		readonly files: readonly string[];
	}): Promise<string>;
	/** Stores a review (memory kind `critique`) written by `reviewer` for `agent`'s session; resolves to the entry id. */
	critique(input: { readonly title: string; readonly body: string; readonly agent: BridgeAgent | null; readonly reviewer: BridgeAgent | null; readonly sessionId: string | null; readonly files: readonly string[] }): Promise<string>;
}
