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
		cue(/\b(research\w*|look up|look into|search (the web|online|for|around)|google|find out (whether|if|which|what|how)|investigate (options|alternatives)|dig into|evaluat\w+ (candidates|options|alternatives|vendors)|case stud(y|ies)|case-studies|what (are )?people (use|using|say)|links?( please)?|cite|with sources|official (docs|documentation|guidance))\b/, 2),
		cue(/\b(compare|comparison|vs\.?|versus|alternatives? to|pros and cons|trade-?offs? between)\b/, 1.5),
		cue(/\b(best practices?|state of the art|latest (version|release)|is \w+ (still )?maintained|recommended (library|approach|way))\b/, 1.5),
		cue(/\b(cve-\d|changelog|release notes|benchmarks? (of|for)|which (library|framework|package|tool) (should|to))\b/, 1.5),
		cue(/\b(what (are|is) the (best|recommended|current)|survey|literature|sources?|citations?|official docs say|articles?|what'?s the latest|find (me )?(a )?(good )?(library|package|tool)|which .{0,30} should (we|i) (pick|use|choose)|tradeoffs|security advisor(y|ies)|docs recommend)\b/, 1.5),
	],
	explain: [
		cue(/\b(explain|walk me through|help me understand|what does|what do|how does|how do(es)? .{0,40} work|why does|why is|where (is|are|do|does)|what is the (purpose|role|difference))\b/, 2),
		cue(/\b(summari[sz]e|overview of|give me an overview|describe (how|what|the)|tell me (how|what|why|where)|clarify|meaning of|what happens (when|under|after)|tour of|codebase tour|trace (how|what|where)|walk ?through|rundown|what'?s the (difference|relationship|point|purpose)|relationship between|relate to each other|how (is|are) .{0,40} (handled|organi[sz]ed|structured|stored|used|loaded|wired))\b/, 2),
		cue(/\b(understand|confus(ed|ing)|i'?m new to|new to (this|the) (code|repo)|onboard\w*|architecture of|get my head around|lost in|mental model|don'?t get|not asking to change|don'?t change anything|before i (change|touch)|just (want|trying) to (understand|learn)|explain\w*)\b/, 1.5),
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
		cue(/\b(refactor\w*|restructure|reorgani[sz]e|clean ?up|tidy|simplif(y|ied)|extract\w* (a |the )?\w+|split .{0,30} into|consolidat\w+|deduplicate|dedupe|duplicat\w+|rename|move .{0,40} (to|into)|decouple|modulari[sz]e|dry|convert .{0,30} to|no (behaviou?r|functional) changes?|without changing (behaviou?r|what it does|the output)|same behaviou?r|behaviou?r (stays|unchanged))\b/, 2),
		cue(/\b(optimi[sz](e|ation)|performance|faster|speed up|slow|reduce (memory|allocations|bundle|latency)|latency|memoi[sz]e|inefficient|n\+1)\b/, 2),
		cue(/\b(tech(nical)? debt|readab(le|ility)|maintainab\w+|dead code|unused|legacy|migrate .{0,30} to (typescript|async|hooks))\b/, 1.5),
	],
	review: [
		cue(/\b(review\w*|code review|audit\w*|critique|look over|second (pair of eyes|opinion)|sanity[- ]check|feedback|assess\w*|evaluate|readiness|what would you (change|improve)|point out|flag (anything|any))\b/, 2.5),
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
		cue(/\b(ci|cd|ci\/cd|pipelines?|github actions?|workflows?|gitlab ci|jenkins|deploy\w*|releases?|docker\w*|containeri[sz]\w+|kubernetes|k8s|helm|terraform|ansible|bicep|infra\w*|nginx|env(ironment)? var\w*|secrets?|monitoring|observability|alert\w*|logging setup|cron\w*|devcontainer|codespaces|runners?|backups?|autoscal\w+|provision\w*|staging|production environment)\b/, 1.5),
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
