/**
 * File-system side of the rig: temp HOME/workspace directories and materializing a
 * {@link CliSetup} from cliEnv.ts.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CliSetup } from './cliEnv';

/** Temporary directories for one CLI run. */
export interface CliDirs {
	/** Parent temp dir (remove it to clean up). */
	root: string;
	/** HOME for the child process. */
	home: string;
	/** Working directory (the workspace the CLI may edit). */
	workspace: string;
}

/** Create `<tmp>/<prefix>XXXX/{home,home/tmp,workspace}`. */
export async function makeCliDirs(prefix = 'baton-rig-'): Promise<CliDirs> {
	const root = await mkdtemp(join(tmpdir(), prefix));
	const home = join(root, 'home');
	const workspace = join(root, 'workspace');
	await mkdir(join(home, 'tmp'), { recursive: true });
	await mkdir(workspace, { recursive: true });
	return { root, home, workspace };
}

/** Write every file of a setup (creating parent directories). */
export async function writeSetupFiles(setup: CliSetup): Promise<void> {
	for (const [path, content] of Object.entries(setup.files)) {
		await mkdir(dirname(path), { recursive: true });
		await writeFile(path, content);
	}
}

/** Remove the temp dirs. */
export async function removeCliDirs(dirs: CliDirs): Promise<void> {
	await rm(dirs.root, { recursive: true, force: true });
}
