import * as assert from 'node:assert/strict';
import { dispatchMessage, isWebviewToHost, protocolVersion, type HandlerMap, type WebviewToHost } from '../../../src/shared/protocol';

describe('webview protocol', () => {
	it('accepts well-formed webview messages', () => {
		assert.ok(isWebviewToHost({ type: 'ready', protocol: protocolVersion }));
		assert.ok(isWebviewToHost({ type: 'refreshAgents' }));
		assert.ok(isWebviewToHost({ type: 'showLogs' }));
		assert.ok(isWebviewToHost({ type: 'runTask' }));
		assert.ok(isWebviewToHost({ type: 'cancelRun', runId: 'abc' }));
		assert.ok(isWebviewToHost({ type: 'acceptHandoff', handoffId: 'h' }));
		assert.ok(isWebviewToHost({ type: 'handOffRun', runId: 'r' }));
		assert.ok(isWebviewToHost({ type: 'declineHandoff', handoffId: 'h' }));
	});

	it('rejects malformed or unknown messages', () => {
		for (const bad of [null, undefined, 42, 'ready', {}, { type: 'ready' }, { type: 'ready', protocol: '1' }, { type: 'deleteEverything' }, { type: 7 }, { type: 'cancelRun' }, { type: 'cancelRun', runId: 5 }, { type: 'acceptHandoff' }, { type: 'declineHandoff', handoffId: 1 }, { type: 'handOffRun' }]) {
			assert.equal(isWebviewToHost(bad), false, JSON.stringify(bad));
		}
	});

	it('dispatches each message to its handler', () => {
		const seen: string[] = [];
		const handlers: HandlerMap<WebviewToHost> = {
			ready: (m) => void seen.push(`ready ${m.protocol}`),
			refreshAgents: () => void seen.push('refresh'),
			showLogs: () => void seen.push('logs'),
			runTask: () => void seen.push('run'),
			cancelRun: (m) => void seen.push(`cancel ${m.runId}`),
			handOffRun: (m) => void seen.push(`hand off ${m.runId}`),
			routeTask: () => void seen.push('route'),
			refreshQuota: () => void seen.push('quota'),
			acceptHandoff: (m) => void seen.push(`accept ${m.handoffId}`),
			declineHandoff: (m) => void seen.push(`decline ${m.handoffId}`),
		};
		void dispatchMessage(handlers, { type: 'ready', protocol: 3 });
		void dispatchMessage(handlers, { type: 'showLogs' });
		void dispatchMessage(handlers, { type: 'cancelRun', runId: 'r1' });
		void dispatchMessage(handlers, { type: 'acceptHandoff', handoffId: 'h1' });
		assert.deepEqual(seen, ['ready 3', 'logs', 'cancel r1', 'accept h1']);
	});
});
