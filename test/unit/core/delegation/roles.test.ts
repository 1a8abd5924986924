import * as assert from 'node:assert/strict';
import { builtInRoles, capPermission, findRole, isRoleFileName, normaliseRoleName, parseRoleFile, roleCatalog } from '../../../../src/core/delegation/roles';

describe('delegation roles', () => {
	it('has the five built-in roles, default first; only default may edit', () => {
		assert.deepEqual(builtInRoles.map((r) => [r.name, r.permission]), [
			['default', 'edit'],
			['planner', 'readOnly'],
			['code-reviewer', 'readOnly'],
			['security-auditor', 'readOnly'],
			['researcher', 'readOnly'],
		]);
		for (const role of builtInRoles) {
			assert.ok(role.instructions.length > 100 && role.description.length > 20, role.name);
			assert.match(role.instructions, /headless/);
		}
	});

	it('normalises names and aliases: "Code Reviewer", code_reviewer and reviewer are code-reviewer', () => {
		assert.equal(normaliseRoleName('Code Reviewer'), 'code-reviewer');
		assert.equal(normaliseRoleName(' code_reviewer '), 'code-reviewer');
		assert.equal(normaliseRoleName('reviewer'), 'code-reviewer');
		assert.equal(normaliseRoleName('Security'), 'security-auditor');
		assert.equal(normaliseRoleName('--API  auditor!--'), 'api-auditor');
		assert.equal(normaliseRoleName('???'), '');
		assert.ok(isRoleFileName('api-auditor'));
		assert.ok(!isRoleFileName('Api'));
		assert.ok(!isRoleFileName('-x'));
		assert.ok(!isRoleFileName('a'.repeat(65)));
	});

	it('finds the default role when none is asked for, and lists the roles for an unknown one', () => {
		const catalog = roleCatalog([]);
		assert.deepEqual(findRole(catalog, '  '), findRole(catalog, undefined));
		const found = findRole(catalog, undefined);
		assert.ok('role' in found && found.role.name === 'default');
		const reviewer = findRole(catalog, 'Code reviewer');
		assert.ok('role' in reviewer && reviewer.role.name === 'code-reviewer');
		const missing = findRole(catalog, 'poet');
		assert.ok('error' in missing);
		assert.equal(missing.error, "Unknown role 'poet'. Roles: default, planner, code-reviewer, security-auditor, researcher. Add your own as .baton/roles/<name>.md.");
	});

	it('reads role files: front matter (CRLF, BOM, quotes), body as instructions, description from the first line', () => {
		const role = parseRoleFile('api-auditor', '\uFEFF---\r\ntitle: "API auditor"\r\npermission: readOnly\r\n---\r\n# Check endpoints\r\nEvery endpoint needs auth.\r\n');
		assert.deepEqual(role, { name: 'api-auditor', title: 'API auditor', description: 'Check endpoints', instructions: '# Check endpoints\nEvery endpoint needs auth.', permission: 'readOnly', source: 'file' });
		const plain = parseRoleFile('docs-writer', 'Write the docs.\n');
		assert.deepEqual([plain.title, plain.permission, plain.description], ['docs-writer', 'edit', 'Write the docs.']);
		assert.throws(() => parseRoleFile('x', '---\npermission: root\n---\nbody'), /permission must be readOnly, edit or full, not 'root'/);
		assert.throws(() => parseRoleFile('x', '---\ntitle: t\n---\n  \n'), /has no instructions/);
	});

	it('overrides a built-in role by file, keeping what the file does not set; bad files become problems', () => {
		const catalog = roleCatalog([
			{ name: 'code-reviewer', text: 'Review against our style guide in docs/STYLE.md.' },
			{ name: 'Bad Name', text: 'x' },
			{ name: 'empty', text: '' },
			{ name: 'release-manager', text: '---\npermission: full\n---\nCut the release.' },
		]);
		const reviewer = catalog.roles.get('code-reviewer');
		assert.deepEqual([reviewer?.title, reviewer?.permission, reviewer?.source, reviewer?.instructions], ['Code reviewer', 'readOnly', 'file', 'Review against our style guide in docs/STYLE.md.']);
		assert.equal(catalog.roles.get('release-manager')?.permission, 'full');
		assert.deepEqual([...catalog.roles.keys()], ['default', 'planner', 'code-reviewer', 'security-auditor', 'researcher', 'release-manager']);
		assert.equal(catalog.problems.length, 2);
		assert.match(catalog.problems.join('\n'), /Bad Name\.md ignored/);
		assert.match(catalog.problems.join('\n'), /empty\.md has no instructions/);
	});

	it('caps a role\'s permission at the server\'s maximum', () => {
		assert.equal(capPermission('full', 'edit'), 'edit');
		assert.equal(capPermission('edit', 'readOnly'), 'readOnly');
		assert.equal(capPermission('readOnly', 'full'), 'readOnly');
		assert.equal(capPermission('edit', 'full'), 'edit');
	});
});
