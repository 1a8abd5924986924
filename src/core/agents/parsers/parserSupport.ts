import { asArray, asRecord, asString, parseJsonRecord, type JsonRecord } from '../../common/json';
import type { AgentEvent } from '../events';

/** Text of a tool result or message content: a string, or an array of `{type:'text', text}` blocks. */
export function textOf(content: unknown): string {
	if (typeof content === 'string') {
		return content;
	}
	const blocks = asArray(content);
	if (blocks) {
		return blocks.map((b) => (typeof b === 'string' ? b : (asString(asRecord(b)?.['text']) ?? ''))).join('');
	}
	return content === undefined || content === null ? '' : JSON.stringify(content);
}

/** Epoch seconds → ISO-8601 UTC; undefined for anything that is not a positive number. */
export function epochSecondsToIso(value: unknown): string | undefined {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? new Date(value * 1000).toISOString() : undefined;
}

/**
 * Remembers file-writing tool calls until their result arrives, so a `fileEdit` is reported only for writes that
 * succeeded. `pathFields` maps tool name → the input field holding the path.
 */
export class FileToolTracker {
	private readonly pending = new Map<string, { tool: string; path: string }>();

	constructor(
		private readonly pathFields: Readonly<Record<string, string>>,
		private readonly change: 'write' | 'update',
	) {}

	/** Records a tool call; ignored unless the tool writes files and names a path. */
	called(id: string, tool: string, input: JsonRecord | undefined): void {
		const field = this.pathFields[tool];
		const path = field ? asString(input?.[field]) : undefined;
		if (path) {
			this.pending.set(id, { tool, path });
		}
	}

	/** The `fileEdit` for a finished call, when it was a successful file write. */
	finished(id: string, ok: boolean): AgentEvent[] {
		const call = this.pending.get(id);
		this.pending.delete(id);
		return call && ok ? [{ type: 'fileEdit', path: call.path, tool: call.tool, change: this.change }] : [];
	}
}

/**
 * The common frame of every JSONL stream parser: blank lines give nothing, a line that is not a JSON object is kept
 * as `raw`, and an object goes to `handle`.
 */
export function parseJsonLine(line: string, handle: (event: JsonRecord) => AgentEvent[]): AgentEvent[] {
	if (line.trim() === '') {
		return [];
	}
	const event = parseJsonRecord(line);
	return event ? handle(event) : [{ type: 'raw', text: line }];
}
