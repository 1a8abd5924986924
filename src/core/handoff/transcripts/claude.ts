import { asArray, asRecord, asString } from '../../common/json';
import type { SessionRecord } from '../types';
import { contentText, isInjectedPrompt, toolCallRecords, transcriptLines } from './common';

/**
 * Reads a Claude Code session transcript (`~/.claude/projects/<cwd>/<session>.jsonl`, cli-contracts §1.6) into
 * normalized records. User string content is a prompt; `tool_result` parts are tool results (with `is_error`);
 * assistant `text` parts are assistant text, `tool_use` parts tool calls (TodoWrite becomes a plan); API error
 * lines (`isApiErrorMessage`, `<synthetic>` model) and `system` lines of level `error` become error records.
 * Sidechain (subagent) lines, meta lines, attachments and queue operations are skipped; malformed lines are ignored.
 * `file` names the transcript in record sources. Pure; never throws.
 */
export function readClaudeTranscript(text: string, file: string): SessionRecord[] {
	const records: SessionRecord[] = [];
	for (const { line, json } of transcriptLines(text)) {
		if (!json || json['isSidechain'] === true || json['isMeta'] === true) continue;
		const source = { file, line };
		const type = asString(json['type']);
		const message = asRecord(json['message']);
		if (type === 'system') {
			if (asString(json['level']) === 'error') {
				const content = asString(json['content']);
				if (content) records.push({ kind: 'error', text: content, source });
			}
			continue;
		}
		if (type === 'user') {
			const content = message?.['content'];
			const plain = asString(content);
			if (plain !== undefined) {
				if (plain.trim() !== '' && !isInjectedPrompt(plain)) records.push({ kind: 'user', text: plain, source });
				continue;
			}
			for (const part of asArray(content) ?? []) {
				const p = asRecord(part);
				if (asString(p?.['type']) === 'tool_result') {
					const callId = asString(p?.['tool_use_id']);
					records.push({ kind: 'toolResult', ...(callId ? { callId } : {}), isError: p?.['is_error'] === true, text: contentText(p?.['content']), source });
				} else if (asString(p?.['type']) === 'text') {
					const t = asString(p?.['text']) ?? '';
					if (t.trim() !== '' && !isInjectedPrompt(t)) records.push({ kind: 'user', text: t, source });
				}
			}
			continue;
		}
		if (type === 'assistant') {
			const content = asArray(message?.['content']) ?? [];
			if (json['isApiErrorMessage'] === true || asString(message?.['model']) === '<synthetic>') {
				const t = contentText(content) || asString(json['error']) || 'API error';
				records.push({ kind: 'error', text: t, source });
				continue;
			}
			for (const part of content) {
				const p = asRecord(part);
				const partType = asString(p?.['type']);
				if (partType === 'text') {
					const t = asString(p?.['text']) ?? '';
					if (t.trim() !== '') records.push({ kind: 'assistant', text: t, source });
				} else if (partType === 'tool_use') {
					records.push(...toolCallRecords(asString(p?.['name']) ?? 'tool', asRecord(p?.['input']), source, asString(p?.['id'])));
				}
			}
		}
	}
	return records;
}
