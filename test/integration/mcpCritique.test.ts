import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { CliDirs } from '../rig/cliSandbox';
import { bodyText, type MockModelServer } from '../rig/mockModelServer';
import { requireBuiltCli, startTestBridge } from './bridge/support';
import { blockerReview, commitThenEditSum, fenced } from './critiqueFixtures';
import { closeGeminiRig, recordingMemory, resultText, startGeminiRig, startMcp, type GeminiRig, type McpSession } from './mcp/support';


/** The structured content of the critique tool, as the schema declares it. */
interface CritiqueContent {
	readonly verdict: 'pass' | 'revise' | null;
	readonly summary: string;
	readonly findings: readonly { severity: string; file: string; line: number | null; title: string; evidence: string; fix: string }[];
	readonly reviewer: string;
	readonly subject: string;
	readonly rounds: number;
	readonly stopReason: string;
	readonly rawReview?: string;
	readonly savedToMemory: boolean;
}

async function critique(mcp: McpSession, args: Record<string, unknown>, progress: string[] = []): Promise<{ text: string; isError: boolean; content: CritiqueContent | undefined }> {
	const result = (await mcp.client.callTool({ name: 'critique', arguments: args }, undefined, { timeout: 120_000, onprogress: (p) => progress.push(p.message ?? ''), resetTimeoutOnProgress: true })) as CallToolResult;
	return { text: resultText(result), isError: result.isError === true, content: result.structuredContent as CritiqueContent | undefined };
}

describe("Baton's MCP server: critique with the real Gemini CLI as the reviewer (mock model server)", function () {
	this.timeout(120_000);
	let rig: GeminiRig;
	let server: MockModelServer;
	let dirs: CliDirs;
	let env: Record<string, string>;
	let batonHome: string;

	before(requireBuiltCli);
	beforeEach(async () => {
		rig = await startGeminiRig('baton-mcp-critique-');
		({ server, dirs, batonHome } = rig);
		mkdirSync(join(dirs.home, 'tmp'), { recursive: true });
		const missing = join(dirs.root, 'not-installed');
		// Only Gemini is installed, so a Claude caller is reviewed by Gemini (another vendor).
		env = { ...rig.env, BATON_CLAUDE_PATH: missing, BATON_CODEX_PATH: missing };
		commitThenEditSum(dirs.workspace);
	});
	afterEach(() => closeGeminiRig(rig));

	it('reviews the working-tree diff across vendors, returns findings as text and structured content, and stores the review in memory', async () => {
		const { memory, calls } = recordingMemory('');
		const tb = await startTestBridge(dirs.workspace, batonHome, { memory });
		const mcp = await startMcp(env, dirs.workspace, ['--agent', 'claude']);
		try {
			server.script('gemini', [{ text: fenced(blockerReview) }]);
			const progress: string[] = [];
			const r = await critique(mcp, { task: 'TASK-MARKER: implement sum(xs)', model: 'gemini-2.5-pro' }, progress);
			assert.equal(r.isError, false, r.text);
			assert.match(r.text, /^Review by Gemini CLI of git diff HEAD: revise \(2 findings: 1 blocker, 1 nit\)\.\nSummary: sum\(\) starts from 1\./);
			assert.ok(r.text.includes('1. [BLOCKER] src/sum.js:2 — Wrong initial total\n   Evidence: let total = 1;\n   Suggested fix: Start the total at 0.'), r.text);
			assert.match(r.text, /Fix the blocker and major findings yourself, then call critique again/);
			assert.deepEqual(r.content && { ...r.content, findings: r.content.findings.length }, { verdict: 'revise', summary: 'sum() starts from 1.', findings: 2, reviewer: 'gemini', subject: 'git diff HEAD', rounds: 1, stopReason: 'roundLimit', savedToMemory: true });
			assert.deepEqual(r.content?.findings[0], blockerReview.findings[0]);
			const sent = server.modelRequests('gemini').map((q) => bodyText(q.body)).join('\n');
			assert.ok(sent.includes('+\tlet total = 1;'), 'the diff reached the reviewer');
			assert.ok(sent.includes('TASK-MARKER: implement sum(xs)'), 'the task reached the reviewer');
			assert.ok(progress.some((m) => m.startsWith('Gemini CLI reviews git diff HEAD')), progress.join(' | '));
			assert.equal(calls.critiques.length, 1);
			assert.deepEqual({ ...calls.critiques[0], body: undefined }, { title: 'Review: git diff HEAD', body: undefined, agent: 'claude', reviewer: 'gemini', sessionId: null, files: ['src/sum.js'] });
			assert.match(calls.critiques[0]?.body ?? '', /- \[blocker\] src\/sum\.js:2 Wrong initial total/);
		} finally {
			await mcp.close();
			await tb.bridge.dispose();
		}
	});

	it('retries a malformed review once with the validation errors, then returns the raw answer (extension down: not stored)', async () => {
		const mcp = await startMcp(env, dirs.workspace, ['--agent', 'claude']);
		try {
			const second = 'Still not JSON, sorry: the total starts at 1.';
			server.script('gemini', [{ text: 'Looks fine to me!' }, { text: second }]);
			const r = await critique(mcp, { files: ['src/sum.js'], model: 'gemini-2.5-pro' });
			assert.equal(r.isError, false, r.text);
			assert.match(r.text, /^Gemini CLI reviewed src\/sum\.js, but its answer could not be read as a structured review/);
			assert.ok(r.text.includes(second));
			assert.match(r.text, /Baton's VS Code extension is not running in this workspace, so the review is not in Baton's memory\./);
			assert.deepEqual(r.content && { verdict: r.content.verdict, rawReview: r.content.rawReview, stopReason: r.content.stopReason, savedToMemory: r.content.savedToMemory, subject: r.content.subject }, { verdict: null, rawReview: second, stopReason: 'malformedReview', savedToMemory: false, subject: 'src/sum.js' });
			const prompts = server.modelRequests('gemini').filter((q) => q.scripted).map((q) => bodyText(q.body));
			assert.equal(prompts.length, 2);
			assert.ok(prompts[0]?.includes('--- src/sum.js\nexport function sum(xs) {\n\tlet total = 1;'), 'the file content was reviewed');
			assert.match(prompts[1] ?? '', /Your previous review could not be read by Baton\. Validation errors:/);

			const nothing = await critique(mcp, { reviewer: 'codex' });
			assert.deepEqual([nothing.isError, nothing.text], [true, "Codex CLI is not installed or not on PATH for Baton's MCP server."]);
			const outside = await critique(mcp, { files: ['../secret.txt'] });
			assert.equal(outside.isError, true);
			assert.match(outside.text, /outside the workspace folder/);
		} finally {
			await mcp.close();
		}
	});
});
