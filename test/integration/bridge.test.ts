import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { dirname, join } from 'node:path';
import { bridgeMethods } from '../../src/core/bridge/protocol';
import { BridgeClient, BridgeError, connectBridge } from '../../src/infra/bridge/bridgeClient';
import { startBridgeServer } from '../../src/infra/bridge/bridgeServer';
import { discoveryPath, readDiscovery } from '../../src/infra/bridge/discovery';
import { encodeFrame } from '../../src/infra/bridge/framing';
import { appendToSpool, ingestSpool } from '../../src/infra/bridge/spool';
import { startTestBridge, tempBaton, type TempBaton } from './bridge/support';

/** Sends raw bytes on a fresh connection; resolves with what came back before the server closed (or after `waitMs`). */
function rawExchange(socketPath: string, bytes: Buffer, waitMs = 3000): Promise<{ reply: string; closedByServer: boolean }> {
	return new Promise((resolve) => {
		const socket = createConnection(socketPath);
		let reply = '';
		const timer = setTimeout(() => {
			socket.destroy();
			resolve({ reply, closedByServer: false });
		}, waitMs);
		socket.on('data', (d: Buffer) => (reply += d.toString()));
		socket.on('close', () => {
			clearTimeout(timer);
			resolve({ reply, closedByServer: true });
		});
		socket.on('error', () => undefined);
		socket.write(bytes);
	});
}

const hello = (token: string): Buffer => encodeFrame({ jsonrpc: '2.0', id: 1, method: bridgeMethods.hello, params: { token, client: 'test' } });
const ping = (id: number): Buffer => encodeFrame({ jsonrpc: '2.0', id, method: bridgeMethods.ping, params: {} });

describe('bridge server and client (Unix socket, JSON-RPC, discovery, spool)', function () {
	this.timeout(30_000);
	let t: TempBaton;

	beforeEach(async () => {
		t = await tempBaton();
	});
	afterEach(async () => {
		await t.remove();
	});

	it('serves the hub: a client found by discovery sends a hook and a message and reads events', async () => {
		const tb = await startTestBridge(t.workspace, t.home);
		try {
			const sub = join(t.workspace, 'packages', 'a');
			await mkdir(sub, { recursive: true });
			const { connected, found } = connectBridge({ BATON_HOME: t.home }, [sub]);
			assert.ok(connected, 'discovered from a sub-folder of the workspace');
			assert.equal(found?.discovery.workspace, t.workspace);
			const event = { id: 'e1', agent: 'claude', kind: 'session_start', rawEvent: 'SessionStart', sessionId: 'C1', at: new Date().toISOString(), cwd: t.workspace, projectDir: t.workspace, canInject: true } as const;
			const verdict = await connected.client.request(bridgeMethods.hook, { event }, 2000);
			assert.match(verdict.context ?? '', /Baton coordinates/);
			const sent = await connected.client.request(bridgeMethods.sendMessage, { from: { agent: 'claude', sessionId: 'C1' }, to: 'gemini', text: 'hi gemini' }, 2000);
			assert.equal(sent.to, 'gemini');
			const events = await connected.client.request(bridgeMethods.events, { agent: 'claude' }, 2000);
			assert.deepEqual(events.map((e) => e.type), ['session_started', 'message']);
			await assert.rejects(connected.client.request(bridgeMethods.hook, { event: { ...event, agent: 'nope' } as never }, 2000), (e: unknown) => e instanceof BridgeError && e.kind === 'remote' && e.code === -32602);
			await assert.rejects(connected.client.request('baton/nope' as never, {} as never, 2000), (e: unknown) => e instanceof BridgeError && e.code === -32601);
			await assert.rejects(connected.client.request(bridgeMethods.recall, { task: 'x' }, 2000), /memory is not available/);
			connected.client.close();
			const viaEnv = connectBridge({ BATON_HOME: join(t.root, 'elsewhere'), BATON_BRIDGE: tb.bridge.address.discoveryFile }, ['/']);
			assert.ok(viaEnv.connected, 'BATON_BRIDGE points at the discovery file');
			assert.deepEqual(Object.keys(await viaEnv.connected.client.request(bridgeMethods.ping, {}, 2000)), ['now']);
			viaEnv.connected.client.close();
			assert.deepEqual(tb.bridge.address.env, { BATON_BRIDGE: tb.bridge.address.discoveryFile });
		} finally {
			await tb.bridge.dispose();
		}
		const down = readDiscovery(discoveryPath(t.home, t.workspace));
		assert.equal(down?.socket, null, 'the discovery file stays, marked down');
		assert.equal(down?.token, null);
		const after = connectBridge({ BATON_HOME: t.home }, [t.workspace]);
		assert.equal(after.connected, undefined);
		assert.equal(after.found?.discovery.workspace, t.workspace);
	});

	it('refuses connections without the right token as the first message, in constant time, by closing them', async () => {
		const tb = await startTestBridge(t.workspace, t.home);
		try {
			const { socket, token } = readDiscovery(tb.bridge.address.discoveryFile) ?? {};
			assert.ok(socket && token);
			const noHello = await rawExchange(socket, ping(1));
			assert.deepEqual(noHello, { reply: '', closedByServer: true }, 'a request before the hello is never answered');
			const wrong = await rawExchange(socket, Buffer.concat([hello(token.replace(/.$/, (c) => (c === '0' ? '1' : '0'))), ping(2)]));
			assert.deepEqual(wrong, { reply: '', closedByServer: true });
			const shortToken = await rawExchange(socket, hello('abc'));
			assert.equal(shortToken.closedByServer, true);
			const garbage = await rawExchange(socket, Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
			assert.deepEqual(garbage, { reply: '', closedByServer: true });
			const silent = await rawExchange(socket, Buffer.alloc(0), 5000);
			assert.equal(silent.closedByServer, true, 'a connection that never says hello is closed after the auth timeout');
			const good = await rawExchange(socket, Buffer.concat([hello(token), ping(2)]), 1000);
			assert.match(good.reply, /"id":1,"result":\{"ok":true/);
			assert.match(good.reply, /"id":2,"result":\{"now"/, 'requests pipelined behind the hello are served');
			const bad = BridgeClient.open({ socket, token: 'f'.repeat(64) });
			await assert.rejects(bad.request(bridgeMethods.ping, {}, 2000), (e: unknown) => e instanceof BridgeError && e.kind === 'closed');
		} finally {
			await tb.bridge.dispose();
		}
	});

	it('keeps the discovery file, its folder and the socket folder private to the user', async function () {
		if (process.platform === 'win32') this.skip();
		const tb = await startTestBridge(t.workspace, t.home);
		try {
			const mode = (p: string): number => statSync(p).mode & 0o777;
			assert.equal(mode(tb.bridge.address.discoveryFile), 0o600, 'discovery file 0600');
			assert.equal(mode(dirname(tb.bridge.address.discoveryFile)), 0o700, 'bridges folder 0700');
			assert.equal(mode(dirname(tb.bridge.address.socket)), 0o700, 'socket folder 0700');
			assert.equal(mode(tb.bridge.address.socket) & 0o077, 0, 'socket not accessible to group/others');
			assert.equal(statSync(tb.bridge.address.socket).uid, process.getuid?.());
			const text = readFileSync(tb.bridge.address.discoveryFile, 'utf8');
			assert.match(text, /"token": "[0-9a-f]{64}"/);
		} finally {
			await tb.bridge.dispose();
		}
	});

	it('answers within a request timeout even when a handler hangs', async () => {
		const bridge = await startBridgeServer(t.workspace, { requests: { [bridgeMethods.ping]: () => new Promise(() => undefined) } }, { dataDir: t.home, spoolPollMs: 0 });
		try {
			const d = readDiscovery(bridge.address.discoveryFile);
			const client = BridgeClient.open({ socket: d?.socket ?? '', token: d?.token ?? '' });
			const t0 = Date.now();
			await assert.rejects(client.request(bridgeMethods.ping, {}, 150), (e: unknown) => e instanceof BridgeError && e.kind === 'timeout');
			assert.ok(Date.now() - t0 < 1000);
			client.close();
		} finally {
			await bridge.dispose();
		}
	});

	it('spool: ingest-and-truncate loses nothing while other processes keep appending', async () => {
		await mkdir(join(t.home, 'bridges'), { recursive: true });
		const spool = join(t.home, 'bridges', 'test.spool.jsonl');
		const writers = 4;
		const perWriter = 150;
		const script = `const { appendToSpool } = require(${JSON.stringify(require.resolve('../../src/infra/bridge/spool'))});
for (let i = 0; i < ${perWriter}; i++) appendToSpool(${JSON.stringify(spool)}, { v: 1, id: process.argv[1] + '-' + i });`;
		const children = Array.from({ length: writers }, (_, w) => new Promise<void>((resolve, reject) => {
			const child = spawn(process.execPath, ['-r', 'tsx/cjs', '-e', script, `w${w}`], { stdio: 'inherit' });
			child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer exited ${code}`))));
		}));
		const seen = new Map<string, number>();
		let done = false;
		const all = Promise.all(children).finally(() => (done = true));
		let ingests = 0;
		while (!done) {
			await ingestSpool(spool, async (records) => {
				for (const r of records) seen.set(String(r['id']), (seen.get(String(r['id'])) ?? 0) + 1);
			});
			ingests++;
			await new Promise((r) => setTimeout(r, 5));
		}
		await all;
		await ingestSpool(spool, async (records) => {
			for (const r of records) seen.set(String(r['id']), (seen.get(String(r['id'])) ?? 0) + 1);
		});
		assert.ok(ingests > 3, `ingested ${ingests} times while writing`);
		for (let w = 0; w < writers; w++) {
			for (let i = 0; i < perWriter; i++) {
				assert.ok(seen.has(`w${w}-${i}`), `record w${w}-${i} lost`);
			}
		}
		assert.equal(seen.size, writers * perWriter);
		assert.equal(statSync(spool, { throwIfNoEntry: false }), undefined, 'spool emptied');
		assert.equal(appendToSpool(spool, { v: 1, id: 'x' }), true);
		assert.equal(statSync(spool).mode & 0o777, 0o600);
	});
});
