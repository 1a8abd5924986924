/** Inputs for locating Baton's per-user data folder; passed in so this stays pure. */
export interface DataPathInputs {
	readonly platform: string;
	readonly homeDir: string;
	readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Folder where the `baton` CLI keeps per-user state (bridge discovery files, spools) when no VS Code storage is at hand.
 * `BATON_HOME` wins; otherwise the platform's conventional per-user state folder.
 */
export function batonDataDir({ platform, homeDir, env }: DataPathInputs): string {
	const override = env['BATON_HOME'];
	if (override) {
		return override;
	}
	if (platform === 'win32') {
		return joinPath(env['LOCALAPPDATA'] ?? joinPath(homeDir, 'AppData', 'Local'), 'baton');
	}
	if (platform === 'darwin') {
		return joinPath(homeDir, 'Library', 'Application Support', 'baton');
	}
	return joinPath(env['XDG_STATE_HOME'] || joinPath(homeDir, '.local', 'state'), 'baton');
}

function joinPath(...parts: string[]): string {
	return parts.map((p, i) => (i === 0 ? p.replace(/[\\/]+$/, '') : p.replace(/^[\\/]+|[\\/]+$/g, ''))).join('/');
}
