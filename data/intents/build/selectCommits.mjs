// Deterministically sample a balanced subset of commit candidates (per label, spread over repos).
import { writeFileSync } from 'node:fs';
import { readJsonl, h01 } from './lib.mjs';

const TARGET = { debug: 255, implement: 260, refactor: 290, docs: 300, test: 300, ops: 300, ui: 240 };
const cands = readJsonl(new URL('./out/commits.candidates.jsonl', import.meta.url));
const pools = {};
for (const c of cands) {
  const L = c.label.replace('?', '');
  const repo = c.source.split(':')[1].split('@')[0];
  ((pools[L] ||= {})[repo] ||= []).push(c);
}
const out = [];
for (const [L, byRepo] of Object.entries(pools)) {
  const repos = Object.keys(byRepo);
  for (const r of repos) byRepo[r].sort((a, b) => h01(a.source) - h01(b.source));
  const picked = [];
  // round-robin over repos so that no single repo dominates a label
  for (let i = 0; picked.length < TARGET[L]; i++) {
    let any = false;
    for (const r of repos) if (byRepo[r][i]) { any = true; if (picked.length < TARGET[L]) picked.push(byRepo[r][i]); }
    if (!any) break;
  }
  out.push(...picked);
}
writeFileSync(new URL('./out/commits.selected.jsonl', import.meta.url), out.map((o) => JSON.stringify(o)).join('\n') + '\n');
console.log(out.length);
