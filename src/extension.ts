import * as vscode from 'vscode';
import { Logger } from './host/log';
import { createServices, type Services } from './host/services';

/** What `activate` returns to other extensions and to Baton's extension-host tests. */
export interface BatonApi {
	/** Wall time of `activate`, milliseconds. */
	readonly activationMs: number;
}

let services: Services | undefined;

export function activate(context: vscode.ExtensionContext): BatonApi {
	const started = performance.now();
	const log = Logger.create();
	context.subscriptions.push(log);
	try {
		services = createServices(context, log);
		context.subscriptions.push(services);
	} catch (error) {
		log.error('activation failed', error);
		void vscode.window.showErrorMessage('Baton failed to start.', 'Show Logs').then((choice) => choice && log.show());
		throw error;
	}
	const activationMs = performance.now() - started;
	log.info(`activated in ${activationMs.toFixed(1)} ms`);
	return { activationMs };
}

export function deactivate(): Promise<void> | undefined {
	return services?.flush();
}
