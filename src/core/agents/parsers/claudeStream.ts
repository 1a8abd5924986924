import { asArray, asNumber, asRecord, asString, type JsonRecord } from '../../common/json';
import type { AgentEvent, RateLimitWindow, StreamParser } from '../events';
import { epochSecondsToIso, FileToolTracker, parseJsonLine, textOf } from './parserSupport';

/** Claude Code tools that write files, with the input field holding the path. */
const claudeFileTools: Readonly<Record<string, string>> = { Write: 'file_path', Edit: 'file_path', MultiEdit: 'file_path', NotebookEdit: 'notebook_path' };

/** Claude's `rateLimitType` → Baton window; `overage` (usage credits) has no window. */
export function claudeWindow(rateLimitType: string | undefined): RateLimitWindow | null {
	if (rateLimitType === 'five_hour') {
		return 'five_hour';
	}
	return rateLimitType?.startsWith('seven_day') ? 'weekly' : null;
}

/** Parser for `claude -p --output-format stream-json --verbose` (cli-contracts §1.3). Unknown types are ignored. */
export function createClaudeStreamParser(): StreamParser {
	const files = new FileToolTracker(claudeFileTools, 'write');
	return {
		push(line) {
			return parseJsonLine(line, (event) => {
				switch (asString(event['type'])) {
					case 'system':
						return systemEvents(event);
					case 'assistant':
						return assistantEvents(event, files);
					case 'user':
						return toolResults(event, files);
					case 'rate_limit_event':
						return rateLimitEvents(event);
					case 'result':
						return resultEvents(event);
					default:
						return [];
				}
			});
		},
	};
}

function systemEvents(event: JsonRecord): AgentEvent[] {
	const subtype = asString(event['subtype']);
	if (subtype === 'init') {
		const sessionId = asString(event['session_id']);
		const model = asString(event['model']);
		return sessionId ? [{ type: 'session', sessionId, ...(model ? { model } : {}) }] : [];
	}
	if (subtype === 'api_retry') {
		const maxRetries = asNumber(event['max_retries']);
		const delayMs = asNumber(event['retry_delay_ms']);
		const status = asNumber(event['error_status']);
		return [{ type: 'retry', attempt: asNumber(event['attempt']) ?? 0, ...(maxRetries !== undefined ? { maxRetries } : {}), ...(delayMs !== undefined ? { delayMs } : {}), ...(status !== undefined ? { status } : {}) }];
	}
	return [];
}

function assistantEvents(event: JsonRecord, files: FileToolTracker): AgentEvent[] {
	const message = asRecord(event['message']);
	const blocks = asArray(message?.['content']) ?? [];
	if (asString(event['error']) !== undefined) {
		return [{ type: 'error', message: blocks.map(textOf).join('') }];
	}
	const out: AgentEvent[] = [];
	for (const block of blocks.map(asRecord)) {
		if (asString(block?.['type']) === 'text') {
			out.push({ type: 'text', text: asString(block?.['text']) ?? '', delta: false });
		} else if (asString(block?.['type']) === 'tool_use') {
			const id = asString(block?.['id']) ?? '';
			const name = asString(block?.['name']) ?? '';
			out.push({ type: 'toolCall', id, name, input: block?.['input'] ?? null });
			files.called(id, name, asRecord(block?.['input']));
		}
	}
	return out;
}

function toolResults(event: JsonRecord, files: FileToolTracker): AgentEvent[] {
	const blocks = asArray(asRecord(event['message'])?.['content']) ?? [];
	const out: AgentEvent[] = [];
	for (const block of blocks.map(asRecord)) {
		if (asString(block?.['type']) !== 'tool_result') {
			continue;
		}
		const id = asString(block?.['tool_use_id']) ?? '';
		const ok = block?.['is_error'] !== true;
		out.push({ type: 'toolResult', id, ok, output: textOf(block?.['content']) });
		out.push(...files.finished(id, ok));
	}
	return out;
}

function rateLimitEvents(event: JsonRecord): AgentEvent[] {
	const info = asRecord(event['rate_limit_info']);
	const status = asString(info?.['status']);
	const utilization = asNumber(info?.['utilization']);
	const resetsAt = epochSecondsToIso(info?.['resetsAt']);
	return [
		{
			type: 'rateLimit',
			status: status === 'rejected' ? 'rejected' : status === 'allowed_warning' ? 'warning' : 'allowed',
			window: claudeWindow(asString(info?.['rateLimitType'])),
			...(utilization !== undefined ? { utilization } : {}),
			...(resetsAt ? { resetsAt } : {}),
		},
	];
}

function resultEvents(event: JsonRecord): AgentEvent[] {
	const usage = asRecord(event['usage']);
	const out: AgentEvent[] = [];
	if (usage) {
		const cost = asNumber(event['total_cost_usd']);
		const model = Object.keys(asRecord(event['modelUsage']) ?? {})[0];
		out.push({
			type: 'usage',
			cumulative: false,
			usage: {
				inputTokens: asNumber(usage['input_tokens']) ?? 0,
				outputTokens: asNumber(usage['output_tokens']) ?? 0,
				cacheReadTokens: asNumber(usage['cache_read_input_tokens']) ?? 0,
				cacheCreationTokens: asNumber(usage['cache_creation_input_tokens']) ?? 0,
			},
			...(cost !== undefined ? { costUsd: cost } : {}),
			...(model ? { model } : {}),
		});
	}
	const subtype = asString(event['subtype']) ?? 'success';
	const errors = (asArray(event['errors']) ?? []).map(textOf).filter(Boolean);
	const durationMs = asNumber(event['duration_ms']);
	const turns = asNumber(event['num_turns']);
	out.push({
		type: 'result',
		ok: event['is_error'] !== true && subtype === 'success',
		text: asString(event['result']) ?? errors.join('\n'),
		...(durationMs !== undefined ? { durationMs } : {}),
		...(turns !== undefined ? { turns } : {}),
	});
	return out;
}
