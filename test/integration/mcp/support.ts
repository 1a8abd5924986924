import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { BridgeMemory } from '../../../src/core/bridge/types';
import { join } from 'node:path';
import { geminiSetup } from '../../rig/cliEnv';
import { makeCliDirs, removeCliDirs, writeSetupFiles, type CliDirs } from '../../rig/cliSandbox';
import { startMockModelServer, type MockModelServer } from '../../rig/mockModelServer';
import { realCliPath } from '../../support/realClis';
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

/** A mock model server and temp dirs with the real Gemini CLI set up against it, for MCP tools that run Gemini. */
export interface GeminiRig {
	readonly server: MockModelServer;
	readonly dirs: CliDirs;
	/** Gemini's credential-free env plus `BATON_HOME` and `BATON_GEMINI_PATH` for `baton mcp`. */
	readonly env: Record<string, string>;
	readonly batonHome: string;
}

/** Starts a {@link GeminiRig} in fresh temp dirs named with `prefix`; close it with {@link closeGeminiRig}. */
export async function startGeminiRig(prefix: string): Promise<GeminiRig> {
	const server = await startMockModelServer();
	const dirs = await makeCliDirs(prefix);
	const setup = geminiSetup({ baseUrl: server.url, home: dirs.home, path: process.env['PATH'] });
	await writeSetupFiles(setup);
	const batonHome = join(dirs.root, 'baton-home');
	return { server, dirs, env: { ...setup.env, BATON_HOME: batonHome, BATON_GEMINI_PATH: realCliPath('gemini') }, batonHome };
}

/** Stops the mock server and removes the temp dirs. */
export async function closeGeminiRig(rig: GeminiRig): Promise<void> {
	await rig.server.close();
	await removeCliDirs(rig.dirs);
}
