import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

function baton(args: string[], env: NodeJS.ProcessEnv = process.env): { code: number | null; stdout: string; stderr: string } {
	const r = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8', timeout: 20000 });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A folder with executables that print a version, standing in for installed CLIs on PATH. */
function fakeBin(versions: Record<string, string>): string {
	const dir = mkdtempSync(join(tmpdir(), 'baton-bin-'));
	for (const [name, output] of Object.entries(versions)) {
		const file = join(dir, name);
		writeFileSync(file, `#!/bin/sh\necho '${output}'\n`);
		chmodSync(file, 0o755);
	}
	return dir;
}

describe('baton CLI (built dist/cli.js as a child process)', () => {
	it('prints its version', () => {
		const r = baton(['--version']);
		assert.equal(r.code, 0);
		assert.equal(r.stdout.trim(), version);
	});

	it('prints help listing its commands', () => {
		const r = baton(['--help']);
		assert.equal(r.code, 0);
		assert.match(r.stdout, /usage: baton <command>/);
		assert.match(r.stdout, /doctor/);
	});

	it('exits 2 with a clear message on bad arguments', () => {
		const unknown = baton(['frobnicate']);
		assert.equal(unknown.code, 2);
		assert.match(unknown.stderr, /unknown command 'frobnicate'/);
		const badOption = baton(['doctor', '--bogus']);
		assert.equal(badOption.code, 2);
		assert.match(badOption.stderr, /unknown option --bogus/);
		assert.equal(baton([]).code, 2);
	});

	it('doctor finds the agent CLIs on PATH with their versions', () => {
		const bin = fakeBin({ claude: '2.1.197 (Claude Code)', codex: 'codex-cli 0.169.0' });
		const r = baton(['doctor', '--json'], { PATH: `${bin}:/usr/bin:/bin`, HOME: tmpdir(), BATON_HOME: '/tmp/baton-home-test' });
		assert.equal(r.code, 0, r.stderr);
		const report = JSON.parse(r.stdout) as { baton: string; agents: Array<{ id: string; version?: string; path?: string; problem?: string }>; data: { userStateDir: string } };
		assert.equal(report.baton, version);
		const byId = Object.fromEntries(report.agents.map((a) => [a.id, a]));
		assert.equal(byId['claude']?.version, '2.1.197');
		assert.equal(byId['claude']?.path, join(bin, 'claude'));
		assert.equal(byId['codex']?.version, '0.169.0');
		assert.match(byId['gemini']?.problem ?? '', /not on PATH.*npm i -g @google\/gemini-cli/);
		assert.equal(report.data.userStateDir, '/tmp/baton-home-test');
	});

	it('doctor exits 1 and says how to install when no agent is usable', () => {
		const r = baton(['doctor'], { PATH: fakeBin({}), HOME: tmpdir() });
		assert.equal(r.code, 1);
		assert.match(r.stdout, /No agent CLI is usable/);
		assert.match(r.stdout, /npm i -g @anthropic-ai\/claude-code/);
	});
});
