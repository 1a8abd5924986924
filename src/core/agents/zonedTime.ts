/**
 * Wall-clock ↔ UTC conversion for IANA time zones, built on `Intl.DateTimeFormat` only (pure, no I/O).
 * All instants are epoch milliseconds; all wall-clock fields are the zone's local calendar values (month 1–12).
 */

/** A local calendar date and time in some zone; `month` is 1–12, `hour` 0–23. */
export interface LocalDateTime {
	readonly year: number;
	readonly month: number;
	readonly day: number;
	readonly hour: number;
	readonly minute: number;
}

const maxCached = 256;
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
	const cached = formatters.get(zone);
	if (cached !== undefined) {
		return cached;
	}
	let made: Intl.DateTimeFormat | null;
	try {
		made = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
	} catch {
		made = null;
	}
	if (formatters.size >= maxCached) {
		formatters.clear();
	}
	formatters.set(zone, made);
	return made;
}

/** True when `zone` is a time zone `Intl` accepts (IANA names such as `America/New_York`, or `UTC`). */
export function isValidTimeZone(zone: string): boolean {
	return zone.trim() !== '' && zone.length <= 64 && formatterFor(zone) !== null;
}

/** Local wall-clock fields of the instant `epochMs` in `zone` (seconds dropped), or null for a bad zone or instant. */
export function localDateTimeOf(epochMs: number, zone: string): (LocalDateTime & { readonly second: number }) | null {
	const format = formatterFor(zone);
	if (!format || !Number.isFinite(epochMs) || Math.abs(epochMs) > 8.64e15) {
		return null;
	}
	const fields: Record<string, number> = {};
	for (const part of format.formatToParts(new Date(epochMs))) {
		if (part.type !== 'literal') {
			fields[part.type] = Number(part.value);
		}
	}
	const { year, month, day, hour, minute, second } = fields;
	if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined || second === undefined) {
		return null;
	}
	return { year, month, day, hour: hour % 24, minute, second };
}

/** Offset of `zone` from UTC at the instant `epochMs`, in milliseconds (local − UTC; New York in winter → −18,000,000). */
export function zoneOffsetMs(epochMs: number, zone: string): number | null {
	const whole = Math.floor(epochMs / 1000) * 1000;
	const local = localDateTimeOf(whole, zone);
	if (!local) {
		return null;
	}
	return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) - whole;
}

/**
 * The UTC instant (epoch ms) of a wall-clock time in `zone`. Day and month overflow normalise like `Date.UTC`
 * (day 32 → next month). In a DST fall-back hour the earlier instant is chosen; a time inside a spring-forward
 * gap is read with the offset in force before the gap (2:30 → 3:30 new time). Null for a bad zone or fields.
 */
export function localToUtc(local: LocalDateTime, zone: string): number | null {
	const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
	if (!Number.isFinite(guess)) {
		return null;
	}
	const day = 86_400_000;
	const before = zoneOffsetMs(guess - day, zone);
	const at = zoneOffsetMs(guess, zone);
	const after = zoneOffsetMs(guess + day, zone);
	if (before === null || at === null || after === null) {
		return null;
	}
	let best: number | null = null;
	for (const offset of [before, at, after]) {
		const instant = guess - offset;
		if (zoneOffsetMs(instant, zone) === offset && (best === null || instant < best)) {
			best = instant;
		}
	}
	return best ?? guess - before;
}

/** The next local midnight in `zone` strictly after `epochMs`, as epoch ms; null for a bad zone. */
export function nextLocalMidnight(epochMs: number, zone: string): number | null {
	const local = localDateTimeOf(epochMs, zone);
	return local ? localToUtc({ year: local.year, month: local.month, day: local.day + 1, hour: 0, minute: 0 }, zone) : null;
}
