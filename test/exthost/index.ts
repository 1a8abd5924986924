import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

/** Entry point the workbench calls inside the extension host: runs every `*.test.js` beside this file. */
export function run(): Promise<void> {
	const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30000, reporter: 'spec' });
	for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
		mocha.addFile(join(__dirname, file));
	}
	return new Promise((resolve, reject) => {
		mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
	});
}
