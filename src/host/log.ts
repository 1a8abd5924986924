import * as vscode from 'vscode';

/** Component-tagged logger over the "Baton" log output channel (respects Developer: Set Log Level). Never log secrets. */
export class Logger implements vscode.Disposable {
	private constructor(
		private readonly channel: vscode.LogOutputChannel,
		private readonly component: string,
		private readonly owned: boolean,
	) {}

	/** Creates the "Baton" log channel; dispose the returned root logger to close it. */
	static create(): Logger {
		return new Logger(vscode.window.createOutputChannel('Baton', { log: true }), 'baton', true);
	}

	/** A logger writing to the same channel with another component tag. */
	child(component: string): Logger {
		return new Logger(this.channel, component, false);
	}

	info(message: string): void {
		this.channel.info(`[${this.component}] ${message}`);
	}

	warn(message: string): void {
		this.channel.warn(`[${this.component}] ${message}`);
	}

	error(message: string, error?: unknown): void {
		const detail = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : error === undefined ? '' : String(error);
		this.channel.error(`[${this.component}] ${message}${detail ? `: ${detail}` : ''}`);
	}

	/** Reveals the channel without taking focus. */
	show(): void {
		this.channel.show(true);
	}

	dispose(): void {
		if (this.owned) {
			this.channel.dispose();
		}
	}
}
