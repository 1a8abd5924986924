import * as assert from 'node:assert/strict';
import { parseArgs, UsageError } from '../../../src/cli/args';

describe('cli argument parser', () => {
	const flags = new Set(['json']);
	it('reads positionals, valued options and flags', () => {
		const parsed = parseArgs(['route', '--text', 'fix it', '--json', '--files=a.ts,b.ts'], flags);
		assert.deepEqual(parsed.positionals, ['route']);
		assert.equal(parsed.options.get('text'), 'fix it');
		assert.equal(parsed.options.get('json'), true);
		assert.equal(parsed.options.get('files'), 'a.ts,b.ts');
	});

	it('stops at --', () => {
		assert.deepEqual(parseArgs(['--', '--json'], flags).positionals, ['--json']);
	});

	it('rejects a missing value and unknown options', () => {
		assert.throws(() => parseArgs(['--text'], flags), UsageError);
		assert.throws(() => parseArgs(['--nope'], flags, new Set(['json'])), /unknown option --nope/);
	});
});
