import type { ReviewLoopView, ReviewRoundView } from '../../src/shared/reviews';
import { el } from './dom';

function renderRound(r: ReviewRoundView): HTMLElement {
	const head = `Round ${r.round}${r.changeKind ? ` — ${r.changeKind === 'generate' ? 'generated' : 'revised'}${r.changed.length ? `: ${r.changed.join(', ')}` : ''}` : ''}${r.verdict ? ` — verdict: ${r.verdict}` : ''}`;
	const item = el('li', { class: 'review-round', 'data-round': String(r.round), 'data-verdict': r.verdict ?? '' }, el('strong', {}, head));
	if (r.summary) item.append(el('div', { class: 'muted' }, r.summary));
	if (r.findings.length > 0) {
		item.append(el('ul', { class: 'findings' }, ...r.findings.map((f) => el('li', { class: `finding severity-${f.severity}`, 'data-severity': f.severity }, `[${f.severity}] ${f.file || 'change'}${f.line !== null ? `:${f.line}` : ''} — ${f.title}`))));
	}
	if (r.fixed.length > 0) item.append(el('div', { class: 'fixed' }, `Fixed: ${r.fixed.join('; ')}`));
	return item;
}

/** Renders the review loops: per loop, each round's change, findings and fixes, and why it stopped. */
export function renderReviews(reviews: readonly ReviewLoopView[]): HTMLElement {
	const section = el('section', { id: 'reviews', 'aria-labelledby': 'reviews-heading' }, el('h2', { id: 'reviews-heading' }, 'Reviews'));
	if (reviews.length === 0) {
		section.append(el('p', { class: 'muted' }, 'No reviews yet. Run Critique Current Change or Generate with Review: an agent of another vendor reviews the work until it passes.'));
		return section;
	}
	for (const loop of reviews) {
		const article = el(
			'article',
			{ class: 'review-loop', 'data-review': loop.id, 'data-status': loop.status, 'data-stop': loop.stopReason ?? '' },
			el('div', { class: 'run-header' }, el('strong', {}, loop.label), el('span', { class: 'muted' }, `${loop.generator} ↔ ${loop.reviewer} reviewing · ${loop.totalTokens.toLocaleString()} tokens`)),
			el('p', { class: 'stop' }, loop.stopDetail),
			el('ol', { class: 'review-rounds' }, ...loop.rounds.map(renderRound)),
		);
		if (loop.rawReview) article.append(el('details', {}, el('summary', {}, 'The reviewer\'s unreadable answer'), el('pre', { class: 'raw' }, loop.rawReview)));
		section.append(article);
	}
	return section;
}
