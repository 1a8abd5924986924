import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BridgeHub, type BridgeHubOptions } from '../../../src/core/bridge/bridgeHub';
import type { BusEvent } from '../../../src/core/bridge/types';
import type { RunningBridge } from '../../../src/infra/bridge/bridgeServer';
import { startHubBridge } from '../../../src/infra/bridge/hubBridge';
import { Wakeups } from '../../rig/wakeups';

/** The built CLI bundle the hooks run. */
export const cliPath = join(__dirname, '..', '..', '..', 'dist', 'cli.js');

/** Fails with the build command when dist/cli.js is missing. */
export function requireBuiltCli(): void {
	if (!existsSync(cliPath)) {
		throw new Error(`${cliPath} is missing: run node esbuild.mjs first`);
	}
}

/** A temp folder holding a private BATON_HOME and a workspace. */
export interface TempBaton {
	readonly root: string;
	readonly home: string;
	readonly workspace: string;
	remove(): Promise<void>;
}

/** Creates `<tmp>/baton-bridge-XXXX/{home,workspace}` (folders are created lazily by the code under test). */
export async function tempBaton(prefix = 'baton-bridge-'): Promise<TempBaton> {
	const root = await mkdtemp(join(tmpdir(), prefix));
	await mkdir(join(root, 'workspace'), { recursive: true });
	return { root, home: join(root, 'home'), workspace: join(root, 'workspace'), remove: () => rm(root, { recursive: true, force: true }) };
}

/** A hub served on a real bridge, with every bus event recorded. */
export interface TestBridge {
	readonly hub: BridgeHub;
	readonly bridge: RunningBridge;
	readonly events: BusEvent[];
	/** Resolves when an event passing `test` arrives (or is already recorded). */
	waitFor(test: (e: BusEvent) => boolean, timeoutMs?: number): Promise<BusEvent>;
}

/** Starts a hub and its bridge for `workspace` with data in `home`. */
export async function startTestBridge(workspace: string, home: string, options: Partial<BridgeHubOptions> = {}): Promise<TestBridge> {
	const hub = new BridgeHub({ clock: () => new Date(), workspaceFolder: workspace, ...options });
	const events: BusEvent[] = [];
	const wakeups = new Wakeups();
	hub.subscribe((e) => {
		events.push(e);
		wakeups.wake();
	});
	const bridge = await startHubBridge(workspace, hub, { dataDir: home, spoolPollMs: 200 });
	return {
		hub,
		bridge,
		events,
		waitFor(test, timeoutMs = 10_000) {
			return wakeups.waitFor(() => events.find(test), timeoutMs, () => `no matching bus event within ${timeoutMs} ms; got ${events.map((e) => e.type).join(', ')}`);
		},
	};
}

/** Output of one `dist/cli.js hook …` process. */
export interface HookRun {
	readonly code: number | null;
	readonly stdout: string;
	readonly stderr: string;
	readonly ms: number;
}

/** Runs `node dist/cli.js hook <agent> <event>` with `payload` on stdin (async: the bridge lives in this process). */
export function runHookCli(agent: string, event: string, payload: unknown, env: Record<string, string | undefined>, extraArgs: readonly string[] = []): Promise<HookRun> {
	return new Promise((resolve, reject) => {
		const t0 = performance.now();
		const child = spawn(process.execPath, [cliPath, 'hook', agent, event, ...extraArgs], { env: { PATH: process.env['PATH'], ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - t0 }));
		child.stdin.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
	});
}
