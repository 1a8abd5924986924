/** Most terms taken from one query or task text. */
export const maxQueryTerms = 32;

const stopwords = new Set(
	(
		'a an and are as at be been but by can could do does did for from had has have how i if in into is it its ' +
		'me my no not of on or our so than that the their them then there these they this to too was we were what ' +
		'when where which while who why will with would you your should must may might also just please make use ' +
		'using need needs want get let lets via per all any some each other new add fix'
	).split(' '),
);

/**
 * Splits text into index terms the way SQLite's `simple`/`porter` tokenizers do: runs of ASCII letters and digits
 * and of any character ≥ U+0080, ASCII lower-cased. Distinct terms in first-seen order, at most `maxQueryTerms`.
 */
export function queryTerms(text: string): string[] {
	const seen = new Set<string>();
	for (const raw of text.split(/[^A-Za-z0-9\u0080-\uffff]+/)) {
		if (raw === '') {
			continue;
		}
		seen.add(raw.replace(/[A-Z]+/g, (s) => s.toLowerCase()));
		if (seen.size >= maxQueryTerms) {
			break;
		}
	}
	return [...seen];
}

/**
 * Terms worth matching a free-form task description on: `queryTerms` minus English stopwords and one-letter words
 * (digits-only terms of two or more characters are kept, e.g. issue numbers).
 */
export function taskTerms(task: string): string[] {
	return queryTerms(task).filter((t) => t.length > 1 && !stopwords.has(t));
}

/**
 * An FTS4 MATCH expression for `terms`: each term quoted (so `OR`, `NEAR`, `-` or `*` in user text are plain words),
 * joined by implicit AND (`mode` 'all') or `OR` ('any'); `prefixLast` makes the last term a prefix query for
 * search-as-you-type. Null when there are no terms (the caller should return no hits).
 */
export function ftsMatchExpression(terms: readonly string[], mode: 'all' | 'any', prefixLast = false): string | null {
	if (terms.length === 0) {
		return null;
	}
	const quoted = terms.map((t, i) => `"${t.replace(/"/g, '')}${prefixLast && i === terms.length - 1 ? '*' : ''}"`);
	return quoted.join(mode === 'all' ? ' ' : ' OR ');
}

/** A rough stem for highlighting: drops common English endings so `testing` also marks `tests`. */
function stemPrefix(term: string): string {
	const stripped = term.replace(/(ing|ed|es|s|ly|er|ion|ions)$/, '');
	return stripped.length >= 3 ? stripped : term;
}

function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A one-line excerpt of `text` (at most `maxChars` characters plus ellipses) around the first word starting with a
 * (roughly stemmed) query term, with matched words wrapped in `**`. Falls back to the start of the text.
 */
export function makeSnippet(text: string, terms: readonly string[], maxChars = 160): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	const stems = [...new Set(terms.map(stemPrefix).filter((s) => s.length > 0))];
	const pattern = stems.length > 0 ? new RegExp(`(?<![A-Za-z0-9])(?:${stems.map(escapeRegExp).join('|')})[A-Za-z0-9]*`, 'gi') : null;
	const first = pattern ? flat.search(pattern) : -1;
	const start = first <= maxChars / 3 ? 0 : Math.max(0, flat.lastIndexOf(' ', first - Math.floor(maxChars / 3)) + 1);
	let window = flat.slice(start, start + maxChars);
	if (start + maxChars < flat.length) {
		const cut = window.lastIndexOf(' ');
		window = `${cut > maxChars / 2 ? window.slice(0, cut) : window}…`;
	}
	if (start > 0) {
		window = `…${window}`;
	}
	return pattern ? window.replace(pattern, (m) => `**${m}**`) : window;
}
