import { asArray, asNumber, asRecord, asString, type JsonRecord } from '../../common/json';
import type { AgentEvent, StreamParser } from '../events';
import { parseJsonLine } from './parserSupport';

/** Parser for `codex exec --json` (cli-contracts §3.2). Usage is the thread's cumulative total, so it is flagged so. */
export function createCodexStreamParser(): StreamParser {
	const started = new Set<string>();
	let lastMessage = '';
	return {
		push(line) {
			return parseJsonLine(line, (event) => {
				const item = asRecord(event['item']);
				switch (asString(event['type'])) {
					case 'thread.started': {
						const sessionId = asString(event['thread_id']);
						return sessionId ? [{ type: 'session', sessionId }] : [];
					}
					case 'item.started':
						return item ? itemStarted(item, started) : [];
					case 'item.completed': {
						const events = item ? itemCompleted(item, started) : [];
						for (const e of events) {
							if (e.type === 'text') {
								lastMessage = e.text;
							}
						}
						return events;
					}
					case 'turn.completed':
						return [usageEvent(asRecord(event['usage'])), { type: 'result', ok: true, text: lastMessage }];
					case 'turn.failed':
						return [{ type: 'result', ok: false, text: asString(asRecord(event['error'])?.['message']) ?? 'turn failed' }];
					case 'error':
						return [{ type: 'error', message: asString(event['message']) ?? line }];
					default:
						return [];
				}
			});
		},
	};
}

function toolCallOf(item: JsonRecord): AgentEvent | undefined {
	const id = asString(item['id']) ?? '';
	switch (asString(item['type'])) {
		case 'command_execution':
			return { type: 'toolCall', id, name: 'shell', input: { command: asString(item['command']) ?? '' } };
		case 'mcp_tool_call':
			return { type: 'toolCall', id, name: `${asString(item['server']) ?? 'mcp'}.${asString(item['tool']) ?? ''}`, input: item['arguments'] ?? null };
		case 'file_change':
			return { type: 'toolCall', id, name: 'apply_patch', input: { changes: item['changes'] ?? [] } };
		default:
			return undefined;
	}
}

function itemStarted(item: JsonRecord, started: Set<string>): AgentEvent[] {
	const call = toolCallOf(item);
	if (!call) {
		return [];
	}
	started.add(asString(item['id']) ?? '');
	return [call];
}

function itemCompleted(item: JsonRecord, started: Set<string>): AgentEvent[] {
	const id = asString(item['id']) ?? '';
	const type = asString(item['type']);
	if (type === 'agent_message') {
		return [{ type: 'text', text: asString(item['text']) ?? '', delta: false }];
	}
	if (type === 'error') {
		return [{ type: 'error', message: asString(item['message']) ?? '' }];
	}
	const call = toolCallOf(item);
	if (!call) {
		return [];
	}
	const out: AgentEvent[] = started.delete(id) ? [] : [call];
	const status = asString(item['status']);
	if (type === 'command_execution') {
		out.push({ type: 'toolResult', id, ok: status === 'completed' && asNumber(item['exit_code']) === 0, output: asString(item['aggregated_output']) ?? '' });
	} else if (type === 'mcp_tool_call') {
		const error = asString(asRecord(item['error'])?.['message']) ?? asString(item['error']);
		out.push({ type: 'toolResult', id, ok: status === 'completed' && !error, output: error ?? JSON.stringify(asRecord(item['result'])?.['content'] ?? '') });
	} else {
		const ok = status === 'completed';
		out.push({ type: 'toolResult', id, ok, output: '' });
		if (ok) {
			for (const change of (asArray(item['changes']) ?? []).map(asRecord)) {
				const path = asString(change?.['path']);
				const kind = asString(change?.['kind']);
				if (path) {
					out.push({ type: 'fileEdit', path, tool: 'apply_patch', change: kind === 'add' || kind === 'delete' ? kind : 'update' });
				}
			}
		}
	}
	return out;
}

function usageEvent(usage: JsonRecord | undefined): AgentEvent {
	const input = asNumber(usage?.['input_tokens']) ?? 0;
	const cached = asNumber(usage?.['cached_input_tokens']) ?? 0;
	return {
		type: 'usage',
		cumulative: true,
		usage: {
			inputTokens: Math.max(0, input - cached),
			outputTokens: asNumber(usage?.['output_tokens']) ?? 0,
			cacheReadTokens: cached,
			cacheCreationTokens: asNumber(usage?.['cache_write_input_tokens']) ?? 0,
		},
	};
}
