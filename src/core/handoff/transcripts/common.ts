import { asArray, asRecord, asString, type JsonRecord } from '../../common/json';
import type { PlanItem, RecordSource, SessionRecord, ToolAccess } from '../types';

/** One line of a transcript file with its 1-based number, parsed when it is a JSON object. */
export interface TranscriptLine {
	readonly line: number;
	readonly json: JsonRecord | undefined;
}

/** Splits file text into numbered lines and parses each (tolerates CRLF, blank and truncated lines). */
export function transcriptLines(text: string): TranscriptLine[] {
	const out: TranscriptLine[] = [];
	const parts = text.split('\n');
	for (const [i, raw] of parts.entries()) {
		const trimmed = raw.trim();
		if (trimmed === '') continue;
		let json: JsonRecord | undefined;
		if (trimmed.startsWith('{')) {
			try {
				json = asRecord(JSON.parse(trimmed));
			} catch {
				json = undefined;
			}
		}
		out.push({ line: i + 1, json });
	}
	return out;
}

const readTools = /^(read|read_file|read_many_files|view|cat|glob|grep|search_file_content|list_directory|ls|notebookread)$/i;
const writeTools = /^(write|edit|multiedit|write_file|replace|edit_file|apply_patch|notebookedit|str_replace_based_edit_tool|create_file)$/i;
const execTools = /^(bash|shell|run_shell_command|exec_command|local_shell|container\.exec|unified_exec)$/i;
const planTools = /^(todowrite|write_todos|update_plan)$/i;

/** How a tool call of `name` touches the workspace, from the tool name alone. */
export function toolAccess(name: string): ToolAccess {
	if (planTools.test(name)) return 'plan';
	if (writeTools.test(name)) return 'write';
	if (readTools.test(name)) return 'read';
	if (execTools.test(name)) return 'exec';
	return 'other';
}

const pathKeys = ['file_path', 'path', 'absolute_path', 'notebook_path', 'filePath', 'file'];

/** File paths named in a tool input object (`file_path`, `path`, `paths[]`, apply_patch headers). */
export function pathsFromInput(input: JsonRecord | undefined, patchText?: string): string[] {
	const paths: string[] = [];
	for (const key of pathKeys) {
		const value = asString(input?.[key]);
		if (value) paths.push(value);
	}
	for (const value of asArray(input?.['paths']) ?? []) {
		const s = asString(value);
		if (s) paths.push(s);
	}
	const patch = patchText ?? asString(input?.['patch']) ?? asString(input?.['input']);
	if (patch) {
		for (const m of patch.matchAll(/^\*\*\* (?:Update|Add|Delete) File: (.+)$/gm)) {
			if (m[1]) paths.push(m[1].trim());
		}
	}
	return [...new Set(paths)];
}

/** The shell command in a tool input: `command` / `cmd` as a string or argv array (`bash -lc X` gives X). */
export function commandFromInput(input: JsonRecord | undefined): string | undefined {
	const value = input?.['command'] ?? input?.['cmd'];
	const s = asString(value);
	if (s) return s;
	const argv = asArray(value)?.map(asString).filter((x): x is string => x !== undefined);
	if (!argv || argv.length === 0) return undefined;
	const shell = argv.findIndex((a) => a === '-lc' || a === '-c');
	return shell >= 0 && argv[shell + 1] ? argv[shell + 1] : argv.join(' ');
}

function normalizeStatus(status: string): string {
	const s = status.toLowerCase().replace(/[\s-]+/g, '_');
	if (s === 'done' || s === 'complete') return 'completed';
	if (s === 'todo') return 'pending';
	return s;
}

/** Plan items of a TodoWrite (`todos[{content,status}]`), write_todos (`todos[{description,status}]`) or update_plan (`plan[{step,status}]`) input. */
export function planFromInput(input: JsonRecord | undefined): PlanItem[] {
	const list = asArray(input?.['todos']) ?? asArray(input?.['plan']) ?? [];
	const items: PlanItem[] = [];
	for (const entry of list) {
		const r = asRecord(entry);
		const text = asString(r?.['content']) ?? asString(r?.['description']) ?? asString(r?.['step']) ?? asString(r?.['text']);
		if (text) items.push({ text, status: normalizeStatus(asString(r?.['status']) ?? 'pending') });
	}
	return items;
}

/** The records one tool call yields: a plan record for plan tools, otherwise a toolCall record. */
export function toolCallRecords(name: string, input: JsonRecord | undefined, source: RecordSource, id: string | undefined, patchText?: string): SessionRecord[] {
	const access = toolAccess(name);
	if (access === 'plan') {
		const items = planFromInput(input);
		return items.length > 0 ? [{ kind: 'plan', items, source }] : [];
	}
	const command = access === 'exec' ? commandFromInput(input) : undefined;
	return [{ kind: 'toolCall', ...(id ? { id } : {}), name, access, paths: pathsFromInput(input, patchText), ...(command ? { command } : {}), source }];
}

/** Text of a content value: a string, or the `text` fields of an array of parts joined by newlines. */
export function contentText(content: unknown): string {
	const s = asString(content);
	if (s !== undefined) return s;
	const parts = asArray(content) ?? [];
	return parts
		.map((p) => asString(p) ?? asString(asRecord(p)?.['text']) ?? '')
		.filter((t) => t !== '')
		.join('\n');
}

/** True for prompts the CLI injected rather than the user typed (`<environment_context>`, `<session_context>`, command wrappers). */
export function isInjectedPrompt(text: string): boolean {
	const t = text.trimStart();
	return /^<(environment_context|session_context|user_instructions|permissions instructions|skills_instructions|command-|local-command|system-reminder)/.test(t) || t.startsWith('# AGENTS.md') || t.startsWith('Caveat:');
}
