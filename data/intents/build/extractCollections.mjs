// Real prompt-collection texts, labelled by hand in collectionLabels.json (round 3):
//   1. descriptions / openings of prompt, agent, command and skill files:
//      github/awesome-copilot (prompts/ at the last version of each file, agents/, skills/), wshobson/agents (plugins/*/commands,
//      agents, skills), VoltAgent/awesome-claude-code-subagents (categories/*/*.md)
//   2. quoted trigger phrases inside those descriptions ('Use when the user asks "map this codebase", …'): real request wording
//   3. user turns of Aider-AI/aider's own chat transcripts (tests/fixtures/chat-history.md, aider/website examples and posts)
//   4. user turns of SpecStory chat histories (.specstory/history/*.md, Cursor/Copilot chats saved into the repository) in the
//      history of edobry/minsky and iterative/dvc, each file at the last commit that has it
//   5. titles of edobry/minsky task specs (process/tasks/NNN-*.md, each at the last commit that has it): issue-style requests
//      written for the project's AI agent; "Task #NNN:" prefixes removed
//   6. example prompts from assistant documentation, copied by hand with their commit into external/docsPrompts.jsonl:
//      microsoft/vscode-docs (CC-BY-3.0 US; read with the workplace file tools, the repository is too large to mirror),
//      google-gemini/gemini-cli docs (Apache-2.0) and github/docs content/copilot pages (content/ is CC-BY-4.0 per its
//      README and LICENSE; read page by page with the workplace file tools, each line records the commit of the page read)
//      and cline/cline docs (Apache-2.0)
//   7. user chat requests from microsoft/vscode-copilot-chat's test fixtures (MIT; test/intent/*.json request lists and
//      the queries of test/**/*.stest.ts scenarios), labelled by hand into external/chatRequests.jsonl (round 5)
// Output: build/out/collections.jsonl. Dev-set guard: texts ≥ 60% contained in a qdhenry/Claude-Command-Suite paragraph are
// dropped, as in extractPromptFiles.mjs; near-copies (≥ 80% contained) of an earlier prompt-file example are dropped too.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gitDir, h01, normKey, readJsonl } from './lib.mjs';

export const COLLECTION_REPOS = [
  { repo: 'github/awesome-copilot', licence: 'MIT' },
  { repo: 'wshobson/agents', licence: 'MIT' },
  { repo: 'VoltAgent/awesome-claude-code-subagents', licence: 'MIT' },
  { repo: 'Aider-AI/aider', licence: 'Apache-2.0' },
  { repo: 'edobry/minsky', licence: 'MIT' },
  { repo: 'iterative/dvc', licence: 'Apache-2.0' },
  { repo: 'google-gemini/gemini-cli', licence: 'Apache-2.0' },
  { repo: 'microsoft/vscode-copilot-chat', licence: 'MIT' },
];
const SPECSTORY_REPOS = ['edobry/minsky', 'iterative/dvc'];
const git = (repo, ...a) => execFileSync('git', ['--git-dir', gitDir(repo), ...a], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
const hid = (t) => createHash('sha1').update(normKey(t)).digest('hex').slice(0, 10);
const trigrams = (text) => { const t = text.toLowerCase().replace(/\s+/g, ' '); const s = new Set(); for (let i = 0; i + 3 <= t.length; i++) s.add(t.slice(i, i + 3)); return s; };
const containment = (a, b) => { let n = 0; for (const g of a) if (b.has(g)) n++; return a.size ? n / a.size : 0; };

const fm = (md) => md.match(/^---\r?\n([\s\S]*?)\r?\n---/)?.[1] ?? '';
function field(f, k) {
  const m = f.match(new RegExp(`^${k}:\\s*(?:>-?|\\|)?\\s*['"]?(.*?)['"]?\\s*$`, 'm')); if (!m) return '';
  let v = m[1];
  if (!v) { const mm = f.match(new RegExp(`^${k}:.*\\n((?:[ \\t]+.*\\n?)+)`, 'm')); v = mm ? mm[1] : ''; }
  return v.replace(/\\n/g, ' ').replace(/''/g, "'").replace(/\s+/g, ' ').trim();
}
const firstPara = (md) => md.replace(/^---[\s\S]*?---\r?\n/, '').split(/\r?\n\s*\r?\n/).map((x) => x.trim())
  .filter((x) => x && !x.startsWith('#') && !x.startsWith('```') && !/^\$ARGUMENTS|^\[|^<|^[-*] |^\d\.|^\|/i.test(x))[0]?.replace(/\s+/g, ' ') ?? '';
const title = (md) => md.replace(/^---[\s\S]*?---\r?\n/, '').match(/^#\s+(.+)$/m)?.[1]?.trim() ?? '';
function clean(t) {
  t = t.replace(/^Prompt for (creating|generating) /i, (m, v) => (v.toLowerCase() === 'creating' ? 'Create ' : 'Generate '))
    .replace(/\s*Use PROACTIVELY\b[^.]*\.?/g, '').replace(/:?\s*\**\$ARGUMENTS\**/g, '').replace(/\s+/g, ' ').trim();
  if (t.length > 400) t = t.slice(0, 400).replace(/\s+\S*$/, '') + ' …';
  return t.replace(/^(\w)/, (c) => c.toUpperCase());
}

// files to read: [repo, ref, path]
function files() {
  const out = [];
  const ls = (repo) => git(repo, 'ls-tree', '-r', '--name-only', 'HEAD').split('\n').filter(Boolean);
  { const r = 'github/awesome-copilot';
    const ps = [...new Set(git(r, 'log', '--all', '--name-only', '--format=', '--', 'prompts/').split('\n').filter((p) => p.endsWith('.prompt.md')))];
    for (const p of ps) { const c = git(r, 'log', '--all', '-1', '--format=%H', '--', p).trim(); let ref = c; try { git(r, 'cat-file', '-e', `${c}:${p}`); } catch { ref = `${c}^`; } out.push([r, ref, p]); }
    for (const p of ls(r).filter((p) => /^skills\/[^/]+\/SKILL\.md$|^agents\/[^/]+\.md$/.test(p))) out.push([r, 'HEAD', p]); }
  { const r = 'wshobson/agents'; for (const p of ls(r).filter((p) => /^plugins\/[^/]+\/(commands|agents)\/[^/]+\.md$|^plugins\/[^/]+\/skills\/[^/]+\/SKILL\.md$/.test(p))) out.push([r, 'HEAD', p]); }
  { const r = 'VoltAgent/awesome-claude-code-subagents'; for (const p of ls(r).filter((p) => /^categories\/[^/]+\/[^/]+\.md$/.test(p) && !/README/i.test(p))) out.push([r, 'HEAD', p]); }
  return out;
}
/**
 * Rounds 6 and 7: texts labelled by hand into external/round6/*.jsonl and external/round7/*.jsonl (one file per kind of
 * source; notes beside each). At most HAND_LABELLED_PER_REPO texts per repository, chosen in a fixed hash order, so that
 * one large collection (e.g. a hundred persona descriptions) does not dominate.
 */
export const HAND_LABELLED_PER_REPO = 60;
export const HAND_LABELLED_ROUNDS = ['round6', 'round7'];
function handLabelledTexts() {
  const all = HAND_LABELLED_ROUNDS.flatMap((round) => {
    const dir = new URL(`./external/${round}/`, import.meta.url);
    return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) => readJsonl(new URL(f, dir)));
  });
  const byRepo = new Map();
  for (const d of all) { const repo = /^\w+:([^@]+)@/.exec(d.source)?.[1] ?? d.source; if (!byRepo.has(repo)) byRepo.set(repo, []); byRepo.get(repo).push(d); }
  return [...byRepo.values()].flatMap((ds) => ds.sort((a, b) => h01('r6' + a.text) - h01('r6' + b.text)).slice(0, HAND_LABELLED_PER_REPO));
}
function aiderTurns(md) {
  const out = []; let cur = null;
  for (const line of md.split('\n')) { if (line.startsWith('#### ')) (cur ||= []).push(line.slice(5)); else if (cur) { out.push(cur.join('\n').trim()); cur = null; } }
  if (cur) out.push(cur.join('\n').trim());
  return out.map((t) => t.replace(/^>\s*/, '').replace(/^\/(ask|architect|code)\s+/, '').replace(/[ \t]+$/gm, '').trim());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const labels = JSON.parse(readFileSync(new URL('./collectionLabels.json', import.meta.url), 'utf8'));
  const suite = 'qdhenry/Claude-Command-Suite';
  const suiteTexts = git(suite, 'ls-tree', '-r', '--name-only', 'HEAD').split('\n').filter((f) => f.endsWith('.md'))
    .flatMap((f) => git(suite, 'show', `HEAD:${f}`).split(/\n\s*\n|\n(?=description:)/).slice(0, 8))
    .map((para) => trigrams(para.replace(/^---\n|^description:\s*|^#+\s*/gm, '')));
  const earlier = readJsonl(new URL('./out/promptfiles.jsonl', import.meta.url)).map((r) => trigrams(r.text));
  const heads = {}; const head = (r) => (heads[r] ||= git(r, 'rev-parse', 'HEAD').trim());
  const rows = []; const seen = new Set(); let copied = 0; let near = 0;
  const push = (text, label, source) => {
    const k = normKey(text); if (seen.has(k)) return; seen.add(k);
    const tg = trigrams(text);
    if (suiteTexts.some((st) => containment(tg, st) >= 0.6 && st.size < tg.size * 3)) { copied++; return; }
    if (text.length > 40 && earlier.some((e) => containment(tg, e) >= 0.8)) { near++; return; }
    rows.push({ text, label, source });
  };
  let k = 0;
  for (const [repo, ref, path] of files()) {
    let md; try { md = git(repo, 'show', `${ref}:${path}`); } catch { continue; }
    const sha = (ref === 'HEAD' ? head(repo) : git(repo, 'rev-parse', ref).trim()).slice(0, 7);
    const desc = field(fm(md), 'description');
    const label = labels[`${repo}:${path}`];
    if (label) {
      let t = clean(desc || firstPara(md));
      const ttl = title(md);
      // every third command/prompt file keeps its "# Title" line above the text, as the file reads
      if (t.length >= 12 && k++ % 3 === 2 && ttl && !ttl.startsWith('/') && ttl.length < 60 && /commands\/|prompts\//.test(path)) t = `# ${ttl}\n\n${t}`;
      if (t.length >= 12) push(t, label, `prompt:${repo}@${sha}:${path}`);
    }
    for (const m of desc.matchAll(/["“']{1,2}([^"“”']{8,120}?)["”']{1,2}/g)) {
      const t = m[1].trim(); const l = labels[`${repo}:${path}#${hid(t)}`];
      if (l) push(t, l, `trigger:${repo}@${sha}:${path}`);
    }
  }
  { const r = 'Aider-AI/aider'; const sha = head(r).slice(0, 7);
    const ps = git(r, 'ls-tree', '-r', '--name-only', 'HEAD').split('\n').filter((p) => p === 'tests/fixtures/chat-history.md' || /^aider\/website\/(examples|_posts|docs)\/.*\.md$/.test(p));
    for (const p of ps) for (const t of aiderTurns(git(r, 'show', `HEAD:${p}`))) { const l = labels[`aider:${hid(t)}`]; if (l) push(t, l, `aider:${r}@${sha}:${p}`); } }
  for (const r of SPECSTORY_REPOS) {
    const ps = [...new Set(git(r, 'log', '--all', '--name-only', '--format=', '--', '.specstory/history/').split('\n').filter((p) => p.endsWith('.md')))];
    for (const p of ps) {
      const c = git(r, 'log', '--all', '-1', '--format=%H', '--', p).trim(); let md; let at = c;
      try { md = git(r, 'show', `${c}:${p}`); } catch { try { at = git(r, 'rev-parse', `${c}^`).trim(); md = git(r, 'show', `${at}:${p}`); } catch { continue; } }
      for (const m of md.matchAll(/_\*\*User\*\*_\s*\n([\s\S]*?)\n---/g)) {
        const t = m[1].replace(/[ \t]+$/gm, '').trim(); const l = labels[`specstory:${hid(t)}`];
        if (l) push(t, l, `specstory:${r}@${at.slice(0, 7)}:${p}`);
      }
    }
  }
  { const r = 'edobry/minsky';
    const ps = [...new Set(git(r, 'log', '--all', '--name-only', '--format=', '--', 'process/tasks/').split('\n').filter((p) => /^process\/tasks\/(?:[^/]+\/)?\d{3}-[^/]+\.md$|^process\/tasks\/[^/]+\/spec\.md$/.test(p)))];
    for (const p of ps) {
      let md; let at;
      try { const c = git(r, 'log', '--all', '-1', '--format=%H', '--', p).trim(); at = c; try { md = git(r, 'show', `${c}:${p}`); } catch { at = git(r, 'rev-parse', `${c}^`).trim(); md = git(r, 'show', `${at}:${p}`); } } catch { continue; }
      const m = md.match(/^#\s+(.+)$/m); if (!m) continue;
      const t = m[1].replace(/^(Task\s*)?#?\s*(md#|mt#)?\d+\s*[:.-]\s*/i, '').replace(/^Task:\s*/i, '').trim();
      const l = labels[`task:${hid(t)}`]; if (l) push(t, l, `task:${r}@${at.slice(0, 7)}:${p}`);
    }
  }
  for (const d of readJsonl(new URL('./external/docsPrompts.jsonl', import.meta.url))) push(d.text, d.label, d.source);
  for (const d of readJsonl(new URL('./external/chatRequests.jsonl', import.meta.url))) push(d.text, d.label, d.source);
  for (const d of handLabelledTexts()) push(d.text, d.label, d.source);
  writeFileSync(new URL('./out/collections.jsonl', import.meta.url), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const by = {}; for (const r of rows) by[r.label] = (by[r.label] || 0) + 1;
  console.error(`collections: ${rows.length} examples`, by, `(dropped ${copied} close to ${suite}, ${near} near-copies of earlier prompt files)`);
}
