import { join } from 'node:path';

/** A shell command that runs `dist/<script>` of this extension with this Node, paths quoted when they need it. */
export function nodeScriptCommand(extensionPath: string, script: string): string {
	const quote = (p: string): string => (/[\s"'$`\\]/.test(p) ? JSON.stringify(p) : p);
	return `${quote(process.execPath)} ${quote(join(extensionPath, 'dist', script))}`;
}
