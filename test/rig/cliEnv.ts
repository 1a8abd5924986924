/**
 * Pure builders for the environment, config files and argv that make each REAL vendor CLI
 * talk to the loopback mock model server. Nothing here touches the file system or reads real
 * credentials: callers get `{ env, files, args }` and materialize them (see cliSandbox.ts).
 * Only dummy keys are used.
 */
import { join } from 'node:path';

/** The three CLIs the rig drives. */
export type CliName = 'claude' | 'gemini' | 'codex';

/** Everything needed to spawn one CLI against the mock. */
export interface CliSetup {
	/** Which CLI. */
	cli: CliName;
	/** The complete child environment (the host environment is NOT inherited). */
	env: Record<string, string>;
	/** Files to create before spawning, keyed by absolute path. */
	files: Record<string, string>;
}

/** Common inputs for the setup builders. */
export interface SetupInput {
	/** Mock server base URL, e.g. `http://127.0.0.1:40123`. */
	baseUrl: string;
	/** A fresh temporary directory used as HOME (config dirs live under it). */
	home: string;
	/** PATH for the child (must contain `node` for gemini/codex launchers); default `/usr/local/bin:/usr/bin:/bin`. */
	path?: string | undefined;
	/** Time zone for reset-time texts; default `UTC`. */
	tz?: string | undefined;
	/**
	 * Route all proxied egress to this URL (normally the mock itself, which records and refuses
	 * CONNECT requests), so a CLI can never reach the real vendor even on a machine with internet.
	 * Default: `baseUrl`. Pass `null` to leave proxy variables unset.
	 */
	egressProxy?: string | null | undefined;
}

/** Dummy credentials: never real ones. */
export const DUMMY_KEYS = {
	anthropicApiKey: 'sk-ant-api03-mock-dummy-key-not-real',
	anthropicOauthToken: 'sk-ant-oat01-mock-dummy-token-not-real',
	geminiApiKey: 'mock-gemini-dummy-key-not-real',
	openaiApiKey: 'sk-mock-dummy-openai-key-not-real',
} as const;

/** Minimal, credential-free base environment shared by all CLIs. */
export function baseEnv(input: SetupInput): Record<string, string> {
	return {
		HOME: input.home,
		PATH: input.path ?? '/usr/local/bin:/usr/bin:/bin',
		LANG: 'C.UTF-8',
		TZ: input.tz ?? 'UTC',
		// gemini warns on stderr about TERM=dumb / missing 256-colour / true-colour support otherwise.
		TERM: 'xterm-256color',
		COLORTERM: 'truecolor',
		NO_COLOR: '1',
		CI: '1',
		TMPDIR: join(input.home, 'tmp'),
		...proxyEnv(input.egressProxy === undefined ? input.baseUrl : input.egressProxy),
	};
}

function proxyEnv(proxy: string | null): Record<string, string> {
	if (proxy === null) {
		return {};
	}
	const noProxy = '127.0.0.1,localhost,::1';
	return { HTTPS_PROXY: proxy, HTTP_PROXY: proxy, https_proxy: proxy, http_proxy: proxy, ALL_PROXY: proxy, NO_PROXY: noProxy, no_proxy: noProxy };
}

/** Claude auth flavours: API key (Console billing) or subscriber OAuth token (Pro/Max code paths). */
export type ClaudeAuth = 'apiKey' | 'subscriber';

/** Options for {@link claudeSetup}. */
export interface ClaudeSetupInput extends SetupInput {
	/** Default `apiKey`. `subscriber` enables `rate_limit_event` and the "You've hit your session limit" path. */
	auth?: ClaudeAuth | undefined;
	/** Subscription type for `subscriber` auth; default `max`. */
	subscriptionType?: 'pro' | 'max' | 'team' | 'enterprise' | undefined;
	/** Set `IS_SANDBOX=1` so `bypassPermissions` is accepted when running as root. Default true. */
	allowRootBypass?: boolean | undefined;
}

/** Env + files for `claude` against the mock (config root `<home>/.claude`). */
export function claudeSetup(input: ClaudeSetupInput): CliSetup {
	const configDir = join(input.home, '.claude');
	const env: Record<string, string> = {
		...baseEnv(input),
		CLAUDE_CONFIG_DIR: configDir,
		ANTHROPIC_BASE_URL: input.baseUrl,
		CLAUDE_CODE_MAX_RETRIES: '0',
		DISABLE_TELEMETRY: '1',
		DISABLE_ERROR_REPORTING: '1',
		DISABLE_AUTOUPDATER: '1',
		CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
	};
	if ((input.auth ?? 'apiKey') === 'subscriber') {
		env.CLAUDE_CODE_OAUTH_TOKEN = DUMMY_KEYS.anthropicOauthToken;
		env.CLAUDE_CODE_SUBSCRIPTION_TYPE = input.subscriptionType ?? 'max';
	} else {
		env.ANTHROPIC_API_KEY = DUMMY_KEYS.anthropicApiKey;
	}
	if (input.allowRootBypass ?? true) {
		env.IS_SANDBOX = '1';
	}
	return { cli: 'claude', env, files: {} };
}

/** Options for {@link geminiSetup}. */
export interface GeminiSetupInput extends SetupInput {
	/**
	 * Let the launcher re-spawn itself as a child node process (the CLI default). Default false:
	 * `GEMINI_CLI_NO_RELAUNCH=true`, so the spawned pid IS the CLI and signals reach it directly.
	 */
	relaunch?: boolean | undefined;
}

/** The Gemini `settings.json` the rig writes: API-key auth, no telemetry, no update checks. */
export function geminiSettings(): Record<string, unknown> {
	return {
		security: { auth: { selectedType: 'gemini-api-key' } },
		general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
		privacy: { usageStatisticsEnabled: false },
		telemetry: { enabled: false },
		advanced: { autoConfigureMemory: false },
	};
}

/** Env + files for `gemini` against the mock (`GEMINI_CLI_HOME=<home>`, settings in `<home>/.gemini/`). */
export function geminiSetup(input: GeminiSetupInput): CliSetup {
	const settings = `${JSON.stringify(geminiSettings(), null, '\t')}\n`;
	const env: Record<string, string> = {
		...baseEnv(input),
		GEMINI_CLI_HOME: input.home,
		GOOGLE_GEMINI_BASE_URL: input.baseUrl,
		GEMINI_API_KEY: DUMMY_KEYS.geminiApiKey,
		GEMINI_CLI_TRUST_WORKSPACE: 'true',
		GEMINI_TELEMETRY_ENABLED: 'false',
	};
	if (!input.relaunch) {
		env.GEMINI_CLI_NO_RELAUNCH = 'true';
	}
	return {
		cli: 'gemini',
		env,
		files: {
			[join(input.home, '.gemini', 'settings.json')]: settings,
			// The 0.61.0 launcher reads `$GEMINI_CLI_HOME/settings.json` (no `.gemini`) for its relaunch memory check.
			[join(input.home, 'settings.json')]: settings,
		},
	};
}

/** Options for {@link codexSetup}. */
export interface CodexSetupInput extends SetupInput {
	/** Model name sent to the mock; default `gpt-5.5`. */
	model?: string | undefined;
}

/** The Codex `config.toml`: a custom Responses provider on the mock, HTTP only, no retries. */
export function codexConfigToml(baseUrl: string, model = 'gpt-5.5'): string {
	return [
		`model = ${JSON.stringify(model)}`,
		'model_provider = "mock"',
		'check_for_update_on_startup = false',
		'',
		'[analytics]',
		'enabled = false',
		'',
		'# The curated-plugins sync otherwise contacts github.com, api.github.com and chatgpt.com on every start.',
		'[features]',
		'plugins = false',
		'',
		'[model_providers.mock]',
		'name = "Baton mock"',
		`base_url = ${JSON.stringify(`${baseUrl}/v1`)}`,
		'env_key = "OPENAI_API_KEY"',
		'wire_api = "responses"',
		'supports_websockets = false',
		'request_max_retries = 0',
		'stream_max_retries = 0',
		'',
	].join('\n');
}

/** Env + files for `codex` against the mock (`CODEX_HOME=<home>/.codex`). */
export function codexSetup(input: CodexSetupInput): CliSetup {
	const codexHome = join(input.home, '.codex');
	return {
		cli: 'codex',
		env: { ...baseEnv(input), CODEX_HOME: codexHome, OPENAI_API_KEY: DUMMY_KEYS.openaiApiKey },
		files: { [join(codexHome, 'config.toml')]: codexConfigToml(input.baseUrl, input.model) },
	};
}

/** How much the CLI may do without asking (headless runs cannot answer prompts). */
export type Autonomy = 'readOnly' | 'edits' | 'full';

/**
 * argv for a headless `claude` run with JSONL output.
 * `edits` = `--permission-mode acceptEdits` (Write/Edit in the cwd, no Bash);
 * `full` = `--permission-mode bypassPermissions` (needs `IS_SANDBOX=1` as root).
 */
export function claudeArgs(prompt: string, autonomy: Autonomy = 'readOnly'): string[] {
	const args = ['-p', prompt, '--output-format', 'stream-json', '--verbose'];
	if (autonomy === 'edits') {
		args.push('--permission-mode', 'acceptEdits');
	} else if (autonomy === 'full') {
		args.push('--permission-mode', 'bypassPermissions');
	}
	return args;
}

/**
 * argv for a headless `gemini` run with JSONL output. `-m` is pinned so the CLI skips the
 * `auto` router call. `edits` = `--approval-mode auto_edit`; `full` = `--yolo`.
 */
export function geminiArgs(prompt: string, autonomy: Autonomy = 'readOnly', model = 'gemini-2.5-pro'): string[] {
	const args = ['-p', prompt, '-o', 'stream-json', '-m', model, '--skip-trust'];
	if (autonomy === 'edits') {
		args.push('--approval-mode', 'auto_edit');
	} else if (autonomy === 'full') {
		args.push('--yolo');
	}
	return args;
}

/**
 * argv for `codex exec --json`. `edits` = `-s workspace-write`;
 * `full` = `--dangerously-bypass-approvals-and-sandbox`.
 */
export function codexArgs(prompt: string, autonomy: Autonomy = 'readOnly'): string[] {
	const args = ['exec', '--json', '--skip-git-repo-check'];
	if (autonomy === 'edits') {
		args.push('-s', 'workspace-write');
	} else if (autonomy === 'full') {
		args.push('--dangerously-bypass-approvals-and-sandbox');
	}
	args.push(prompt);
	return args;
}
