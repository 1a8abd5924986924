import type { WebviewToHost } from '../../src/shared/protocol';

interface VsCodeApi {
	postMessage(message: WebviewToHost): void;
	getState(): unknown;
	setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The one `acquireVsCodeApi()` handle of this webview (it may be acquired only once). */
export const vscodeApi: VsCodeApi = acquireVsCodeApi();
