import { asArray, asRecord, asString, type JsonRecord } from '../../common/json';
import type { SessionRecord } from '../types';
import { contentText, isInjectedPrompt, toolCallRecords, transcriptLines } from './common';

interface Located {
	readonly line: number;
	message: JsonRecord;
}

/** Text of a Gemini tool call's `result` (functionResponse output or error), for error display. */
function resultText(call: JsonRecord): string {
	const display = asString(call['resultDisplay']);
	if (display) return display;
	for (const part of asArray(call['result']) ?? []) {
		const response = asRecord(asRecord(asRecord(part)?.['functionResponse'])?.['response']);
		const t = asString(response?.['error']) ?? asString(response?.['output']);
		if (t) return t;
	}
	return '';
}

/**
 * Reads a Gemini CLI chats file (`~/.gemini/tmp/<slug>/chats/session-*.jsonl`, cli-contracts §2.5) into normalized
 * records. Messages come as lines or inside `$set.messages` patches; the same message id can be written twice, so the
 * last copy wins while the first position keeps the order (its source line is the last copy's). User `text` parts
 * are prompts (injected `<session_context>` is skipped; `functionResponse` parts are skipped, as results come from
 * the tool calls); `gemini` messages give assistant text and `toolCalls` (status `error`/`cancelled` is a failed
 * result; write_todos becomes a plan); messages of type `error` become error records.
 * Pure; never throws.
 */
export function readGeminiTranscript(text: string, file: string): SessionRecord[] {
	const byId = new Map<string, Located>();
	const order: Located[] = [];
	const add = (message: JsonRecord, line: number): void => {
		const id = asString(message['id']);
		const existing = id ? byId.get(id) : undefined;
		if (existing) {
			const updated: Located = { line, message };
			order[order.indexOf(existing)] = updated;
			if (id) byId.set(id, updated);
			return;
		}
		const located: Located = { line, message };
		order.push(located);
		if (id) byId.set(id, located);
	};
	for (const { line, json } of transcriptLines(text)) {
		if (!json) continue;
		const set = asRecord(json['$set']);
		if (set) {
			for (const m of asArray(set['messages']) ?? []) {
				const r = asRecord(m);
				if (r) add(r, line);
			}
			continue;
		}
		if (asString(json['type'])) add(json, line);
	}
	const records: SessionRecord[] = [];
	for (const { line, message } of order) {
		const source = { file, line };
		const type = asString(message['type']);
		if (type === 'user') {
			const t = contentText(message['content']);
			if (t.trim() !== '' && !isInjectedPrompt(t)) records.push({ kind: 'user', text: t, source });
		} else if (type === 'gemini') {
			const t = contentText(message['content']);
			if (t.trim() !== '') records.push({ kind: 'assistant', text: t, source });
			for (const c of asArray(message['toolCalls']) ?? []) {
				const call = asRecord(c);
				if (!call) continue;
				const id = asString(call['id']);
				const name = asString(call['name']) ?? 'tool';
				records.push(...toolCallRecords(name, asRecord(call['args']), source, id));
				const status = asString(call['status']);
				if (status) {
					const isError = status === 'error' || status === 'cancelled';
					records.push({ kind: 'toolResult', ...(id ? { callId: id } : {}), isError, text: resultText(call), source });
				}
			}
		} else if (type === 'error') {
			const t = contentText(message['content']);
			if (t.trim() !== '') records.push({ kind: 'error', text: t, source });
		}
	}
	return records;
}
