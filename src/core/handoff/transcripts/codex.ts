import { asRecord, asString, type JsonRecord } from '../../common/json';
import type { SessionRecord } from '../types';
import { contentText, isInjectedPrompt, toolCallRecords, transcriptLines } from './common';

function parseArguments(value: unknown): JsonRecord | undefined {
	const s = asString(value);
	if (s === undefined) return asRecord(value);
	try {
		return asRecord(JSON.parse(s));
	} catch {
		return undefined;
	}
}

/** True when a function_call_output reports a failing command (non-zero exit code) or a failure flag. */
function outputFailed(output: unknown): boolean {
	const record = asRecord(output);
	if (record && record['success'] === false) return true;
	const text = asString(output) ?? asString(record?.['content']) ?? '';
	const exit = /(?:Process exited with code|exit code:?|"exit_code":)\s*(-?\d+)/i.exec(text);
	return exit !== null && exit[1] !== '0';
}

/**
 * Reads a Codex CLI rollout (`~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl`, cli-contracts §3.5) into normalized
 * records from `response_item` lines: user/assistant `message`s (injected `<environment_context>` and developer
 * messages are skipped), `function_call` / `custom_tool_call` / `local_shell_call` (update_plan becomes a plan,
 * apply_patch names its files), `function_call_output` (failing exit code = error); and from `event_msg` lines
 * `error` / `stream_error` messages and `task_complete.error`. `item_completed` events duplicate the response items
 * and are skipped. Pure; never throws.
 */
export function readCodexTranscript(text: string, file: string): SessionRecord[] {
	const records: SessionRecord[] = [];
	for (const { line, json } of transcriptLines(text)) {
		const payload = asRecord(json?.['payload']);
		if (!json || !payload) continue;
		const source = { file, line };
		const type = asString(json['type']);
		const kind = asString(payload['type']);
		if (type === 'response_item') {
			if (kind === 'message') {
				const role = asString(payload['role']);
				const t = contentText(payload['content']);
				if (t.trim() === '') continue;
				if (role === 'user' && !isInjectedPrompt(t)) records.push({ kind: 'user', text: t, source });
				else if (role === 'assistant') records.push({ kind: 'assistant', text: t, source });
			} else if (kind === 'function_call' || kind === 'custom_tool_call' || kind === 'local_shell_call') {
				const name = asString(payload['name']) ?? (kind === 'local_shell_call' ? 'local_shell' : 'tool');
				const input = kind === 'local_shell_call' ? asRecord(payload['action']) : parseArguments(payload['arguments']);
				const patch = kind === 'custom_tool_call' ? asString(payload['input']) : undefined;
				records.push(...toolCallRecords(name, input, source, asString(payload['call_id']), patch));
			} else if (kind === 'function_call_output' || kind === 'custom_tool_call_output') {
				const output = payload['output'];
				const callId = asString(payload['call_id']);
				const textOut = asString(output) ?? asString(asRecord(output)?.['content']) ?? '';
				records.push({ kind: 'toolResult', ...(callId ? { callId } : {}), isError: outputFailed(output), text: textOut, source });
			}
		} else if (type === 'event_msg') {
			if (kind === 'error' || kind === 'stream_error') {
				const message = asString(payload['message']);
				if (message) records.push({ kind: 'error', text: message, source });
			} else if (kind === 'task_complete') {
				const message = asString(asRecord(payload['error'])?.['message']);
				if (message) records.push({ kind: 'error', text: message, source });
			}
		}
	}
	return records;
}
