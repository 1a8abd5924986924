import { readFile, writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { memoryKinds, type MemoryEntry, type MemoryKind } from '../../core/memory/types';
import type { MemoryService } from './memoryService';
import { memoryEntryUri, type MemoryGrouping, type MemoryNode, type MemoryTreeProvider } from './memoryTree';

/** What the memory commands use. */
export interface MemoryCommandDeps {
	readonly memory: MemoryService;
	readonly memoryTree: MemoryTreeProvider;
	readonly setGrouping: (grouping: MemoryGrouping) => Thenable<void>;
}

/** Options for tests: skip the questions. */
export interface RememberOptions {
	readonly title?: string;
	readonly kind?: MemoryKind;
}

function entryOf(arg: unknown): MemoryEntry | undefined {
	const node = arg as MemoryNode | undefined;
	return node?.type === 'entry' ? node.entry : undefined;
}

async function store(deps: MemoryCommandDeps) {
	const opened = await deps.memory.open();
	if (!opened) throw new Error('memory is not available (see the Baton log)');
	return opened;
}

/** `Baton: Remember Selection`: stores the selection (with its file and lines) as a memory entry. */
export async function rememberSelection(deps: MemoryCommandDeps, options: RememberOptions = {}): Promise<MemoryEntry | undefined> {
	const editor = vscode.window.activeTextEditor;
	if (!editor || editor.selection.isEmpty) {
		void vscode.window.showInformationMessage('Baton: select the text to remember in an editor first.');
		return undefined;
	}
	const text = editor.document.getText(editor.selection);
	const file = vscode.workspace.asRelativePath(editor.document.uri, false);
	const lines = `${editor.selection.start.line + 1}-${editor.selection.end.line + 1}`;
	const kind = options.kind ?? ((await vscode.window.showQuickPick(memoryKinds.map((k) => k), { title: 'Remember Selection: kind', placeHolder: 'finding' })) as MemoryKind | undefined);
	if (!kind) return undefined;
	const title = options.title ?? (await vscode.window.showInputBox({ title: 'Remember Selection: title', value: text.split('\n')[0]?.trim().slice(0, 80) ?? '' }));
	if (title === undefined) return undefined;
	const entry = await (await store(deps)).add({ kind, title: title || `${file}:${lines}`, body: `${text}\n\n(${file}, lines ${lines})`, files: [file], source: 'user' });
	void vscode.window.showInformationMessage(`Baton remembered "${entry.title}".`);
	return entry;
}

/** `Baton: Search Memory`: filters the memory tree to the hits of a query. */
export async function searchMemory(deps: MemoryCommandDeps, queryArg?: unknown): Promise<void> {
	const query = typeof queryArg === 'string' ? queryArg : await vscode.window.showInputBox({ title: 'Search Memory', prompt: 'Words to find (full text, ranked by relevance)', value: deps.memoryTree.filter });
	if (query !== undefined) deps.memoryTree.setFilter(query);
}

/** Opens an entry as a read-only Markdown document. */
export async function openMemoryEntry(arg: unknown): Promise<void> {
	const entry = entryOf(arg);
	if (entry) await vscode.window.showTextDocument(memoryEntryUri(entry), { preview: true });
}

/** Edits an entry's title and body. */
export async function editMemoryEntry(deps: MemoryCommandDeps, arg: unknown): Promise<void> {
	const entry = entryOf(arg);
	if (!entry) return;
	const title = await vscode.window.showInputBox({ title: 'Edit Memory: title', value: entry.title });
	if (title === undefined) return;
	const body = await vscode.window.showInputBox({ title: 'Edit Memory: text', value: entry.body });
	if (body === undefined) return;
	await (await store(deps)).update(entry.id, { title, body });
}

/** Pins or unpins an entry (pinned entries rank first in recall and are never forgotten by retention). */
export async function setMemoryPinned(deps: MemoryCommandDeps, arg: unknown, pinned: boolean): Promise<MemoryEntry | undefined> {
	const entry = entryOf(arg);
	return entry ? (await store(deps)).setPinned(entry.id, pinned) : undefined;
}

/** Deletes an entry and offers Undo, which restores it exactly. */
export async function deleteMemoryEntry(deps: MemoryCommandDeps, arg: unknown): Promise<MemoryEntry | undefined> {
	const entry = entryOf(arg);
	if (!entry) return undefined;
	const opened = await store(deps);
	const deleted = await opened.delete(entry.id);
	if (deleted) {
		void vscode.window.showInformationMessage(`Baton deleted "${deleted.title}".`, 'Undo').then(async (choice) => {
			if (choice === 'Undo') await opened.restore(deleted);
		});
	}
	return deleted;
}

/** Restores a deleted entry (the Undo of delete; also a command for tests and keybindings). */
export async function restoreMemoryEntry(deps: MemoryCommandDeps, entry: unknown): Promise<MemoryEntry | undefined> {
	return entry && typeof entry === 'object' ? (await store(deps)).restore(entry as MemoryEntry) : undefined;
}

/** Copies an entry's title and text. */
export async function copyMemoryEntry(arg: unknown): Promise<void> {
	const entry = entryOf(arg);
	if (entry) await vscode.env.clipboard.writeText(`${entry.title}\n\n${entry.body}`);
}

/** Exports all entries to a JSONL file the user picks. */
export async function exportMemory(deps: MemoryCommandDeps): Promise<void> {
	const target = await vscode.window.showSaveDialog({ filters: { 'JSON Lines': ['jsonl'] }, saveLabel: 'Export Memory' });
	if (!target) return;
	await writeFile(target.fsPath, await (await store(deps)).exportJsonl());
	void vscode.window.showInformationMessage(`Baton exported memory to ${target.fsPath}.`);
}

/** Imports entries from a JSONL file (one entry per line); reports refused lines. */
export async function importMemory(deps: MemoryCommandDeps): Promise<void> {
	const [source] = (await vscode.window.showOpenDialog({ filters: { 'JSON Lines': ['jsonl'] }, openLabel: 'Import Memory' })) ?? [];
	if (!source) return;
	const report = await (await store(deps)).importJsonl(await readFile(source.fsPath, 'utf8'));
	const refused = report.errors.length > 0 ? ` ${report.errors.length} line(s) refused, first: line ${report.errors[0]?.line}: ${report.errors[0]?.message}` : '';
	void vscode.window.showInformationMessage(`Baton imported ${report.imported} entr${report.imported === 1 ? 'y' : 'ies'}.${refused}`);
}

/** Asks how to group the tree. */
export async function groupMemoryBy(deps: MemoryCommandDeps, arg?: unknown): Promise<void> {
	const grouping = (typeof arg === 'string' ? arg : (await vscode.window.showQuickPick(['kind', 'file', 'session'], { title: 'Group Memory By' }))) as MemoryGrouping | undefined;
	if (grouping) {
		deps.memoryTree.setGrouping(grouping);
		await deps.setGrouping(grouping);
	}
}
