import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { BridgeMemory } from '../../../src/core/bridge/types';
import { cliPath } from '../bridge/support';

/** An MCP SDK client talking to `node dist/cli.js mcp` over stdio. */
export interface McpSession {
	readonly client: Client;
	/** What the server printed on stderr so far. */
	stderr(): string;
	close(): Promise<void>;
}

/** Spawns Baton's MCP server with exactly `env` (plus the SDK's default PATH/HOME when absent) in `cwd`. */
export async function startMcp(env: Record<string, string>, cwd: string, args: readonly string[] = ['--agent', 'claude']): Promise<McpSession> {
	const transport = new StdioClientTransport({ command: process.execPath, args: [cliPath, 'mcp', ...args], env, cwd, stderr: 'pipe' });
	let stderr = '';
	transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
	const client = new Client({ name: 'baton-test', version: '1.0.0' });
	await client.connect(transport);
	return { client, stderr: () => stderr, close: () => client.close() };
}

/** The text of a tool result (all text parts joined). */
export function resultText(result: unknown): string {
	const content = (result as CallToolResult).content ?? [];
	return content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

/** Calls a tool and returns its text and error flag. */
export async function callTool(session: McpSession, name: string, args: Record<string, unknown>, options: { readonly onprogress?: (p: { progress: number; message?: string | undefined }) => void; readonly timeoutMs?: number } = {}): Promise<{ readonly text: string; readonly isError: boolean }> {
	const result = await session.client.callTool({ name, arguments: args }, undefined, {
		timeout: options.timeoutMs ?? 120_000,
		...(options.onprogress ? { onprogress: options.onprogress, resetTimeoutOnProgress: true } : {}),
	});
	return { text: resultText(result), isError: (result as CallToolResult).isError === true };
}

/** What the recording memory received. */
export interface MemoryCalls {
	readonly recalls: string[];
	readonly remembered: Parameters<BridgeMemory['remember']>[0][];
	readonly checkpoints: Parameters<BridgeMemory['checkpoint']>[0][];
	readonly critiques: Parameters<BridgeMemory['critique']>[0][];
}

/** A BridgeMemory that records calls and recalls `recallText`. */
export function recordingMemory(recallText: string): { readonly memory: BridgeMemory; readonly calls: MemoryCalls } {
	const calls: MemoryCalls = { recalls: [], remembered: [], checkpoints: [], critiques: [] };
	return {
		calls,
		memory: {
			recall: async (task) => (calls.recalls.push(task), recallText),
			remember: async (input) => (calls.remembered.push(input), `mem-${calls.remembered.length}`),
			checkpoint: async (input) => (calls.checkpoints.push(input), `cp-${calls.checkpoints.length}`),
			critique: async (input) => (calls.critiques.push(input), `cr-${calls.critiques.length}`),
		},
	};
}

/** Polls `test` every 50 ms until it holds or `timeoutMs` passes. */
export async function eventually(test: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!test()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}
