import { spawn } from 'node:child_process';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hookFilePaths } from '../../../src/core/bridge/hookConfig';
import type { BridgeAgent } from '../../../src/core/bridge/types';
import { applyConnect, connectStatePath } from '../../../src/infra/bridge/connectFiles';
import { claudeSetup, codexSetup, geminiSetup, type CliSetup } from '../../rig/cliEnv';
import { makeCliDirs, removeCliDirs, writeSetupFiles, type CliDirs } from '../../rig/cliSandbox';
import type { MockModelServer } from '../../rig/mockModelServer';
import { realCliPath } from '../../support/realClis';
import { cliPath, startTestBridge, type TestBridge } from './support';

/** A temp project with Baton's hooks installed (via connectHooks) for all three CLIs and a test bridge serving it. */
export interface ConnectedProject {
	readonly dirs: CliDirs;
	readonly batonHome: string;
	readonly bridge: TestBridge;
	/** Where Connect saved the originals. */
	readonly stateFile: string;
	/** The settings texts before Connect (undefined: no file), to check Disconnect. */
	readonly originals: Readonly<Record<BridgeAgent, string | undefined>>;
	close(): Promise<void>;
}

/** How Baton's hook command runs in the tests: this Node and the built bundle. */
export const testBatonCommand = `"${process.execPath}" "${cliPath}"`;

/** Creates the project, writes user settings for Claude (to merge with), connects Baton and starts the bridge. */
export async function connectedProject(): Promise<ConnectedProject> {
	const dirs = await makeCliDirs('baton-bridge-real-');
	const batonHome = join(dirs.root, 'baton-home');
	const claudeUser = '{\n    "permissions": { "allow": [] },\n    "hooks": {}\n}\n';
	await mkdir(join(dirs.workspace, '.claude'), { recursive: true });
	await writeFile(join(dirs.workspace, '.claude', 'settings.json'), claudeUser);
	const originals: Record<BridgeAgent, string | undefined> = { claude: claudeUser, gemini: undefined, codex: undefined };
	const plans = await applyConnect(dirs.workspace, { hookCommand: testBatonCommand }, connectStatePath(batonHome, dirs.workspace));
	if (plans.some((p) => !p.changed || p.error !== undefined)) {
		throw new Error(`connect failed: ${JSON.stringify(plans.map((p) => [p.path, p.changed, p.error]))}`);
	}
	const bridge = await startTestBridge(dirs.workspace, batonHome);
	return {
		dirs,
		batonHome,
		bridge,
		originals,
		stateFile: connectStatePath(batonHome, dirs.workspace),
		async close() {
			await bridge.bridge.dispose();
			await removeCliDirs(dirs);
		},
	};
}

/** Env, args and files for one real CLI run in the project, pointed at `server`, with `BATON_BRIDGE` set. */
export async function cliSetupFor(cli: BridgeAgent, project: ConnectedProject, server: MockModelServer, home: string): Promise<CliSetup> {
	const input = { baseUrl: server.url, home, path: process.env['PATH'] };
	const setup = cli === 'claude' ? claudeSetup(input) : cli === 'gemini' ? geminiSetup(input) : codexSetup(input);
	await mkdir(join(home, 'tmp'), { recursive: true });
	await writeSetupFiles(setup);
	if (cli === 'codex') {
		// Project-local hooks only load in a trusted project (what `codex exec --trust` records).
		await appendFile(join(home, '.codex', 'config.toml'), `\n[projects.${JSON.stringify(project.dirs.workspace)}]\ntrust_level = "trusted"\n`);
	}
	return { ...setup, env: { ...setup.env, BATON_BRIDGE: project.bridge.bridge.address.discoveryFile, BATON_HOME: project.batonHome } };
}

/** Output of a real CLI run. */
export interface CliRun {
	readonly code: number | null;
	readonly stdout: string;
	readonly stderr: string;
	/** Parsed JSON lines of stdout. */
	readonly lines: Record<string, unknown>[];
}

/** Runs a real CLI to completion (hard timeout 90 s). */
export function runRealCli(cli: BridgeAgent, args: readonly string[], setup: CliSetup, cwd: string): Promise<CliRun> {
	return new Promise((resolve, reject) => {
		const child = spawn(realCliPath(cli), [...args], { cwd, env: setup.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		let stdout = '';
		let stderr = '';
		const timer = setTimeout(() => {
			try {
				process.kill(-(child.pid ?? 0), 'SIGKILL');
			} catch {
				// Gone already.
			}
		}, 90_000);
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		child.on('error', reject);
		child.on('exit', (code) => {
			clearTimeout(timer);
			const lines = stdout.split('\n').flatMap((l) => {
				try {
					const v: unknown = JSON.parse(l);
					return typeof v === 'object' && v !== null ? [v as Record<string, unknown>] : [];
				} catch {
					return [];
				}
			});
			resolve({ code, stdout, stderr, lines });
		});
	});
}

/** The settings files' current texts (undefined: missing). */
export async function settingsTexts(project: ConnectedProject): Promise<Record<BridgeAgent, string | undefined>> {
	const read = (agent: BridgeAgent): Promise<string | undefined> => readFile(join(project.dirs.workspace, hookFilePaths[agent]), 'utf8').catch(() => undefined);
	return { claude: await read('claude'), gemini: await read('gemini'), codex: await read('codex') };
}
