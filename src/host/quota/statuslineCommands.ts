import { existsSync } from 'node:fs';
import { mkdir, readFile, unlink } from 'node:fs/promises';
import * as os from 'node:os';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { installStatusline, isBatonStatuslineInstalled, uninstallStatusline } from '../../core/quota/statuslineInstall';
import { writeFileAtomic } from '../../infra/fs/atomicWrite';
import { nodeScriptCommand } from '../nodeCommand';

/** `~/.claude/settings.json`, or the first `CLAUDE_CONFIG_DIR` entry's `settings.json`. */
export function claudeSettingsPath(env: NodeJS.ProcessEnv = process.env): string {
	const configDir = env['CLAUDE_CONFIG_DIR']?.split(',')[0]?.trim();
	return join(configDir || join(os.homedir(), '.claude'), 'settings.json');
}

/** The command Claude Code runs for Baton's status line: this Node and this extension's `dist/cli.js`. */
function commandPrefix(extensionPath: string): string {
	return nodeScriptCommand(extensionPath, 'cli.js');
}

async function readText(path: string): Promise<string | null> {
	return existsSync(path) ? readFile(path, 'utf8') : null;
}

/**
 * Installs Baton's status-line command into Claude Code's user settings, chaining to the user's own status line so it
 * still shows. Asks first; says what it chained to.
 */
export async function installClaudeStatusline(extensionPath: string): Promise<void> {
	const path = claudeSettingsPath();
	const before = await readText(path);
	const edit = installStatusline(before, commandPrefix(extensionPath));
	if (!edit.changed || edit.text === null) {
		void vscode.window.showInformationMessage('Baton: the Claude status line is already installed.');
		return;
	}
	const chained = edit.chained ? ` Your current status line (${edit.chained}) keeps showing: Baton runs it and prints its output.` : '';
	const ok = await vscode.window.showInformationMessage(
		`Baton will set "statusLine" in ${path} so interactive Claude Code sessions report their live 5-hour and weekly usage to Baton.${chained}`,
		{ modal: true },
		'Install',
	);
	if (ok !== 'Install') return;
	await mkdir(dirname(path), { recursive: true });
	await writeFileAtomic(path, Buffer.from(edit.text));
	void vscode.window.showInformationMessage('Baton: Claude status line installed. Official quota figures appear after the next Claude response.');
}

/** Removes Baton's status line and restores the user's own, exactly as it was. */
export async function removeClaudeStatusline(): Promise<void> {
	const path = claudeSettingsPath();
	const before = await readText(path);
	if (!isBatonStatuslineInstalled(before)) {
		void vscode.window.showInformationMessage('Baton: the Claude status line is not installed.');
		return;
	}
	const edit = uninstallStatusline(before);
	if (edit.text === null) {
		await unlink(path);
	} else {
		await writeFileAtomic(path, Buffer.from(edit.text));
	}
	void vscode.window.showInformationMessage(`Baton: Claude status line removed${edit.chained ? `; your own (${edit.chained}) is back` : ''}.`);
}

/** Re-installs the status line when it is present, so its paths follow extension updates. No-op otherwise. */
export async function refreshClaudeStatusline(extensionPath: string): Promise<void> {
	const path = claudeSettingsPath();
	const before = await readText(path);
	if (!isBatonStatuslineInstalled(before)) return;
	const edit = installStatusline(before, commandPrefix(extensionPath));
	if (edit.changed && edit.text !== null) {
		await writeFileAtomic(path, Buffer.from(edit.text));
	}
}
