import { ClaimTable, defaultLeaseMs, type Claimant } from './claims';
import type { BridgeAgent, FileClaim } from './types';

/** Default window in which two sessions writing the same file is a collision: 2 minutes. */
export const defaultCollisionWindowMs = 2 * 60_000;

/** One session's write of a file, as part of a collision. */
export interface CollisionWrite {
	readonly agent: BridgeAgent;
	readonly sessionId: string;
	readonly at: string;
}

interface Write {
	readonly sessionId: string;
	readonly agent: BridgeAgent;
	readonly at: number;
}

function keyOf(file: string): string {
	return /^(?:[A-Za-z]:|\\\\)/.test(file) ? file.toLowerCase() : file;
}

/**
 * File claims plus recent writes: decides whether a write may start (claims, see {@link ClaimTable}) and whether a
 * finished write collides with another session's write of the same file within the window. Pure; time comes in.
 */
export class FileCoordinator {
	private readonly claims: ClaimTable;
	private readonly writes = new Map<string, Write[]>();

	constructor(
		private readonly isLive: (sessionId: string) => boolean,
		leaseMs: number = defaultLeaseMs,
		readonly collisionWindowMs: number = defaultCollisionWindowMs,
	) {
		this.claims = new ClaimTable(leaseMs);
	}

	/**
	 * Before a write of `files`: the first file another live session holds (nothing is claimed then), or the claims
	 * newly taken (renewals are not listed). `replay` never blocks and ignores other sessions' liveness.
	 */
	beforeWrite(files: readonly string[], who: Claimant, now: Date, replay: boolean): { readonly blocked?: { readonly file: string; readonly holder: FileClaim }; readonly taken: FileClaim[] } {
		if (!replay) {
			for (const file of files) {
				const holder = this.claims.holder(file, now, this.isLive);
				if (holder && holder.sessionId !== who.sessionId) {
					return { blocked: { file, holder }, taken: [] };
				}
			}
		}
		const taken: FileClaim[] = [];
		for (const file of files) {
			const outcome = this.claims.claim(file, who, now, replay ? () => false : this.isLive);
			if (outcome.kind === 'taken') taken.push(outcome.claim);
		}
		return { taken };
	}

	/**
	 * After `who` wrote `file`: takes or renews its claim when free (a missed pre-write hook), records the write and
	 * returns the other sessions that wrote it within the window (empty: no collision).
	 */
	afterWrite(file: string, who: Claimant, now: Date): { readonly taken?: FileClaim; readonly collidesWith: CollisionWrite[] } {
		const outcome = this.claims.claim(file, who, now, this.isLive);
		const key = keyOf(file);
		const recent = (this.writes.get(key) ?? []).filter((w) => now.getTime() - w.at <= this.collisionWindowMs);
		const others = [...new Map(recent.filter((w) => w.sessionId !== who.sessionId).map((w) => [w.sessionId, w])).values()];
		this.writes.set(key, [...recent.filter((w) => w.sessionId !== who.sessionId), { sessionId: who.sessionId, agent: who.agent, at: now.getTime() }]);
		if (this.writes.size > 5000) this.prune(now);
		return {
			...(outcome.kind === 'taken' ? { taken: outcome.claim } : {}),
			collidesWith: others.map((w) => ({ agent: w.agent, sessionId: w.sessionId, at: new Date(w.at).toISOString() })),
		};
	}

	/** Releases every claim of a session; returns them. */
	release(sessionId: string): FileClaim[] {
		return this.claims.releaseSession(sessionId);
	}

	/** Claims whose lease still runs. */
	list(now: Date): FileClaim[] {
		return this.claims.list(now);
	}

	private prune(now: Date): void {
		for (const [key, list] of this.writes) {
			if (list.every((w) => now.getTime() - w.at > this.collisionWindowMs)) this.writes.delete(key);
		}
	}
}
