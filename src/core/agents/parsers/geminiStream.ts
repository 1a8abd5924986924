import { asNumber, asRecord, asString, type JsonRecord } from '../../common/json';
import type { AgentEvent, StreamParser } from '../events';
import { FileToolTracker, parseJsonLine } from './parserSupport';

/** Gemini CLI tools that write files, with the parameter holding the path. */
const geminiFileTools: Readonly<Record<string, string>> = { write_file: 'file_path', replace: 'file_path' };

/** Parser for `gemini -p … -o stream-json` (cli-contracts §2.2). Assistant deltas are joined into the result text. */
export function createGeminiStreamParser(): StreamParser {
	const files = new FileToolTracker(geminiFileTools, 'write');
	let assistantText = '';
	return {
		push(line) {
			return parseJsonLine(line, (event) => {
				switch (asString(event['type'])) {
					case 'init': {
						const sessionId = asString(event['session_id']);
						const model = asString(event['model']);
						return sessionId ? [{ type: 'session', sessionId, ...(model ? { model } : {}) }] : [];
					}
					case 'message': {
						if (asString(event['role']) !== 'assistant') {
							return [];
						}
						const text = asString(event['content']) ?? '';
						const delta = event['delta'] === true;
						assistantText = delta ? assistantText + text : text;
						return [{ type: 'text', text, delta }];
					}
					case 'tool_use': {
						const id = asString(event['tool_id']) ?? '';
						const name = asString(event['tool_name']) ?? '';
						files.called(id, name, asRecord(event['parameters']));
						return [{ type: 'toolCall', id, name, input: event['parameters'] ?? null }];
					}
					case 'tool_result': {
						const id = asString(event['tool_id']) ?? '';
						const ok = asString(event['status']) === 'success';
						const output = asString(event['output']) ?? asString(asRecord(event['error'])?.['message']) ?? '';
						return [{ type: 'toolResult', id, ok, output }, ...files.finished(id, ok)];
					}
					case 'error':
						return [{ type: 'error', message: asString(event['message']) ?? asString(asRecord(event['error'])?.['message']) ?? line }];
					case 'result':
						return resultEvents(event, assistantText);
					default:
						return [];
				}
			});
		},
	};
}

function resultEvents(event: JsonRecord, assistantText: string): AgentEvent[] {
	const stats = asRecord(event['stats']);
	const ok = asString(event['status']) === 'success';
	const out: AgentEvent[] = [];
	if (stats) {
		const model = Object.keys(asRecord(stats['models']) ?? {})[0];
		const prompt = asNumber(stats['input_tokens']) ?? 0;
		const cached = asNumber(stats['cached']) ?? 0;
		out.push({
			type: 'usage',
			cumulative: false,
			usage: { inputTokens: asNumber(stats['input']) ?? Math.max(0, prompt - cached), outputTokens: asNumber(stats['output_tokens']) ?? 0, cacheReadTokens: cached, cacheCreationTokens: 0 },
			...(model ? { model } : {}),
		});
	}
	const errorMessage = asString(asRecord(event['error'])?.['message']);
	const durationMs = asNumber(stats?.['duration_ms']);
	out.push({ type: 'result', ok, text: ok ? assistantText : (errorMessage ?? assistantText), ...(durationMs !== undefined ? { durationMs } : {}) });
	return out;
}
