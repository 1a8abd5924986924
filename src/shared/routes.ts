/** One step of a routing decision as the UI shows it. Plain data: crosses to the webview. */
export interface RouteStepView {
	readonly text: string;
	readonly intent: string;
	/** Classifier confidence, 0–1. */
	readonly confidence: number;
	readonly agent: string | null;
	readonly agentName: string | null;
	readonly model?: string;
	readonly reasons: readonly string[];
	readonly alternatives: ReadonlyArray<{ readonly agent: string; readonly reason: string }>;
	readonly rule?: string;
	readonly learnedFrom?: string;
	readonly askUser: boolean;
}

/** A routed task in the routing log. `at` is ISO-8601 UTC. */
export interface RouteLogEntry {
	readonly id: string;
	readonly at: string;
	readonly text: string;
	readonly steps: readonly RouteStepView[];
	/** `model`: the ONNX intent model decided; `keywords`: the fallback did. */
	readonly classifier: 'model' | 'keywords';
	/** What the user did with it. */
	readonly action: 'pending' | 'run' | 'dryRun' | 'changed' | 'dismissed';
	/** Milliseconds spent classifying and routing. */
	readonly elapsedMs: number;
}
