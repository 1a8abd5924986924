import type { BridgeAgent, FileClaim } from './types';

/** Default lease of a file claim: 10 minutes, renewed by every further edit of the holder. */
export const defaultLeaseMs = 10 * 60_000;

/** The session asking for a claim. */
export interface Claimant {
	readonly sessionId: string;
	readonly agent: BridgeAgent;
}

/** Result of {@link ClaimTable.claim}. `blocked` names the live holder whose lease has not expired. */
export type ClaimOutcome =
	| { readonly kind: 'taken'; readonly claim: FileClaim }
	| { readonly kind: 'renewed'; readonly claim: FileClaim }
	| { readonly kind: 'blocked'; readonly holder: FileClaim };

/** Map key of a path: Windows paths compare case-insensitively. */
function keyOf(file: string): string {
	return /^(?:[A-Za-z]:|\\\\)/.test(file) ? file.toLowerCase() : file;
}

/**
 * File leases, one holder per file. Pure: time comes in as `now`, liveness of sessions through `isLive`. A claim
 * counts only while its lease runs (`expiresAt` > now) and its holder is live; otherwise anyone may take it.
 */
export class ClaimTable {
	private readonly claims = new Map<string, FileClaim>();

	constructor(private readonly leaseMs: number = defaultLeaseMs) {}

	/** Takes or renews the claim on `file` for `who`, or reports the other session holding it. */
	claim(file: string, who: Claimant, now: Date, isLive: (sessionId: string) => boolean): ClaimOutcome {
		const key = keyOf(file);
		const current = this.claims.get(key);
		const expiresAt = new Date(now.getTime() + this.leaseMs).toISOString();
		if (current && current.sessionId !== who.sessionId && this.holds(current, now, isLive)) {
			return { kind: 'blocked', holder: current };
		}
		if (current && current.sessionId === who.sessionId && Date.parse(current.expiresAt) > now.getTime()) {
			const claim: FileClaim = { ...current, expiresAt };
			this.claims.set(key, claim);
			return { kind: 'renewed', claim };
		}
		const claim: FileClaim = { file, sessionId: who.sessionId, agent: who.agent, claimedAt: now.toISOString(), expiresAt };
		this.claims.set(key, claim);
		return { kind: 'taken', claim };
	}

	/** The claim on `file` that currently binds other sessions, if any. */
	holder(file: string, now: Date, isLive: (sessionId: string) => boolean): FileClaim | undefined {
		const current = this.claims.get(keyOf(file));
		return current && this.holds(current, now, isLive) ? current : undefined;
	}

	/** Releases every claim of `sessionId`; returns them. */
	releaseSession(sessionId: string): FileClaim[] {
		const released: FileClaim[] = [];
		for (const [key, claim] of this.claims) {
			if (claim.sessionId === sessionId) {
				released.push(claim);
				this.claims.delete(key);
			}
		}
		return released;
	}

	/** Drops claims whose lease ran out by `now`; returns them. */
	expire(now: Date): FileClaim[] {
		const expired: FileClaim[] = [];
		for (const [key, claim] of this.claims) {
			if (Date.parse(claim.expiresAt) <= now.getTime()) {
				expired.push(claim);
				this.claims.delete(key);
			}
		}
		return expired;
	}

	/** Claims whose lease still runs at `now`, oldest first. */
	list(now: Date): FileClaim[] {
		return [...this.claims.values()].filter((c) => Date.parse(c.expiresAt) > now.getTime()).sort((a, b) => a.claimedAt.localeCompare(b.claimedAt));
	}

	private holds(claim: FileClaim, now: Date, isLive: (sessionId: string) => boolean): boolean {
		return Date.parse(claim.expiresAt) > now.getTime() && isLive(claim.sessionId);
	}
}
