import { classifyFailure } from '../agents/signals';
import { EventBus, defaultBusCapacity, type Unsubscribe } from './bus';
import { defaultLeaseMs } from './claims';
import { FileCoordinator, defaultCollisionWindowMs } from './fileCoordinator';
import { blockedReason, checkpointNotice, collisionNotice, compactInstructions, formatMessages, limitCheckpointNotice, sessionInstructions } from './hubText';
import { Inbox, defaultMessageTtlMs } from './inbox';
import { allowedRoots, checkPayloadPath } from './pathSafety';
import { RecentIds, SessionRegistry, type SessionState } from './sessions';
import type { BridgeMemory, BridgeMessage, BridgeSession, BusEvent, BusFilter, FileClaim, HookEvent, HookVerdict } from './types';

export { defaultCollisionWindowMs };
/** Default token budget of memory recalled at session start. */
export const defaultRecallBudgetTokens = 1200;

/** Options of {@link BridgeHub}. Only `clock` is required. */
export interface BridgeHubOptions {
	readonly clock: () => Date;
	/** Workspace folder (absolute); file paths outside it (and the agent's cwd) are ignored. */
	readonly workspaceFolder?: string | null;
	readonly memory?: BridgeMemory;
	/** File claim lease, ms (default 10 min). */
	readonly leaseMs?: number;
	/** Collision window, ms (default 2 min). */
	readonly collisionWindowMs?: number;
	readonly busCapacity?: number;
	readonly recallBudgetTokens?: number;
	/** Longest wait for memory recall at session start, ms (default 600); the hook's whole budget is 1.5 s. */
	readonly recallTimeoutMs?: number;
	readonly messageTtlMs?: number;
	/** Hook point: a routing hint added to a prompt's context (e.g. "Gemini is better suited for this research task"). */
	readonly routingHint?: (prompt: string, session: BridgeSession) => string | undefined | Promise<string | undefined>;
	/** Zone for reset times printed without one; default UTC. */
	readonly timeZone?: string;
	/** Id generator for messages (default: counter + time). */
	readonly newId?: () => string;
	/** Errors of listeners, memory and the routing hint (never thrown into hooks). */
	readonly onError?: (error: unknown) => void;
}

/** What `sendMessage` takes. */
export interface SendMessageInput {
	readonly from: BridgeMessage['from'];
	readonly to: string;
	readonly text: string;
	readonly kind?: BridgeMessage['kind'];
}


/**
 * Baton's in-memory coordination state for one workspace: sessions, file claims, the event bus, agent-to-agent
 * messages and per-session notices waiting to be injected. Hooks arrive as normalised {@link HookEvent}s through
 * {@link BridgeHub.handleHook}; the answer is a {@link HookVerdict}. Pure apart from the injected memory.
 */
export class BridgeHub {
	readonly bus: EventBus;
	private readonly sessions = new SessionRegistry();
	private readonly files: FileCoordinator;
	private readonly inbox: Inbox;
	private readonly notices = new Map<string, string[]>();
	private readonly seen = new RecentIds();
	private memory: BridgeMemory | undefined;
	private ids = 0;

	constructor(private readonly options: BridgeHubOptions) {
		this.bus = new EventBus(options.busCapacity ?? defaultBusCapacity, (e) => this.report(e));
		this.files = new FileCoordinator(this.sessions.isLive, options.leaseMs ?? defaultLeaseMs, options.collisionWindowMs ?? defaultCollisionWindowMs);
		this.inbox = new Inbox(options.messageTtlMs ?? defaultMessageTtlMs);
		this.memory = options.memory;
	}

	/** Sets or removes the memory module (it may start after the hub). */
	setMemory(memory: BridgeMemory | undefined): void {
		this.memory = memory;
	}

	/** The memory module, if any (bridge methods recall/remember/checkpoint forward to it). */
	get memoryModule(): BridgeMemory | undefined {
		return this.memory;
	}

	/**
	 * Applies one hook and answers it. `replay` (spooled events ingested later) uses the event's own time, records
	 * without building context and never blocks. An event id seen before is ignored (spool re-appends).
	 */
	async handleHook(event: HookEvent, replay = false): Promise<HookVerdict> {
		if (!this.seen.add(event.id)) {
			return {};
		}
		const eventTime = Date.parse(event.at);
		const now = replay && Number.isFinite(eventTime) ? new Date(eventTime) : this.options.clock();
		const session = this.touch(event, now);
		const parts: string[] = [];
		let block: string | undefined;
		switch (event.kind) {
			case 'session_start':
				if (!replay) parts.push(sessionInstructions(), await this.recall(session));
				break;
			case 'prompt': {
				const text = (event.prompt ?? '').slice(0, 500);
				session.goal ??= text || null;
				session.lastPrompt = text || session.lastPrompt;
				this.bus.publish('prompt', now, event.agent, event.sessionId, { text: text.slice(0, 300) });
				if (!replay && this.options.routingHint) parts.push((await this.safely(() => this.options.routingHint?.(event.prompt ?? '', { ...session }))) ?? '');
				break;
			}
			case 'pre_tool':
				block = this.preTool(event, now, replay);
				break;
			case 'post_tool':
				this.postTool(event, now, replay);
				break;
			case 'stop':
				this.end(session, 'stop', now);
				break;
			case 'stop_failure':
				this.failure(event, now);
				this.end(session, 'failure', now);
				break;
			case 'session_end':
				this.end(session, event.detail ?? 'end', now);
				break;
			case 'pre_compact':
				if (!replay) this.notify(event.sessionId, checkpointNotice());
				if (event.agent === 'claude' && !replay) return { context: compactInstructions() };
				break;
			case 'notification': {
				const n = event.notification ?? { message: '', title: null, type: null };
				this.bus.publish('notification', now, event.agent, event.sessionId, n);
				break;
			}
			default:
				break;
		}
		if (block !== undefined) {
			return { block };
		}
		if (!replay && event.canInject) {
			parts.push(...this.takeNotices(session, now));
		}
		const context = parts.filter((p) => p.trim() !== '').join('\n\n');
		return context === '' ? {} : { context };
	}

	/** Replays spooled events in order (see {@link handleHook} `replay`). */
	async ingest(events: readonly HookEvent[]): Promise<void> {
		for (const event of [...events].sort((a, b) => a.at.localeCompare(b.at))) {
			await this.handleHook(event, true);
		}
	}

	/** Stores a message (or delegation) and publishes it on the bus. */
	sendMessage(input: SendMessageInput): BridgeMessage {
		const now = this.options.clock();
		const message: BridgeMessage = { id: this.options.newId?.() ?? `m${now.getTime().toString(36)}${(++this.ids).toString(36)}`, kind: input.kind ?? 'message', from: input.from, to: input.to, text: input.text, at: now.toISOString() };
		this.inbox.add(message);
		this.bus.publish(message.kind, now, input.from.agent, input.from.sessionId, { messageId: message.id, to: message.to, text: message.text.slice(0, 300) });
		return message;
	}

	/** Unread messages of a session (marked read unless `peek`); empty for an unknown session. */
	readInbox(sessionId: string, peek = false): BridgeMessage[] {
		const session = this.sessions.get(sessionId);
		return session ? this.inbox.unread(session, this.options.clock(), !peek) : [];
	}

	/** All stored messages, oldest first. */
	messages(): readonly BridgeMessage[] {
		return this.inbox.all();
	}

	/** Sessions seen, most recent first. */
	listSessions(): BridgeSession[] {
		return this.sessions.list();
	}

	/**
	 * Asks a live session to call `checkpoint` before a limit stops it (`why` in plain words); the notice reaches the
	 * agent with its next hook output. False when the session is unknown or ended.
	 */
	requestCheckpoint(sessionId: string, why: string): boolean {
		const session = this.sessions.list().find((s) => s.sessionId === sessionId);
		if (!session || session.state !== 'live') return false;
		this.notify(sessionId, limitCheckpointNotice(why));
		return true;
	}

	/** Claims whose lease still runs. */
	listClaims(): FileClaim[] {
		return this.files.list(this.options.clock());
	}

	/** Releases a session's claims (e.g. from the UI); returns them. */
	releaseClaims(sessionId: string): FileClaim[] {
		return this.files.release(sessionId);
	}

	/** Buffered bus events passing `filter` (e.g. `{ agent: 'claude' }`). */
	events(filter?: BusFilter, limit?: number): BusEvent[] {
		return this.bus.events(filter, limit);
	}

	/** Calls `listener` for each later bus event passing `filter`. */
	subscribe(listener: (event: BusEvent) => void, filter?: BusFilter): Unsubscribe {
		return this.bus.subscribe(listener, filter);
	}

	private touch(event: HookEvent, now: Date): SessionState {
		const { session, started, forgotten } = this.sessions.touch(event, now);
		for (const id of forgotten) this.notices.delete(id);
		if (started) {
			this.bus.publish('session_started', now, event.agent, event.sessionId, { cwd: event.cwd, source: started.source });
		}
		return session;
	}

	private writtenFiles(event: HookEvent): string[] {
		const tool = event.tool;
		if (!tool?.writesFiles) {
			return [];
		}
		// Defence in depth: the bridge re-checks paths against its own workspace, whatever the client claimed.
		const roots = allowedRoots(this.options.workspaceFolder ?? event.projectDir, event.cwd);
		return tool.files.flatMap((f) => {
			const checked = checkPayloadPath(f, event.cwd, roots);
			return checked.ok ? [checked.path] : [];
		});
	}

	private preTool(event: HookEvent, now: Date, replay: boolean): string | undefined {
		const outcome = this.files.beforeWrite(this.writtenFiles(event), event, now, replay);
		if (outcome.blocked) {
			const { file, holder } = outcome.blocked;
			this.bus.publish('claim_blocked', now, event.agent, event.sessionId, { file, holder: { agent: holder.agent, sessionId: holder.sessionId }, expiresAt: holder.expiresAt });
			return blockedReason(file, holder, now, this.options.workspaceFolder ?? event.projectDir);
		}
		for (const claim of outcome.taken) {
			this.bus.publish('file_claimed', now, event.agent, event.sessionId, { file: claim.file, expiresAt: claim.expiresAt });
		}
		return undefined;
	}

	private postTool(event: HookEvent, now: Date, replay: boolean): void {
		if (event.tool?.failed) {
			return;
		}
		for (const file of this.writtenFiles(event)) {
			const { taken, collidesWith } = this.files.afterWrite(file, event, now);
			if (taken) {
				this.bus.publish('file_claimed', now, event.agent, event.sessionId, { file, expiresAt: taken.expiresAt });
			}
			this.bus.publish('file_written', now, event.agent, event.sessionId, { file, tool: event.tool?.name ?? '' });
			if (collidesWith.length === 0) continue;
			const sessions = [...collidesWith, { agent: event.agent, sessionId: event.sessionId, at: now.toISOString() }];
			this.bus.publish('collision', now, event.agent, event.sessionId, { file, sessions });
			if (!replay) {
				for (const s of sessions) {
					const others = sessions.filter((o) => o.sessionId !== s.sessionId);
					this.notify(s.sessionId, collisionNotice(file, others, this.files.collisionWindowMs, this.options.workspaceFolder ?? event.projectDir));
				}
			}
		}
	}

	private failure(event: HookEvent, now: Date): void {
		const failure = event.failure ?? { error: 'unknown', text: '' };
		const signal = classifyFailure({ text: failure.text, agent: event.agent, now, timeZone: event.timeZone ?? this.options.timeZone ?? 'UTC' });
		const kind = signal.kind === 'other' && failure.error === 'rate_limit' ? 'rate_limited' : signal.kind;
		this.bus.publish('signal', now, event.agent, event.sessionId, { kind, window: signal.window, resetsAt: signal.resetsAt, message: signal.message || failure.error });
	}

	private end(session: SessionState, reason: string, now: Date): void {
		const released = this.files.release(session.sessionId);
		if (this.sessions.end(session.sessionId)) {
			this.bus.publish('session_ended', now, session.agent, session.sessionId, { reason, releasedClaims: released.length });
		}
	}

	private async recall(session: SessionState): Promise<string> {
		const memory = this.memory;
		if (!memory) {
			return '';
		}
		const task = session.goal ?? `Start of a ${session.agent} session in ${this.options.workspaceFolder ?? session.cwd}`;
		const budget = this.options.recallBudgetTokens ?? defaultRecallBudgetTokens;
		const text = await this.safely(() => withTimeout(memory.recall(task, budget), this.options.recallTimeoutMs ?? 600));
		return text ? `Project memory recalled by Baton:\n${text.slice(0, budget * 4)}` : '';
	}

	private notify(sessionId: string, text: string): void {
		const list = this.notices.get(sessionId) ?? [];
		if (!list.includes(text)) list.push(text);
		this.notices.set(sessionId, list.slice(-20));
	}

	private takeNotices(session: SessionState, now: Date): string[] {
		const out = [...(this.notices.get(session.sessionId) ?? [])];
		this.notices.delete(session.sessionId);
		const unread = this.inbox.unread(session, now, true);
		if (unread.length > 0) out.push(formatMessages(unread));
		return out;
	}

	private async safely<T>(work: () => T | Promise<T>): Promise<T | undefined> {
		try {
			return await work();
		} catch (error) {
			this.report(error);
			return undefined;
		}
	}

	private report(error: unknown): void {
		this.options.onError?.(error);
	}
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`memory recall took longer than ${ms} ms`)), ms);
		promise.then(
			(v) => (clearTimeout(timer), resolve(v)),
			(e: unknown) => (clearTimeout(timer), reject(e instanceof Error ? e : new Error(String(e)))),
		);
	});
}
