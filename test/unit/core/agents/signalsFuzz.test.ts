import { seededRandom } from '../../../../src/core/common/random';
import { samplesDir } from '../../../support/samples';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { classifyFailure, type FailureSignal, type SignalInput } from '../../../../src/core/agents/signals';

const samples = samplesDir;
const kinds = new Set(['rate_limited', 'quota_exhausted', 'auth_required', 'context_too_long', 'network', 'cancelled', 'other']);
const windows = new Set(['five_hour', 'weekly', 'daily', 'per_minute', null]);


function sampleFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = join(dir, name);
		return statSync(full).isDirectory() ? sampleFiles(full) : /\.(json|jsonl)$/.test(name) ? [full] : [];
	});
}

/** Documented messages that have no sample file, mixed into the corpus. */
const documented = [
	'You\'ve hit your session limit · resets 4:21pm (UTC)',
	'You’ve hit your weekly limit · resets 11:21am (America/New_York)',
	'You\'ve hit your Opus limit · resets Nov 28, 3pm (UTC)',
	'5-hour limit reached ∙ resets 5am',
	'Claude AI usage limit reached|1795622366',
	'API Error: Request rejected (429) · rate limited',
	'API Error: Server is temporarily limiting requests (not your usage limit) · Rate limited',
	'Not logged in · Please run /login',
	'You’ve hit your usage limit. Upgrade to Pro (https://chatgpt.com/explore/pro), or try again at 4:35 PM.',
	'You’ve hit your usage limit. Try again at Nov 28th, 2026 2:19 PM.',
	'You\'ve hit your usage limit. Please try again in 2 days 3 hours 5 minutes.',
	'[API Error: You exceeded your current quota. Please retry in 39.5s.]',
	'Possible quota limitations in place or slow response times detected. Switching to the gemini-2.5-flash model for the rest of this session.',
	'anthropic-ratelimit-unified-status: rejected',
	'anthropic-ratelimit-tokens-reset: 2026-11-25T14:00:30Z',
	'x-codex-primary-used-percent: 100',
	'{"error":{"type":"usage_limit_reached","resets_at":1795622366,"resets_in_seconds":7166}}',
	'{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[{"retryDelay":"39s"}]}}',
	'Error: getaddrinfo ENOTFOUND api.anthropic.com',
	'Request was aborted.',
];

function assertValid(result: FailureSignal, label: string): void {
	assert.ok(kinds.has(result.kind), `${label}: kind ${String(result.kind)}`);
	assert.ok(windows.has(result.window), `${label}: window ${String(result.window)}`);
	assert.ok(result.agent === null || typeof result.agent === 'string', `${label}: agent`);
	assert.ok(typeof result.message === 'string' && result.message.length <= 500, `${label}: message`);
	if (result.resetsAt !== null) {
		assert.equal(typeof result.resetsAt, 'string', label);
		assert.equal(new Date(result.resetsAt).toISOString(), result.resetsAt, `${label}: resetsAt ${result.resetsAt}`);
	}
}

describe('classifyFailure fuzzing (deterministic)', () => {
	const files = sampleFiles(samples);
	const lines = [...files.flatMap((f) => readFileSync(f, 'utf8').split('\n')).filter((l) => l.trim() !== ''), ...documented];

	it('finds the sample files', () => {
		assert.ok(files.length > 40, `only ${files.length} sample files under ${samples}`);
	});

	it('never throws on 5,000 random, truncated and mutated inputs, and always returns a valid verdict', function () {
		this.timeout(120_000);
		const random = seededRandom(0xba70);
		const int = (n: number): number => Math.floor(random() * n);
		const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
		const randomChar = (): string => {
			const roll = random();
			if (roll < 0.4) return String.fromCharCode(int(128));
			if (roll < 0.6) return pick(['{', '}', '[', ']', '"', '\\', ':', ',', '\n', '\r', '|', '·', '’', '(', ')', ' ']);
			if (roll < 0.8) return String.fromCharCode(int(0x10000));
			if (roll < 0.9) return String.fromCodePoint(0x10000 + int(0xfffff));
			return String.fromCharCode(0xd800 + int(0x800));
		};
		const randomString = (length: number): string => Array.from({ length }, randomChar).join('');
		const mutate = (line: string): string => {
			const chars = [...line];
			for (let i = 0, n = 1 + int(8); i < n && chars.length > 0; i++) {
				const at = int(chars.length);
				const op = int(3);
				if (op === 0) chars[at] = randomChar();
				else if (op === 1) chars.splice(at, 1 + int(5));
				else chars.splice(at, 0, randomString(1 + int(6)));
			}
			return chars.join('');
		};
		const generators: readonly (() => string)[] = [
			() => pick(lines).slice(0, int(pick(lines).length + 1)),
			() => mutate(pick(lines)),
			() => Array.from({ length: 2 + int(3) }, () => pick(lines)).join(pick(['\n', '\r\n', '', ' ', '\n\n'])),
			() => randomString(int(300)),
			() => pick(documented).replace(/\d+/g, () => String(int(100_000))),
			() => Array.from({ length: int(400) }, () => String.fromCharCode(int(256))).join(''),
			() => `${pick(lines)}\n${mutate(pick(lines))}\n${pick(lines).slice(0, int(200))}`,
		];
		const zones = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Pacific/Chatham', 'Invalid/Zone', '', '+05:30'];
		const agents = [undefined, null, 'claude', 'gemini', 'codex', '', 'other-cli'];
		const exitCodes = [undefined, null, 0, 1, 2, 41, 55, 130, 143, 173, 247, -1, 2 ** 31, Number.NaN];
		for (let i = 0; i < 5000; i++) {
			const text = pick(generators)();
			const nowMs = random() < 0.02 ? Number.NaN : Date.UTC(2000 + int(60), int(12), 1 + int(28), int(24), int(60));
			const input: SignalInput = { text, now: new Date(nowMs), timeZone: pick(zones), exitCode: pick(exitCodes) ?? null, agent: pick(agents) ?? null };
			assertValid(classifyFailure(input), `case ${i}: ${JSON.stringify(text.slice(0, 80))}`);
		}
	});

	it('never throws on every sample line truncated at every 37th position', function () {
		this.timeout(120_000);
		const now = new Date('2026-11-25T14:00:00Z');
		let calls = 0;
		for (const line of lines) {
			for (let cut = 0; cut <= line.length; cut += 37) {
				assertValid(classifyFailure({ text: line.slice(0, cut), now, timeZone: 'America/New_York' }), `${JSON.stringify(line.slice(0, 60))} cut at ${cut}`);
				calls++;
			}
		}
		assert.ok(calls > 1000);
	});

	it('never throws on whole sample files truncated at every 101st position', function () {
		this.timeout(120_000);
		const now = new Date('2026-11-25T14:00:00Z');
		for (const file of files) {
			const text = readFileSync(file, 'utf8');
			for (let cut = 0; cut <= text.length; cut += 101) {
				assertValid(classifyFailure({ text: text.slice(0, cut), now, timeZone: 'UTC', exitCode: 1 }), `${file} cut at ${cut}`);
			}
		}
	});

	it('survives hostile values that break the declared types', () => {
		const hostile = [undefined, null, 42, {}, [], Symbol('x')] as unknown[];
		for (const value of hostile) {
			assertValid(classifyFailure({ text: value, now: value, timeZone: value, agent: value, exitCode: value } as unknown as SignalInput), String(typeof value));
		}
		assertValid(classifyFailure(undefined as unknown as SignalInput), 'undefined input');
		const huge = 'You have exhausted your daily quota. '.repeat(200_000);
		assertValid(classifyFailure({ text: huge, now: new Date(), timeZone: 'UTC' }), 'huge text');
		assertValid(classifyFailure({ text: '{\n'.repeat(100_000), now: new Date(), timeZone: 'UTC' }), 'many openers');
	});
});
