import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { BridgeMemory } from '../../core/bridge/types';
import type { MemoryChange } from '../../core/memory/types';
import { memoryFileName, MemoryStore } from '../../infra/memory/memoryStore';
import type { Logger } from '../log';

/**
 * Opens the workspace's memory (`memory.sqlite` under the workspace storage folder, or in memory when no folder is
 * open) on first use, tells the user about recovery, relays changes, and flushes on deactivate.
 */
export class MemoryService implements vscode.Disposable {
	private opening: Promise<MemoryStore | undefined> | undefined;
	private store: MemoryStore | undefined;
	private readonly changed = new vscode.EventEmitter<MemoryChange | undefined>();

	/** Fires after every change (undefined once the store has opened). */
	readonly onDidChange = this.changed.event;

	constructor(
		private readonly context: vscode.ExtensionContext,
		private readonly log: Logger,
	) {}

	/** True when there is no folder, so memory lives only in this window. */
	get inMemoryOnly(): boolean {
		return this.context.storageUri === undefined;
	}

	/** The store, opening it on first call; undefined (logged, shown once) when it cannot open. */
	open(): Promise<MemoryStore | undefined> {
		this.opening ??= this.create();
		return this.opening;
	}

	/** The store if already open, without opening it. */
	get current(): MemoryStore | undefined {
		return this.store;
	}

	/** Memory for the bridge: session-start recall, and what agents remember or checkpoint through hooks and MCP. */
	bridgeMemory(): BridgeMemory {
		const required = async (): Promise<MemoryStore> => {
			const store = await this.open();
			if (!store) throw new Error('Baton memory is not available');
			return store;
		};
		return {
			recall: async (task, budgetTokens) => (await (await required()).recall(task, { budgetTokens })).markdown,
			remember: async ({ text, agent, sessionId, tags }) =>
				(await (await required()).add({ kind: 'finding', title: text.split('\n')[0]?.slice(0, 120) ?? 'finding', body: text, agent, sessionId, tags: [...tags], source: 'mcp' })).id,
			checkpoint: async ({ summary, agent, sessionId, goal, files }) =>
				(await (await required()).add({ kind: 'checkpoint', title: goal ? `Checkpoint: ${goal.slice(0, 100)}` : 'Checkpoint', body: summary, agent, sessionId, files: [...files], source: 'mcp' })).id,
			critique: async ({ title, body, reviewer, sessionId, files }) =>
				(await (await required()).add({ kind: 'critique', title, body, agent: reviewer, sessionId, files: [...files], source: 'mcp' })).id,
		};
	}

	private async create(): Promise<MemoryStore | undefined> {
		const storage = this.context.storageUri?.fsPath;
		const dist = join(this.context.extensionPath, 'dist');
		try {
			if (storage) mkdirSync(storage, { recursive: true });
			const store = await MemoryStore.open({ file: storage ? join(storage, memoryFileName) : null, wasmDir: dist, workerScript: join(dist, 'memoryWorker.js') });
			this.store = store;
			store.onChange((change) => this.changed.fire(change));
			const opened = store.opened;
			this.log.info(`memory opened: ${opened.kind}${opened.replayedWrites ? `, replayed ${opened.replayedWrites} journaled write(s)` : ''}`);
			if (opened.kind === 'recovered') {
				void vscode.window.showWarningMessage(`Baton: the memory database could not be read (${opened.reason}). It was kept as ${opened.backupPath} and a fresh one was started; nothing was deleted.`);
			} else if (opened.kind === 'memoryOnly' && storage) {
				void vscode.window.showWarningMessage(`Baton: memory runs in this window only (${opened.reason}).`);
			}
			this.changed.fire(undefined);
			return store;
		} catch (error) {
			this.log.error('memory failed to open', error);
			void vscode.window.showErrorMessage(`Baton: memory could not be opened: ${error instanceof Error ? error.message : String(error)}`, 'Show Logs').then((c) => c && this.log.show());
			return undefined;
		}
	}

	/** Writes everything to disk and closes the store (deactivate). */
	async close(): Promise<void> {
		await this.store?.close();
		this.store = undefined;
	}

	dispose(): void {
		void this.close();
		this.changed.dispose();
	}
}
