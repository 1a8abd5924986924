import { asRecord, asString, type JsonRecord } from '../common/json';
import { supportsContext } from './hookResponses';
import { allowedRoots, checkPayloadPath } from './pathSafety';
import type { BridgeAgent, HookEvent, HookKind, HookTool } from './types';

/** Native hook event name → Baton's kind, per CLI (cli-contracts §1.7, §2.6, §3.6). */
export const hookKinds: Readonly<Record<BridgeAgent, Readonly<Record<string, HookKind>>>> = {
	claude: {
		SessionStart: 'session_start',
		UserPromptSubmit: 'prompt',
		PreToolUse: 'pre_tool',
		PostToolUse: 'post_tool',
		PostToolUseFailure: 'post_tool',
		Stop: 'stop',
		StopFailure: 'stop_failure',
		SessionEnd: 'session_end',
		PreCompact: 'pre_compact',
		Notification: 'notification',
	},
	gemini: {
		SessionStart: 'session_start',
		BeforeAgent: 'prompt',
		BeforeTool: 'pre_tool',
		AfterTool: 'post_tool',
		AfterAgent: 'stop',
		SessionEnd: 'session_end',
		PreCompress: 'pre_compact',
		Notification: 'notification',
	},
	codex: {
		SessionStart: 'session_start',
		UserPromptSubmit: 'prompt',
		PreToolUse: 'pre_tool',
		PostToolUse: 'post_tool',
		Stop: 'stop',
		SessionEnd: 'session_end',
		PreCompact: 'pre_compact',
	},
};

/** File-writing tools per CLI and the input keys that hold their path. Shell tools (Bash, run_shell_command) are not file writes. */
export const fileWriteTools: Readonly<Record<BridgeAgent, Readonly<Record<string, readonly string[]>>>> = {
	claude: { Write: ['file_path'], Edit: ['file_path'], MultiEdit: ['file_path'], NotebookEdit: ['notebook_path'] },
	gemini: { write_file: ['file_path', 'absolute_path', 'path'], replace: ['file_path', 'absolute_path', 'path'] },
	codex: { apply_patch: [] },
};

/** Inputs besides the payload: where the hook runs and what it knows about the workspace. */
export interface NormalizeContext {
	readonly agent: BridgeAgent;
	/** Event name from the command line (`baton hook claude PreToolUse`); the payload's `hook_event_name` wins. */
	readonly eventName: string;
	/** Unique id for this hook call. */
	readonly id: string;
	readonly now: Date;
	/** Workspace root: the bridge's workspace or the CLI's project dir env; null if unknown. */
	readonly projectDir: string | null;
	/** The hook process's cwd, used when the payload has none. */
	readonly fallbackCwd: string;
	readonly timeZone?: string;
}

/** A normalised event, or why the payload could not be used. */
export type NormalizeResult = { readonly ok: true; readonly event: HookEvent } | { readonly ok: false; readonly reason: string };

const maxPrompt = 4000;
const maxId = 200;

/** File paths named by a Codex `apply_patch` patch (`*** Add/Update/Delete File:` and `*** Move to:` lines), in order. */
export function patchFiles(patch: string): string[] {
	const files: string[] = [];
	for (const m of patch.matchAll(/^\*\*\* (?:Add File|Update File|Delete File|Move to): (.+?)\s*$/gm)) {
		const file = m[1] as string;
		if (!files.includes(file)) {
			files.push(file);
		}
	}
	return files;
}

function rawToolPaths(agent: BridgeAgent, name: string, input: unknown): unknown[] {
	if (agent === 'codex') {
		const record = asRecord(input);
		const patch = typeof input === 'string' ? input : (asString(record?.['command']) ?? asString(record?.['input']) ?? asString(record?.['patch']));
		return patch === undefined ? [] : patchFiles(patch);
	}
	const record = asRecord(input);
	const keys = fileWriteTools[agent][name] ?? [];
	const key = keys.find((k) => record?.[k] !== undefined);
	return key === undefined ? [] : [record?.[key]];
}

function toolFailed(agent: BridgeAgent, rawEvent: string, payload: JsonRecord): boolean {
	if (rawEvent === 'PostToolUseFailure') {
		return true;
	}
	const response = payload['tool_response'];
	if (agent === 'gemini') {
		const error = asRecord(response)?.['error'];
		return error !== undefined && error !== null && error !== '';
	}
	if (agent === 'codex' && typeof response === 'string') {
		const code = /^Exit code: (-?\d+)/m.exec(response)?.[1];
		return code !== undefined && code !== '0';
	}
	return false;
}

function readTool(agent: BridgeAgent, kind: HookKind, rawEvent: string, payload: JsonRecord, cwd: string, projectDir: string | null): HookTool {
	const name = asString(payload['tool_name']) ?? '';
	const writesFiles = Object.hasOwn(fileWriteTools[agent], name);
	const files: string[] = [];
	const rejected: string[] = [];
	if (writesFiles) {
		const roots = allowedRoots(projectDir, cwd);
		for (const raw of rawToolPaths(agent, name, payload['tool_input'])) {
			const checked = checkPayloadPath(raw, cwd, roots);
			if (checked.ok) {
				if (!files.includes(checked.path)) files.push(checked.path);
			} else {
				rejected.push(`${typeof raw === 'string' ? JSON.stringify(raw.slice(0, 300)) : typeof raw}: ${checked.reason}`);
			}
		}
	}
	return { name, writesFiles, files, rejected, failed: kind === 'post_tool' && toolFailed(agent, rawEvent, payload) };
}

/** The user's prompt without the `<hook_context>` block Gemini prepends for SessionStart context. */
function cleanPrompt(agent: BridgeAgent, prompt: string): string {
	const text = agent === 'gemini' ? prompt.replace(/^\s*<hook_context>[\s\S]*?<\/hook_context>\s*/, '') : prompt;
	return text.slice(0, maxPrompt);
}

function isAbsolutePath(value: string): boolean {
	return value.startsWith('/') || /^(?:[A-Za-z]:[\\/]|\\\\)/.test(value);
}

/**
 * Turns one CLI's hook payload (stdin JSON) into a {@link HookEvent}. Unknown events map to kind `other`; a payload
 * without a session id or with the wrong shape is refused. File paths of writing tools are checked with pathSafety:
 * hostile ones land in `tool.rejected` and are never claimed or reported.
 */
export function normalizeHookPayload(payload: unknown, context: NormalizeContext): NormalizeResult {
	const record = asRecord(payload);
	if (!record) {
		return { ok: false, reason: 'payload is not a JSON object' };
	}
	const { agent } = context;
	const rawEvent = asString(record['hook_event_name']) ?? context.eventName;
	const kind = hookKinds[agent][rawEvent] ?? 'other';
	const sessionId = asString(record['session_id']);
	if (sessionId === undefined || sessionId.length === 0 || sessionId.length > maxId) {
		return { ok: false, reason: 'payload has no usable session_id' };
	}
	const payloadCwd = asString(record['cwd']);
	const cwd = payloadCwd !== undefined && isAbsolutePath(payloadCwd) && payloadCwd.length <= 4096 ? payloadCwd : context.fallbackCwd;
	const projectDir = context.projectDir;
	const base = {
		id: context.id,
		agent,
		kind,
		rawEvent,
		sessionId,
		at: context.now.toISOString(),
		cwd,
		projectDir,
		canInject: supportsContext(agent, rawEvent),
		...(context.timeZone ? { timeZone: context.timeZone } : {}),
	};
	const model = asString(record['model']);
	const extra: { -readonly [K in keyof HookEvent]?: HookEvent[K] } = model ? { model: model.slice(0, 200) } : {};
	switch (kind) {
		case 'session_start':
		case 'session_end':
		case 'pre_compact': {
			const detail = asString(record['source']) ?? asString(record['reason']) ?? asString(record['trigger']);
			if (detail !== undefined) extra.detail = detail.slice(0, 100);
			break;
		}
		case 'prompt': {
			extra.prompt = cleanPrompt(agent, asString(record['prompt']) ?? '');
			break;
		}
		case 'pre_tool':
		case 'post_tool':
			extra.tool = readTool(agent, kind, rawEvent, record, cwd, projectDir);
			break;
		case 'stop_failure': {
			const error = asString(record['error']) ?? 'unknown';
			const text = [error, asString(record['error_details']), asString(record['last_assistant_message'])].filter((s) => s).join('\n');
			extra.failure = { error: error.slice(0, 100), text: text.slice(0, 8000) };
			break;
		}
		case 'notification': {
			const message = asString(record['message']) ?? '';
			extra.notification = { message: message.slice(0, 1000), title: asString(record['title'])?.slice(0, 200) ?? null, type: asString(record['notification_type'])?.slice(0, 100) ?? null };
			break;
		}
		default:
			break;
	}
	return { ok: true, event: { ...base, ...extra } };
}
