import { distinctiveTerms } from '../../core/memory/bm25';
import { isMemoryKind, normalizeMemoryPath } from '../../core/memory/entries';
import { ftsMatchExpression, makeSnippet, queryTerms, taskTerms } from '../../core/memory/ftsQuery';
import { entriesToJsonl } from '../../core/memory/jsonl';
import type { MemoryCall } from '../../core/memory/protocol';
import { defaultRecallBudget, rankForRecall, renderRecall, type RecallCandidate } from '../../core/memory/recall';
import { MemoryError, type MemoryFilter, type MemorySearchHit, type RecallResult } from '../../core/memory/types';
import type { MemoryDb } from './memoryDb';

/**
 * Runs a read-only call (get, list, count, search, recall, exportJsonl) against `db`. Search: all words, else any
 * word; a trailing `*` makes the last word a prefix. Recall: candidates are the BM25 hits for the task's distinctive
 * words (see `distinctiveTerms`), the entries near the task's files and the pinned entries, ranked and rendered by
 * the pure core.
 */
export function readCall(db: MemoryDb, call: MemoryCall): unknown {
	switch (call.method) {
		case 'get':
			return db.get(call.params.id);
		case 'list':
			checkFilter(call.params.query);
			return db.list(call.params.query);
		case 'count':
			checkFilter(call.params.filter);
			return db.count(call.params.filter);
		case 'search':
			return search(db, call.params.query, call.params.limit);
		case 'recall':
			return recall(db, call.params.task, call.params.options.budgetTokens, call.params.options.files);
		case 'exportJsonl':
			return entriesToJsonl(db.all());
		default:
			throw new MemoryError('invalid', `unknown method '${call.method}'`);
	}
}

function search(db: MemoryDb, query: string, limit: number): MemorySearchHit[] {
	const text = String(query);
	const terms = queryTerms(text);
	const prefix = /\*\s*$/.test(text);
	const max = Math.min(200, Math.max(1, Math.floor(Number(limit) || 20)));
	const all = ftsMatchExpression(terms, 'all', prefix);
	if (all === null) {
		return [];
	}
	let hits = db.search(all, max);
	if (hits.length === 0 && terms.length > 1) {
		hits = db.search(ftsMatchExpression(terms, 'any', prefix) ?? all, max);
	}
	return hits.map(({ entry, score }) => ({ entry, score, snippet: makeSnippet(entry.body || entry.title, terms) }));
}

function recall(db: MemoryDb, task: string, budgetTokens: number | undefined, files: readonly string[] | undefined): RecallResult {
	if (budgetTokens !== undefined && (typeof budgetTokens !== 'number' || !(budgetTokens >= 0))) {
		throw new MemoryError('invalid', 'budgetTokens must be a number ≥ 0');
	}
	const taskFiles = (files ?? []).filter((f): f is string => typeof f === 'string').map(normalizeMemoryPath);
	const candidates: RecallCandidate[] = [];
	const terms = taskTerms(String(task));
	const probe = ftsMatchExpression(terms, 'any');
	const stats = probe === null ? null : db.termStats(probe);
	const match = stats === null ? null : ftsMatchExpression(distinctiveTerms(terms, stats.df, stats.rows), 'any');
	if (match !== null) {
		candidates.push(...db.search(match, 100).map((h) => ({ entry: h.entry, bm25: h.score })));
	}
	candidates.push(...db.entriesNearFiles(taskFiles, 200).map((entry) => ({ entry, bm25: 0 })));
	candidates.push(...db.pinned(50).map((entry) => ({ entry, bm25: 0 })));
	return renderRecall(rankForRecall(candidates, taskFiles, Date.now()), budgetTokens ?? defaultRecallBudget);
}

function checkFilter(filter: MemoryFilter): void {
	if (typeof filter !== 'object' || filter === null) {
		throw new MemoryError('invalid', 'filter must be an object');
	}
	if (filter.kind !== undefined && !isMemoryKind(filter.kind)) {
		throw new MemoryError('invalid', `unknown kind '${String(filter.kind)}'`);
	}
}
