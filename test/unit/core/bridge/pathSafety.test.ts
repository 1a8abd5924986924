import * as assert from 'node:assert/strict';
import { allowedRoots, checkPayloadPath, displayPath, isInside } from '../../../../src/core/bridge/pathSafety';

const ws = '/home/u/proj';
const roots = allowedRoots(ws, `${ws}/sub`);

function ok(raw: unknown, cwd = `${ws}/sub`): string {
	const r = checkPayloadPath(raw, cwd, roots);
	assert.ok(r.ok, `expected ${JSON.stringify(raw)} to be accepted: ${r.ok ? '' : r.reason}`);
	return r.path;
}

function rejected(raw: unknown, cwd = `${ws}/sub`, r = roots): string {
	const result = checkPayloadPath(raw, cwd, r);
	assert.equal(result.ok, false, `expected ${JSON.stringify(raw)} to be rejected`);
	return result.ok ? '' : result.reason;
}

describe('pathSafety', () => {
	it('accepts absolute and cwd-relative paths inside the workspace and normalises them', () => {
		assert.equal(ok(`${ws}/src/a.ts`), `${ws}/src/a.ts`);
		assert.equal(ok(`${ws}//src/./b.ts`), `${ws}/src/b.ts`);
		assert.equal(ok('c.ts'), `${ws}/sub/c.ts`);
		assert.equal(ok('./d/e.ts'), `${ws}/sub/d/e.ts`);
	});

	it('rejects traversal, absolute paths outside, control characters, non-strings and overlong paths', () => {
		assert.match(rejected('../outside.txt'), /\.\./);
		assert.match(rejected(`${ws}/src/../../etc/passwd`), /\.\./);
		assert.match(rejected('..\\win.txt'), /\.\./);
		assert.match(rejected('/etc/passwd'), /outside/);
		assert.match(rejected('/home/u/project-evil/x'), /outside/, 'a sibling with a common prefix is outside');
		assert.match(rejected('a\u0000b'), /control/);
		assert.match(rejected('a\nb'), /control/);
		assert.match(rejected(42), /not a path/);
		assert.match(rejected(''), /not a path/);
		assert.match(rejected(`${ws}/${'x'.repeat(5000)}`), /longer/);
		assert.match(rejected('rel.txt', 'relative/cwd', [ws]), /relative/);
	});

	it('does not widen the roots with a cwd outside the workspace', () => {
		assert.deepEqual(allowedRoots(ws, '/tmp'), [ws]);
		assert.deepEqual(allowedRoots(null, '/tmp/w'), ['/tmp/w']);
		assert.equal(checkPayloadPath('/tmp/x.txt', '/tmp', allowedRoots(ws, '/tmp')).ok, false);
	});

	it('handles Windows paths case-insensitively', () => {
		const r = allowedRoots('C:\\Work\\Proj', 'C:\\Work\\Proj');
		const checked = checkPayloadPath('c:\\work\\proj\\src\\a.ts', 'C:\\Work\\Proj', r);
		assert.ok(checked.ok);
		assert.equal(checkPayloadPath('C:\\Windows\\system.ini', 'C:\\Work\\Proj', r).ok, false);
		assert.ok(isInside('C:\\Work\\Proj\\x', 'c:\\work\\proj'));
	});

	it('shows workspace-relative paths in messages', () => {
		assert.equal(displayPath(`${ws}/src/a.ts`, ws), 'src/a.ts');
		assert.equal(displayPath('/elsewhere/a.ts', ws), '/elsewhere/a.ts');
		assert.equal(displayPath(`${ws}/a.ts`, null), `${ws}/a.ts`);
	});
});
