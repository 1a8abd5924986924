// Extract real user turns ("#### " lines) from .aider.chat.history.md files kept in the history of
// permissively licensed repos. Output: build/out/aider.candidates.jsonl (unlabelled; labels are assigned
// by hand in aiderLabels.json, keyed by a hash of the text).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gitDir, normKey, isDevRepo, devRepos } from './lib.mjs';

export const AIDER_REPOS = [
  { repo: 'AFI-Protocol/afi-core', licence: 'MIT' },
  { repo: 'AlexShchuka/mozgoslav', licence: 'MIT' },
  { repo: 'Asphyksia/OpenCoder', licence: 'MIT' },
  ...(process.env.EXTRA_AIDER ? JSON.parse(process.env.EXTRA_AIDER) : []),
];
const git = (repo, ...a) => execFileSync('git', ['--git-dir', gitDir(repo), ...a], { encoding: 'utf8', maxBuffer: 1 << 30 });
export const hid = (t) => createHash('sha1').update(normKey(t)).digest('hex').slice(0, 10);

function turns(md) {
  const out = []; let cur = null;
  for (const line of md.split('\n')) {
    if (line.startsWith('#### ')) { (cur ||= []).push(line.slice(5)); }
    else if (cur) { out.push(cur.join('\n').trim()); cur = null; }
  }
  if (cur) out.push(cur.join('\n').trim());
  return out;
}
const JUNK = /^(\/\w+|add file to the chat|y(es)?$|n(o)?$|ok$|okay$|go( ahead)?$|continue$|thanks?|thank you|done|yes please|proceed|skip$|all$|lgtm)|\(Y\)es\/\(N\)o/i;

if (import.meta.url === `file://${process.argv[1]}`) {
const dev = devRepos();
const seen = new Set(); const rows = [];
for (const { repo, licence } of AIDER_REPOS) {
  if (isDevRepo(repo, dev)) { console.error('skip dev repo', repo); continue; }
  const commits = git(repo, 'log', '--all', '--format=%h', '--', '*.aider.chat.history.md').split('\n').filter(Boolean);
  let n = 0;
  for (const c of commits) {
    const paths = git(repo, 'ls-tree', '-r', '--name-only', c).split('\n').filter((p) => p.endsWith('.aider.chat.history.md'));
    for (const p of paths) {
      let md; try { md = git(repo, 'show', `${c}:${p}`); } catch { continue; }
      for (let t of turns(md)) {
        t = t.replace(/^>\s*/, '').replace(/[ \t]+$/gm, '').trim();
        if (t.length < 8 || t.length > 600 || JUNK.test(t)) continue;
        const lines = t.split('\n');
        const codey = lines.filter((l) => /[{};=]$|^\s*(import|export|const|let|def|class|return|for|if|cd|echo|done|npm|pnpm|git|zsh|bash)\b/.test(l)).length;
        if (codey / lines.length > 0.4) continue; // pasted code / shell, not a request
        if (!/[a-z]{3,}\s+[a-z]{2,}/i.test(t)) continue;
        const k = normKey(t); if (seen.has(k)) continue; seen.add(k);
        rows.push({ id: hid(t), text: t, source: `aider:${repo}@${c}:${p}`, licence }); n++;
      }
    }
  }
  console.error(repo, n);
}
writeFileSync(new URL('./out/aider.candidates.jsonl', import.meta.url), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}
