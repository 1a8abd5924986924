import type { AgentEvent, StreamParser } from '../events';
import { prefixInstructions, type HeadlessDialect } from '../headless';

/**
 * A dialect for any CLI with a print mode that writes plain text (e.g. `agy -p <prompt>`): `promptArgs` is the argv
 * template, where the element `{prompt}` is replaced by the prompt. Each stdout line is assistant text; the result is
 * the whole output (the runner decides success from the exit code).
 */
export function plainTextDialect(id: string, promptArgs: readonly string[]): HeadlessDialect {
	return {
		id,
		buildInvocation(request) {
			const prompt = prefixInstructions(request.instructions, request.prompt);
			return { args: promptArgs.map((a) => (a === '{prompt}' ? prompt : a)), stdin: null, env: {}, files: [] };
		},
		createParser(): StreamParser {
			return {
				push(line): AgentEvent[] {
					return [{ type: 'text', text: `${line}\n`, delta: true }];
				},
			};
		},
	};
}
