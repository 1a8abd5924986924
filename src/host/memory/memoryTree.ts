import * as vscode from 'vscode';
import { memoryKinds, type MemoryEntry } from '../../core/memory/types';
import type { MemoryService } from './memoryService';

/** How the memory tree groups entries. */
export type MemoryGrouping = 'kind' | 'file' | 'session';

/** A node of the memory tree: a group, or one entry. */
export type MemoryNode = { readonly type: 'group'; readonly label: string; readonly entries: readonly MemoryEntry[] } | { readonly type: 'entry'; readonly entry: MemoryEntry; readonly group?: string };

const listLimit = 1000;
const kindIcons: Readonly<Record<string, string>> = { finding: 'lightbulb', decision: 'law', checkpoint: 'debug-breakpoint-log', handoff: 'arrow-swap', critique: 'comment-discussion', note: 'note', summary: 'list-flat' };

/** The URI of an entry's read-only document. */
export function memoryEntryUri(entry: MemoryEntry): vscode.Uri {
	return vscode.Uri.from({ scheme: 'baton-memory', path: `/${entry.id}/${entry.title.replace(/[\\/]/g, '-').slice(0, 60) || 'entry'}.md` });
}

function age(ms: number): string {
	const minutes = Math.round((Date.now() - ms) / 60_000);
	return minutes < 60 ? `${minutes}m ago` : minutes < 48 * 60 ? `${Math.round(minutes / 60)}h ago` : `${Math.round(minutes / 1440)}d ago`;
}

/** The memory browser: entries grouped by kind, file or session, or the hits of a search. */
export class MemoryTreeProvider implements vscode.TreeDataProvider<MemoryNode>, vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<void>();
	private readonly subscription: vscode.Disposable;
	private query = '';
	readonly onDidChangeTreeData = this.changed.event;

	constructor(
		private readonly memory: MemoryService,
		private grouping: MemoryGrouping,
	) {
		this.subscription = memory.onDidChange(() => this.changed.fire());
	}

	/** The active search, or '' when the tree shows everything. */
	get filter(): string {
		return this.query;
	}

	/** Shows only the hits of `query` ('' clears). */
	setFilter(query: string): void {
		this.query = query.trim();
		void vscode.commands.executeCommand('setContext', 'baton.memoryFiltered', this.query !== '');
		this.changed.fire();
	}

	setGrouping(grouping: MemoryGrouping): void {
		this.grouping = grouping;
		this.changed.fire();
	}

	refresh(): void {
		this.changed.fire();
	}

	async getChildren(node?: MemoryNode): Promise<MemoryNode[]> {
		if (node) {
			return node.type === 'group' ? node.entries.map((entry) => ({ type: 'entry', entry, group: node.label })) : [];
		}
		const store = await this.memory.open();
		if (!store) return [];
		if (this.query) {
			const words = this.query.split(/\s+/).filter(Boolean);
			const prefixQuery = words.map((w, i) => (i === words.length - 1 && !w.endsWith('*') ? `${w}*` : w)).join(' ');
			return (await store.search(prefixQuery, 200)).map((hit) => ({ type: 'entry', entry: hit.entry }));
		}
		const { entries } = await store.list({ limit: listLimit });
		const pinned = entries.filter((e) => e.pinned);
		const groups = new Map<string, MemoryEntry[]>();
		for (const entry of entries) {
			const keys = this.grouping === 'kind' ? [entry.kind] : this.grouping === 'session' ? [entry.sessionId ? `${entry.agent ?? 'agent'} ${entry.sessionId.slice(0, 8)}` : 'No session'] : entry.files.length > 0 ? entry.files : ['No file'];
			for (const key of keys) groups.set(key, [...(groups.get(key) ?? []), entry]);
		}
		const order = this.grouping === 'kind' ? memoryKinds.filter((k) => groups.has(k)) : [...groups.keys()].sort();
		return [...(pinned.length > 0 ? [{ type: 'group' as const, label: 'Pinned', entries: pinned }] : []), ...order.map((label) => ({ type: 'group' as const, label, entries: groups.get(label) ?? [] }))];
	}

	getTreeItem(node: MemoryNode): vscode.TreeItem {
		if (node.type === 'group') {
			const item = new vscode.TreeItem(node.label, node.label === 'Pinned' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
			item.description = String(node.entries.length);
			item.contextValue = 'memoryGroup';
			item.id = `group:${this.grouping}:${node.label}`;
			return item;
		}
		const e = node.entry;
		const item = new vscode.TreeItem(e.title, vscode.TreeItemCollapsibleState.None);
		item.id = `${node.group ?? 'hit'}:${e.id}`;
		item.description = `${e.pinned ? '$(pin) ' : ''}${e.kind} · ${e.agent ?? e.source} · ${age(e.updatedAt)}`;
		item.tooltip = new vscode.MarkdownString(`**${e.title}** (${e.kind}, id \`${e.id}\`)\n\n${e.body.slice(0, 500)}`);
		item.iconPath = new vscode.ThemeIcon(e.pinned ? 'pinned' : (kindIcons[e.kind] ?? 'note'));
		item.contextValue = e.pinned ? 'memoryEntry.pinned' : 'memoryEntry';
		item.command = { command: 'baton.openMemoryEntry', title: 'Open', arguments: [node] };
		item.accessibilityInformation = { label: `${e.title}, ${e.kind}${e.pinned ? ', pinned' : ''}` };
		return item;
	}

	dispose(): void {
		this.subscription.dispose();
		this.changed.dispose();
	}
}

/** Renders entries as read-only Markdown documents (`baton-memory:` URIs). */
export class MemoryDocumentProvider implements vscode.TextDocumentContentProvider {
	constructor(private readonly memory: MemoryService) {}

	async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
		const id = uri.path.split('/')[1] ?? '';
		const entry = await (await this.memory.open())?.get(id);
		if (!entry) return `Memory entry ${id} no longer exists.`;
		const meta = [`kind: ${entry.kind}`, `id: ${entry.id}`, `source: ${entry.source}`, entry.agent ? `agent: ${entry.agent}` : '', entry.sessionId ? `session: ${entry.sessionId}` : '', entry.files.length ? `files: ${entry.files.join(', ')}` : '', entry.tags.length ? `tags: ${entry.tags.join(', ')}` : '', `updated: ${new Date(entry.updatedAt).toISOString()}`, entry.pinned ? 'pinned' : ''].filter(Boolean);
		return `# ${entry.title}\n\n${meta.map((m) => `- ${m}`).join('\n')}\n\n${entry.body}\n`;
	}
}
