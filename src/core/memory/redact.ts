/** Result of `redactSecrets`: the cleaned text and how many secrets of each kind were replaced. */
export interface RedactionResult {
	readonly text: string;
	readonly count: number;
	readonly kinds: readonly string[];
}

interface Rule {
	readonly kind: string;
	readonly pattern: RegExp;
	/** Replacement for the whole match; `$1`… refer to groups that are kept (e.g. a key name or URL user). */
	readonly replace: string;
	/** Wrap the mark in the value's own quotes (group 2 is the value), so JSON and shell text stay well-formed. */
	readonly keepQuotes?: boolean;
}

const mark = (kind: string): string => `[REDACTED:${kind}]`;

/**
 * Secret patterns, most specific first (a private key block before the JWT and assignment rules that could eat its
 * lines). Each keeps non-secret context (the key name, the URL user) so the note still reads well.
 */
const rules: readonly Rule[] = [
	{
		kind: 'private-key',
		pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/g,
		replace: mark('private-key'),
	},
	{ kind: 'anthropic-key', pattern: /\bsk-ant-[A-Za-z0-9_-]{16,}/g, replace: mark('anthropic-key') },
	{ kind: 'openai-key', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g, replace: mark('openai-key') },
	{ kind: 'google-key', pattern: /\bAIza[0-9A-Za-z_-]{30,}/g, replace: mark('google-key') },
	{ kind: 'github-token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})/g, replace: mark('github-token') },
	{ kind: 'aws-key', pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b/g, replace: mark('aws-key') },
	{ kind: 'slack-token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, replace: mark('slack-token') },
	{ kind: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, replace: mark('jwt') },
	{ kind: 'bearer', pattern: /\b(Bearer\s+)[A-Za-z0-9._~+/-]{16,}=*/g, replace: `$1${mark('bearer')}` },
	{
		kind: 'url-password',
		pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@?#]+:)[^\s@/?#]+(@)/gi,
		replace: `$1${mark('password')}$2`,
	},
	{
		kind: 'assignment',
		pattern:
			/((?:^|[^A-Za-z0-9_])["']?[A-Za-z0-9_.-]*(?:password|passwd|pwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|credentials?)["']?\s*(?::=|=|:)\s*)(?!["']?\[REDACTED:)("[^"\n]*"|'[^'\n]*'|[^\s"',;&)}\]]+)/gi,
		replace: `$1${mark('secret')}`,
		keepQuotes: true,
	},
];

/**
 * Replaces secrets in `text` with `[REDACTED:<kind>]`: API keys (Anthropic `sk-ant-…`, OpenAI `sk-…`, Google `AIza…`,
 * GitHub `ghp_…`/`github_pat_…`, AWS `AKIA…`, Slack `xox…`), JWTs, bearer tokens, private key blocks, passwords in
 * URLs (`scheme://user:pass@host`) and `password=`/`token:`/`api_key=`-style assignments (quoted or bare values).
 * Pure and idempotent: already-redacted text is left as is. Errs toward redacting too much.
 */
export function redactSecrets(text: string): RedactionResult {
	let out = text;
	let count = 0;
	const kinds = new Set<string>();
	for (const rule of rules) {
		out = out.replace(rule.pattern, (match: string, ...groups: unknown[]) => {
			let replaced = rule.replace.replace(/\$(\d)/g, (_m, n: string) => {
				const g = groups[Number(n) - 1];
				return typeof g === 'string' ? g : '';
			});
			const value = groups[1];
			const quote = typeof value === 'string' ? value[0] : undefined;
			if (rule.keepQuotes && (quote === '"' || quote === "'")) {
				replaced = replaced.replace(mark('secret'), `${quote}${mark('secret')}${quote}`);
			}
			if (replaced === match) {
				return match;
			}
			count++;
			kinds.add(rule.kind);
			return replaced;
		});
	}
	return { text: out, count, kinds: [...kinds] };
}
