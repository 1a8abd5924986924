import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { maxRoleFileBytes, roleCatalog, roleFolder, type RoleCatalog } from '../../core/delegation/roles';

/**
 * Reads the workspace's role files (`.baton/roles/*.md`, each at most 64 KiB) and builds the role catalog. A missing
 * folder means built-in roles only; unreadable or oversized files are reported as problems.
 */
export async function loadRoleCatalog(workspace: string): Promise<RoleCatalog> {
	const dir = join(workspace, roleFolder);
	const names = await readdir(dir).catch(() => [] as string[]);
	const files: { name: string; text: string }[] = [];
	const problems: string[] = [];
	for (const entry of names.filter((n) => n.endsWith('.md')).sort()) {
		const file = join(dir, entry);
		try {
			const info = await stat(file);
			if (!info.isFile()) continue;
			if (info.size > maxRoleFileBytes) {
				problems.push(`${roleFolder}/${entry} ignored: larger than ${maxRoleFileBytes / 1024} KiB`);
				continue;
			}
			files.push({ name: entry.slice(0, -3), text: await readFile(file, 'utf8') });
		} catch (error) {
			problems.push(`${roleFolder}/${entry} unreadable: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	const catalog = roleCatalog(files);
	return { roles: catalog.roles, problems: [...problems, ...catalog.problems] };
}
