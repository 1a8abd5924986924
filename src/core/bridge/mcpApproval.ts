import { batonMcpServerName } from './hubText';
import { appendElement, appendMember, detectLayout, memberOf, parseJsonText, removeElement, removeMember, type JsonNode } from './jsonText';

/**
 * Claude Code's approval of Baton's project MCP server. A server in `.mcp.json` stays "pending approval" until it is
 * listed in `enabledMcpjsonServers`. Claude Code 2.1.197 reads that list from the shared `.claude/settings.json` only
 * once the folder's trust dialog was accepted (a cloned repo cannot approve its own servers), but from
 * `.claude/settings.local.json` also before, provided the folder is a git work tree that does not track that file;
 * its own approval prompt writes the local file too [B: the bundle's `enabledMcpjsonServers` check; V: `claude mcp
 * list` shows `baton` connected instead of pending]. Headless `claude -p` runs approve project servers anyway. So
 * Baton approves `baton` in `.claude/settings.local.json`. Edits insert or remove
 * text only, like hookConfig; an insertion followed by the removal gives back the original bytes.
 */

/** Where Claude Code keeps this user's project-local settings (not meant to be committed). */
export const claudeLocalSettingsPath = '.claude/settings.local.json';

const listKey = 'enabledMcpjsonServers';

function root(text: string): Extract<JsonNode, { type: 'object' }> {
	const node = parseJsonText(text);
	if (node.type !== 'object') throw new Error(`${claudeLocalSettingsPath} does not hold a JSON object; fix it before connecting Baton`);
	return node;
}

const isBaton = (node: JsonNode): boolean => node.type === 'scalar' && node.value === batonMcpServerName;

/**
 * Adds `"baton"` to `enabledMcpjsonServers` (creating the list, or the file when `existing` is undefined or blank).
 * Unchanged when already listed. Throws when the text is not a JSON object or the key is not a list.
 */
export function approveBatonMcpServer(existing: string | undefined): string {
	if (existing === undefined || existing.trim() === '') {
		return `${JSON.stringify({ [listKey]: [batonMcpServerName] }, null, 2)}\n`;
	}
	const object = root(existing);
	const list = memberOf(object, listKey)?.value;
	const layout = detectLayout(existing);
	if (list === undefined) return appendMember(existing, object, listKey, [batonMcpServerName], layout);
	if (list.type !== 'array') throw new Error(`${claudeLocalSettingsPath}: "${listKey}" is not a list; fix it before connecting Baton`);
	return list.elements.some(isBaton) ? existing : appendElement(existing, list, batonMcpServerName, layout);
}

/**
 * Removes `"baton"` from `enabledMcpjsonServers`, and the key when that leaves the list empty. Text that does not
 * parse is returned unchanged. Callers apply it only where Connect added the approval (the user may have approved
 * the server on their own).
 */
export function revokeBatonMcpServer(text: string): string {
	let out = text;
	try {
		for (let guard = 0; guard < 100; guard++) {
			const object = root(out);
			const member = memberOf(object, listKey);
			const list = member?.value;
			if (!member || list?.type !== 'array') return out;
			const index = list.elements.findIndex(isBaton);
			if (index === -1) return out;
			out = list.elements.length > 1 ? removeElement(out, list, index) : removeMember(out, object, object.members.lastIndexOf(member));
		}
	} catch {
		return text;
	}
	return out;
}
