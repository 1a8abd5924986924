import * as assert from 'node:assert/strict';
import { chainedCommandOf, installStatusline, isBatonStatuslineInstalled, uninstallStatusline } from '../../../../src/core/quota/statuslineInstall';

const prefix = '"/usr/bin/node" "/opt/baton/dist/cli.js"';

function chainArg(text: string): string {
	const m = /statusline --chain ([A-Za-z0-9_-]+)/.exec(text);
	assert.ok(m?.[1], 'Baton command with --chain');
	return m[1];
}

function roundTrip(original: string | null): string | null {
	const installed = installStatusline(original, prefix);
	assert.equal(installed.changed, true);
	assert.ok(installed.text !== null && isBatonStatuslineInstalled(installed.text));
	JSON.parse(installed.text);
	const removed = uninstallStatusline(installed.text);
	assert.equal(removed.changed, true);
	return removed.text;
}

describe('quota: statusLine install / uninstall (settings.json edits)', () => {
	it('chains an existing statusLine and restores it byte for byte', () => {
		const original = '{\n\t"model": "opus",\n\t"statusLine": {\n\t\t"type": "command",\n\t\t"command": "~/bin/my line.sh --color",\n\t\t"padding": 0\n\t},\n\t"hooks": {}\n}\n';
		const installed = installStatusline(original, prefix);
		assert.equal(installed.chained, '~/bin/my line.sh --color');
		const parsed = JSON.parse(installed.text ?? '') as { statusLine: { command: string; padding: number }; hooks: object; model: string };
		assert.ok(parsed.statusLine.command.startsWith(`${prefix} statusline --chain `));
		assert.equal(parsed.statusLine.padding, 0);
		assert.equal(parsed.model, 'opus');
		assert.equal(chainedCommandOf(chainArg(installed.text ?? '')), '~/bin/my line.sh --color');
		assert.equal(uninstallStatusline(installed.text).text, original);
	});

	const originals: Array<[string, string]> = [
		['two-space JSON without a statusLine', '{\n  "model": "sonnet",\n  "env": { "A": "1" }\n}\n'],
		['tab-indented JSON without a statusLine', '{\n\t"a": [1, 2]\n}'],
		['CRLF JSON', '{\r\n  "a": true\r\n}\r\n'],
		['one-line JSON', '{"a":1,"b":{"c":null}}'],
		['an empty object', '{}'],
		['an empty object over two lines', '{\n}\n'],
		['unicode and escapes', '{\n  "name": "caf\\u00e9 ☕ \\"quoted\\"",\n  "statusLine": {"type":"command","command":"echo \\"é\\" | cat"}\n}\n'],
	];
	for (const [name, original] of originals) {
		it(`round-trips ${name}`, () => {
			assert.equal(roundTrip(original), original);
		});
	}

	it('creates the file when missing and deletes it again', () => {
		const installed = installStatusline(null, prefix);
		assert.equal(installed.chained, null);
		assert.equal(chainedCommandOf(chainArg(installed.text ?? '')), null);
		assert.equal(uninstallStatusline(installed.text).text, null);
	});

	it('is idempotent and updates only the command prefix on reinstall', () => {
		const first = installStatusline('{"statusLine":{"type":"command","command":"mine"}}', prefix);
		const again = installStatusline(first.text, prefix);
		assert.equal(again.changed, false);
		assert.equal(again.chained, 'mine');
		const moved = installStatusline(first.text, 'baton');
		assert.equal(moved.changed, true);
		assert.equal(uninstallStatusline(moved.text).text, '{"statusLine":{"type":"command","command":"mine"}}');
	});

	it('keeps other edits when the user changed the file after installing', () => {
		const installed = installStatusline('{\n  "a": 1\n}\n', prefix).text ?? '';
		const edited = installed.replace('"a": 1', '"a": 2,\n  "b": 3');
		const removed = uninstallStatusline(edited).text ?? '';
		assert.deepEqual(JSON.parse(removed), { a: 2, b: 3 });
	});

	it('leaves files without Baton alone and refuses invalid JSON', () => {
		assert.deepEqual(uninstallStatusline('{"a":1}'), { text: '{"a":1}', changed: false, chained: null });
		assert.equal(isBatonStatuslineInstalled('{"statusLine":{"type":"command","command":"x"}}'), false);
		assert.throws(() => installStatusline('{"a":1,}', prefix), SyntaxError);
		assert.throws(() => installStatusline('[1]', prefix), SyntaxError);
	});
});
