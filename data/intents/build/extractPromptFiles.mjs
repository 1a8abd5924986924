// Real prompt-file descriptions from github/awesome-copilot (MIT) (prompts/*.prompt.md, at commit e13e02be
// before the folder was retired) and the opening line of wshobson/commands (MIT) tool/workflow prompts.
// Labels are assigned by hand below; the description text is kept, with "Prompt for creating X" style
// openings rewritten into the imperative ("Create X").
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
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
writeFileSync(new URL('./out/promptfiles.jsonl', import.meta.url), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
console.error(rows.length);
