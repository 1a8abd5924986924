import * as assert from 'node:assert/strict';
import { connectHooks, disconnectHooks } from '../../../../src/core/bridge/hookConfig';
import { nodeValue, parseJsonText } from '../../../../src/core/bridge/jsonText';
import {
	batonMcpLaunch,
	codexMcpBlock,
	connectMcpServer,
	disconnectMcpServer,
	hasBatonMcpServer,
	isBatonMcpEntry,
	mcpToolTimeoutSeconds,
	planMcpConnect,
	planMcpDisconnect,
	type McpLaunch,
} from '../../../../src/core/bridge/mcpConfig';
import type { BridgeAgent } from '../../../../src/core/bridge/types';

const base: McpLaunch = { command: '/usr/bin/node', args: ['/home/u/.vscode/extensions/baton-dev.baton-0.1.0/dist/cli.js'] };
const launch = (agent: BridgeAgent): McpLaunch => batonMcpLaunch(base, agent);
const moved = (agent: BridgeAgent): McpLaunch => batonMcpLaunch({ command: 'C:\\Program Files\\nodejs\\node.exe', args: ['D:\\ext "x"\\dist\\cli.js'], env: { ELECTRON_RUN_AS_NODE: '1', 'A.B': 'c' } }, agent);

const jsonFiles: Record<string, string | undefined> = {
	'no file': undefined,
	'empty object': '{}',
	'spaced empty object': '{ }\n',
	'other servers, odd formatting': '{\n   "mcpServers" : {\n "github": {"command":"gh-mcp","args":[]}\n   } ,\n\n  "x": 1   }',
	'empty mcpServers': '{\n\t"mcpServers": {}\n}\n',
	'CRLF, tabs and comments': '// project servers\r\n{\r\n\t"theme": "dark", /* keep */\r\n\t"mcpServers": {\r\n\t\t"db": { "command": "db-mcp" }\r\n\t}\r\n}\r\n',
	'one-liner': '{"mcpServers": {"a": {"command": "a"}}, "hooks": {}}',
};

const tomlFiles: Record<string, string | undefined> = {
	'no file': undefined,
	empty: '',
	'no trailing newline': 'model = "o3"',
	'trailing blank line': 'model = "o3"\n\n',
	'tables after, CRLF': '# codex\r\nmodel = "o3"\r\n\r\n[mcp_servers.docs]\r\ncommand = "docs"\r\n\r\n[features]\r\nplugins = false\r\n',
	'multi-line string holding a header': 'instructions = """\n[mcp_servers.baton]\nnot a table\n"""\n[projects."/w"]\ntrust_level = "trusted"\n',
	'literal strings and comments': "a = 'x # not a comment' # comment\n[mcp_servers.'other']\ncommand = 'o'\n",
};

describe('mcpConfig: connect / disconnect', () => {
	for (const agent of ['claude', 'gemini'] as const) {
		for (const [name, original] of Object.entries(jsonFiles)) {
			it(`${agent}, ${name}: Connect registers the server, is idempotent, and Disconnect is byte-identical`, () => {
				const connected = connectMcpServer(agent, original, launch(agent));
				assert.equal(connected.changed, true);
				const value = nodeValue(parseJsonText(connected.text)) as { mcpServers: Record<string, Record<string, unknown>> };
				const entry = value.mcpServers['baton'];
				assert.deepEqual(entry?.['args'], [...base.args, 'mcp', '--agent', agent]);
				assert.equal(entry?.['command'], '/usr/bin/node');
				assert.equal(entry?.['timeout'], mcpToolTimeoutSeconds * 1000);
				if (agent === 'claude') assert.equal(entry?.['type'], 'stdio');
				assert.ok(hasBatonMcpServer(agent, connected.text));
				assert.deepEqual(connectMcpServer(agent, connected.text, launch(agent)), { text: connected.text, changed: false });
				const saved = { original: original ?? null, connected: connected.text };
				assert.deepEqual(disconnectMcpServer(agent, connected.text, saved), { text: original ?? null, changed: true });
				const inPlace = disconnectMcpServer(agent, connected.text);
				assert.equal(hasBatonMcpServer(agent, inPlace.text ?? undefined), false);
				if (original !== undefined && !/^\{ ?\}\n?$/.test(original) && !original.includes('"mcpServers": {}')) {
					assert.equal(inPlace.text, original, 'the in-place removal is the inverse of the insertion');
				}
			});
		}
		it(`${agent}: a new launch replaces Baton's entry in place, keeping the user's servers`, () => {
			const original = jsonFiles['other servers, odd formatting'] as string;
			const first = connectMcpServer(agent, original, launch(agent)).text;
			const second = connectMcpServer(agent, first, moved(agent));
			assert.equal(second.changed, true);
			const servers = (nodeValue(parseJsonText(second.text)) as { mcpServers: Record<string, { args: string[]; env?: Record<string, string> }> }).mcpServers;
			assert.deepEqual(Object.keys(servers), ['github', 'baton']);
			assert.deepEqual(servers['baton']?.env, { ELECTRON_RUN_AS_NODE: '1', 'A.B': 'c' });
			assert.equal(disconnectMcpServer(agent, second.text).text, original);
		});
		it(`${agent}: refuses a foreign "baton" server and a non-object file; Disconnect leaves both alone`, () => {
			const foreign = '{"mcpServers": {"baton": {"command": "my-baton-thing", "args": ["serve"]}}}';
			assert.throws(() => connectMcpServer(agent, foreign, launch(agent)), /not Baton's server/);
			assert.deepEqual(disconnectMcpServer(agent, foreign), { text: foreign, changed: false });
			assert.throws(() => connectMcpServer(agent, '[1]', launch(agent)), /does not hold a JSON object/);
			assert.throws(() => connectMcpServer(agent, '{"mcpServers": []}', launch(agent)), /"mcpServers" is not an object/);
			assert.deepEqual(disconnectMcpServer(agent, '{oops'), { text: '{oops', changed: false });
		});
	}

	for (const [name, original] of Object.entries(tomlFiles)) {
		it(`codex, ${name}: Connect adds [mcp_servers.baton], is idempotent, and Disconnect is byte-identical`, () => {
			const connected = connectMcpServer('codex', original, launch('codex'));
			assert.equal(connected.changed, true);
			assert.ok(connected.text.startsWith(original ?? ''), 'the rest of the file is kept byte for byte');
			const eol = (original ?? '').includes('\r\n') ? '\r\n' : '\n';
			assert.ok(connected.text.endsWith(codexMcpBlock(launch('codex'), eol)));
			assert.ok(hasBatonMcpServer('codex', connected.text));
			assert.deepEqual(connectMcpServer('codex', connected.text, launch('codex')), { text: connected.text, changed: false });
			assert.deepEqual(disconnectMcpServer('codex', connected.text, { original: original ?? null, connected: connected.text }), { text: original ?? null, changed: true });
			const inPlace = disconnectMcpServer('codex', connected.text).text;
			if (original !== undefined && name !== 'no trailing newline' && name !== 'trailing blank line') {
				assert.equal(inPlace, original);
			}
		});
	}

	it('codex: the block is TOML Codex reads: quoted strings, inline env table, tool timeout', () => {
		assert.equal(
			codexMcpBlock(moved('codex')),
			[
				'[mcp_servers.baton]',
				'command = "C:\\\\Program Files\\\\nodejs\\\\node.exe"',
				'args = ["D:\\\\ext \\"x\\"\\\\dist\\\\cli.js", "mcp", "--agent", "codex"]',
				'env = { ELECTRON_RUN_AS_NODE = "1", "A.B" = "c" }',
				`tool_timeout_sec = ${mcpToolTimeoutSeconds}`,
				'',
			].join('\n'),
		);
	});

	it('codex: a changed launch is replaced in place, before the user\'s later tables; removal keeps them', () => {
		const original = 'model = "o3"\n\n[features]\nplugins = false\n';
		const first = connectMcpServer('codex', original, launch('codex')).text;
		const user = `${first}\n[mcp_servers.docs]\ncommand = "docs"\n`;
		const second = connectMcpServer('codex', user, moved('codex')).text;
		assert.ok(second.includes('ELECTRON_RUN_AS_NODE'));
		assert.ok(second.endsWith('[mcp_servers.docs]\ncommand = "docs"\n'));
		assert.equal(second.match(/\[mcp_servers\.baton\]/g)?.length, 1);
		assert.equal(disconnectMcpServer('codex', second).text, `${original}\n[mcp_servers.docs]\ncommand = "docs"\n`);
	});

	it('codex: refuses inline or dotted definitions and a foreign [mcp_servers.baton]', () => {
		assert.throws(() => connectMcpServer('codex', 'mcp_servers = { other = { command = "x" } }\n', launch('codex')), /inline or with dotted keys/);
		assert.throws(() => connectMcpServer('codex', '[mcp_servers]\nbaton.command = "x"\n', launch('codex')), /inline or with dotted keys/);
		assert.throws(() => connectMcpServer('codex', '[mcp_servers.baton]\ncommand = "other"\nargs = []\n', launch('codex')), /not Baton's server/);
	});

	it('Gemini settings shared with hooks: Connect hooks + MCP, then Disconnect both, is byte-identical in either order', () => {
		const original = '{\n  "theme": "dark"\n}\n';
		const hooked = connectHooks('gemini', original, '"/usr/bin/node" "/ext/dist/hook.js"').text;
		const both = connectMcpServer('gemini', hooked, launch('gemini')).text;
		assert.equal(disconnectHooks('gemini', disconnectMcpServer('gemini', both).text ?? '').text, original);
		assert.equal(disconnectMcpServer('gemini', disconnectHooks('gemini', both).text ?? '').text, original);
	});

	it('recognises Baton entries by the launch, not the name alone', () => {
		assert.ok(isBatonMcpEntry({ command: 'baton', args: ['mcp', '--agent', 'claude'] }));
		assert.ok(isBatonMcpEntry({ command: 'node', args: ['/x/dist/cli.js', 'mcp'] }));
		assert.ok(!isBatonMcpEntry({ command: 'node', args: ['/x/dist/cli.js', 'hook'] }));
		assert.ok(!isBatonMcpEntry({ command: 'npx', args: ['some-mcp'] }));
	});

	it('plans Connect and Disconnect for the preview, with an error for a file it cannot edit', () => {
		const plans = planMcpConnect({ claude: undefined, gemini: '[1]', codex: 'model = "o3"\n' }, launch);
		assert.deepEqual(plans.map((p) => [p.path, p.changed, p.error !== undefined]), [['.mcp.json', true, false], ['.gemini/settings.json', false, true], ['.codex/config.toml', true, false]]);
		assert.match(plans[0]?.diff ?? '', /\+.*"baton"/);
		const saved = { claude: { original: null, connected: plans[0]?.after ?? '' } };
		const back = planMcpDisconnect({ claude: plans[0]?.after ?? undefined, codex: plans[2]?.after ?? undefined }, saved);
		assert.deepEqual(back.map((p) => [p.changed, p.after]), [[true, null], [false, null], [true, 'model = "o3"\n']]);
	});
});
