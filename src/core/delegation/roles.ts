import type { PermissionLevel } from '../agents/headless';

/**
 * Roles for delegated runs: instructions put before the delegated prompt, and how much the delegate may do. Five
 * are built in; a workspace overrides one or adds its own with `.baton/roles/<name>.md` (Markdown, optional front
 * matter `title`, `description`, `permission`). Pure: the caller reads the files and passes their texts in.
 */
export interface DelegationRole {
	/** Canonical name: lower case, digits and dashes (`code-reviewer`). */
	readonly name: string;
	readonly title: string;
	/** One line for tool descriptions and listings. */
	readonly description: string;
	/** Instructions for the delegate (Markdown). */
	readonly instructions: string;
	/** What the delegate may do; the MCP server caps it with its own maximum. */
	readonly permission: PermissionLevel;
	/** Built into Baton, or read from `.baton/roles/<name>.md`. */
	readonly source: 'built-in' | 'file';
}

/** Folder of role files, relative to the workspace folder. */
export const roleFolder = '.baton/roles';
/** Largest role file read, bytes. */
export const maxRoleFileBytes = 64 * 1024;

const common = 'You are running headless, delegated by another AI coding agent through Baton; nobody can answer questions, so make reasonable assumptions and state them.';

/** Baton's built-in roles, `default` first. */
export const builtInRoles: readonly DelegationRole[] = [
	{
		name: 'default',
		title: 'Default',
		description: 'Do the task as asked; may edit files in the workspace.',
		instructions: `${common} Do the task completely. End with a short report: what you did, files you changed, and anything left open.`,
		permission: 'edit',
		source: 'built-in',
	},
	{
		name: 'planner',
		title: 'Planner',
		description: 'Writes a step-by-step implementation plan; does not edit files.',
		instructions: `${common} Do not edit files. Study the code involved and write an implementation plan: the goal, the files and functions to change, ordered steps small enough to verify one by one, the tests to add or run, risks and open questions.`,
		permission: 'readOnly',
		source: 'built-in',
	},
	{
		name: 'code-reviewer',
		title: 'Code reviewer',
		description: 'Reviews code or changes and lists concrete issues by severity; does not edit files.',
		instructions: `${common} Do not edit files. Review the code or change you are pointed at for correctness, edge cases, error handling, concurrency, performance, readability and tests. List concrete findings ordered by severity (blocker, major, minor, nit), each with file:line, what is wrong, why it matters and a suggested fix. Say plainly when you find nothing serious.`,
		permission: 'readOnly',
		source: 'built-in',
	},
	{
		name: 'security-auditor',
		title: 'Security auditor',
		description: 'Audits code for vulnerabilities with severity and fixes; does not edit files.',
		instructions: `${common} Do not edit files. Audit the code you are pointed at for security problems: injection (shell, SQL, path traversal), authentication and authorisation gaps, secrets in code or logs, unsafe deserialisation, missing input validation, insecure defaults, risky dependencies and race conditions. For each finding give severity, file:line, a realistic attack scenario and the fix. Do not report style issues.`,
		permission: 'readOnly',
		source: 'built-in',
	},
	{
		name: 'researcher',
		title: 'Researcher',
		description: 'Investigates a question in the code and docs and reports with references; does not edit files.',
		instructions: `${common} Do not edit files. Investigate the question thoroughly in the codebase (and documentation you can reach). Answer with the findings first, then the evidence: file paths with line numbers, names of functions and settings. Separate facts you verified from guesses.`,
		permission: 'readOnly',
		source: 'built-in',
	},
];

const aliases: Readonly<Record<string, string>> = {
	reviewer: 'code-reviewer',
	review: 'code-reviewer',
	security: 'security-auditor',
	auditor: 'security-auditor',
	research: 'researcher',
	plan: 'planner',
};

const permissions: ReadonlySet<string> = new Set<PermissionLevel>(['readOnly', 'edit', 'full']);

/** `Code Reviewer`, `code_reviewer` → `code-reviewer` (aliases such as `reviewer` resolved); '' for nothing usable. */
export function normaliseRoleName(name: string): string {
	const n = name
		.trim()
		.toLowerCase()
		.replace(/[\s_]+/g, '-')
		.replace(/[^a-z0-9-]/g, '')
		.replace(/-+/g, '-')
		.replace(/^-|-$/g, '');
	return aliases[n] ?? n;
}

/** True for a role file's base name Baton accepts (`security-auditor`): lower case, digits, dashes, at most 64. */
export function isRoleFileName(name: string): boolean {
	return /^[a-z0-9][a-z0-9-]{0,63}$/.test(name);
}

/** Splits optional `---` front matter (`key: value` lines) from the Markdown body. */
function frontMatter(text: string): { readonly fields: ReadonlyMap<string, string>; readonly body: string } {
	const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
	const m = /^---\n([\s\S]*?)\n---(?:\n|$)/.exec(normalised);
	if (!m) {
		return { fields: new Map(), body: normalised };
	}
	const fields = new Map<string, string>();
	for (const line of (m[1] ?? '').split('\n')) {
		const kv = /^\s*([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$/.exec(line);
		if (kv) fields.set((kv[1] ?? '').toLowerCase(), (kv[2] ?? '').replace(/^(['"])(.*)\1$/, '$2'));
	}
	return { fields, body: normalised.slice(m[0].length) };
}

/**
 * Reads one role file. `base` is the built-in role of the same name, if any: its title, description and permission
 * are kept unless the file sets them. Throws for an empty body or an unknown permission.
 */
export function parseRoleFile(name: string, text: string, base?: DelegationRole): DelegationRole {
	const { fields, body } = frontMatter(text);
	const instructions = body.trim();
	if (instructions === '') {
		throw new Error(`${roleFolder}/${name}.md has no instructions`);
	}
	const permission = fields.get('permission');
	if (permission !== undefined && !permissions.has(permission)) {
		throw new Error(`${roleFolder}/${name}.md: permission must be readOnly, edit or full, not '${permission}'`);
	}
	const firstLine = instructions.split('\n').find((l) => l.trim() !== '') ?? '';
	return {
		name,
		title: fields.get('title') || base?.title || name,
		description: fields.get('description') || base?.description || firstLine.replace(/^#+\s*/, '').slice(0, 120),
		instructions,
		permission: (permission as PermissionLevel | undefined) ?? base?.permission ?? 'edit',
		source: 'file',
	};
}

/** Every role available in a workspace, and problems with role files (shown to the agent, never thrown). */
export interface RoleCatalog {
	readonly roles: ReadonlyMap<string, DelegationRole>;
	readonly problems: readonly string[];
}

/** Built-in roles overridden or extended by role files (`name` = file base name without `.md`). */
export function roleCatalog(files: readonly { readonly name: string; readonly text: string }[]): RoleCatalog {
	const roles = new Map(builtInRoles.map((r) => [r.name, r] as const));
	const problems: string[] = [];
	for (const file of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
		if (!isRoleFileName(file.name)) {
			problems.push(`${roleFolder}/${file.name}.md ignored: role names use lower-case letters, digits and dashes`);
			continue;
		}
		try {
			roles.set(file.name, parseRoleFile(file.name, file.text, roles.get(file.name)?.source === 'built-in' ? roles.get(file.name) : undefined));
		} catch (error) {
			problems.push(error instanceof Error ? error.message : String(error));
		}
	}
	return { roles, problems };
}

/** The role called `requested` (normalised; `default` when absent), or an error naming the roles there are. */
export function findRole(catalog: RoleCatalog, requested: string | undefined): { readonly role: DelegationRole } | { readonly error: string } {
	const name = requested === undefined || requested.trim() === '' ? 'default' : normaliseRoleName(requested);
	const role = catalog.roles.get(name);
	if (role) {
		return { role };
	}
	return { error: `Unknown role '${requested ?? ''}'. Roles: ${[...catalog.roles.keys()].join(', ')}. Add your own as ${roleFolder}/<name>.md.` };
}

/** The lesser of two permission levels (a role cannot exceed what the server allows). */
export function capPermission(wanted: PermissionLevel, max: PermissionLevel): PermissionLevel {
	const order: readonly PermissionLevel[] = ['readOnly', 'edit', 'full'];
	return order[Math.min(order.indexOf(wanted), order.indexOf(max))] ?? 'readOnly';
}
