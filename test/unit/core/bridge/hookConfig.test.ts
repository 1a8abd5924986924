import * as assert from 'node:assert/strict';
import { batonHookEvents, connectHooks, disconnectHooks, hasBatonHooks, isBatonHookCommand } from '../../../../src/core/bridge/hookConfig';
import { planConnect, planDisconnect, previewText } from '../../../../src/core/bridge/hookPlan';
import { parseJsonText, nodeValue } from '../../../../src/core/bridge/jsonText';
import { unifiedDiff } from '../../../../src/core/bridge/textDiff';
import type { BridgeAgent } from '../../../../src/core/bridge/types';
import { readSample } from '../../../support/samples';

const cmd = '"/usr/bin/node" "/home/u/.vscode/extensions/baton-dev.baton-0.1.0/dist/cli.js"';
const agents: readonly BridgeAgent[] = ['claude', 'gemini', 'codex'];

/** User files of each kind: odd indentation, CRLF, comments, own hooks in the events Baton uses too. */
function userFiles(agent: BridgeAgent): Record<string, string | undefined> {
	const tool = agent === 'gemini' ? 'BeforeTool' : 'PreToolUse';
	return {
		'no file': undefined,
		'empty object': '{}',
		'empty object with newline': '{}\n',
		'spaced empty object': '{ }\n',
		'own hooks, odd formatting': `{\n   "model":"x" ,\n\n      "hooks" : {\n "${tool}": [ {"matcher":"Bash","hooks":[{"type":"command","command":"./guard.sh"}]} ],\n\t"Stop":[]\n   }   }`,
		'CRLF and tabs': `{\r\n\t"hooks": {\r\n\t\t"SessionStart": [\r\n\t\t\t{ "hooks": [ { "type": "command", "command": "echo hi" } ] }\r\n\t\t]\r\n\t},\r\n\t"other": [1, 2]\r\n}\r\n`,
		'comments (JSONC)': `// settings\n{\n  /* keep */ "theme": "dark", // trailing\n  "hooks": {}\n}\n`,
		'one-liner': '{"a": 1, "hooks": {"Stop": [{"hooks": [{"type": "command", "command": "x"}]}]}}',
		sample: agent === 'claude' ? readSample('claude/settings-hooks-example.json') : agent === 'codex' ? readSample('codex/hooks-json-example.json') : readSample('gemini/settings-example.json'),
	};
}

function commandsOf(text: string): string[] {
	const value = nodeValue(parseJsonText(text)) as { hooks?: Record<string, { hooks?: { command?: string }[] }[]> };
	return Object.values(value.hooks ?? {}).flatMap((groups) => groups.flatMap((g) => (g.hooks ?? []).map((h) => h.command ?? '')));
}

describe('hookConfig: connect / disconnect', () => {
	for (const agent of agents) {
		for (const [name, original] of Object.entries(userFiles(agent))) {
			it(`${agent}, ${name}: Connect then Disconnect is byte-identical (with and without the saved original)`, () => {
				const connected = connectHooks(agent, original, cmd);
				assert.equal(connected.changed, true);
				const parsed = nodeValue(parseJsonText(connected.text)) as Record<string, unknown>;
				if (original !== undefined) {
					const before = nodeValue(parseJsonText(original)) as Record<string, unknown>;
					for (const key of Object.keys(before).filter((k) => k !== 'hooks')) {
						assert.deepEqual(parsed[key], before[key], `setting ${key} kept`);
					}
				}
				const batonCommands = commandsOf(connected.text).filter(isBatonHookCommand);
				assert.equal(batonCommands.length, batonHookEvents[agent].length, 'one Baton hook per event');
				assert.ok(commandsOf(connected.text).length > batonCommands.length || original === undefined || !/command/.test(original), 'user hooks kept');
				const again = connectHooks(agent, connected.text, cmd);
				assert.equal(again.changed, false, 'idempotent');
				assert.equal(again.text, connected.text);
				const restored = disconnectHooks(agent, connected.text, { original: original ?? null, connected: connected.text });
				assert.equal(restored.text, original ?? null);
				// Without the saved original, `{ }`, an empty "hooks" object or an empty list for an event Baton uses come back in their canonical or removed form.
				if (original !== undefined && !/^\{ \}/.test(original) && !/"hooks"\s*:\s*\{\s*\}/.test(original) && !/:\s*\[\s*\]/.test(original)) {
					assert.equal(disconnectHooks(agent, connected.text).text, original, 'in-place removal alone restores it too');
				}
			});
		}
	}

	it('removes exactly Baton\'s entries when the user edited the file after Connect', () => {
		const original = userFiles('claude')['CRLF and tabs'] as string;
		const connected = connectHooks('claude', original, cmd).text;
		const edited = connected.replace('"other": [1, 2]', '"other": [1, 2, 3]');
		assert.notEqual(edited, connected);
		const out = disconnectHooks('claude', edited, { original, connected });
		assert.equal(out.text, original.replace('"other": [1, 2]', '"other": [1, 2, 3]'));
		const odd = userFiles('claude')['own hooks, odd formatting'] as string;
		const oddOut = disconnectHooks('claude', connectHooks('claude', odd, cmd).text.replace('"model":"x"', '"model":"y"')).text ?? '';
		assert.deepEqual(nodeValue(parseJsonText(oddOut)), { model: 'y', hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: './guard.sh' }] }] } }, 'the empty Stop list Baton filled goes away with it');
	});

	it('keeps a user handler sharing a group with Baton\'s, and replaces Baton entries of another install path', () => {
		const mixed = JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: 'command', command: 'baton hook claude Stop' }, { type: 'command', command: 'notify-send done' }] }] } }, null, 2);
		const cleaned = disconnectHooks('claude', mixed).text ?? '';
		assert.deepEqual(commandsOf(cleaned), ['notify-send done']);
		const old = connectHooks('claude', undefined, '"/old/dist/cli.js"').text;
		const updated = connectHooks('claude', old, cmd).text;
		assert.equal(commandsOf(updated).filter((c) => c.includes('/old/')).length, 0);
		assert.equal(commandsOf(updated).filter(isBatonHookCommand).length, batonHookEvents.claude.length);
	});

	it('writes Gemini timeouts in ms and names the hooks; tool matchers cover only file-writing tools', () => {
		const gemini = nodeValue(parseJsonText(connectHooks('gemini', undefined, 'baton').text)) as { hooks: Record<string, { matcher?: string; hooks: { timeout: number; name?: string }[] }[]> };
		assert.equal(gemini.hooks['BeforeTool']?.[0]?.matcher, 'write_file|replace');
		assert.equal(gemini.hooks['SessionStart']?.[0]?.hooks[0]?.timeout, 10_000);
		assert.equal(gemini.hooks['SessionStart']?.[0]?.hooks[0]?.name, 'baton');
		const claude = nodeValue(parseJsonText(connectHooks('claude', undefined, 'baton').text)) as { hooks: Record<string, { matcher?: string; hooks: { timeout: number }[] }[]> };
		assert.equal(claude.hooks['PreToolUse']?.[0]?.matcher, 'Write|Edit|MultiEdit|NotebookEdit');
		assert.equal(claude.hooks['Stop']?.[0]?.hooks[0]?.timeout, 10);
		const codex = nodeValue(parseJsonText(connectHooks('codex', undefined, 'baton').text)) as Record<string, unknown>;
		assert.deepEqual(Object.keys(codex), ['hooks'], 'Codex hooks.json accepts only hooks/description');
	});

	it('recognises Baton commands by the executable before `hook <agent> <event>`', () => {
		assert.ok(isBatonHookCommand('baton hook claude Stop'));
		assert.ok(isBatonHookCommand('"C:\\Program Files\\baton\\baton.cmd" hook gemini BeforeTool'));
		assert.ok(isBatonHookCommand('node "/x/dist/cli.js" hook codex PreToolUse'));
		assert.ok(isBatonHookCommand('node /x/dist/hook.js hook codex PreToolUse'));
		assert.ok(!isBatonHookCommand('./my-guard.sh hook claude Stop'));
		assert.ok(!isBatonHookCommand('baton hook claude Stop && rm -rf /'));
		assert.ok(!isBatonHookCommand(42));
	});

	it('refuses files that are not JSON objects, and reports whether Baton is connected', () => {
		assert.throws(() => connectHooks('claude', '[1]', cmd), /not hold a JSON object/);
		assert.throws(() => connectHooks('claude', '{"hooks": 3}', cmd), /"hooks" is not an object/);
		assert.throws(() => connectHooks('claude', '{"a": }', cmd));
		assert.deepEqual(disconnectHooks('claude', '{"a": }'), { text: '{"a": }', changed: false });
		assert.equal(hasBatonHooks('codex', connectHooks('codex', undefined, cmd).text), true);
		assert.equal(hasBatonHooks('codex', '{}'), false);
		assert.equal(hasBatonHooks('codex', undefined), false);
	});
});

describe('hookPlan and preview', () => {
	it('plans Connect for the three files with diffs and reports a broken file instead of touching it', () => {
		const plans = planConnect({ claude: '{}\n', gemini: '{ broken' }, 'baton');
		assert.deepEqual(plans.map((p) => [p.agent, p.path, p.changed, p.error !== undefined]), [
			['claude', '.claude/settings.json', true, false],
			['gemini', '.gemini/settings.json', false, true],
			['codex', '.codex/hooks.json', true, false],
		]);
		assert.match(plans[0]?.diff ?? '', /^--- a\/\.claude\/settings\.json\n\+\+\+ b\/\.claude\/settings\.json\n@@ -1,1 \+1,/);
		assert.match(plans[2]?.diff ?? '', /^--- \/dev\/null\n\+\+\+ b\/\.codex\/hooks\.json\n@@ -0,0 \+1,/);
		const text = previewText(plans);
		assert.match(text, /\.gemini\/settings\.json: not changed/);
		const connected = { claude: plans[0]?.after ?? '', codex: plans[2]?.after ?? '' };
		const back = planDisconnect(connected, { claude: { original: '{}\n', connected: connected.claude }, codex: { original: null, connected: connected.codex } });
		assert.deepEqual(back.map((p) => p.after), ['{}\n', null, null]);
		assert.match(back[2]?.diff ?? '', /\+\+\+ \/dev\/null/);
	});

	it('shows a unified diff with context and hunk ranges', () => {
		const a = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].join('\n') + '\n';
		const b = a.replace('2\n', 'two\n').replace('9\n', '9\nnine-and-a-half\n');
		assert.equal(
			unifiedDiff('f', a, b, 1),
			['--- a/f', '+++ b/f', '@@ -1,3 +1,3 @@', ' 1', '-2', '+two', ' 3', '@@ -9,2 +9,3 @@', ' 9', '+nine-and-a-half', ' 10', ''].join('\n'),
		);
		assert.equal(unifiedDiff('f', a, a), '');
		assert.match(unifiedDiff('f', 'x', 'x\n'), /only line endings/);
	});
});
