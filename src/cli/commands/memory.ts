import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isMemoryKind } from '../../core/memory/entries';
import { parseEntriesJsonl } from '../../core/memory/jsonl';
import { memoryKinds, type MemoryEntry, type MemoryImportReport, type MemorySearchHit, type RecallResult } from '../../core/memory/types';
import { writeFileAtomic } from '../../infra/fs/atomicWrite';
import { tryAcquireLock } from '../../infra/memory/lockFile';
import { MemoryEngine } from '../../infra/memory/memoryEngine';
import { newMemoryId } from '../../infra/memory/memoryIds';
import { findSqlWasmDir } from '../../infra/memory/wasmDir';
import { parseArgs, UsageError } from '../args';
import type { CliCommand, CliContext } from '../context';

type Options = ReadonlyMap<string, string | true>;

interface Subcommand {
	readonly usage: string;
	readonly options: readonly string[];
	readonly flags?: readonly string[];
	/** Creates the database when missing (writes) or requires it (reads). */
	readonly creates: boolean;
	/** Checks the options (throwing `UsageError`) before the database is opened; returns the work to do on it. */
	prepare(options: Options, context: CliContext): (engine: MemoryEngine) => Promise<number>;
}

function text(options: Options, name: string, required: true): string;
function text(options: Options, name: string, required: false): string | undefined;
function text(options: Options, name: string, required: boolean): string | undefined {
	const v = options.get(name);
	if (v === true) {
		throw new UsageError(`option --${name} needs a value`);
	}
	if (v === undefined && required) {
		throw new UsageError(`missing --${name}`);
	}
	return v;
}

function csv(options: Options, name: string): string[] | undefined {
	const v = text(options, name, false);
	return v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function positiveInt(options: Options, name: string): number | undefined {
	const v = text(options, name, false);
	if (v === undefined) {
		return undefined;
	}
	if (!/^\d{1,9}$/.test(v)) {
		throw new UsageError(`--${name} must be a non-negative integer, got '${v}'`);
	}
	return Number(v);
}

function printReport(report: MemoryImportReport, context: CliContext): number {
	for (const e of report.errors) {
		context.stderr(`line ${e.line}: ${e.message}\n`);
	}
	context.stdout(`imported ${report.imported}, skipped ${report.skipped} (id exists), refused ${report.errors.length}\n`);
	return report.errors.length > 0 ? 1 : 0;
}

const subcommands: Readonly<Record<string, Subcommand>> = {
	add: {
		usage: 'baton memory add --db F --kind K --title T [--body B] [--files a,b] [--tags x,y] [--agent A] [--session S] [--pinned] [--json]',
		options: ['kind', 'title', 'body', 'files', 'tags', 'agent', 'session'],
		flags: ['pinned', 'json'],
		creates: true,
		prepare(o, context) {
			const kind = text(o, 'kind', true);
			if (!isMemoryKind(kind)) {
				throw new UsageError(`--kind must be one of ${memoryKinds.join(', ')}, got '${kind}'`);
			}
			const files = csv(o, 'files');
			const tags = csv(o, 'tags');
			const input = {
				kind,
				title: text(o, 'title', true),
				body: text(o, 'body', false) ?? '',
				agent: text(o, 'agent', false) ?? null,
				sessionId: text(o, 'session', false) ?? null,
				...(files ? { files } : {}),
				...(tags ? { tags } : {}),
				pinned: o.get('pinned') === true,
				source: 'user' as const,
			};
			return async (engine) => {
				const entry = (await engine.call({ method: 'add', params: { id: newMemoryId(), input } })) as MemoryEntry;
				context.stdout(o.get('json') === true ? `${JSON.stringify(entry)}\n` : `${entry.id}\n`);
				return 0;
			};
		},
	},
	import: {
		usage: 'baton memory import --db F --jsonl FILE',
		options: ['jsonl'],
		creates: true,
		prepare(o, context) {
			const parsed = parseEntriesJsonl(readFileSync(text(o, 'jsonl', true), 'utf8'), newMemoryId, Date.now());
			return async (engine) => {
				const report = (await engine.call({ method: 'importEntries', params: { entries: parsed.entries } })) as MemoryImportReport;
				return printReport({ ...report, errors: [...parsed.errors, ...report.errors] }, context);
			};
		},
	},
	search: {
		usage: 'baton memory search --db F --query Q [--limit N] [--json]',
		options: ['query', 'limit'],
		flags: ['json'],
		creates: false,
		prepare(o, context) {
			const params = { query: text(o, 'query', true), limit: positiveInt(o, 'limit') ?? 20 };
			return async (engine) => {
				const hits = (await engine.call({ method: 'search', params })) as MemorySearchHit[];
				if (o.get('json') === true) {
					context.stdout(`${JSON.stringify(hits.map((h) => ({ ...h.entry, score: h.score, snippet: h.snippet })))}\n`);
				} else {
					context.stdout(hits.map((h) => `${h.entry.id}  ${h.score.toFixed(2).padStart(6)}  ${h.entry.kind.padEnd(10)} ${h.entry.title}\n`).join(''));
				}
				return 0;
			};
		},
	},
	recall: {
		usage: 'baton memory recall --db F --task "…" [--budget N] [--files a,b] [--json]',
		options: ['task', 'budget', 'files'],
		flags: ['json'],
		creates: false,
		prepare(o, context) {
			const budget = positiveInt(o, 'budget');
			const files = csv(o, 'files');
			const params = { task: text(o, 'task', true), options: { ...(budget !== undefined ? { budgetTokens: budget } : {}), ...(files ? { files } : {}) } };
			return async (engine) => {
				const result = (await engine.call({ method: 'recall', params })) as RecallResult;
				context.stdout(o.get('json') === true ? `${JSON.stringify(result)}\n` : result.markdown);
				return 0;
			};
		},
	},
	count: {
		usage: 'baton memory count --db F [--kind K]',
		options: ['kind'],
		creates: false,
		prepare(o, context) {
			const kind = text(o, 'kind', false);
			if (kind !== undefined && !isMemoryKind(kind)) {
				throw new UsageError(`--kind must be one of ${memoryKinds.join(', ')}, got '${kind}'`);
			}
			return async (engine) => {
				context.stdout(`${String(await engine.call({ method: 'count', params: { filter: kind ? { kind } : {} } }))}\n`);
				return 0;
			};
		},
	},
	export: {
		usage: 'baton memory export --db F --jsonl FILE',
		options: ['jsonl'],
		creates: false,
		prepare(o, context) {
			const target = text(o, 'jsonl', true);
			return async (engine) => {
				const jsonl = (await engine.call({ method: 'exportJsonl', params: {} })) as string;
				await writeFileAtomic(path.resolve(target), Buffer.from(jsonl, 'utf8'));
				context.stdout(`exported ${jsonl === '' ? 0 : jsonl.split('\n').length - 1} entries to ${target}\n`);
				return 0;
			};
		},
	},
};

const usage = Object.values(subcommands)
	.map((s) => s.usage)
	.join('\n       ');

/**
 * `baton memory <add|import|search|recall|count|export> --db FILE …`: works on a memory database the extension is
 * not holding. Takes the database's lock for the duration (exit 1 with the holder's pid if a live process has it),
 * never recovers a damaged file (exit 1; the extension moves it aside when it opens it). Exit 0 ok, 1 failure,
 * 2 bad usage; `import` exits 1 when some lines were refused (the others are imported).
 */
export const memoryCommand: CliCommand = {
	summary: "Add, import, search, recall, count or export Baton's project memory (a memory.sqlite file)",
	usage,
	async run(argv, context) {
		const [name, ...rest] = argv;
		const sub = name === undefined ? undefined : subcommands[name];
		if (!sub) {
			throw new UsageError(name === undefined ? 'missing subcommand' : `unknown subcommand '${name}'`);
		}
		const flags = new Set(sub.flags ?? []);
		const args = parseArgs(rest, flags, new Set(['db', ...sub.options, ...flags]));
		if (args.positionals.length > 0) {
			throw new UsageError(`unexpected argument '${args.positionals[0] ?? ''}'`);
		}
		const file = path.resolve(text(args.options, 'db', true));
		const work = sub.prepare(args.options, context);
		if (!sub.creates && !existsSync(file)) {
			context.stderr(`baton memory: no memory database at ${file}\n`);
			return 1;
		}
		const wasmDir = findSqlWasmDir(__dirname);
		if (wasmDir === null) {
			throw new Error(`sql-wasm.wasm not found next to ${__dirname}`);
		}
		const attempt = tryAcquireLock(file, null);
		if (!attempt.acquired) {
			const who = attempt.holder ? `process ${attempt.holder.pid} on ${attempt.holder.host}` : 'another process';
			context.stderr(`baton memory: ${file} is in use by ${who} (a VS Code window with Baton, or another baton command); close it and retry\n`);
			return 1;
		}
		try {
			const engine = await MemoryEngine.open({ file, wasmDir, recoverCorrupt: false });
			try {
				return await work(engine);
			} finally {
				await engine.close();
			}
		} finally {
			attempt.lock.release();
		}
	},
};
