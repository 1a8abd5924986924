import type { CritiqueOutcome } from './loop';
import { findingLocation } from './prompts';
import { FINDING_SEVERITIES, type ReviewFinding } from './reviewFormat';

/** The memory entry (kind `critique`) of a finished critique: title, body and the files with findings. */
export interface CritiqueNote {
	readonly title: string;
	readonly body: string;
	readonly files: readonly string[];
}

/** What is remembered of a critique loop named `label`: why it stopped, who took part, and one line per open finding. */
export function critiqueNote(label: string, outcome: CritiqueOutcome): CritiqueNote {
	const body = [
		outcome.stopDetail,
		`Generator ${outcome.generator}, reviewer ${outcome.reviewer}, ${outcome.rounds.length} round(s).`,
		...outcome.openFindings.map((f) => `- [${f.severity}] ${findingLocation(f)} ${f.title}`),
	].join('\n');
	return { title: `Review: ${label}`.slice(0, 120), body, files: [...new Set(outcome.openFindings.map((f) => f.file).filter(Boolean))] };
}

/** `2 findings: 1 blocker, 1 nit`, or `no findings`. */
export function findingCounts(findings: readonly ReviewFinding[]): string {
	if (findings.length === 0) return 'no findings';
	const parts = FINDING_SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
	return `${findings.length} finding${findings.length === 1 ? '' : 's'}: ${parts.map(([s, n]) => `${n} ${s}`).join(', ')}`;
}

/** Findings as a numbered plain-text list: severity, `file:line`, title, evidence and suggested fix. */
export function findingsText(findings: readonly ReviewFinding[]): string {
	return findings
		.map((f, i) => [`${i + 1}. [${f.severity.toUpperCase()}] ${findingLocation(f)} — ${f.title}`, `   Evidence: ${f.evidence}`, `   Suggested fix: ${f.fix}`].join('\n'))
		.join('\n');
}
