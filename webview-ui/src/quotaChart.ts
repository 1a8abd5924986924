import type { QuotaWindowView } from '../../src/shared/quota';

const ns = 'http://www.w3.org/2000/svg';
const width = 360;
const height = 120;
const pad = { left: 36, right: 8, top: 8, bottom: 18 };

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Readonly<Record<string, string | number>>, text?: string): SVGElementTagNameMap[K] {
	const node = document.createElementNS(ns, tag);
	for (const [name, value] of Object.entries(attrs)) {
		node.setAttribute(name, String(value));
	}
	if (text !== undefined) {
		node.textContent = text;
	}
	return node;
}

function clock(at: number): string {
	return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** True when the window has enough history or projection to draw a line. */
export function isChartable(w: QuotaWindowView): boolean {
	return w.series.points.length + w.series.projection.length >= 2;
}

/**
 * A small line chart of one window: usage so far (solid), the projection to the reset at the current pace (dashed),
 * the warn and critical thresholds, and markers for now and the reset. Theme colours come from CSS classes.
 */
export function renderQuotaChart(w: QuotaWindowView, now: number, warnAt: number, criticalAt: number): SVGSVGElement {
	const { points, projection, limit, unit } = w.series;
	const all = [...points, ...projection];
	const scaleMax = unit === 'fraction' ? 1 : (limit ?? Math.max(1, ...all.map((p) => p.value)));
	const yMax = Math.max(scaleMax * 1.05, ...all.map((p) => p.value));
	const start = points[0]?.at ?? now - 3_600_000;
	const end = Math.max(w.resetsAt ?? 0, projection.at(-1)?.at ?? 0, now + 60_000);
	const x = (at: number): number => pad.left + ((at - start) / Math.max(1, end - start)) * (width - pad.left - pad.right);
	const y = (v: number): number => pad.top + (1 - v / yMax) * (height - pad.top - pad.bottom);
	const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'quota-chart', role: 'img', 'data-window': w.key });
	const used = w.usedFraction !== null ? `${Math.round(w.usedFraction * 100)}% used` : 'share unknown';
	root.append(svg('title', {}, `${w.name}: ${used}, ${w.provenance}${w.resetsAt ? `, resets ${clock(w.resetsAt)}` : ''}`));
	root.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: y(0), y2: y(0), class: 'axis' }));
	if (unit === 'fraction' || limit !== null) {
		let lastLabelY = Number.POSITIVE_INFINITY;
		for (const [pct, cls] of [[warnAt, 'threshold warn'], [criticalAt, 'threshold critical'], [100, 'threshold limit']] as const) {
			const v = (pct / 100) * scaleMax;
			root.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: cls }));
			if (lastLabelY - y(v) >= 10) {
				root.append(svg('text', { x: 2, y: y(v) + 3, class: 'tick' }, `${pct}%`));
				lastLabelY = y(v);
			}
		}
	}
	const line = (pts: ReadonlyArray<{ at: number; value: number }>): string => pts.map((p) => `${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
	if (points.length > 0) {
		root.append(svg('polyline', { points: line(points), class: 'usage' }));
	}
	if (projection.length > 0) {
		const joined = points.length > 0 ? [points[points.length - 1] as { at: number; value: number }, ...projection] : projection;
		root.append(svg('polyline', { points: line(joined), class: 'projection' }));
	}
	root.append(svg('line', { x1: x(now), x2: x(now), y1: pad.top, y2: y(0), class: 'now' }));
	if (w.resetsAt !== null) {
		root.append(svg('line', { x1: x(w.resetsAt), x2: x(w.resetsAt), y1: pad.top, y2: y(0), class: 'reset' }));
		root.append(svg('text', { x: Math.min(x(w.resetsAt), width - pad.right), y: height - 4, class: 'tick', 'text-anchor': 'end' }, `reset ${clock(w.resetsAt)}`));
	}
	root.append(svg('text', { x: pad.left, y: height - 4, class: 'tick' }, clock(start)));
	return root;
}
