import * as os from 'node:os';
import { isValidTimeZone } from '../../core/agents/zonedTime';
import { batonDataDir } from '../../core/common/dataPaths';
import { QuotaEngine } from '../../core/quota/engine';
import { resolveQuotaSettings, type PlanLimit } from '../../core/quota/settings';
import type { QuotaAgent, WindowKind } from '../../core/quota/types';
import { claudeRoots, codexHome, geminiDir } from '../../infra/quota/agentPaths';
import { statuslineStateFile } from '../../infra/quota/statuslineState';
import { UsageIngest } from '../../infra/quota/usageIngest';
import { parseArgs, UsageError } from '../args';
import type { CliCommand, CliContext } from '../context';
import { renderUsageReport, usageReport } from './usageReport';

const options = new Set(['json', 'claude-dir', 'codex-home', 'gemini-dir', 'tz', 'now', 'limits']);
const agents = new Set(['claude', 'gemini', 'codex']);
const windows = new Set(['five_hour', 'weekly', 'daily', 'per_minute']);

function value(parsed: ReadonlyMap<string, string | true>, name: string): string | undefined {
	const v = parsed.get(name);
	if (v === true) {
		throw new UsageError(`option --${name} needs a value`);
	}
	return v;
}

/** `claude:five_hour=500000,gemini:daily=250` → plan limits (tokens for Claude/Codex, requests for Gemini). */
export function parseLimits(text: string): PlanLimit[] {
	return text
		.split(',')
		.filter((part) => part.trim() !== '')
		.map((part) => {
			const m = /^\s*(\w+):(\w+)(?::([\w.-]+))?=(\d+(?:\.\d+)?)\s*$/.exec(part);
			if (!m || !agents.has(m[1] ?? '') || !windows.has(m[2] ?? '')) {
				throw new UsageError(`bad limit '${part}'; expected agent:window[:model]=N, e.g. claude:five_hour=500000 or gemini:daily=250`);
			}
			const agent = m[1] as QuotaAgent;
			return { agent, window: m[2] as WindowKind, model: m[3] ?? null, limit: Number(m[4]), unit: agent === 'gemini' ? 'requests' : 'tokens' };
		});
}

function zoneOf(parsed: ReadonlyMap<string, string | true>, env: CliContext['env']): string {
	const tz = value(parsed, 'tz');
	if (tz !== undefined && !isValidTimeZone(tz)) {
		throw new UsageError(`unknown time zone '${tz}'; use an IANA name such as America/New_York`);
	}
	const envZone = env['TZ'];
	return tz ?? (envZone !== undefined && envZone !== '' && isValidTimeZone(envZone) ? envZone : Intl.DateTimeFormat().resolvedOptions().timeZone);
}

/**
 * `baton usage`: reads Claude transcripts, Codex rollouts, Gemini chats and Baton's statusLine captures, and prints
 * every quota window with its provenance and forecast, plus per-day token totals per agent (`daily`, comparable
 * with `ccusage daily --json`; days in the local zone, `TZ` respected). Exit 0; 2 for bad options.
 */
export const usageCommand: CliCommand = {
	summary: 'Show quota windows (official vs estimate), forecasts and tokens per day for claude/codex/gemini',
	usage: 'baton usage [--json] [--claude-dir D[,D2]] [--codex-home D] [--gemini-dir D] [--tz <IANA zone>] [--limits claude:five_hour=N,gemini:daily=N] [--now <ISO-8601>]',
	async run(argv, context) {
		const args = parseArgs(argv, new Set(['json']), options);
		if (args.positionals.length > 0) {
			throw new UsageError(`unexpected argument '${args.positionals[0] ?? ''}'`);
		}
		const timeZone = zoneOf(args.options, context.env);
		const nowText = value(args.options, 'now');
		const now = nowText === undefined ? Date.now() : Date.parse(nowText);
		if (!Number.isFinite(now)) {
			throw new UsageError(`--now must be an ISO-8601 time, got '${nowText ?? ''}'`);
		}
		const limitsText = value(args.options, 'limits');
		const settings = resolveQuotaSettings({ limits: limitsText === undefined ? [] : parseLimits(limitsText) });
		const inputs = { env: context.env, homeDir: context.env['HOME'] || os.homedir() };
		const claudeDir = value(args.options, 'claude-dir');
		const roots = await claudeRoots(inputs, claudeDir);
		if (claudeDir !== undefined && roots.length === 0) {
			context.stderr(`baton usage: no Claude transcripts under ${claudeDir} (expected a folder with a projects/ subfolder)\n`);
		}
		const codex = codexHome(inputs, value(args.options, 'codex-home'));
		const gemini = geminiDir(inputs, value(args.options, 'gemini-dir'));
		const statuslineFile = statuslineStateFile(batonDataDir({ platform: process.platform, homeDir: inputs.homeDir, env: context.env }));
		const engine = new QuotaEngine(settings);
		const ingest = new UsageIngest({ claudeRoots: roots, codexHome: codex, geminiDir: gemini, statuslineFile, timeZone }, engine);
		const stats = await ingest.refresh();
		ingest.publish(now);
		const evaluation = engine.evaluate(now);
		const diagnostics = ingest.diagnostics();
		const sources = {
			claude: { roots, files: diagnostics.claudeFiles, entries: diagnostics.claude.entries, counted: diagnostics.claude.counted },
			codex: { home: codex, files: diagnostics.codexFiles },
			gemini: { dir: gemini, messages: diagnostics.geminiMessages },
			statusline: { file: statuslineFile, lines: stats.statusline.lines },
			readMs: Math.round(stats.ms),
		};
		const report = usageReport(evaluation, ingest.daily(), timeZone, sources);
		context.stdout(args.options.has('json') ? `${JSON.stringify(report, null, 2)}\n` : renderUsageReport(report, now));
		return 0;
	},
};
