import type { BridgeSession, HookEvent } from './types';

/** A session record the hub may update (goal, prompts). */
export type SessionState = { -readonly [K in keyof BridgeSession]: BridgeSession[K] };

/** Ended sessions are forgotten this long after they were last seen, ms. */
const endedSessionTtlMs = 24 * 3600_000;
/** Events that do not bring an ended session back to life. */
const quietKinds: ReadonlySet<HookEvent['kind']> = new Set(['stop', 'stop_failure', 'session_end', 'notification']);

/**
 * Sessions by id. A session is live from its first hook until Stop/StopFailure/SessionEnd, and live again when a
 * later hook of it arrives (the next turn of an interactive session). Pure; time comes in.
 */
export class SessionRegistry {
	private readonly sessions = new Map<string, SessionState>();

	/**
	 * Records that `event` arrived at `now`. `started` is set when the session (re)starts with this event: the source
	 * to publish (`startup`, `resume`, … or null when the first hook seen was not a session start).
	 */
	touch(event: HookEvent, now: Date): { readonly session: SessionState; readonly started?: { readonly source: string | null }; readonly forgotten: readonly string[] } {
		let session = this.sessions.get(event.sessionId);
		const at = now.toISOString();
		let started: { source: string | null } | undefined;
		let forgotten: string[] = [];
		if (!session) {
			forgotten = this.prune(now);
			session = { sessionId: event.sessionId, agent: event.agent, cwd: event.cwd, startedAt: at, lastSeenAt: at, goal: null, lastPrompt: null, state: 'live' };
			this.sessions.set(event.sessionId, session);
			if (event.kind !== 'session_end') started = { source: event.kind === 'session_start' ? (event.detail ?? null) : null };
		} else if (session.state === 'ended' && !quietKinds.has(event.kind)) {
			session.state = 'live';
			started = { source: event.kind === 'session_start' ? (event.detail ?? 'resume') : 'resume' };
		}
		session.lastSeenAt = at > session.lastSeenAt ? at : session.lastSeenAt;
		return { session, ...(started ? { started } : {}), forgotten };
	}

	/** Marks a session ended; true when it was live. */
	end(sessionId: string): boolean {
		const session = this.sessions.get(sessionId);
		if (session?.state !== 'live') return false;
		session.state = 'ended';
		return true;
	}

	/** True while the session is live. */
	readonly isLive = (sessionId: string): boolean => this.sessions.get(sessionId)?.state === 'live';

	/** A session by id. */
	get(sessionId: string): SessionState | undefined {
		return this.sessions.get(sessionId);
	}

	/** Copies of all sessions, most recently seen first. */
	list(): BridgeSession[] {
		return [...this.sessions.values()].map((s) => ({ ...s })).sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt));
	}

	private prune(now: Date): string[] {
		const gone: string[] = [];
		for (const [id, s] of this.sessions) {
			if (s.state === 'ended' && now.getTime() - Date.parse(s.lastSeenAt) > endedSessionTtlMs) {
				this.sessions.delete(id);
				gone.push(id);
			}
		}
		return gone;
	}
}

/** A bounded set of recently seen ids (oldest evicted first). */
export class RecentIds {
	private readonly ids = new Set<string>();

	constructor(private readonly capacity = 5000) {}

	/** Adds `id`; false when it was already there. */
	add(id: string): boolean {
		if (this.ids.has(id)) return false;
		this.ids.add(id);
		if (this.ids.size > this.capacity) {
			const first = this.ids.values().next();
			if (!first.done) this.ids.delete(first.value);
		}
		return true;
	}
}
