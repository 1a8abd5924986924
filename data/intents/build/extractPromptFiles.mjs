// Real prompt-file descriptions from github/awesome-copilot (MIT) (prompts/*.prompt.md, at commit e13e02be
// before the folder was retired) and the opening line of wshobson/commands (MIT) tool/workflow prompts.
// Labels are assigned by hand below; the description text is kept, with "Prompt for creating X" style
// openings rewritten into the imperative ("Create X").
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { gitDir } from './lib.mjs';

const git = (repo, ...a) => execFileSync('git', ['--git-dir', gitDir(repo), ...a], { encoding: 'utf8', maxBuffer: 1 << 28 });

const COPILOT = {
  'add-educational-comments': 'docs', 'ai-prompt-engineering-safety-review': 'review', 'apple-appstore-reviewer': 'review',
  'arch-linux-triage': 'ops', 'architecture-blueprint-generator': 'docs', 'aspnet-minimal-api-openapi': 'implement',
  'azure-resource-health-diagnose': 'debug', 'bigquery-pipeline-audit': 'review', 'breakdown-test': 'test',
  'centos-linux-triage': 'ops', 'comment-code-generate-a-tutorial': 'docs', 'containerize-aspnet-framework': 'ops',
  'containerize-aspnetcore': 'ops', 'context-map': 'explain', 'conventional-commit': 'docs', 'convert-plaintext-to-md': 'docs',
  'create-agentsmd': 'docs', 'create-architectural-decision-record': 'docs', 'create-github-action-workflow-specification': 'docs',
  'create-llms': 'docs', 'create-oo-component-documentation': 'docs', 'create-readme': 'docs', 'create-spring-boot-java-project': 'implement',
  'create-spring-boot-kotlin-project': 'implement', 'create-technical-spike': 'research', 'csharp-async': 'research', 'csharp-docs': 'docs',
  'csharp-mcp-server-generator': 'implement', 'csharp-mstest': 'research', 'csharp-nunit': 'research', 'csharp-xunit': 'research',
  'dataverse-python-quickstart': 'implement', 'debian-linux-triage': 'ops', 'devops-rollout-plan': 'ops', 'dotnet-best-practices': 'review',
  'dotnet-design-pattern-review': 'review', 'editorconfig': 'ops', 'ef-core': 'research', 'fedora-linux-triage': 'ops',
  'folder-structure-blueprint-generator': 'explain', 'git-flow-branch-creator': 'ops', 'go-mcp-server-generator': 'implement',
  'java-docs': 'docs', 'java-junit': 'research', 'java-refactoring-extract-method': 'refactor', 'java-refactoring-remove-parameter': 'refactor',
  'java-springboot': 'research', 'javascript-typescript-jest': 'research', 'kotlin-mcp-server-generator': 'implement', 'kotlin-springboot': 'research',
  'mkdocs-translations': 'docs', 'multi-stage-dockerfile': 'ops', 'next-intl-add-language': 'implement', 'openapi-to-application-code': 'implement',
  'playwright-generate-test': 'test', 'postgresql-code-review': 'review', 'power-bi-dax-optimization': 'refactor', 'power-bi-model-design-review': 'review',
  'power-bi-performance-troubleshooting': 'debug', 'pytest-coverage': 'test', 'python-mcp-server-generator': 'implement', 'readme-blueprint-generator': 'docs',
  'refactor-method-complexity-reduce': 'refactor', 'repo-story-time': 'explain', 'review-and-refactor': 'review', 'rust-mcp-server-generator': 'implement',
  'sql-code-review': 'review', 'sql-optimization': 'refactor', 'technology-stack-blueprint-generator': 'explain', 'typescript-mcp-server-generator': 'implement',
  'typespec-api-operations': 'implement', 'update-avm-modules-in-bicep': 'ops', 'update-llms': 'docs', 'update-markdown-file-index': 'docs',
  'update-oo-component-documentation': 'docs', 'what-context-needed': 'explain', 'write-coding-standards-from-file': 'docs', 'my-pull-requests': 'ops',
  'ruby-mcp-server-generator': 'implement', 'swift-mcp-server-generator': 'implement', 'php-mcp-server-generator': 'implement', 'java-mcp-server-generator': 'implement',
};
const WSHOBSON = {
  'tools/accessibility-audit.md': 'review', 'tools/ai-review.md': 'review', 'tools/api-mock.md': 'test', 'tools/api-scaffold.md': 'implement',
  'tools/code-explain.md': 'explain', 'tools/code-migrate.md': 'refactor', 'tools/compliance-check.md': 'review', 'tools/config-validate.md': 'ops',
  'tools/debug-trace.md': 'ops', 'tools/deploy-checklist.md': 'ops', 'tools/deps-audit.md': 'review', 'tools/deps-upgrade.md': 'ops',
  'tools/doc-generate.md': 'docs', 'tools/docker-optimize.md': 'ops', 'tools/error-analysis.md': 'debug', 'tools/error-trace.md': 'ops',
  'tools/k8s-manifest.md': 'ops', 'tools/monitor-setup.md': 'ops', 'tools/onboard.md': 'explain', 'tools/pr-enhance.md': 'docs',
  'tools/refactor-clean.md': 'refactor', 'tools/security-scan.md': 'review', 'tools/smart-debug.md': 'debug', 'tools/tdd-red.md': 'test',
  'tools/tech-debt.md': 'review', 'tools/test-harness.md': 'test', 'tools/db-migrate.md': 'refactor', 'workflows/full-review.md': 'review',
  'workflows/git-workflow.md': 'ops', 'workflows/legacy-modernize.md': 'refactor', 'workflows/performance-optimization.md': 'refactor',
  'workflows/smart-fix.md': 'debug', 'workflows/feature-development.md': 'implement',
  'workflows/tdd-cycle.md': 'test', 'workflows/incident-response.md': 'debug', 'workflows/full-stack-feature.md': 'implement',
};

/** Character trigrams of lower-cased, whitespace-collapsed text. */
function trigrams(text) {
  const t = text.toLowerCase().replace(/\s+/g, ' ');
  const out = new Set();
  for (let i = 0; i + 3 <= t.length; i++) out.add(t.slice(i, i + 3));
  return out;
}
/** Share of `a`'s trigrams that also occur in `b` (is `a` contained in `b`?). */
function containment(a, b) {
  let n = 0;
  for (const g of a) if (b.has(g)) n++;
  return a.size ? n / a.size : 0;
}

function imperative(d) {
  return d
    .replace(/^Prompt for (creating|generating) /i, (m, v) => (v.toLowerCase() === 'creating' ? 'Create ' : 'Generate '))
    .replace(/^Prompt and workflow for generating /i, 'Generate ')
    .replace(/^(Comprehensive |Intelligent |Universal |Systematic |Technology-agnostic )/i, '')
    .replace(/^([A-Z][\w .+#/-]*?) (generator|assistant) that /i, '')
    .replace(/^(\w)/, (c) => c.toUpperCase())
    .replace(/\s+/g, ' ').trim();
}

const rows = [];
{
  const repo = 'github/awesome-copilot'; const c = 'e13e02be';
  for (const [name, label] of Object.entries(COPILOT)) {
    let md; try { md = git(repo, 'show', `${c}:prompts/${name}.prompt.md`); } catch { continue; }
    const m = md.match(/^description:\s*['"]?(.+?)['"]?\s*$/m); if (!m) continue;
    rows.push({ text: imperative(m[1]), label, source: `prompt:${repo}@${c.slice(0, 7)}:prompts/${name}.prompt.md`, licence: 'MIT' });
  }
}
{
  const repo = 'wshobson/commands';
  const head = git(repo, 'rev-parse', '--short=7', 'HEAD').trim();
  for (const [path, label] of Object.entries(WSHOBSON)) {
    let md; try { md = git(repo, 'show', `HEAD:${path}`); } catch { continue; }
    // first prose paragraph after the title / front-matter
    const body = md.replace(/^---[\s\S]*?---\n/, '').split(/\n\s*\n/).map((p) => p.trim())
      .filter((p) => p && !p.startsWith('#') && !p.startsWith('```') && !/^\$ARGUMENTS|^\[|^model:|^allowed-tools/i.test(p));
    if (!body.length) continue;
    let t = body[0].replace(/\s+/g, ' ');
    if (t.length > 400) t = t.slice(0, 400).replace(/\s+\S*$/, '') + ' …';
    rows.push({ text: t, label, source: `prompt:${repo}@${head}:${path}`, licence: 'MIT' });
  }
}
{
  // davila7/claude-code-templates (MIT): Claude Code slash-command files. Text = the front-matter description, else the
  // first prose paragraph ($ARGUMENTS placeholders removed); every other file keeps its "# Title" line above it, as
  // the command file reads. Labels by hand in cctLabels.json.
  const repo = 'davila7/claude-code-templates';
  const head = git(repo, 'rev-parse', '--short=7', 'HEAD').trim();
  const labels = JSON.parse(readFileSync(new URL('./cctLabels.json', import.meta.url), 'utf8'));
  // Many of these commands were copied from qdhenry/Claude-Command-Suite, a repository the held-out dev set draws
  // from. Drop every command whose file name ever existed there, or whose text is close to any of its command texts.
  const suite = 'qdhenry/Claude-Command-Suite';
  const suitePaths = [...new Set(git(suite, 'log', '--all', '--name-only', '--format=').split('\n').filter((f) => f.endsWith('.md')))];
  const suiteNames = new Set(suitePaths.map((f) => f.split('/').pop()));
  const suiteTexts = git(suite, 'ls-tree', '-r', '--name-only', 'HEAD').split('\n').filter((f) => f.endsWith('.md'))
    .flatMap((f) => git(suite, 'show', `HEAD:${f}`).split(/\n\s*\n|\n(?=description:)/).slice(0, 8))
    .map((para) => trigrams(para.replace(/^---\n|^description:\s*|^#+\s*/gm, '')));
  let k = 0; let copied = 0;
  for (const [path, label] of Object.entries(labels)) {
    if (path.startsWith('_')) continue;
    let md; try { md = git(repo, 'show', `HEAD:${path}`); } catch { continue; }
    const fm = md.match(/^---\n([\s\S]*?)\n---\n/);
    const desc = fm?.[1].match(/^description:\s*['"]?(.+?)['"]?\s*$/m)?.[1] ?? '';
    const body = md.replace(/^---[\s\S]*?---\n/, '');
    const title = body.match(/^#\s+(.+)$/m)?.[1]?.trim() ?? '';
    const paras = body.split(/\n\s*\n/).map((x) => x.trim())
      .filter((x) => x && !x.startsWith('#') && !x.startsWith('```') && !x.startsWith('*Command') && !/^\$ARGUMENTS|^\[|^model:|^allowed-tools|^<|^-|^\d\./i.test(x));
    let t = (desc || paras[0] || '').replace(/:?\s*\**\$ARGUMENTS\**/g, '').replace(/^Use PROACTIVELY to /, '').replace(/\s+/g, ' ').trim();
    t = imperative(t);
    if (t.length < 12) continue;
    const tg = trigrams(t);
    if (suiteNames.has(path.split('/').pop()) || suiteTexts.some((st) => containment(tg, st) >= 0.6 && st.size < tg.size * 3)) { copied++; continue; }
    if (t.length > 400) t = t.slice(0, 400).replace(/\s+\S*$/, '') + ' …';
    if (k++ % 2 === 1 && title && !title.startsWith('/')) t = `# ${title}\n\n${t}`;
    rows.push({ text: t, label, source: `prompt:${repo}@${head}:${path}`, licence: 'MIT' });
  }
  console.error(`${repo}: dropped ${copied} commands shared with ${suite}`);
}
writeFileSync(new URL('./out/promptfiles.jsonl', import.meta.url), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
console.error(rows.length);
