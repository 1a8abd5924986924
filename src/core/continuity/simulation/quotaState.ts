import type { AgentSpec, WindowSpec } from './types';

/** Live state of one window. `resetAt` is undefined for a first-use window that has not started. */
export interface WindowState {
	readonly spec: WindowSpec;
	used: number;
	resetAt: number | undefined;
}

/** Live quota state of one agent, as its provider tracks it (and as a statusline / rate-limit header reports it). */
export class AgentQuota {
	readonly windows: WindowState[];
	/** Tokens consumed per minute over the last minutes (newest last), for burn rates. */
	private readonly recent: number[] = [];

	constructor(readonly spec: AgentSpec) {
		this.windows = spec.windows.map((w) => ({ spec: w, used: w.usedAtStart ?? 0, resetAt: w.anchor === 'fixed' ? (w.firstReset ?? w.length) : undefined }));
	}

	/** Applies resets due at minute `now`. */
	tick(now: number): void {
		for (const w of this.windows) {
			if (w.resetAt !== undefined && w.resetAt <= now) {
				w.used = 0;
				w.resetAt = w.spec.anchor === 'fixed' ? w.resetAt + w.spec.length : undefined;
			}
		}
	}

	/** True when `tokens` more fit every window. */
	fits(tokens: number): boolean {
		return this.windows.every((w) => w.used + tokens <= w.spec.capacity);
	}

	/** Records `tokens` consumed at minute `now` (starts first-use windows). */
	consume(tokens: number, now: number): void {
		for (const w of this.windows) {
			if (w.resetAt === undefined) w.resetAt = now + w.spec.length;
			w.used += tokens;
		}
	}

	/** Closes minute accounting with the minute's total consumption. */
	endMinute(tokens: number): void {
		this.recent.push(tokens);
		if (this.recent.length > 30) this.recent.shift();
	}

	/** Observed burn over the last 30 minutes, tokens per minute. */
	burnRate(): number {
		return this.recent.length === 0 ? 0 : this.recent.reduce((a, b) => a + b, 0) / this.recent.length;
	}

	/** When the windows that would reject `tokens` more reset (latest of them); `now` when none would. */
	blockedUntil(tokens: number, now: number): number {
		let until = now;
		for (const w of this.windows) {
			if (w.used + tokens > w.spec.capacity) until = Math.max(until, w.resetAt ?? now);
		}
		return until;
	}

	/** Highest used share over the windows, 0–1+. */
	usedShare(): number {
		return Math.max(0, ...this.windows.map((w) => w.used / w.spec.capacity));
	}
}
