import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandIds, extensionId, settingDefaults, settingsSection, statusBarIds, viewIds, viewTypes } from '../../src/host/ids';

interface Manifest {
	name: string;
	publisher: string;
	displayName: string;
	main: string;
	engines: { vscode: string };
	extensionKind: string[];
	activationEvents: string[];
	capabilities: { untrustedWorkspaces: { supported: string | boolean; restrictedConfigurations?: string[] } };
	contributes: {
		commands: Array<{ command: string; title: string; category?: string }>;
		menus: Record<string, Array<{ command: string }>>;
		viewsContainers: { activitybar: Array<{ id: string; icon: string }> };
		views: Record<string, Array<{ id: string }>>;
		configuration: Array<{ title: string; order: number; properties: Record<string, { default: unknown; scope?: string; markdownDescription?: string }> }>;
	};
}

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

describe('manifest', () => {
	it('contributes exactly the commands in ids.ts, each in category Baton', () => {
		const contributed = manifest.contributes.commands.map((c) => c.command).sort();
		assert.deepEqual(contributed, Object.values(commandIds).sort());
		for (const c of manifest.contributes.commands) {
			assert.equal(c.category, 'Baton', c.command);
			assert.match(c.command, /^baton\.[a-z][A-Za-z]+$/);
		}
	});

	it('menus only reference contributed commands', () => {
		const known = new Set<string>(Object.values(commandIds));
		for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
			for (const item of items) {
				assert.ok(known.has(item.command), `${menu} → ${item.command}`);
			}
		}
	});

	it('contributes the view container and views in ids.ts', () => {
		assert.deepEqual(manifest.contributes.viewsContainers.activitybar.map((c) => c.id), [viewIds.container]);
		const views = Object.values(manifest.contributes.views).flat().map((v) => v.id).sort();
		const { container: _container, ...viewOnly } = viewIds;
		assert.deepEqual(views, Object.values(viewOnly).sort());
		assert.ok(manifest.activationEvents.includes(`onWebviewPanel:${viewTypes.panel}`));
		assert.match(statusBarIds.main, /^baton\./);
	});

	it('contributes exactly the settings in ids.ts with the same defaults', () => {
		const properties = Object.assign({}, ...manifest.contributes.configuration.map((c) => c.properties)) as Record<string, { default: unknown }>;
		const expected = Object.fromEntries(Object.entries(settingDefaults).map(([k, v]) => [`${settingsSection}.${k}`, v]));
		assert.deepEqual(Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, v.default])), expected);
	});

	it('marks CLI paths machine-scoped and restricted in untrusted workspaces', () => {
		const properties = Object.assign({}, ...manifest.contributes.configuration.map((c) => c.properties)) as Record<string, { scope?: string }>;
		const pathKeys = Object.keys(properties).filter((k) => k.endsWith('.path'));
		assert.ok(pathKeys.length >= 3);
		for (const key of pathKeys) {
			assert.equal(properties[key]?.scope, 'machine', key);
			assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations?.includes(key), key);
		}
		assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
	});

	it('resolves every %placeholder% from package.nls.json', () => {
		const placeholders = JSON.stringify(manifest).match(/"%[^"%]+%"/g) ?? [];
		for (const p of placeholders) {
			const key = p.slice(2, -2);
			assert.ok(key in nls, `missing nls key ${key}`);
		}
		assert.equal(nls['displayName'], 'Baton — Multi-Model Agent Harness');
	});

	it('activates lazily, for the workspace machine, on VS Code 1.100+', () => {
		assert.equal(`${manifest.publisher}.${manifest.name}`, extensionId);
		assert.equal(manifest.name, 'baton');
		assert.ok(!manifest.activationEvents.includes('*'));
		assert.ok(manifest.activationEvents.includes('onStartupFinished'));
		assert.deepEqual(manifest.extensionKind, ['workspace']);
		assert.equal(manifest.engines.vscode, '^1.100.0');
		assert.equal(manifest.main, './dist/extension.js');
	});
});
