import { execFile } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { AgentDescriptor } from '../../core/agents/descriptors';
import { installCommandFor, parseVersionOutput } from '../../core/agents/descriptors';
import type { AgentStatus } from '../../shared/agents';

/** Where and how to look for agent CLIs. */
export interface LocateOptions {
	/** User-configured executable path per agent id; empty or missing means "look on PATH". */
	readonly configuredPaths?: Readonly<Record<string, string | undefined>>;
	/** The PATH to search; defaults to `process.env.PATH`. */
	readonly searchPath?: string;
	/** Milliseconds to wait for `--version` before calling the CLI unresponsive. */
	readonly versionTimeoutMs?: number;
}

const defaultVersionTimeoutMs = 8000;

/** Finds an executable named `command` on `searchPath` (PATH syntax); undefined when absent. */
export async function findOnPath(command: string, searchPath: string, platform = process.platform): Promise<string | undefined> {
	const extensions = platform === 'win32' ? (process.env['PATHEXT'] ?? '.EXE;.CMD;.BAT').split(';') : [''];
	for (const dir of searchPath.split(path.delimiter)) {
		if (!dir) {
			continue;
		}
		for (const ext of extensions) {
			const candidate = path.join(dir, command + ext);
			if (await isExecutableFile(candidate)) {
				return candidate;
			}
		}
	}
	return undefined;
}

async function isExecutableFile(file: string): Promise<boolean> {
	try {
		const info = await stat(file);
		if (!info.isFile()) {
			return false;
		}
		await access(file, fsConstants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/** Runs `file args` and resolves with stdout+stderr, or rejects on timeout, spawn failure or non-zero exit. */
function runForOutput(file: string, args: readonly string[], timeoutMs: number): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile(file, [...args], { timeout: timeoutMs, windowsHide: true, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
			if (error) {
				reject(error);
				return;
			}
			resolve(`${stdout}\n${stderr}`);
		});
	});
}

/** Locates one agent CLI (configured path first, then PATH) and asks it for its version. Never throws. */
export async function locateAgent(descriptor: AgentDescriptor, options: LocateOptions = {}): Promise<AgentStatus> {
	const base = { id: descriptor.id, displayName: descriptor.displayName, installCommand: installCommandFor(descriptor) };
	const configured = options.configuredPaths?.[descriptor.id]?.trim();
	let executable: string | undefined;
	if (configured) {
		if (!(await isExecutableFile(configured))) {
			return { ...base, problem: `The configured path ${configured} is not an executable file.` };
		}
		executable = configured;
	} else {
		executable = await findOnPath(descriptor.command, options.searchPath ?? process.env['PATH'] ?? '');
		if (!executable) {
			return { ...base, problem: `\`${descriptor.command}\` is not on PATH. Install it with: ${base.installCommand}` };
		}
	}
	try {
		const output = await runForOutput(executable, descriptor.versionArgs, options.versionTimeoutMs ?? defaultVersionTimeoutMs);
		const version = parseVersionOutput(output);
		return version ? { ...base, path: executable, version } : { ...base, path: executable, problem: `\`${descriptor.command} --version\` printed no version: ${output.trim().slice(0, 200)}` };
	} catch (error) {
		return { ...base, path: executable, problem: `\`${descriptor.command} --version\` failed: ${describeError(error)}` };
	}
}

/** Locates every agent in `descriptors` concurrently, in descriptor order. */
export function locateAgents(descriptors: readonly AgentDescriptor[], options: LocateOptions = {}): Promise<AgentStatus[]> {
	return Promise.all(descriptors.map((d) => locateAgent(d, options)));
}

function describeError(error: unknown): string {
	if (error instanceof Error) {
		const killed = (error as { killed?: boolean }).killed;
		return killed ? 'it did not answer in time' : error.message.split('\n')[0] ?? error.message;
	}
	return String(error);
}
