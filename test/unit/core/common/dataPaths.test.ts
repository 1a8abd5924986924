import * as assert from 'node:assert/strict';
import { batonDataDir } from '../../../../src/core/common/dataPaths';

describe('batonDataDir', () => {
	it('prefers BATON_HOME', () => {
		assert.equal(batonDataDir({ platform: 'linux', homeDir: '/home/u', env: { BATON_HOME: '/x/baton' } }), '/x/baton');
	});

	it('follows XDG_STATE_HOME on Linux, else ~/.local/state', () => {
		assert.equal(batonDataDir({ platform: 'linux', homeDir: '/home/u', env: { XDG_STATE_HOME: '/s/' } }), '/s/baton');
		assert.equal(batonDataDir({ platform: 'linux', homeDir: '/home/u', env: {} }), '/home/u/.local/state/baton');
	});

	it('uses Application Support on macOS and LOCALAPPDATA on Windows', () => {
		assert.equal(batonDataDir({ platform: 'darwin', homeDir: '/Users/u', env: {} }), '/Users/u/Library/Application Support/baton');
		assert.equal(batonDataDir({ platform: 'win32', homeDir: 'C:\\Users\\u', env: { LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' } }), 'C:\\Users\\u\\AppData\\Local/baton');
	});
});
