import * as vscode from 'vscode';

/** The folder agents run in: the first workspace folder on disk, or undefined when none is open. */
export function workspaceCwd(): string | undefined {
	const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
	return folder?.uri.fsPath;
}
