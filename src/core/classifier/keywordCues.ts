import type { IntentLabel } from './labels';

/** One cue: a pattern over lower-cased text and the points it adds to a label when it matches (counted once). */
export interface Cue {
	readonly pattern: RegExp;
	readonly weight: number;
}

const cue = (pattern: RegExp, weight = 1): Cue => ({ pattern, weight });

/**
 * Hand-written cue lists per label for the keyword baseline. Patterns run on lower-cased text; weights are points.
 * Written from the label definitions in `data/intents/SOURCES.md`, not from any evaluation data.
 */
export const LABEL_CUES: Readonly<Record<IntentLabel, readonly Cue[]>> = {
	research: [
		cue(/\b(research|look up|look into whether|search (the web|online|for)|google|find out (whether|if|which)|investigate (options|alternatives))\b/, 2),
		cue(/\b(compare|comparison|vs\.?|versus|alternatives? to|pros and cons|trade-?offs? between)\b/, 1.5),
		cue(/\b(best practices?|state of the art|latest (version|release)|is \w+ (still )?maintained|recommended (library|approach|way))\b/, 1.5),
		cue(/\b(cve-\d|changelog|release notes|benchmarks? (of|for)|which (library|framework|package|tool) (should|to))\b/, 1.5),
		cue(/\b(what (are|is) the (best|recommended|current)|survey|literature|sources?|citations?|official docs say|articles?|what'?s the latest|find (me )?(a )?(good )?(library|package|tool)|which .{0,30} should (we|i) (pick|use|choose)|tradeoffs|security advisor(y|ies)|docs recommend)\b/, 1.5),
	],
	explain: [
		cue(/\b(explain|walk me through|help me understand|what does|what do|how does|how do(es)? .{0,40} work|why does|why is|where (is|are|do|does)|what is the (purpose|role|difference))\b/, 2),
		cue(/\b(summari[sz]e|overview of|describe how|tell me (how|what|why)|clarify|meaning of|what happens when)\b/, 1.5),
		cue(/\b(understand|confus(ed|ing)|new to (this|the) (code|repo)|onboard\w*|architecture of)\b/, 1),
		cue(/\?\s*$/, 0.5),
	],
	implement: [
		cue(/\b(implement|introduce|support for|make it possible|new (feature|endpoint|command|option|flag))\b/, 1.5),
		cue(/\b(add|create|build|support|enable|allow)\b/, 0.75),
		cue(/\b(feature|endpoint|integrat(e|ion)|wire up|hook up|generate|scaffold|expose|export (a|an|the) (new )?\w+)\b/, 1),
	],
	debug: [
		cue(/\b(fix|bug|broken|doesn'?t work|does not work|not working|fails?|failing|failed|wrong|incorrect|unexpected(ly)?|regression)\b/, 1.5),
		cue(/\b(crash(es|ed|ing)?|exception|error|stack ?trace|traceback|panic|segfault|undefined is not|cannot read propert|null ?pointer|npe|hangs?|freez(e|es|ing)|leak(s|ing)?|deadlock|race condition|500)\b/, 2),
		cue(/\b(debug|diagnose|root cause|investigate why|figure out why|why (is|does) .{0,40} (fail|crash|break|return))\b/, 2),
		cue(/^\s*(\w+error|error:|typeerror|referenceerror|syntaxerror|traceback)/, 2),
	],
	refactor: [
		cue(/\b(refactor\w*|restructure|reorgani[sz]e|clean ?up|simplif(y|ied)|extract (a |the )?\w+ (into|to|from)|split .{0,30} into|deduplicate|dedupe|rename|move .{0,40} to|decouple|modulari[sz]e|dry)\b/, 2),
		cue(/\b(optimi[sz](e|ation)|performance|faster|speed up|slow|reduce (memory|allocations|bundle|latency)|latency|memoi[sz]e|inefficient|n\+1)\b/, 2),
		cue(/\b(tech(nical)? debt|readab(le|ility)|maintainab\w+|dead code|unused|legacy|migrate .{0,30} to (typescript|async|hooks))\b/, 1.5),
	],
	review: [
		cue(/\b(review|code review|audit|critique|look over|second pair of eyes|sanity[- ]check|feedback on|give me feedback|assess)\b/, 2.5),
		cue(/\b(pr|pull request|diff|my changes|this change|before (i|we) (merge|open|ship))\b/, 1),
		cue(/\b(any (issues|problems|concerns)|is this (approach|design|safe|correct|ok|sound)|anything (risky|wrong|missing)|security (review|issues|holes))\b/, 1.5),
	],
	test: [
		cue(/\b(unit tests?|integration tests?|e2e tests?|end-to-end tests?|test cases?|test suite|test coverage|coverage|regression tests?|snapshot tests?)\b/, 2),
		cue(/\b(write|add|create|generate|extend) (some |more |a |an )?(\w+ )?tests?\b/, 2.5),
		cue(/\b(tests?|testing|spec|specs|jest|vitest|pytest|mocha|mock(s|ing)?|fixtures?|assert(ion)?s?|flaky|tdd)\b/, 1.5),
	],
	docs: [
		cue(/\b(document(ation)?|docs?|readme|changelog|docstrings?|jsdoc|tsdoc|comments?|api reference|guide|tutorial|usage examples?|typos?|wiki|contributing|translations?|\w+\.md)\b/, 2),
		cue(/\b(write up|explain in the (docs|readme)|add (a )?(section|note) (to|in|about)|update the (docs|readme))\b/, 1.5),
	],
	ui: [
		cue(/\b(css|tailwind|styles?|styling|layout|align(ed|ment)?|centre|center|padding|margins?|spacing|font|colou?rs?|theme|dark mode|light mode|responsive|mobile|overflow|z-index|hover|animation|icons?|button|modal|dialog|tooltip|sidebar|navbar|header|footer|dropdown|ui|ux|figma|pixel|visual|looks? (off|wrong|bad|broken))\b/, 1.5),
		cue(/\b(component|page|screen|view|form|input field|table columns?|card|scrollbar|truncat\w+|wraps?|overlap\w*|misaligned|cut off|flicker\w*|accessib\w+|a11y|aria)\b/, 1),
	],
	ops: [
		cue(/\b(ci|cd|ci\/cd|pipeline|github actions?|workflows?|gitlab ci|jenkins|deploy\w*|release|docker\w*|kubernetes|k8s|helm|terraform|ansible|infra\w*|nginx|env(ironment)? var\w*|secrets?|monitoring|alerts?|logging setup|cron)\b/, 1.5),
		cue(/\b(set ?up|configure|install|upgrade|bump|dependenc(y|ies)|package\.json|lockfile|pre-commit|husky|eslint|prettier|lint(er|ing)?|builds?|build (script|config|system)|makefile|webpack config|vite config|tsconfig|\.env|scripts?|vercel|netlify|aws|gcp|azure|linux|systemd|caching the|cache the)\b/, 1),
	],
};

/**
 * Leading-verb cues: when the request starts (after politeness such as "please", "can you") with one of these words,
 * that label gets extra points. Matched against the first word of the request.
 */
export const LEADING_VERBS: ReadonlyArray<readonly [RegExp, IntentLabel, number]> = [
	[/^(research|compare|investigate|search|google|survey)$/, 'research', 2],
	[/^(explain|describe|summari[sz]e|what|how|why|where|walk|clarify|tell)$/, 'explain', 1.5],
	[/^(implement|build|make|introduce|support|scaffold|allow|enable)$/, 'implement', 1.5],
	[/^(add|create|write|generate)$/, 'implement', 0.75],
	[/^(fix|debug|diagnose|resolve|repair|troubleshoot)$/, 'debug', 1.5],
	[/^(refactor|simplify|restructure|rename|extract|clean|optimi[sz]e|speed|reduce|split|move|dedupe|modernize)$/, 'refactor', 2],
	[/^(review|audit|critique|assess|check|evaluate)$/, 'review', 2],
	[/^(test|tests)$/, 'test', 2],
	[/^(document|docs)$/, 'docs', 2.5],
	[/^(style|restyle|center|centre|align|theme)$/, 'ui', 2],
	[/^(deploy|configure|setup|set|provision|containeri[sz]e|dockeri[sz]e|upgrade|bump|release|publish|install)$/, 'ops', 1.5],
];
