import * as assert from 'node:assert/strict';
import { appendElement, appendMember, detectLayout, JsonSyntaxError, memberOf, nodeValue, parseJsonText, removeElement, removeMember, type JsonNode } from '../../../../src/core/bridge/jsonText';

function object(text: string): Extract<JsonNode, { type: 'object' }> {
	const node = parseJsonText(text);
	assert.equal(node.type, 'object');
	return node as Extract<JsonNode, { type: 'object' }>;
}

describe('jsonText', () => {
	it('parses JSON with comments and trailing commas, keeping offsets', () => {
		const text = '// c\n{ "a": [1, "x\\"y", true, null,], /* b */ "b": {"c": -1.5e3}, }';
		const node = object(text);
		assert.deepEqual(nodeValue(node), { a: [1, 'x"y', true, null], b: { c: -1500 } });
		const a = memberOf(node, 'a');
		assert.equal(text.slice(a?.keyStart, a?.value.end), '"a": [1, "x\\"y", true, null,]');
		assert.deepEqual(nodeValue(parseJsonText(JSON.stringify({ u: 'é\u2028😀' }))), { u: 'é\u2028😀' });
	});

	it('rejects what is not JSON', () => {
		for (const bad of ['', '{', '{"a" 1}', '{"a": 1} x', '[1 2]', '{"a": tru}', '/* open', '"a\nb"']) {
			assert.throws(() => parseJsonText(bad), JsonSyntaxError, bad);
		}
	});

	it('appends and removes members and elements as exact inverses, in the file\'s layout', () => {
		const layout = detectLayout('{\n\t"a": 1\n}\n');
		assert.deepEqual(layout, { unit: '\t', eol: '\n' });
		const text = '{\n\t"a": 1\n}\n';
		const added = appendMember(text, object(text), 'b', { c: [1] }, layout);
		assert.equal(added, '{\n\t"a": 1,\n\t"b": {\n\t\t"c": [\n\t\t\t1\n\t\t]\n\t}\n}\n');
		assert.equal(removeMember(added, object(added), 1), text);
		const arrText = '{"x": [ 1 ]}';
		const arr = memberOf(object(arrText), 'x')?.value;
		assert.equal(arr?.type, 'array');
		const withTwo = appendElement(arrText, arr as Extract<JsonNode, { type: 'array' }>, { k: 'v' }, detectLayout(arrText));
		assert.equal(withTwo, '{"x": [ 1, {"k": "v"} ]}');
		const arr2 = memberOf(object(withTwo), 'x')?.value as Extract<JsonNode, { type: 'array' }>;
		assert.equal(removeElement(withTwo, arr2, 1), arrText);
		assert.equal(removeElement(withTwo, arr2, 0), '{"x": [ {"k": "v"} ]}');
		assert.deepEqual(detectLayout('{\r\n    "a": 1\r\n}'), { unit: '    ', eol: '\r\n' });
	});
});
