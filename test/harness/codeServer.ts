import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Root of Baton's repository. */
export const repoRoot = join(__dirname, '..', '..');

/** Where test-only downloads live (code-server, real agent CLIs); shared across runs. */
export const testCache = process.env['BATON_TEST_CACHE'] ?? join(process.env['HOME'] ?? '/tmp', '.cache', 'baton-test');

/** A throwaway VS Code profile: workspace folder, user data, extensions dir and HOME, all under one folder. */
export interface Profile {
	readonly dir: string;
	readonly workspace: string;
	readonly userData: string;
	readonly extensions: string;
	readonly home: string;
	readonly config: string;
}

const userSettings = {
	'workbench.startupEditor': 'none',
	'workbench.tips.enabled': false,
	'workbench.enableExperiments': false,
	'telemetry.telemetryLevel': 'off',
	'update.mode': 'none',
	'extensions.autoCheckUpdates': false,
	'extensions.autoUpdate': false,
	'extensions.ignoreRecommendations': true,
	'security.workspace.trust.enabled': false,
	'git.enabled': false,
	// Without this xterm renders through WebGL even with --disable-gpu, and no terminal text reaches the DOM.
	'terminal.integrated.gpuAcceleration': 'off',
	'terminal.integrated.defaultProfile.linux': 'bash',
};

/** Extra set-up for a profile. */
export interface ProfileOptions {
	/** User settings merged over the quiet defaults. */
	readonly settings?: Record<string, unknown>;
	/**
	 * Folders to put first on PATH. VS Code's server resolves the extension host's environment from a login shell
	 * (so /etc/profile resets PATH); like a real user, the profile's `~/.profile` and `~/.bashrc` extend it.
	 */
	readonly pathPrepend?: readonly string[];
	/** Writes files into the profile's HOME (the extension host's `~`) before code-server starts. */
	readonly prepareHome?: (home: string) => void;
}

/** Creates a fresh profile under `test-results/profiles/<name>`, removing any previous one. */
export function createProfile(name: string, options: ProfileOptions = {}): Profile {
	const dir = join(repoRoot, 'test-results', 'profiles', name);
	rmSync(dir, { recursive: true, force: true });
	const profile: Profile = {
		dir,
		workspace: join(dir, 'ws'),
		userData: join(dir, 'data'),
		extensions: join(dir, 'exts'),
		home: join(dir, 'home'),
		config: join(dir, 'config.yaml'),
	};
	for (const d of [profile.workspace, join(profile.userData, 'User'), profile.extensions, profile.home]) {
		mkdirSync(d, { recursive: true });
	}
	writeFileSync(join(profile.userData, 'User', 'settings.json'), JSON.stringify({ ...userSettings, ...options.settings }, null, 2));
	options.prepareHome?.(profile.home);
	if (options.pathPrepend?.length) {
		const line = `export PATH="${options.pathPrepend.join(':')}:$PATH"\n`;
		writeFileSync(join(profile.home, '.profile'), line);
		writeFileSync(join(profile.home, '.bashrc'), line);
	}
	writeFileSync(profile.config, '');
	return profile;
}

/** Path of the cached code-server binary, installing it first when needed (idempotent). */
export function ensureCodeServer(): string {
	const result = spawnSync('bash', [join(repoRoot, 'test', 'harness', 'installCodeServer.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
	if (result.status !== 0) {
		throw new Error(`installing code-server failed (exit ${result.status})`);
	}
	return result.stdout.trim().split('\n').pop() as string;
}

function profileArgs(p: Profile): string[] {
	return ['--config', p.config, '--user-data-dir', p.userData, '--extensions-dir', p.extensions];
}

function profileEnv(p: Profile, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	return { ...process.env, HOME: p.home, XDG_CONFIG_HOME: join(p.home, '.config'), XDG_DATA_HOME: join(p.home, '.local', 'share'), ...extra };
}

/** Installs a VSIX into the profile's extensions folder. */
export function installVsix(codeServer: string, profile: Profile, vsix: string): void {
	const r = spawnSync(codeServer, [...profileArgs(profile), '--install-extension', vsix, '--force'], {
		encoding: 'utf8',
		env: profileEnv(profile, {}),
	});
	if (r.status !== 0) {
		throw new Error(`code-server --install-extension failed: ${r.stdout}\n${r.stderr}`);
	}
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

/** A running code-server; `stop` kills its whole process group (server, extension host, pty host, shells). */
export interface RunningCodeServer {
	readonly baseUrl: string;
	readonly profile: Profile;
	readonly logFile: string;
	stop(): Promise<void>;
}

/** Starts code-server on loopback with the profile, waits until `/healthz` answers. */
export async function startCodeServer(codeServer: string, profile: Profile, env: NodeJS.ProcessEnv = {}): Promise<RunningCodeServer> {
	const port = await freePort();
	const logFile = join(profile.dir, 'code-server.log');
	const { openSync } = await import('node:fs');
	const log = openSync(logFile, 'w');
	const child: ChildProcess = spawn(
		codeServer,
		[
			'--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
			'--disable-workspace-trust', '--disable-getting-started-override', '--disable-proxy', '--ignore-last-opened',
			...profileArgs(profile), profile.workspace,
		],
		{ detached: true, stdio: ['ignore', log, log], env: profileEnv(profile, env) },
	);
	const baseUrl = `http://127.0.0.1:${port}`;
	const stop = async (): Promise<void> => {
		if (child.exitCode === null && child.pid !== undefined) {
			const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {
				return;
			}
			await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
	};
	const deadline = Date.now() + 60000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) {
			throw new Error(`code-server exited with ${child.exitCode}; see ${logFile}`);
		}
		const ok = await fetch(`${baseUrl}/healthz`).then((r) => r.ok, () => false);
		if (ok) {
			return { baseUrl, profile, logFile, stop };
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	await stop();
	throw new Error(`code-server did not answer /healthz within 60 s; see ${logFile}`);
}

/** Chromium flags that keep a headless run off the (closed) network and quiet. */
export const chromiumArgs = [
	'--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Debian's chromium; Playwright never downloads a browser here. */
export const chromiumPath = process.env['BATON_CHROMIUM'] ?? '/usr/bin/chromium';
