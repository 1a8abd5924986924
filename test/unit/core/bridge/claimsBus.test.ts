import * as assert from 'node:assert/strict';
import { EventBus, matchesFilter } from '../../../../src/core/bridge/bus';
import { ClaimTable } from '../../../../src/core/bridge/claims';
import { Inbox } from '../../../../src/core/bridge/inbox';
import type { BusEvent } from '../../../../src/core/bridge/types';

const t0 = Date.parse('2026-11-25T14:00:00Z');
const at = (minutes: number): Date => new Date(t0 + minutes * 60_000);
const live = (): boolean => true;
const a = { sessionId: 'A', agent: 'claude' as const };
const b = { sessionId: 'B', agent: 'gemini' as const };

describe('ClaimTable', () => {
	it('takes a free file, renews for the holder and blocks another live session until the lease ends', () => {
		const claims = new ClaimTable(10 * 60_000);
		const taken = claims.claim('/w/f', a, at(0), live);
		assert.equal(taken.kind, 'taken');
		assert.equal(taken.kind === 'taken' && taken.claim.expiresAt, at(10).toISOString());
		const blocked = claims.claim('/w/f', b, at(1), live);
		assert.equal(blocked.kind, 'blocked');
		assert.equal(blocked.kind === 'blocked' && blocked.holder.sessionId, 'A');
		const renewed = claims.claim('/w/f', a, at(5), live);
		assert.equal(renewed.kind, 'renewed');
		assert.equal(claims.claim('/w/f', b, at(14), live).kind, 'blocked', 'the renewal moved the expiry to 15 min');
		assert.equal(claims.claim('/w/f', b, at(15), live).kind, 'taken', 'expired lease');
	});

	it('ignores claims of sessions that are no longer live, and releases a session\'s claims', () => {
		const claims = new ClaimTable();
		claims.claim('/w/f', a, at(0), live);
		claims.claim('/w/g', a, at(0), live);
		assert.equal(claims.claim('/w/f', b, at(1), (id) => id !== 'A').kind, 'taken');
		assert.deepEqual(claims.releaseSession('A').map((c) => c.file), ['/w/g']);
		assert.deepEqual(claims.list(at(2)).map((c) => c.sessionId), ['B']);
		assert.equal(claims.holder('/w/f', at(2), live)?.sessionId, 'B');
		assert.deepEqual(claims.expire(at(60)).map((c) => c.file), ['/w/f']);
	});

	it('compares Windows paths case-insensitively', () => {
		const claims = new ClaimTable();
		claims.claim('C:\\W\\F.ts', a, at(0), live);
		assert.equal(claims.claim('c:\\w\\f.ts', b, at(1), live).kind, 'blocked');
	});
});

describe('EventBus', () => {
	it('keeps the last N events in order with increasing seq and filters by agent, type and seq', () => {
		const bus = new EventBus(3);
		for (let i = 0; i < 5; i++) {
			bus.publish('prompt', at(i), i % 2 === 0 ? 'claude' : 'gemini', `s${i}`, { text: `p${i}` });
		}
		const all = bus.events();
		assert.deepEqual(all.map((e) => e.seq), [3, 4, 5]);
		assert.deepEqual(bus.events({ agent: 'claude' }).map((e) => e.seq), [3, 5]);
		assert.deepEqual(bus.events({ afterSeq: 4 }).map((e) => e.seq), [5]);
		assert.deepEqual(bus.events({ types: ['collision'] }), []);
		assert.deepEqual(bus.events(undefined, 1).map((e) => e.seq), [5]);
		assert.equal(bus.lastSeq, 5);
		assert.equal(all[0]?.at, at(2).toISOString());
	});

	it('notifies matching subscribers until disposed; a throwing listener does not stop the others', () => {
		const errors: unknown[] = [];
		const bus = new EventBus(10, (e) => errors.push(e));
		const got: BusEvent[] = [];
		bus.subscribe(() => {
			throw new Error('boom');
		});
		const sub = bus.subscribe((e) => got.push(e), { agent: 'codex' });
		bus.publish('notification', at(0), 'codex', 's', { message: 'm', title: null, type: null });
		bus.publish('notification', at(0), 'claude', 's', { message: 'm', title: null, type: null });
		sub.dispose();
		bus.publish('notification', at(0), 'codex', 's', { message: 'm', title: null, type: null });
		assert.equal(got.length, 1);
		assert.equal(errors.length, 3);
		assert.equal(matchesFilter(got[0] as BusEvent, { sessionId: 'other' }), false);
	});
});

describe('Inbox', () => {
	const msg = (id: string, to: string, fromSession: string | null = 'A', minutes = 0) => ({ id, kind: 'message' as const, from: { agent: 'claude' as const, sessionId: fromSession }, to, text: id, at: at(minutes).toISOString() });

	it('delivers by session id, by agent (first reader consumes) and broadcast (each other session once)', () => {
		const inbox = new Inbox();
		inbox.add(msg('to-session', 'B'));
		inbox.add(msg('to-gemini', 'gemini'));
		inbox.add(msg('to-all', '*'));
		const readerB = { sessionId: 'B', agent: 'gemini' as const };
		const readerC = { sessionId: 'C', agent: 'gemini' as const };
		const readerA = { sessionId: 'A', agent: 'claude' as const };
		assert.deepEqual(inbox.unread(readerB, at(1), false).map((m) => m.id), ['to-session', 'to-gemini', 'to-all'], 'peek');
		assert.deepEqual(inbox.unread(readerB, at(1), true).map((m) => m.id), ['to-session', 'to-gemini', 'to-all']);
		assert.deepEqual(inbox.unread(readerB, at(1), true), [], 'read once');
		assert.deepEqual(inbox.unread(readerC, at(1), true).map((m) => m.id), ['to-all'], 'agent message consumed by B');
		assert.deepEqual(inbox.unread(readerA, at(1), true), [], 'never its own messages');
	});

	it('drops messages older than the TTL', () => {
		const inbox = new Inbox(60_000);
		inbox.add(msg('old', '*', 'A', 0));
		assert.deepEqual(inbox.unread({ sessionId: 'B', agent: 'gemini' }, at(2), true), []);
		assert.equal(inbox.all().length, 0);
	});
});
