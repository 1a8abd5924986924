import type { Checkpoint, RuledOut } from './types';

/** Where a stored checkpoint came from: its memory id, creation time (ISO-8601 UTC) and the files recorded with it. */
export interface CheckpointMeta {
	readonly id: string;
	readonly at: string;
	readonly files: readonly string[];
}

const fieldPattern = /^(Goal|Hypotheses|Ruled out|Current approach|Next step|Files|Notes):\s*(.*)$/;

/**
 * Splits one ruled-out line into the item and its evidence at the first ` — `, ` – `, ` - `, `: ` or ` because `;
 * without a separator the whole line is the item and the evidence is empty (nothing is made up).
 */
export function splitRuledOut(line: string): RuledOut {
	const match = /\s+[—–-]\s+|:\s+|\s+because\s+/.exec(line);
	if (!match || match.index === 0) return { item: line.trim(), evidence: '' };
	return { item: line.slice(0, match.index).trim(), evidence: line.slice(match.index + match[0].length).trim() };
}

/**
 * Reads a checkpoint stored as text by the MCP `checkpoint` tool (`renderCheckpoint`: `Goal: …`, `Hypotheses:` with
 * `- ` items, `Ruled out:` items, `Current approach: …`, `Next step: …`, `Files:` items, `Notes: …`) back into a
 * {@link Checkpoint}. Unknown lines continue the field above them; `meta.files` are merged with the `Files:` list.
 * Text that is not in this format becomes the current approach, so nothing the agent wrote is dropped.
 */
export function parseCheckpointText(text: string, meta: CheckpointMeta): Checkpoint {
	const lists: Record<string, string[]> = { Hypotheses: [], 'Ruled out': [], Files: [] };
	const scalars: Record<string, string> = {};
	let field: string | undefined;
	let recognized = false;
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.trim();
		if (line === '') continue;
		const head = fieldPattern.exec(line);
		if (head?.[1]) {
			recognized = true;
			field = head[1];
			const rest = head[2]?.trim() ?? '';
			if (rest !== '') {
				if (lists[field]) lists[field]?.push(rest);
				else scalars[field] = rest;
			}
			continue;
		}
		if (!field) continue;
		const item = line.startsWith('- ') ? line.slice(2).trim() : undefined;
		const list = lists[field];
		if (list && item !== undefined) list.push(item);
		else if (list && list.length > 0) list[list.length - 1] = `${list[list.length - 1] ?? ''} ${line}`;
		else scalars[field] = `${scalars[field] ?? ''} ${item ?? line}`.trim();
	}
	if (!recognized) {
		return { id: meta.id, at: meta.at, goal: '', hypotheses: [], ruledOut: [], currentApproach: text.trim(), nextStep: '', files: [...meta.files] };
	}
	const files = [...new Set([...(lists['Files'] ?? []), ...meta.files])];
	const notes = scalars['Notes'];
	const approach = scalars['Current approach'] ?? '';
	return {
		id: meta.id,
		at: meta.at,
		goal: scalars['Goal'] ?? '',
		hypotheses: lists['Hypotheses'] ?? [],
		ruledOut: (lists['Ruled out'] ?? []).map(splitRuledOut),
		currentApproach: notes ? (approach ? `${approach} (notes: ${notes})` : `Notes: ${notes}`) : approach,
		nextStep: scalars['Next step'] ?? '',
		files,
	};
}
