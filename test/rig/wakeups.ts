/**
 * Waiting for something a test records asynchronously (bus events, model requests): callers `wake()` after each new
 * record, and `waitFor` re-checks its finder then.
 */
export class Wakeups {
	private readonly waiters: Array<() => void> = [];

	/** Re-runs every pending check once (each re-registers itself if still unmatched). */
	wake(): void {
		this.waiters.splice(0).forEach((check) => check());
	}

	/** Resolves with the first non-undefined `find()`, checked now and after each wake; rejects after `timeoutMs` with `failure()`. */
	waitFor<T>(find: () => T | undefined, timeoutMs: number, failure: () => string): Promise<T> {
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(failure())), timeoutMs);
			const check = (): void => {
				const hit = find();
				if (hit !== undefined) {
					clearTimeout(timer);
					resolve(hit);
				} else {
					this.waiters.push(check);
				}
			};
			check();
		});
	}
}
