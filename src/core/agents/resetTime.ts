import { localDateTimeOf, localToUtc, isValidTimeZone } from './zonedTime';

/** Reference point for reading reset times: `now` in epoch ms and the IANA zone for clock times without a zone. */
export interface ClockContext {
	readonly now: number;
	readonly timeZone: string;
}

/**
 * A reset time read from text. `at` is epoch ms (absolute, UTC). `form` says how it was written: `clock` (time of
 * day, `4:21pm`), `date` (`Nov 28, 3pm`), `relative` (`in 3h 20m`, `retry in 39.5s`) or `epoch`/`iso` (absolute).
 */
export interface ResetTime {
	readonly at: number;
	readonly form: 'clock' | 'date' | 'relative' | 'epoch' | 'iso';
}

/** How far in the past (ms) a bare clock time may lie and still mean today: 5 minutes, for output read a bit late. */
export const clockSlackMs = 5 * 60_000;

const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const month = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const clockPattern = new RegExp(
	'\\b(?:resets?|reset at|try again at|retry at|available again at)\\s+(?:at\\s+|on\\s+)?' +
		`(?:${month}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(?:(\\d{4}),?\\s+)?(?:at\\s+)?)?` +
		'(\\d{1,2})(?::(\\d{2}))?\\s*([ap]\\.?m\\.?)?(?![\\w:])(?:\\s*\\(([^()\\n]{1,64})\\))?',
	'i',
);
const unit = '(?:milliseconds?|msecs?|ms|days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)(?![a-z])';
const duration = `(?:\\d{1,9}(?:\\.\\d{1,6})?\\s*${unit}[\\s,]*(?:and\\s+)?)+`;
const relativePattern = new RegExp(`\\b(?:try again|retry|resets?|available again)\\s+(?:in|after)\\s+(${duration})`, 'i');
const durationPart = new RegExp(`(\\d{1,9}(?:\\.\\d{1,6})?)\\s*(${unit})`, 'gi');
const legacyPipe = /usage limit reached\|(\d{9,13})/i;
const epochField = /\b(?:resets_at|resetsAt|reset_at|anthropic-ratelimit-[a-z0-9-]{0,40}reset|x-codex-[a-z]{1,20}-reset-at)["']?\s*[:=]\s*["']?(\d{9,13}(?:\.\d+)?|\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2}))/i;
const secondsField = /\b(?:resets_in_seconds|reset-after-seconds|retry-after|retryDelay)["']?\s*[:=]\s*["']?(\d{1,9}(?:\.\d{1,6})?)s?\b/i;
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const maxInstant = 8.64e15;

/** Epoch seconds (below 1e11) or milliseconds → epoch ms; null for non-positive, non-finite or out-of-range values. */
export function epochToMs(value: number): number | null {
	if (!Number.isFinite(value) || value <= 0) {
		return null;
	}
	const ms = value < 1e11 ? Math.round(value * 1000) : Math.round(value);
	return ms <= maxInstant ? ms : null;
}

/** An RFC 3339 / ISO-8601 instant with an explicit zone (`2026-11-25T14:00:30Z`) → epoch ms; null otherwise. */
export function parseIsoInstant(text: string): number | null {
	const trimmed = text.trim();
	if (!isoInstant.test(trimmed)) {
		return null;
	}
	const ms = Date.parse(trimmed);
	return Number.isFinite(ms) ? ms : null;
}

/**
 * A duration such as `2 days 3 hours 5 minutes`, `3h 20m`, `39.5s`, `1m30s` or `1500ms` → milliseconds.
 * Null when the text holds no duration.
 */
export function parseDurationMs(text: string): number | null {
	let total = 0;
	let found = false;
	for (const m of text.matchAll(durationPart)) {
		const amount = Number(m[1]);
		const name = (m[2] ?? '').toLowerCase();
		const scale = name.startsWith('ms') || name.startsWith('milli') ? 1 : name.startsWith('d') ? 86_400_000 : name.startsWith('h') ? 3_600_000 : name.startsWith('s') ? 1000 : 60_000;
		total += amount * scale;
		found = true;
	}
	return found && Number.isFinite(total) ? Math.round(total) : null;
}

function to24Hour(hour: number, minute: number, meridiem: string | undefined): { hour: number; minute: number } | null {
	if (minute < 0 || minute > 59) {
		return null;
	}
	if (meridiem === undefined) {
		return hour <= 23 ? { hour, minute } : null;
	}
	if (hour < 1 || hour > 12) {
		return null;
	}
	const pm = meridiem.toLowerCase().startsWith('p');
	return { hour: (hour % 12) + (pm ? 12 : 0), minute };
}

function resolveClock(m: RegExpExecArray, ctx: ClockContext): ResetTime | null {
	const [, monthName, dayText, yearText, hourText, minuteText, meridiem, zoneText] = m;
	if (minuteText === undefined && meridiem === undefined) {
		return null;
	}
	const time = to24Hour(Number(hourText), minuteText === undefined ? 0 : Number(minuteText), meridiem);
	const zoneCandidate = zoneText?.trim() ?? '';
	const zone = zoneCandidate !== '' && isValidTimeZone(zoneCandidate) ? zoneCandidate : ctx.timeZone;
	const today = localDateTimeOf(ctx.now, zone);
	if (!time || !today) {
		return null;
	}
	const earliest = ctx.now - clockSlackMs;
	if (monthName !== undefined) {
		const monthIndex = monthNames.indexOf(monthName.slice(0, 3).toLowerCase());
		const day = Number(dayText);
		if (monthIndex < 0 || day < 1 || day > 31) {
			return null;
		}
		const years = yearText !== undefined ? [Number(yearText)] : [today.year, today.year + 1];
		let at: number | null = null;
		for (const year of years) {
			at = localToUtc({ year, month: monthIndex + 1, day, ...time }, zone);
			if (at === null || at >= earliest) {
				break;
			}
		}
		return at === null ? null : { at, form: 'date' };
	}
	let at = localToUtc({ year: today.year, month: today.month, day: today.day, ...time }, zone);
	if (at !== null && at < earliest) {
		at = localToUtc({ year: today.year, month: today.month, day: today.day + 1, ...time }, zone);
	}
	return at === null ? null : { at, form: 'clock' };
}

function absolute(value: string): ResetTime | null {
	const iso = parseIsoInstant(value);
	if (iso !== null) {
		return { at: iso, form: 'iso' };
	}
	const epoch = epochToMs(Number(value));
	return epoch === null ? null : { at: epoch, form: 'epoch' };
}

function relative(ms: number | null, ctx: ClockContext): ResetTime | null {
	if (ms === null || !Number.isFinite(ms) || ms < 0) {
		return null;
	}
	const at = ctx.now + ms;
	return Math.abs(at) <= maxInstant ? { at, form: 'relative' } : null;
}

/**
 * Finds the first reset time written in `text`, in this order: the legacy `usage limit reached|<epoch>` suffix,
 * epoch/RFC 3339 fields and headers (`resets_at`, `resetsAt`, `anthropic-ratelimit-*-reset`), clock and date
 * times (`resets 4:21pm (UTC)`, `resets 11:21am (America/New_York)`, `resets Nov 28, 3pm (UTC)`, `resets 5am`,
 * `try again at 4:35 PM.`, `try again at Nov 28th, 2026 2:19 PM.`), relative durations (`try again in 3h 20m`,
 * `Please retry in 39.5s.`, `retry after 2s`), then seconds fields (`retryDelay: "39s"`, `resets_in_seconds`,
 * `retry-after`). A clock time without a zone uses `ctx.timeZone`; a bare time of day is its next occurrence after
 * `now − clockSlackMs` (today or tomorrow); a date without a year is its next occurrence in the same way.
 * Null when nothing is found. Never throws on a valid context.
 */
export function findResetTime(text: string, ctx: ClockContext): ResetTime | null {
	const pipe = legacyPipe.exec(text);
	if (pipe?.[1] !== undefined) {
		const at = epochToMs(Number(pipe[1]));
		if (at !== null) {
			return { at, form: 'epoch' };
		}
	}
	const field = epochField.exec(text);
	const fromField = field?.[1] === undefined ? null : absolute(field[1]);
	if (fromField) {
		return fromField;
	}
	const clock = clockPattern.exec(text);
	const fromClock = clock ? resolveClock(clock, ctx) : null;
	if (fromClock) {
		return fromClock;
	}
	const rel = relativePattern.exec(text);
	const fromRelative = rel?.[1] === undefined ? null : relative(parseDurationMs(rel[1]), ctx);
	if (fromRelative) {
		return fromRelative;
	}
	const seconds = secondsField.exec(text);
	return seconds?.[1] === undefined ? null : relative(Number(seconds[1]) * 1000, ctx);
}
