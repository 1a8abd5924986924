// bench/hooks: latency of `baton hook` (process start to exit) with the bridge up and down, and of bridge requests.
//   node esbuild.mjs && node -r tsx/cjs bench/hooks.ts [--iterations 60] [--requests 2000]
// Goals: hook round trip p95 ≤ 75 ms; bridge request p95 ≤ 2 ms. `node -e 0` is printed as the floor.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BridgeHub } from '../src/core/bridge/bridgeHub';
import { bridgeMethods } from '../src/core/bridge/protocol';
import type { HookEvent } from '../src/core/bridge/types';
import { BridgeClient } from '../src/infra/bridge/bridgeClient';
import { readDiscovery } from '../src/infra/bridge/discovery';
import { startHubBridge } from '../src/infra/bridge/hubBridge';
import { percentile, printTable } from './benchSupport';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => (args.includes(`--${name}`) ? (args[args.indexOf(`--${name}`) + 1] ?? fallback) : fallback);
const iterations = Number(option('iterations', '60'));
const requests = Number(option('requests', '2000'));
const root = join(__dirname, '..');
const cli = join(root, 'dist', 'cli.js');

function spawnOnce(argv: readonly string[], input: string, env: Record<string, string | undefined>): Promise<number> {
	return new Promise((resolve, reject) => {
		const t0 = performance.now();
		const child = spawn(process.execPath, [...argv], { env, stdio: ['pipe', 'ignore', 'ignore'] });
		child.on('error', reject);
		child.on('exit', () => resolve(performance.now() - t0));
		child.stdin.end(input);
	});
}

interface Variant {
	readonly name: string;
	readonly argv: readonly string[];
	readonly env: Record<string, string | undefined>;
	readonly input: (i: number) => string;
}

/** Runs the variants round-robin (so all see the same machine load); times per variant. */
async function interleaved(variants: readonly Variant[]): Promise<number[][]> {
	for (let i = 0; i < 3; i++) for (const v of variants) await spawnOnce(v.argv, v.input(i), v.env);
	const out = variants.map((): number[] => []);
	for (let i = 0; i < iterations; i++) {
		for (const [k, v] of variants.entries()) out[k]?.push(await spawnOnce(v.argv, v.input(i), v.env));
	}
	return out;
}

/** Builds the optional hook-only bundle (src/cli/commands/hookEntry.ts) into a temp folder. */
async function buildHookBundle(dir: string): Promise<string> {
	const esbuild = (await import('esbuild')) as typeof import('esbuild');
	const outfile = join(dir, 'hook.js');
	await esbuild.build({ entryPoints: [join(root, 'src', 'cli', 'commands', 'hookEntry.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, outfile, logLevel: 'warning' });
	return outfile;
}

function row(name: string, ms: readonly number[]): (string | number)[] {
	return [name, ms.length, percentile(ms, 50), percentile(ms, 95), Math.max(...ms)];
}

async function main(): Promise<void> {
	if (!existsSync(cli)) throw new Error(`${cli} is missing: run node esbuild.mjs first`);
	const dir = await mkdtemp(join(tmpdir(), 'baton-bench-hooks-'));
	const workspace = join(dir, 'workspace');
	const home = join(dir, 'home');
	const env = { PATH: process.env['PATH'], HOME: dir, BATON_HOME: home, TZ: 'UTC' };
	const payload = (i: number): string =>
		JSON.stringify({ session_id: `bench-${i % 4}`, cwd: workspace, hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: join(workspace, `f${i}.ts`), content: 'x'.repeat(200) }, tool_use_id: `t${i}` });
	try {
		const hookBundle = await buildHookBundle(dir);
		const hub = new BridgeHub({ clock: () => new Date(), workspaceFolder: workspace });
		const bridge = await startHubBridge(workspace, hub, { dataDir: home, spoolPollMs: 0 });
		try {
			const up = { ...env, BATON_BRIDGE: bridge.address.discoveryFile };
			const down = { ...env, BATON_HOME: join(dir, 'home-without-bridge') };
			const variants: Variant[] = [
				{ name: 'node -e 0 (floor: Node start)', argv: ['-e', '0'], env, input: () => '' },
				{ name: 'dist/cli.js hook, bridge up', argv: [cli, 'hook', 'claude', 'PreToolUse'], env: up, input: payload },
				{ name: 'hook.js bundle, bridge up', argv: [hookBundle, 'hook', 'claude', 'PreToolUse'], env: up, input: payload },
				{ name: 'dist/cli.js hook, bridge down (spool)', argv: [cli, 'hook', 'claude', 'PreToolUse'], env: down, input: payload },
				{ name: 'hook.js bundle, bridge down (spool)', argv: [hookBundle, 'hook', 'claude', 'PreToolUse'], env: down, input: payload },
			];
			const times = await interleaved(variants);
			const floor = percentile(times[0] ?? [], 50);
			const rows = variants.map((v, k) => [...row(v.name, times[k] ?? []), percentile(times[k] ?? [], 50) - floor]);
			printTable(`hook round trip, process start to exit (ms; ${iterations} runs each, interleaved; goal p95 ≤ 75 ms)`, ['hook', 'runs', 'p50', 'p95', 'max', 'p50 − floor'], rows);

			const d = readDiscovery(bridge.address.discoveryFile);
			const client = BridgeClient.open({ socket: d?.socket ?? '', token: d?.token ?? '' }, 'bench');
			const event = (i: number): HookEvent => ({
				id: `r${i}`,
				agent: 'claude',
				kind: 'pre_tool',
				rawEvent: 'PreToolUse',
				sessionId: `s${i % 4}`,
				at: new Date().toISOString(),
				cwd: workspace,
				projectDir: workspace,
				canInject: true,
				tool: { name: 'Write', writesFiles: true, files: [join(workspace, `g${i % 50}.ts`)], rejected: [], failed: false },
			});
			const timed = async (fn: (i: number) => Promise<unknown>): Promise<number[]> => {
				for (let i = 0; i < 200; i++) await fn(i);
				const out: number[] = [];
				for (let i = 0; i < requests; i++) {
					const t0 = performance.now();
					await fn(i);
					out.push(performance.now() - t0);
				}
				return out;
			};
			const pings = await timed(() => client.request(bridgeMethods.ping, {}, 2000));
			const hooks = await timed((i) => client.request(bridgeMethods.hook, { event: event(i + 1_000_000 * Math.random()) }, 2000));
			client.close();
			const connectMs: number[] = [];
			for (let i = 0; i < 100; i++) {
				const t0 = performance.now();
				const c = BridgeClient.open({ socket: d?.socket ?? '', token: d?.token ?? '' }, 'bench');
				await c.request(bridgeMethods.ping, {}, 2000);
				connectMs.push(performance.now() - t0);
				c.close();
			}
			printTable(`bridge requests over the Unix socket (ms; goal p95 ≤ 2 ms)`, ['request', 'count', 'p50', 'p95', 'max'], [row('baton/ping', pings), row('baton/hook (pre_tool Write, claims)', hooks), row('connect + hello + ping', connectMs)]);
		} finally {
			await bridge.dispose();
		}
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

if (process.argv[1] && /hooks\.ts$/.test(process.argv[1])) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	});
}
