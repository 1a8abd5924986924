import type { RunView } from '../../shared/runs';
import type { AgentEvent } from './events';

const maxText = 8000;
const maxTools = 50;

/** A new, running run view. `startedAt` is ISO-8601 UTC. */
export function newRunView(id: string, agentId: string, agentName: string, prompt: string, startedAt: string): RunView {
	return { id, agentId, agentName, prompt, status: 'running', startedAt, text: '', tools: [], fileEdits: [] };
}

function clip(text: string): string {
	return text.length > maxText ? text.slice(text.length - maxText) : text;
}

function describeInput(input: unknown): string {
	if (typeof input === 'object' && input !== null) {
		const record = input as Record<string, unknown>;
		for (const key of ['command', 'file_path', 'notebook_path', 'path', 'pattern', 'url', 'query']) {
			const value = record[key];
			if (typeof value === 'string') {
				return value.length > 120 ? `${value.slice(0, 117)}…` : value;
			}
		}
	}
	const json = JSON.stringify(input) ?? '';
	return json.length > 120 ? `${json.slice(0, 117)}…` : json;
}

/** The view after one more event. Pure; the input view is not modified. */
export function applyRunEvent(view: RunView, event: AgentEvent): RunView {
	switch (event.type) {
		case 'session':
			return { ...view, sessionId: view.sessionId ?? event.sessionId, ...(event.model ? { model: event.model } : {}) };
		case 'text':
			return { ...view, text: clip(event.delta ? view.text + event.text : view.text ? `${view.text}\n\n${event.text}` : event.text) };
		case 'toolCall':
			return { ...view, tools: [...view.tools, `${event.name}: ${describeInput(event.input)}`].slice(-maxTools) };
		case 'fileEdit':
			return view.fileEdits.includes(event.path) ? view : { ...view, fileEdits: [...view.fileEdits, event.path] };
		case 'usage':
			return {
				...view,
				usage: { ...event.usage, cumulative: event.cumulative, ...(event.costUsd !== undefined ? { costUsd: event.costUsd } : {}) },
				...(event.model && !view.model ? { model: event.model } : {}),
			};
		case 'raw':
			return { ...view, rawOutput: clip(view.rawOutput ? `${view.rawOutput}\n${event.text}` : event.text) };
		default:
			return view;
	}
}

/** How a run ended, as the view needs it. */
export interface RunEnd {
	readonly status: Exclude<RunView['status'], 'running'>;
	readonly durationMs: number;
	readonly exitCode: number | null;
	readonly resultText: string;
	readonly failure?: { readonly kind: string; readonly window: string | null; readonly resetsAt: string | null; readonly message: string };
	readonly stderr: string;
}

/** The final view: the result text replaces streamed text, and unparsed stderr is kept when the run failed. */
export function finishRunView(view: RunView, end: RunEnd): RunView {
	const rawOutput = end.status === 'succeeded' ? view.rawOutput : [view.rawOutput, end.stderr.trim()].filter(Boolean).join('\n');
	return {
		...view,
		status: end.status,
		durationMs: end.durationMs,
		exitCode: end.exitCode,
		text: clip(end.resultText || view.text),
		...(end.failure ? { failure: end.failure } : {}),
		...(rawOutput ? { rawOutput: clip(rawOutput) } : {}),
	};
}
