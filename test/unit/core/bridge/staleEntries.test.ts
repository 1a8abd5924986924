import * as assert from 'node:assert/strict';
import { batonScriptPaths, staleBatonPaths } from '../../../../src/core/bridge/staleEntries';

describe('stale Baton entries in project settings', () => {
	it('finds the hook and MCP script paths, quoted, escaped or bare', () => {
		const settings = '{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"\\"/usr/bin/node\\" \\"/home/u/.vscode/extensions/baton-dev.baton-0.1.0/dist/hook.js\\" hook claude Stop"}]}]}}';
		const mcp = '{"mcpServers":{"baton":{"command":"/usr/bin/node","args":["/home/u/.vscode/extensions/baton-dev.baton-0.1.0/dist/cli.js","mcp"]}}}';
		const toml = 'args = ["/opt/ext/dist/cli.js", "mcp"]\ncommand = "/usr/bin/node"\n';
		const win = '{"args":["C:\\\\Users\\\\u\\\\ext\\\\dist\\\\cli.js","mcp"]}';
		assert.deepEqual(batonScriptPaths(settings), ['/home/u/.vscode/extensions/baton-dev.baton-0.1.0/dist/hook.js']);
		assert.deepEqual(batonScriptPaths(mcp), ['/home/u/.vscode/extensions/baton-dev.baton-0.1.0/dist/cli.js']);
		assert.deepEqual(batonScriptPaths(toml), ['/opt/ext/dist/cli.js']);
		assert.deepEqual(batonScriptPaths(win), ['C:\\Users\\u\\ext\\dist\\cli.js']);
		assert.deepEqual(batonScriptPaths('{"hooks":{}}'), []);
	});

	it('reports only paths that no longer exist', () => {
		const texts = ['"/old/dist/hook.js" hook claude Stop', undefined, '["/new/dist/cli.js"]', '"/old/dist/hook.js"'];
		assert.deepEqual(staleBatonPaths(texts, (p) => p.startsWith('/new/')), ['/old/dist/hook.js']);
		assert.deepEqual(staleBatonPaths(texts, () => true), []);
	});
});
