/** Token estimates and the brief's token budget. */

/** UTF-8 length of `text` in bytes (lone surrogates count as 3, like U+FFFD). */
export function utf8Bytes(text: string): number {
	let bytes = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x80) bytes += 1;
		else if (c < 0x800) bytes += 2;
		else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
			bytes += 4;
			i++;
		} else bytes += 3;
	}
	return bytes;
}

/** Estimated tokens of `text`: ceil(UTF-8 bytes / 4). Deliberately conservative for English and code. */
export function estimateBriefTokens(text: string): number {
	return Math.ceil(utf8Bytes(text) / 4);
}

/** Share of the target agent's context window a brief may take. */
export const briefContextShare = 0.05;

/** Budget when the caller gives none, tokens. */
export const defaultBriefBudget = 4_000;

/**
 * The brief's token budget for a target agent: min(caller budget (default 4,000), floor(5% of the target's context
 * window)), never negative. E.g. Claude (200k) → 4,000; Gemini (1M) → 4,000; a 32k-context model → 1,600.
 */
export function briefTokenBudget(targetContextWindowTokens: number, callerBudget: number = defaultBriefBudget): number {
	const share = Math.floor(Math.max(0, targetContextWindowTokens) * briefContextShare);
	return Math.max(0, Math.floor(Math.min(callerBudget, share)));
}
