import * as assert from 'node:assert/strict';
import { connectFilePaths, planConnectFiles, planDisconnectFiles, type ConnectSetup } from '../../../../src/core/bridge/connectPlan';
import type { HookFilePlan } from '../../../../src/core/bridge/hookPlan';
import { nodeValue, parseJsonText } from '../../../../src/core/bridge/jsonText';
import { approveBatonMcpServer, claudeLocalSettingsPath, revokeBatonMcpServer } from '../../../../src/core/bridge/mcpApproval';
import { batonMcpLaunch, hasBatonMcpServer } from '../../../../src/core/bridge/mcpConfig';
import { hasBatonHooks } from '../../../../src/core/bridge/hookConfig';

const hookCommand = '"/usr/bin/node" "/ext/dist/hook.js"';
const setup: ConnectSetup = {
	hookCommand,
	mcpLaunch: (agent) => batonMcpLaunch({ command: '/usr/bin/node', args: ['/ext/dist/cli.js'], env: { BATON_GEMINI_PATH: '/bin/gemini' } }, agent, ['--storage-dir', '/s']),
};

/** User files in every path Connect edits: comments, CRLF, odd spacing, own servers and approvals. */
const userTexts: Record<string, string> = {
	'.claude/settings.json': '{\n    "permissions": { "allow": ["Bash(npm test)"] }\n}\n',
	'.mcp.json': '{\r\n\t"mcpServers": {\r\n\t\t"db": { "command": "db-mcp" }\r\n\t}\r\n}\r\n',
	'.claude/settings.local.json': '{ "enabledMcpjsonServers": ["db"], // mine\n  "x": 1 }',
	'.gemini/settings.json': '// gemini\n{\n  "theme": "dark",\n  "mcpServers": { "github": { "command": "gh" } }\n}\n',
	'.codex/hooks.json': '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "./notify.sh"}]}]}}',
	'.codex/config.toml': 'model = "o3"\n\n[mcp_servers.docs]\ncommand = "docs"\n',
};

/** What Connect saved: every changed file's text before and after. */
function saved(plans: readonly HookFilePlan[]): Record<string, { original: string | null; connected: string }> {
	return Object.fromEntries(plans.filter((p) => p.changed && p.after !== null).map((p) => [p.path, { original: p.before, connected: p.after as string }]));
}

const afterOf = (plans: readonly HookFilePlan[]): Record<string, string | undefined> => Object.fromEntries(plans.map((p) => [p.path, p.after ?? undefined]));

describe('mcpApproval: Claude Code approval of the baton server', () => {
	const cases: Record<string, string | undefined> = {
		'no file': undefined,
		'empty object': '{}\n',
		'other keys': '{\n  "permissions": {}\n}\n',
		'own approvals, CRLF': '{\r\n\t"enabledMcpjsonServers": [\r\n\t\t"db"\r\n\t]\r\n}\r\n',
		'empty list': '{"enabledMcpjsonServers": []}',
	};
	for (const [name, original] of Object.entries(cases)) {
		it(`${name}: approve adds "baton" once; revoke gives the original back`, () => {
			const approved = approveBatonMcpServer(original);
			const value = nodeValue(parseJsonText(approved)) as { enabledMcpjsonServers: string[] };
			assert.ok(value.enabledMcpjsonServers.includes('baton'));
			assert.equal(approveBatonMcpServer(approved), approved, 'idempotent');
			const revoked = revokeBatonMcpServer(approved);
			if (original === undefined || name === 'empty list') assert.ok(!revoked.includes('baton') && !(original ?? '').includes('baton'));
			else assert.equal(revoked, original);
		});
	}
	it('refuses a file that is not an object or a key that is not a list; revoke leaves unparsable text alone', () => {
		assert.throws(() => approveBatonMcpServer('[1]'), /does not hold a JSON object/);
		assert.throws(() => approveBatonMcpServer('{"enabledMcpjsonServers": "baton"}'), /is not a list/);
		assert.equal(revokeBatonMcpServer('{oops'), '{oops');
	});
});

describe('connectPlan: hooks and MCP in one plan per file', () => {
	it('edits every file once, the shared .gemini/settings.json with both hooks and mcpServers', () => {
		const plans = planConnectFiles(userTexts, setup);
		assert.deepEqual(plans.map((p) => p.path), connectFilePaths());
		assert.deepEqual(plans.map((p) => p.path), ['.claude/settings.json', '.mcp.json', claudeLocalSettingsPath, '.gemini/settings.json', '.codex/hooks.json', '.codex/config.toml']);
		assert.ok(plans.every((p) => p.changed && p.error === undefined), JSON.stringify(plans.map((p) => [p.path, p.error])));
		const gemini = plans.find((p) => p.path === '.gemini/settings.json')?.after ?? '';
		assert.ok(hasBatonHooks('gemini', gemini) && hasBatonMcpServer('gemini', gemini));
		assert.ok(gemini.includes('"github"') && gemini.startsWith('// gemini\n'));
		const local = nodeValue(parseJsonText(plans.find((p) => p.path === claudeLocalSettingsPath)?.after ?? '')) as { enabledMcpjsonServers: string[] };
		assert.deepEqual(local.enabledMcpjsonServers, ['db', 'baton']);
		const again = planConnectFiles(afterOf(plans), setup);
		assert.ok(again.every((p) => !p.changed), 'a second Connect changes nothing');
	});

	it('Disconnect with the saved originals is byte-identical, for user files and for files Connect created', () => {
		for (const texts of [userTexts, {}]) {
			const plans = planConnectFiles(texts, setup);
			const back = planDisconnectFiles(afterOf(plans), saved(plans));
			assert.deepEqual(afterOf(back), Object.fromEntries(Object.keys(afterOf(plans)).map((path) => [path, texts[path as keyof typeof texts]])));
		}
	});

	it('without the saved state, Baton entries are removed in place but the approval is left alone', () => {
		const plans = planConnectFiles(userTexts, setup);
		const back = afterOf(planDisconnectFiles(afterOf(plans), {}));
		for (const path of ['.claude/settings.json', '.mcp.json', '.gemini/settings.json', '.codex/hooks.json', '.codex/config.toml']) {
			assert.equal(back[path], userTexts[path], path);
		}
		assert.equal(back[claudeLocalSettingsPath], afterOf(plans)[claudeLocalSettingsPath], 'the user may have approved baton themselves');
	});

	it('a file edited after Connect loses exactly Baton\'s entries; a created file left empty is deleted', () => {
		const plans = planConnectFiles({ '.gemini/settings.json': '{\n  "theme": "dark"\n}\n' }, setup);
		const connected = afterOf(plans);
		const edited = { ...connected, '.gemini/settings.json': (connected['.gemini/settings.json'] ?? '').replace('"theme": "dark"', '"theme": "light"') };
		const back = afterOf(planDisconnectFiles(edited, saved(plans)));
		assert.equal(back['.gemini/settings.json'], '{\n  "theme": "light"\n}\n');
		const reformatted = { ...connected, '.mcp.json': `${connected['.mcp.json'] ?? ''}\n` };
		const gone = planDisconnectFiles(reformatted, saved(plans)).find((p) => p.path === '.mcp.json');
		assert.deepEqual([gone?.changed, gone?.after], [true, null]);
	});

	it('hooks only (no MCP launch): the MCP files are not planned; a file that cannot be parsed carries an error', () => {
		const plans = planConnectFiles({ '.codex/hooks.json': '{ not json' }, { hookCommand });
		assert.deepEqual(plans.map((p) => p.path), ['.claude/settings.json', '.gemini/settings.json', '.codex/hooks.json']);
		assert.ok(!(plans.find((p) => p.path === '.gemini/settings.json')?.after ?? '').includes('mcpServers'));
		const broken = plans.find((p) => p.path === '.codex/hooks.json');
		assert.deepEqual([broken?.changed, broken?.after], [false, '{ not json']);
		assert.ok(broken?.error);
	});
});
