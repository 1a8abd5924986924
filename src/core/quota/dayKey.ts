/** Maps an instant (epoch ms) to its local calendar day `YYYY-MM-DD`, or null for an invalid instant. */
export type DayKeyer = (epochMs: number) => string | null;

/** Time zone offsets change only on quarter-hour boundaries, so every instant of a quarter hour has the same day. */
const bucketMs = 15 * 60_000;

/**
 * A day keyer for `timeZone` (IANA name; undefined = the process's zone), formatting exactly like ccusage
 * (`Intl.DateTimeFormat('en-CA', {year, month: '2-digit', day: '2-digit'})`), cached per quarter hour.
 * Throws `RangeError` for an unknown zone.
 */
export function createDayKeyer(timeZone: string | undefined): DayKeyer {
	const format = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...(timeZone === undefined ? {} : { timeZone }) });
	const cache = new Map<number, string>();
	return (epochMs) => {
		if (!Number.isFinite(epochMs) || Math.abs(epochMs) > 8.64e15) {
			return null;
		}
		const bucket = Math.floor(epochMs / bucketMs);
		let day = cache.get(bucket);
		if (day === undefined) {
			day = format.format(new Date(epochMs));
			if (cache.size > 100_000) {
				cache.clear();
			}
			cache.set(bucket, day);
		}
		return day;
	};
}
