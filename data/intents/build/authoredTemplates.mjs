// Hand-written templates x hand-written slot lists for the thin labels (research, explain, review).
// Deterministic: each (template, slots) choice is driven by a seeded hash so output is reproducible.
import { h01 } from './lib.mjs';

const pick = (arr, seed) => arr[Math.floor(h01(seed) * arr.length)];

const LIBS = [['Prisma', 'TypeORM'], ['Vitest', 'Jest'], ['pnpm', 'Yarn Berry'], ['Fastify', 'Express'], ['Hono', 'Elysia'], ['React Query', 'SWR'],
  ['Zod', 'Valibot'], ['esbuild', 'SWC'], ['Tailwind', 'UnoCSS'], ['Pinia', 'Vuex'], ['Celery', 'RQ'], ['SQLAlchemy', 'Peewee'], ['Gin', 'Echo'],
  ['Axum', 'Actix'], ['Playwright', 'Puppeteer'], ['Storybook', 'Ladle'], ['Turborepo', 'Nx'], ['Biome', 'ESLint + Prettier'], ['Remix', 'Next.js'],
  ['Mongoose', 'the native MongoDB driver'], ['Knex', 'Kysely'], ['Socket.IO', 'plain ws'], ['Pino', 'Winston'], ['Jotai', 'Recoil'], ['NestJS', 'AdonisJS'],
  ['Poetry', 'uv'], ['Ruff', 'flake8 + black'], ['Alembic', 'yoyo-migrations'], ['Electron', 'Tauri'], ['Expo', 'bare React Native']];
const PKGS = ['axios', 'jsonwebtoken', 'lodash', 'express', 'next', 'vite', 'sharp', 'ws', 'undici', 'node-fetch', 'semver', 'minimist', 'tar', 'xml2js',
  'multer', 'passport', 'mongoose', 'sequelize', 'protobufjs', 'follow-redirects', 'django', 'flask', 'pillow', 'requests', 'urllib3', 'cryptography',
  'golang.org/x/net', 'serde_yaml', 'openssl', 'electron', 'socket.io', 'handlebars', 'marked', 'dompurify', 'postcss', 'webpack-dev-server'];
const TOPICS = ['CSRF protection in SPAs', 'storing user uploads securely', 'structuring a Go monorepo', 'API versioning', 'database connection pooling in serverless',
  'logging in containerised apps', 'handling secrets in CI', 'idempotent webhook processing', 'optimistic locking', 'feature flag hygiene',
  'error handling in async Rust', 'caching GraphQL responses', 'resumable file uploads', 'multi-region Postgres', 'accessible form validation',
  'naming database tables', 'retry budgets', 'cursor pagination', 'background job deduplication', 'structured logging', 'prompt caching with LLM APIs',
  'embedding model selection for code search', 'schema migrations with zero downtime', 'session management in Next.js', 'service worker caching strategies',
  'dependency pinning in Python apps', 'monorepo versioning', 'Kubernetes resource limits', 'image optimisation for the web', 'WebAuthn adoption'];
const TEMPL_RESEARCH = [
  (s) => `Compare ${pick(LIBS, s)[0]} and ${pick(LIBS, s)[1]} for our use case — maturity, performance, community. Which would you pick?`,
  (s) => `${pick(LIBS, s)[0]} vs ${pick(LIBS, s)[1]}: which one is more actively maintained right now?`,
  (s) => `What's the latest version of ${pick(PKGS, s)} and are there breaking changes since the one we have?`,
  (s) => `are there any open security advisories for ${pick(PKGS, s)}?`,
  (s) => `Look up known CVEs for ${pick(PKGS, s)} from the past year and tell me if our version is affected`,
  (s) => `What are the current best practices for ${pick(TOPICS, s)}?`,
  (s) => `research ${pick(TOPICS, s)} — what do well-known engineering blogs recommend?`,
  (s) => `Find a few good articles or docs on ${pick(TOPICS, s)} and summarise the consensus`,
  (s) => `is ${pick(LIBS, s)[0]} production ready in 2024 or should we stick with ${pick(LIBS, s)[1]}?`,
  (s) => `search online for how teams handle ${pick(TOPICS, s)} at scale`,
  (s) => `Has ${pick(PKGS, s)} changed its licence recently? check before we depend on it`,
  (s) => `Are there lighter alternatives to ${pick(PKGS, s)}? we only use a small part of it`,
  (s) => `what do the official docs say about ${pick(TOPICS, s)}? need a source I can link in the design doc`,
  (s) => `I keep hearing about ${pick(LIBS, s)[0]} — research whether it's worth migrating to from ${pick(LIBS, s)[1]}`,
];

const FILES = ['src/server/router.ts', 'lib/queue/worker.py', 'internal/store/postgres.go', 'app/models/user.rb', 'src/hooks/useCart.ts', 'packages/core/src/index.ts',
  'services/billing/invoice.ts', 'cmd/agent/main.go', 'src/lib/auth.ts', 'api/views.py', 'src/components/Editor/Editor.tsx', 'crates/engine/src/scheduler.rs',
  'server/middleware/tenant.js', 'src/extension.ts', 'src/router/classifier.ts', 'app/jobs/sync_job.rb', 'pkg/cache/cache.go', 'src/store/slices/session.ts',
  'backend/app/deps.py', 'web/src/pages/Dashboard.vue', 'src/utils/retry.ts', 'lib/parser/tokenize.ts', 'db/migrations/', 'scripts/deploy.sh'];
const SYMBOLS = ['resolveTenant', 'useCart', 'handleWebhook', 'buildQuery', 'SessionManager', 'withRetry', 'scheduleNext', 'normalizeInput', 'PriceCalculator',
  'createContext', 'mergeConfig', 'renderRow', 'Tokenizer', 'dispatchEvent', 'syncAccounts', 'authorize', 'loadPlugins', 'EventStore', 'computeScore', 'flushBuffer'];
const TEMPL_EXPLAIN = [
  (s) => `How does \`${pick(SYMBOLS, s)}\` work?`,
  (s) => `explain ${pick(FILES, s)} to me`,
  (s) => `What does \`${pick(SYMBOLS, s)}\` in ${pick(FILES, s + 'f')} do, step by step?`,
  (s) => `where is \`${pick(SYMBOLS, s)}\` defined and who calls it?`,
  (s) => `Can you summarize what ${pick(FILES, s)} is responsible for?`,
  (s) => `I don't understand the control flow in ${pick(FILES, s)}. walk me through it`,
  (s) => `what's the purpose of \`${pick(SYMBOLS, s)}\`? it looks unused but I'm not sure`,
  (s) => `Explain the data flow between ${pick(FILES, s)} and ${pick(FILES, s + 'x')}`,
  (s) => `Before I change anything: how is \`${pick(SYMBOLS, s)}\` used across the codebase?`,
  (s) => `give me a quick rundown of ${pick(FILES, s)}, I'm reviewing someone's PR that touches it`,
  (s) => `why would \`${pick(SYMBOLS, s)}\` be async? explain the reasoning`,
  (s) => `Which tests cover \`${pick(SYMBOLS, s)}\`, and what behaviour do they pin down?`,
];
const TEMPL_REVIEW = [
  (s) => `Review ${pick(FILES, s)} and point out anything risky`,
  (s) => `can you code review \`${pick(SYMBOLS, s)}\`? looking for edge cases and readability issues`,
  (s) => `Do a security review of ${pick(FILES, s)}`,
  (s) => `Is \`${pick(SYMBOLS, s)}\` well designed? critique the interface`,
  (s) => `look over my changes to ${pick(FILES, s)} before I push, anything you'd flag?`,
  (s) => `Review the error handling in ${pick(FILES, s)} — are we swallowing anything important?`,
  (s) => `audit ${pick(FILES, s)} for performance problems, just list them`,
  (s) => `Give me a critical review of how \`${pick(SYMBOLS, s)}\` handles concurrency`,
  (s) => `Would you approve a PR that adds \`${pick(SYMBOLS, s)}\` like this? what would you ask to change?`,
  (s) => `please review ${pick(FILES, s)} against our style guide and common best practices`,
  (s) => `Is there any input validation missing in ${pick(FILES, s)}? review it`,
  (s) => `assess the test quality for \`${pick(SYMBOLS, s)}\` — are the tests meaningful?`,
];

export function generate(label, n) {
  const T = { research: TEMPL_RESEARCH, explain: TEMPL_EXPLAIN, review: TEMPL_REVIEW }[label];
  const out = new Set(); const used = new Map();
  const cap = Math.ceil((n / T.length) * 1.25); // no template dominates
  for (let i = 0; out.size < n && i < n * 40; i++) {
    const ti = Math.floor(h01(`${label}-t-${i}`) * T.length);
    if ((used.get(ti) || 0) >= cap) continue;
    const t = T[ti](`${label}-s-${i}`);
    if (!out.has(t)) { out.add(t); used.set(ti, (used.get(ti) || 0) + 1); }
  }
  return [...out];
}
