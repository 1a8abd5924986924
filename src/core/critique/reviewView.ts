import type { FindingView, ReviewRoundView } from '../../shared/reviews';
import type { CritiqueRound } from './loop';
import type { ReviewFinding } from './reviewFormat';

/** A finding in the UI's terms. */
export function findingView(f: ReviewFinding): FindingView {
	return { severity: f.severity, file: f.file, line: f.line, title: f.title, fix: f.fix };
}

/** A round in the UI's terms: files changed, verdict, findings, what was fixed. Pure. */
export function roundView(r: CritiqueRound): ReviewRoundView {
	return {
		round: r.round,
		changed: r.change?.result.filesChanged ?? [],
		changeKind: r.change?.kind ?? null,
		verdict: r.review?.review?.verdict ?? null,
		summary: r.review?.review?.summary ?? (r.review ? 'The review could not be read.' : ''),
		findings: (r.review?.review?.findings ?? []).map(findingView),
		fixed: r.resolved.map((f) => `${f.title}${f.file ? ` (${f.file}${f.line !== null ? `:${f.line}` : ''})` : ''}`),
		tokens: r.tokens,
	};
}
