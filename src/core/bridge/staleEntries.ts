/**
 * Paths of Baton scripts (`…/dist/hook.js`, `…/dist/cli.js`, as hooks and MCP entries name them) in a project
 * settings text, JSON-escaped or not, without duplicates. Used to notice entries left pointing at an older extension
 * folder after an update.
 */
export function batonScriptPaths(text: string): string[] {
	const found = new Set<string>();
	for (const m of text.matchAll(/((?:[A-Za-z]:)?(?:[\\/]|\\\\)[^"'\s]*?[\\/]+dist[\\/]+(?:hook|cli)\.js)/g)) {
		const raw = m[1];
		if (raw) found.add(raw.replace(/\\\\/g, '\\'));
	}
	return [...found];
}

/** The Baton script paths in `texts` that `exists` says are gone (the entries need refreshing). */
export function staleBatonPaths(texts: readonly (string | undefined)[], exists: (path: string) => boolean): string[] {
	return [...new Set(texts.flatMap((t) => (t ? batonScriptPaths(t) : [])))].filter((p) => !exists(p));
}
