import { z } from 'zod';
import { batonToolNames } from '../../core/bridge/hubText';
import { builtInRoles } from '../../core/delegation/roles';
import { delegationLimits } from '../../core/delegation/delegation';

const agent = z.enum(['claude', 'gemini', 'codex']);
const sessionId = z.string().max(200).optional().describe('Your agent session id, if you know it; by default Baton uses the latest session of the agent that started this server.');
const files = z.array(z.string().max(4096)).max(200);
const timeoutSeconds = z.number().int().min(1).max(delegationLimits.maxTimeoutSeconds).optional();

/** Input schemas (zod raw shapes) of Baton's MCP tools. */
export const toolInputs = {
	delegate: {
		agent: agent.optional().describe('Which agent runs the task: claude (Claude Code), gemini (Gemini CLI, 1M-token context) or codex (Codex CLI). Leave out to let Baton route it.'),
		prompt: z.string().min(1).max(100_000).describe('The task, complete and self-contained: the delegate does not see your conversation. Say what to do, where, and what to report back.'),
		role: z
			.string()
			.max(64)
			.optional()
			.describe(`Role that sets the delegate's instructions and permissions: ${builtInRoles.map((r) => `${r.name} (${r.description})`).join('; ')}; or a project role from .baton/roles/<name>.md. Default: default.`),
		files: files.optional().describe('Files the delegate should look at, relative to the workspace folder.'),
		timeoutSeconds: timeoutSeconds.describe(`Stop the run after this many seconds (default ${delegationLimits.defaultTimeoutSeconds}, at most ${delegationLimits.maxTimeoutSeconds}).`),
		maxInlineChars: z
			.number()
			.int()
			.min(200)
			.max(1_000_000)
			.optional()
			.describe(`Longest answer returned inline (default ${delegationLimits.defaultMaxInlineChars}); a longer one is saved to a file and you get its first ${delegationLimits.summaryChars} characters and the path.`),
		model: z.string().max(200).optional().describe("Model for the delegate (e.g. gemini-2.5-pro, opus); default: the CLI's own default."),
	},
	remember: {
		text: z.string().min(1).max(20_000).describe('One self-contained fact worth keeping: a decision and its reason, a convention, a gotcha, where something lives.'),
		tags: z.array(z.string().max(100)).max(20).optional().describe('Short topic tags, e.g. ["build", "auth"].'),
		sessionId,
	},
	recall: {
		query: z.string().min(1).max(8000).describe('The task or question to find project knowledge for.'),
		budgetTokens: z.number().int().min(50).max(20_000).optional().describe('Most text to return, in tokens (about 4 characters each); default 1200.'),
	},
	checkpoint: {
		goal: z.string().min(1).max(4000).describe('What the task is trying to achieve.'),
		hypotheses: z.array(z.string().max(2000)).max(50).optional().describe('Current hypotheses (e.g. about the cause of a bug).'),
		ruledOut: z.array(z.string().max(2000)).max(50).optional().describe('What was tried or checked and ruled out, with why.'),
		currentApproach: z.string().max(4000).optional().describe('The approach being taken now.'),
		nextStep: z.string().min(1).max(4000).describe('The very next thing to do.'),
		files: files.optional().describe('Files involved (changed or important), relative to the workspace folder.'),
		notes: z.string().max(8000).optional().describe('Anything else the next agent needs (decisions made, commands, open questions).'),
		sessionId,
	},
	quota: {
		agent: agent.optional().describe('Only this agent (default: all three).'),
	},
	route: {
		text: z.string().min(1).max(100_000).describe('The task to route, as you would give it to an agent.'),
		files: files.optional().describe('Files the task includes (their size counts against context windows), relative to the workspace folder.'),
		imageCount: z.number().int().min(0).max(100).optional().describe('Number of images attached.'),
		model: z.string().max(200).optional().describe('A model the user asked for by name.'),
		thinking: z.boolean().optional().describe('The task asks for extended thinking.'),
	},
	message: {
		to: z.string().min(1).max(200).describe('claude, gemini or codex (the next session of that agent to read its inbox gets it), * (every other session), or a session id.'),
		text: z.string().min(1).max(8000).describe('The message.'),
		sessionId,
	},
	inbox: {
		peek: z.boolean().optional().describe('Leave the messages unread (default false: they are marked read).'),
		sessionId,
	},
	critique: {
		files: files.optional().describe('Review these files as they are now, relative to the workspace folder, instead of the uncommitted change.'),
		text: z.string().min(1).max(200_000).optional().describe('Review this text (a snippet, a patch, a plan) instead of the uncommitted change. Takes precedence over files.'),
		task: z.string().max(20_000).optional().describe('What the change is meant to do; the reviewer checks the change against it.'),
		reviewer: agent.optional().describe('Who reviews: claude, gemini or codex. Default: an installed agent of another vendor than you.'),
		rounds: z
			.number()
			.int()
			.min(1)
			.max(3)
			.optional()
			.describe('Reviews to run (default 1: review only, you fix the findings yourself). With 2 or 3, Baton has a headless run of your own CLI fix the blocker/major findings and reviews again.'),
		timeoutSeconds: timeoutSeconds.describe(`Stop each agent run after this many seconds (default ${delegationLimits.defaultTimeoutSeconds}, at most ${delegationLimits.maxTimeoutSeconds}).`),
		model: z.string().max(200).optional().describe("Model for the reviewer; default: the reviewer CLI's own default."),
	},
};

const finding = z.object({
	severity: z.enum(['blocker', 'major', 'minor', 'nit']),
	file: z.string().describe('Path relative to the workspace, or "" for the change as a whole.'),
	line: z.number().int().nullable().describe('1-based line, or null.'),
	title: z.string(),
	evidence: z.string(),
	fix: z.string().describe('The suggested fix.'),
});

/** Output schemas (zod raw shapes) of the tools that return structured content. */
export const toolOutputs = {
	critique: {
		verdict: z.enum(['pass', 'revise']).nullable().describe('null when the review could not be read (see rawReview).'),
		summary: z.string(),
		findings: z.array(finding),
		reviewer: agent,
		subject: z.string().describe('What was reviewed, e.g. "git diff HEAD".'),
		rounds: z.number().int().describe('Reviews run.'),
		stopReason: z.string(),
		rawReview: z.string().optional().describe("The reviewer's answer as written, when it was not a valid review after one retry."),
		savedToMemory: z.boolean().describe("Whether the review is in Baton's memory (needs the VS Code extension)."),
	},
};

/** Title, description and hints of each tool (the descriptions are what an agent reads to decide when to call it). */
export const toolInfo: Readonly<Record<keyof typeof toolInputs, { readonly name: string; readonly title: string; readonly description: string; readonly readOnly: boolean }>> = {
	delegate: {
		name: batonToolNames.delegate,
		title: 'Delegate to another agent',
		description:
			'Run another AI coding agent (Claude Code, Gemini CLI or Codex CLI) headless in this workspace on a self-contained subtask and get its final answer: research across a large codebase, a second-opinion code review, a security audit, a plan. ' +
			'The delegate does not see your conversation, so the prompt must stand alone. `role` sets its instructions and permissions (the built-in roles other than default are read-only). ' +
			`Runs take minutes; progress is reported, and the run stops after timeoutSeconds (default ${delegationLimits.defaultTimeoutSeconds}). Answers longer than maxInlineChars are saved to a file: you get the start and the path.`,
		readOnly: false,
	},
	remember: {
		name: batonToolNames.remember,
		title: 'Remember a project fact',
		description:
			"Save a durable fact about this project in Baton's memory, shared by every agent (Claude, Gemini, Codex) in later sessions: decisions and why, conventions, gotchas, where things live. One self-contained fact per call; for the state of the current task use checkpoint instead.",
		readOnly: false,
	},
	recall: {
		name: batonToolNames.recall,
		title: 'Recall project memory',
		description: "Search Baton's shared project memory (facts saved with remember, checkpoints, earlier sessions of every agent) for what is relevant to a task or question. Use it before a large or unfamiliar task.",
		readOnly: true,
	},
	checkpoint: {
		name: batonToolNames.checkpoint,
		title: 'Checkpoint the task',
		description:
			'Record where the current task stands so it can be resumed or handed to another agent: goal, hypotheses, what was ruled out, current approach, next step and files. ' +
			'Call it before the conversation is compacted, when you stop mid-task, and before handing work over. It is never lost: without the VS Code extension it is saved and recorded when the extension runs.',
		readOnly: false,
	},
	quota: {
		name: batonToolNames.quota,
		title: 'Quota left per agent',
		description:
			"How much of each agent's usage quota is used: per agent a summary label and every window (5-hour, weekly, daily, per-minute) with percent used, reset time, forecast and provenance (official = reported by the vendor, estimate = computed from local logs). Check it before large work or to pick an agent with headroom.",
		readOnly: true,
	},
	route: {
		name: batonToolNames.route,
		title: 'Route a task',
		description:
			"Ask Baton's router which agent fits a task: the task's intent (research, implement, debug, review, …), the chosen agent with the reasons, and the agents it rejected and why (not installed, context too small, quota). Compound tasks are split into steps.",
		readOnly: true,
	},
	message: {
		name: batonToolNames.sendMessage,
		title: 'Message other agents',
		description:
			'Send a message to the other AI agents working in this workspace (it reaches them on their next turn): tell them about changes that affect them, ask the agent holding a file you need to hand it over, coordinate who does what.',
		readOnly: false,
	},
	critique: {
		name: batonToolNames.critique,
		title: 'Get a second opinion',
		description:
			'Ask an AI agent of another vendor (Claude Code, Gemini CLI or Codex CLI) to review your work before you call it done: by default your uncommitted change (git diff HEAD plus new files), or given files or text. ' +
			'The reviewer reads the workspace but edits nothing and answers with a verdict (pass or revise) and findings, each with severity, file, line, evidence and a suggested fix. ' +
			'By default it only reviews and you fix the findings yourself; with rounds > 1 Baton also has a headless run of your CLI fix them and reviews again. Runs take minutes and report progress; the review is saved in Baton\'s memory.',
		readOnly: false,
	},
	inbox: {
		name: batonToolNames.inbox,
		title: 'Read messages',
		description: 'Read the messages other agents sent you through Baton that you have not read yet (marked read unless peek is true).',
		readOnly: false,
	},
};
