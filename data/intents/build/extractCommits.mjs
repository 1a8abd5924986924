// Extract commit subjects from mirrored public repos (permissive licences only),
// label them with conservative rules, and rewrite them minimally into request form.
// Output: build/out/commits.candidates.jsonl  (later filtered/overridden by assemble.mjs)
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { gitDir, h01, normKey } from './lib.mjs';

export const REPOS = [
  // repo, licence, ui = repo is a frontend/UI project (visual words -> ui)
  { repo: 'vitejs/vite', licence: 'MIT', ui: false },
  { repo: 'vitest-dev/vitest', licence: 'MIT', ui: false, testDomain: true },
  { repo: 'nektos/act', opsDomain: true, licence: 'MIT', ui: false },
  { repo: 'continuedev/continue', licence: 'Apache-2.0', ui: false },
  { repo: 'cline/cline', licence: 'Apache-2.0', ui: false },
  { repo: 'shadcn-ui/ui', licence: 'MIT', ui: true },
  { repo: 'excalidraw/excalidraw', licence: 'MIT', ui: true },
  { repo: 'hoppscotch/hoppscotch', licence: 'MIT', ui: true },
  { repo: 'nuxt/ui', licence: 'MIT', ui: true },
  { repo: 'docker/compose', opsDomain: true, licence: 'Apache-2.0', ui: false },
  { repo: 'goreleaser/goreleaser', opsDomain: true, licence: 'MIT', ui: false },
  { repo: 'fastapi/fastapi', licence: 'MIT', ui: false },
  { repo: 'devcontainers/cli', opsDomain: true, licence: 'MIT', ui: false },
];
const EXTRA = process.env.EXTRA_REPOS ? JSON.parse(process.env.EXTRA_REPOS) : [];

const GITMOJI = [
  ['📝', 'docs'], ['✏️', 'docs'], ['✏', 'docs'], ['🐛', 'fix'], [':bug:', 'fix'], ['✨', 'feat'], [':sparkles:', 'feat'],
  ['♻️', 'refactor'], ['♻', 'refactor'], [':recycle:', 'refactor'], ['✅', 'test'], [':white_check_mark:', 'test'],
  ['👷', 'ci'], [':construction_worker:', 'ci'], ['🔧', 'chore'], ['💄', 'ui'], [':lipstick:', 'ui'],
  ['⚡️', 'perf'], ['⚡', 'perf'], [':zap:', 'perf'], ['🎨', 'refactor'], [':art:', 'refactor'], ['🔥', 'refactor'],
  ['🚑️', 'fix'], ['🚑', 'fix'], ['🩹', 'fix'], ['🔒️', 'fix'], ['🔒', 'fix'], ['💚', 'ci'], ['🐳', 'ci'], ['🔨', 'chore'],
  [':memo:', 'docs'], [':pencil:', 'docs'], [':pencil2:', 'docs'], [':boom:', 'feat'], [':wrench:', 'chore'],
];

const BOT = /\[bot\]|dependabot|renovate|github-actions|greenkeeper|snyk-bot|allcontributors|semantic-release|copilot|claude|aider|devin|codex/i;
const JUNK = /^(merge|revert|wip\b|release|v?\d+\.\d+|bump|chore\(release\)|chore\(deps|build\(deps|fix\(deps|version packages|publish|prepare release|update release notes|update changelog$|apply suggestion|initial commit|squash|temp\b|tmp\b|checkpoint|save|update (package|lock|yarn|pnpm)|regenerate|sync\b|auto-?generated|nit\b|typo$|lint$|format$|\.$)/i;
const DEPBUMP = /\b(bump|upgrade|update)\b.*\b(from|to)\s+v?\d/i;

const W = {
  docs: /\b(docs?|documentation|readme|typos?|comments?|jsdoc|tsdoc|docstrings?|changelog|guides?|examples? (in|to) (the )?docs|wording|grammar|spelling|tutorial|contributing|faq|translations?|\.md\b|markdown|release notes|api reference)\b/i,
  test: /\b(tests?|specs?|e2e|unit[- ]tests?|coverage|flaky|snapshots?|fixtures?|mocks?|test suite|testing)\b/i,
  ops: /\b(ci|workflows?|github actions?|actions\/|docker(file)?|compose file|pipeline|deploy(ment)?|release (script|workflow|job)|eslint( config)?|prettier config|tsconfig\.json|husky|lint-staged|gitignore|\.gitattributes|makefile|devcontainer|codeowners|renovate config|dependabot config|node version|nvmrc|pnpm workspace|build (script|config)|goreleaser config|k8s|kubernetes|helm|nginx|vercel|netlify|cloudflare|env vars?|environment variables?)\b/i,
  ui: /\b(css|scss|styles?|styling|colou?rs?|dark ?mode|light mode|themes?|align(ment|ed)?|misaligned|overflow|padding|margins?|spacing|layout|icons?|hover|font|tooltip|modal|dialog|sidebar|navbar|button|z-index|animation|responsive|mobile|scrollbar|border|shadow|truncat\w*|placeholder|popover|dropdown|tailwind|rtl|focus ring|visible|contrast|width|height)\b/i,
  perf: /\b(perf(ormance)?|faster|speed( up)?|optimi[sz]e\w*|cache|caching|memory|lazy|allocations?|throughput|latency|debounce)\b/i,
  symptom: /\b(crash\w*|errors?|fail\w*|broken|breaks?|not work\w*|doesn'?t|does not|can'?t|cannot|unable|undefined|null|exceptions?|regression|leak\w*|hangs?|freez\w*|infinite|missing|bug|issue|invalid|unexpected\w*|mismatch\w*|panic\w*|throws?|race|stuck|lost|wrong|incorrect\w*|ignored|duplicated?|not (being )?\w+ed|should not|shouldn'?t|won'?t|isn'?t|aren'?t|no longer)\b/i,
  refactorVerb: /^(refactor|rename|extract|move|simplify|clean ?up|cleanup|tidy|reorgani[sz]e|restructure|split|migrate|convert|replace|dedupe|deduplicate|consolidate|inline|decouple|modulari[sz]e|unify|streamline|reduce duplication|remove (unused|dead|redundant|deprecated|legacy|obsolete)|drop (unused|legacy|deprecated))\b/i,
  implVerb: /^(add|adds|added|implement|support|allow|introduce|create|enable|expose|provide|show|display|make|let|use|accept|include|new|handle|detect|infer|auto-?\w+|generate|respect|emit|print|log|warn|prompt|persist|store|save|load|read|write|parse|render)\b/i,
  verb: /^(add|remove|delete|drop|use|set|make|allow|avoid|prevent|ensure|handle|skip|ignore|respect|keep|do not|don'?t|only|always|never|return|throw|check|resolve|correct|properly|update|change|improve|support|pass|apply|reset|restore|disable|enable|move|rename|replace|convert|wrap|escape|normali[sz]e|trim|sort|show|hide|display|include|exclude|preserve|clear|close|open|guard|validate|fallback|fall back|treat|export|import|load|read|write|parse|render|emit|reuse|clean|bump|align|limit|increase|decrease|reduce|adjust|refresh|retry|wait|sanitize|strip|merge|split|detect|infer|create|implement|introduce|expose|provide|let|accept|catch|fix|fixes|fixed|revert|properly|correctly)\b/i,
};

function stripRefs(s) {
  return s
    .replace(/\s*\((?:fix(?:es)?|close[sd]?|resolve[sd]?|ref|refs|see)?\s*#\d+(?:,\s*#\d+)*\)/gi, '')
    .replace(/\s*\(#\d+\)/g, '')
    .replace(/\s*\[(skip ci|ci skip|no ci)\]/gi, '')
    .replace(/\s*(?:,\s*)?(?:fix(?:es)?|close[sd]?|resolve[sd]?)\s+#\d+\s*$/i, '')
    .replace(/\s+#\d+\s*$/, '')
    .replace(/\s*\.+$/, '')
    .trim();
}
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const low = (s) => (/^[A-Z]{2}/.test(s) || /^[A-Z][a-z]*[A-Z]/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1));

export function parse(subject) {
  let s = subject.trim();
  let type = null;
  for (const [e, t] of GITMOJI) if (s.startsWith(e)) { type = t; s = s.slice(e.length).trim(); break; }
  s = s.replace(/^[\p{Extended_Pictographic}\uFE0F\u200d]+\s*/u, '');
  const m = s.match(/^(\w+)(?:\(([^)]{1,40})\))?(!)?:\s*(.+)$/);
  let scope = null;
  if (m && /^(feat|feature|fix|bugfix|hotfix|docs?|test|tests|ci|build|perf|refactor|style|chore|ui|types?|dx|deps|infra|release|revert|wip|cleanup|lint)$/i.test(m[1])) {
    type = m[1].toLowerCase(); scope = m[2] || null; s = m[4];
  } else if (m && m[1].length <= 20 && !/\s/.test(m[1]) && /^[a-z][\w-]*$/i.test(m[1]) && !type) {
    scope = m[1]; s = m[4]; // "go.mod: bump", "compose: fix ..."
  }
  s = stripRefs(s).replace(/:[a-z_]+:\s*/g, '').replace(/\s+/g, ' ').trim();
  s = s.replace(/^(added|adds|fixed|fixes|updated|updates|removed|removes|changed|changes|improved|improves|implemented|implements|created|creates|moved|moves|renamed|renames|refactored|refactors|replaced|replaces|converted|converts|enabled|enables|disabled|disables|introduced|introduces|cleaned|cleans)\b/i, (w) => {
    const b = w.toLowerCase().replace(/(ed|es|s)$/, '');
    const fix = { add: 'add', fix: 'fix', updat: 'update', remov: 'remove', chang: 'change', improv: 'improve', implement: 'implement', creat: 'create', mov: 'move', renam: 'rename', refactor: 'refactor', replac: 'replace', convert: 'convert', enabl: 'enable', disabl: 'disable', introduc: 'introduce', clean: 'clean' }[b] || b;
    return w[0] === w[0].toUpperCase() ? fix[0].toUpperCase() + fix.slice(1) : fix;
  });
  if (type === 'fix' && /^(add|update|change|improve|implement|create|enable|introduce)\b/i.test(s) && !W.symptom.test(s)) type = 'feat';
  const norm = { feature: 'feat', bugfix: 'fix', hotfix: 'fix', doc: 'docs', tests: 'test', type: 'types', cleanup: 'refactor', lint: 'chore' };
  type = norm[type] || type;
  return { type, scope, desc: s };
}

export function classify(p, ui, testDomain = false, opsDomain = false) {
  let L = classify0(p, ui);
  if (L && /\bdocs\/|\.mdx?\b|\btranslations?\b.*\bdocs\b/i.test(p.desc) && !/\b(crash|error|exception)\b/i.test(p.desc)) L = p.type === 'ci' ? L : 'docs';
  if (L === 'ops' && opsDomain && !['ci', 'build'].includes(p.type) && !/^(ci|workflows?|github|release|lint)$/i.test(p.scope || '')
      && !/\b(CI|ci|gitignore|eslint|lint(ing)?|husky|codeowners|pre-commit|stale bot|mergify|goreleaser config|release workflow|codecov)\b/.test(p.desc))
    L = p.type === 'fix' || /^fix/i.test(p.desc) ? 'debug' : ['feat', null].includes(p.type) ? 'implement' : null;
  if (testDomain && (L === 'test' || L === 'test?') && p.type !== 'test') L = p.type === 'fix' || /^fix/i.test(p.desc) ? 'debug' : p.type === 'feat' ? 'implement' : null;
  if (!L) return L;
  const d = p.desc;
  if (/registr(y|ies) (directory|entry)|to (the )?(registry )?directory|registries\.json|directory\.json|known registries|\bregistry$/i.test(d)) return null;
  if (['implement', 'debug', 'refactor'].includes(L)) {
    if (/\b(readme|documentation|docs|contributing|\.mdx?|docstrings?|jsdoc)\b/i.test(d) && !/\b(crash|error|exception|google docs|docs (context|crawl|index))\b/i.test(d)) return 'docs';
    if (/\b(gitignore|pull request template|issue template|dockerfile|github actions?|ci (job|workflow|pipeline)|husky|pre-commit|lint-staged|eslint config|tsconfig\.json|renovate|dependabot|codeowners|devDependencies|install script|launch configs?)\b/i.test(d)) return 'ops';
    if (L === 'implement' && /^(add|write|improve|extend)\b.*\b(tests?|specs?|coverage)\b/i.test(d) && !/\btest (results?|descriptions?|button|runner)\b/i.test(d)) return 'test';
  }
  return L;
}

function classify0({ type, scope, desc }, ui) {
  const d = desc; const sc = scope || '';
  const both = `${sc} ${d}`;
  if (!d || d.split(/\s+/).length < 3) return null;
  if (JUNK.test(d) || DEPBUMP.test(d)) return null;
  if (/^update\s+[\w./-]+\.\w+$/i.test(d)) return null; // "Update README.md" (web edits, no content)
  if (/[^\x00-\x7F]{3,}/.test(d.replace(/[’‘“”…–—]/g, ''))) return null; // non-English / heavy non-ASCII
  if (/\b(translation|translate|i18n|locale)\b/i.test(d) && type === 'docs') return null;
  const docsScope = /^(docs?|readme|site|website|www|playground|guide)$/i.test(sc);
  const testScope = /^(tests?|e2e|spec|testing)$/i.test(sc);
  const opsScope = /^(ci|workflows?|github|actions|docker|dockerfile|deploy|release|deps-dev|infra|devcontainer|lint|eslint)$/i.test(sc);
  const uiFix = /\b(css|styles?|styling|colou?rs?|dark ?mode|light mode|theme|align(ment|ed)?|misaligned|overflow\w*|padding|margins?|spacing|layout|icons?|hover|fonts?|z-index|tooltip|animation|responsive\w*|scrollbar|border|shadow|truncat\w*|overlap\w*|contrast|width|height|cut off|clipped|blurry|flicker\w*|position(ing)?|visual\w*|look(s|ing)?|appearance|rtl)\b/i;
  switch (type) {
    case 'docs':
      return W.docs.test(d) || docsScope ? 'docs' : null;
    case 'test':
      return 'test';
    case 'ci':
      return 'ops';
    case 'build':
      return W.ops.test(both) || /\b(build|bundle|package|compile|script|output|target)\b/i.test(d) ? 'ops' : null;
    case 'perf':
      return 'refactor';
    case 'refactor':
      if (/^(ui|style|css|theme|design)$/i.test(sc)) return null;
      if (W.test.test(d) && /^(tests?|specs?)\b/i.test(d)) return 'test';
      return 'refactor';
    case 'style':
      if (ui && W.ui.test(d)) return 'ui';
      return /\b(format|prettier|lint|whitespace|indent|semicolons?|import order)\b/i.test(d) ? 'refactor' : null;
    case 'ui':
      return W.ui.test(both) || /\b(ui|ux|design|look|visual)\b/i.test(both) ? 'ui' : null;
    case 'feat':
      if (testScope) return 'test';
      if (docsScope) return W.docs.test(d) ? 'docs' : null;
      if (opsScope || /\b(github action|workflow|dockerfile|docker image|ci job)\b/i.test(d)) return 'ops';
      if (ui && W.ui.test(both)) return 'ui';
      return 'implement';
    case 'fix':
      if (docsScope || /\b(typo|spelling|grammar)\b/i.test(d)) return /\b(readme|docs?|documentation|comment|jsdoc|guide|typos?|spelling)\b/i.test(both) ? 'docs' : null;
      if (/\b(docs?|documentation|translations?|readme|\.mdx?|jsdoc|docstrings?)\b/i.test(d)) return /\b(docs?|documentation|translations?|readme|\.mdx?|jsdoc|docstrings?)\b/i.test(d) && !/\b(crash|error|fails?)\b/i.test(d) ? 'docs' : null;
      if (/\b(github actions?|release|deploy|devDependencies|upload|publish|snap store|lint(ing)? (issues|errors|warnings))\b/i.test(d)) return 'ops';
      if (opsScope || /\b(CI (failure|job|build|workflow|config|pipeline)|ci failure|workflows?|github actions?|dockerfile|docker build|release (job|script|workflow)|lint errors?)\b/.test(d)) return 'ops';
      if (testScope || /\b(flaky|test|tests)\b/i.test(d)) return W.symptom.test(d) || /\bflaky\b/i.test(d) ? 'test?' : null;
      if (/\b(crash\w*|errors?|exceptions?|loop|undefined|null|throws?|fails?|panic\w*|hang\w*)\b/i.test(d)) return 'debug';
      if (ui && uiFix.test(both)) return 'ui';
      if (/\b(z-index|colou?rs?|overflow\w*|scrollbar|padding|margins?|spacing|misaligned|alignment|dark ?mode|themes?)\b/i.test(d) && !/\b(error message|log|terminal output|ansi)\b/i.test(d)) return 'ui';
      if (/^(merge|incorrect merge|original solution|from merge)|\b(tabs vs spaces|duplicate spaces|whitespace)\b/i.test(d)) return null;
      return 'debug';
    case 'chore':
    case 'dx':
    case 'infra':
    case 'types':
      if (W.ops.test(both)) return 'ops';
      if (W.refactorVerb.test(d)) return 'refactor';
      if (/\b(readme|docs|documentation|changelog|jsdoc|comments?)\b/i.test(d)) return 'docs';
      return null;
    default: {
      // Unprefixed subjects: only confident verb-led patterns.
      if (/^(fix|fixes|fixed|fixing)\b/i.test(d)) {
        if (/\b(typo|readme|docs?|documentation|comment|spelling)\b/i.test(d)) return 'docs';
        if (/\b(ci|workflow|github action|dockerfile|lint|build script)\b/i.test(d)) return 'ops';
        if (/\b(test|tests|flaky)\b/i.test(d)) return 'test?';
        if (ui && /\b(css|styles?|colou?rs?|dark ?mode|align\w*|overflow|padding|margins?|spacing|layout|icons?|hover|fonts?|z-index|responsive\w*|truncat\w*|overlap\w*|contrast)\b/i.test(d)) return 'ui';
        return 'debug';
      }
      if (/^(document|docs?\b|update (the )?(readme|docs|documentation|changelog)|add (a )?(readme|docs|documentation|comments?|jsdoc|docstrings?|changelog)|clarify|improve (the )?(docs|documentation|readme|wording))/i.test(d)) return 'docs';
      if (/^(add|write|improve|extend|update|increase)\b.*\b(tests?|specs?|coverage|e2e)\b/i.test(d) && !/\btest (button|results?|runner ui|connection)\b/i.test(d)) return 'test';
      if (/^(optimi[sz]e|speed up|improve (the )?performance|make .* faster|reduce (memory|allocations|cpu))/i.test(d)) return 'refactor';
      if (W.refactorVerb.test(d)) return W.test.test(d) ? null : 'refactor';
      if (/^(add|set up|setup|configure|update|use|run|enable|pin)\b.*\b(ci|workflow|github actions?|dockerfile|docker|goreleaser|lint(ing|er)?|husky|pre-commit|devcontainer|release workflow)\b/i.test(d)) return 'ops';
      if (W.implVerb.test(d) && /^(add|implement|support|allow|introduce|create|enable|expose|provide)\b/i.test(d)) {
        if (ui && W.ui.test(d)) return 'ui';
        return 'implement';
      }
      return null;
    }
  }
}

/** Minimal rewrite into the imperative request a user would type. */
export function rewrite({ type, scope, desc }, label, key) {
  const r = h01(key);
  let d = desc.replace(/\s+/g, ' ');
  const startsVerb = W.verb.test(d);
  const sc = scope && !/^(core|main|all|app|misc|general|\*)$/i.test(scope) ? scope : null;
  let out;
  switch (type) {
    case 'fix':
      if (/^(fix|fixes|fixed)\b/i.test(d)) out = d.replace(/^fix(es|ed)?\b/i, 'Fix');
      else if (!startsVerb) out = `Fix ${low(d)}`;
      else if (W.symptom.test(d)) out = cap(d);
      else out = sc ? `Fix ${sc}: ${low(d)}` : `fix: ${low(d)}`;
      if (sc && r < 0.3 && !out.includes(sc)) out = `${sc}: ${low(out)}`;
      break;
    case 'feat':
    case 'ui':
      out = startsVerb ? cap(d) : `Add ${low(d)}`;
      if (sc && r < 0.35) out = r < 0.15 ? `${sc}: ${low(out)}` : `${out} in ${sc}`;
      break;
    case 'docs':
      out = cap(d);
      if (!/\b(docs?|documentation|readme|changelog|guide|comments?|jsdoc|docstrings?|typo|md)\b/i.test(out)) out = `${out} in the docs`;
      break;
    case 'test':
      out = cap(d);
      if (!W.test.test(out)) out = startsVerb ? `${out} in the test suite` : `Tests: ${low(out)}`;
      break;
    case 'ci':
    case 'build':
      out = cap(d);
      if (!W.ops.test(out) && !/\b(build|release|bundle|publish)\b/i.test(out)) out = `${type === 'ci' ? 'CI' : 'Build'}: ${low(out)}`;
      break;
    case 'perf':
      out = W.perf.test(d) ? cap(d) : `Improve performance: ${low(d)}`;
      break;
    case 'refactor':
      out = W.refactorVerb.test(d) ? cap(d) : startsVerb ? `Refactor: ${low(d)}` : `Refactor ${low(d)}`;
      break;
    default:
      out = cap(d);
  }
  out = out.replace(/\s+/g, ' ').trim();
  if (r > 0.8) out = low(out); // many people type in lower case
  return out;
}

function gitLog(repo) {
  const raw = execFileSync('git', ['--git-dir', gitDir(repo), 'log', '--no-merges', '--format=%h%x1f%an%x1f%ae%x1f%s%x1e', 'HEAD'], { maxBuffer: 1 << 30, encoding: 'utf8' });
  return raw.split('\x1e').map((l) => l.trim()).filter(Boolean).map((l) => { const [sha, an, ae, s] = l.split('\x1f'); return { sha, an, ae, s }; });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = [];
  const seen = new Set();
  for (const { repo, licence, ui, testDomain, opsDomain } of [...REPOS, ...EXTRA]) {
    let n = 0;
    for (const c of gitLog(repo)) {
      if (BOT.test(c.an) || BOT.test(c.ae) || BOT.test(c.s)) continue;
      const p = parse(c.s);
      let label = classify(p, ui, testDomain, opsDomain);
      if (!label) continue;
      const text = rewrite(p, label.replace('?', ''), `${repo}@${c.sha}`);
      const k = normKey(text);
      if (seen.has(k) || text.length < 12 || text.length > 200) continue;
      seen.add(k);
      out.push({ text, label, source: `commit:${repo}@${c.sha.slice(0, 7)}`, licence, orig: c.s, type: p.type });
      n++;
    }
    console.error(repo, n);
  }
  writeFileSync(new URL('./out/commits.candidates.jsonl', import.meta.url), out.map((o) => JSON.stringify(o)).join('\n') + '\n');
  const by = {};
  for (const o of out) by[o.label] = (by[o.label] || 0) + 1;
  console.error(by);
}
