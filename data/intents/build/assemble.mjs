// Assemble data/intents/train.jsonl from the extracted real text and the authored files.
//   node build/extractCommits.mjs && node build/selectCommits.mjs && node build/extractAider.mjs \
//     && node build/extractPromptFiles.mjs && node build/assemble.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { readJsonl, h01, normKey, LABELS, DEV } from './lib.mjs';
import { generate } from './authoredTemplates.mjs';
import { maxOverlap } from '../checkOverlap.mjs';
import { existsSync } from 'node:fs';

const here = (p) => new URL(p, import.meta.url);
const rows = [];
const add = (r) => { if (!LABELS.includes(r.label)) throw new Error(`bad label ${r.label} in ${r.source}`); rows.push(r); };

// 1. commits (sampled + hand overrides)
const overrides = JSON.parse(readFileSync(here('./commitOverrides.json'), 'utf8'));
const commitSel = readJsonl(here('./out/commits.selected.jsonl'));
const usedCommit = new Set();
for (const c of commitSel) {
  const sha = c.source.split('@')[1];
  let label = overrides[sha] || c.label.replace('?', '');
  usedCommit.add(c.source);
  if (label === 'drop') continue;
  add({ text: c.text, label, source: c.source });
}
// 2. real prompt files and aider turns
for (const p of readJsonl(here('./out/promptfiles.jsonl'))) add({ text: p.text, label: p.label, source: p.source });
for (const p of readJsonl(here('./out/collections.jsonl'))) add({ text: p.text, label: p.label, source: p.source });
const aiderLabels = JSON.parse(readFileSync(here('./aiderLabels.json'), 'utf8'));
for (const a of readJsonl(here('./out/aider.candidates.jsonl'))) {
  const l = aiderLabels[a.id]; if (!l || l === 'drop') continue;
  add({ text: a.text, label: l, source: a.source });
}
// 3. authored singles
const authoredLines = (f) => readFileSync(here(`./authored/${f}`), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
for (const f of ['research', 'explain', 'review', 'ui']) for (const t of authoredLines(`${f}.txt`)) add({ text: t, label: f, source: 'authored' });
for (const f of ['misc.txt', 'long.txt', 'boundaries.txt', 'helper.txt']) for (const l of authoredLines(f)) { const [label, text] = l.split('\t'); add({ text: text.replace(/\\n/g, '\n'), label, source: 'authored' }); }
for (const [label, n] of [['research', 90], ['explain', 110], ['review', 120]]) for (const t of generate(label, n)) add({ text: t, label, source: 'authored:template' });

// 4. compounds: hand-written ones with [label]...[/] markup
function parseMarked(line) {
  const segs = []; let text = ''; const re = /\[(\w+)\]([\s\S]*?)\[\/\]/g; let last = 0; let m;
  while ((m = re.exec(line))) { text += line.slice(last, m.index); segs.push({ text: m[2], label: m[1] }); text += m[2]; last = re.lastIndex; }
  text += line.slice(last);
  return { text, segments: segs };
}
for (const l of authoredLines('compound.txt')) {
  const { text, segments } = parseMarked(l);
  add({ text, label: segments[0].label, source: 'authored:compound', segments });
}
// 5. composed compounds: two real commit requests not otherwise used, joined with a connector
const cands = readJsonl(here('./out/commits.candidates.jsonl')).filter((c) => !usedCommit.has(c.source) && !c.label.endsWith('?'));
const precise = cands.filter((c) => (c.type === 'docs' && c.label === 'docs') || (c.type === 'test' && c.label === 'test') || (c.type === 'ci' && c.label === 'ops')
  || (c.type === 'perf' && c.label === 'refactor') || (c.type === 'refactor' && c.label === 'refactor') || (c.type === 'feat' && c.label === 'implement')
  || (c.type === 'fix' && c.label === 'debug' && /\b(crash|error|fail|broken|not work|wrong|incorrect|missing|undefined|null|leak|hang)\w*/i.test(c.text))
  || (c.label === 'ui' && /^(fix|feat)$/.test(c.type) && /\b(css|styles?|colou?rs?|dark mode|align\w*|overflow|padding|margins?|spacing|layout|hover|z-index|responsive\w*|truncat\w*|tooltip|scroll\w*|width|height|border|shadow|animation|centering)\b/i.test(c.text)
      && !/service worker|analytics|shortcut|cach|font metrics|error/i.test(c.text)));
const pool = {}; for (const c of precise.sort((a, b) => h01(a.source) - h01(b.source))) (pool[c.label] ||= []).push(c);
const PAIRS = [['implement', 'test', 20], ['implement', 'docs', 14], ['debug', 'test', 16], ['refactor', 'test', 12], ['ops', 'docs', 8], ['ui', 'test', 8],
  ['docs', 'ops', 6], ['debug', 'docs', 6], ['refactor', 'docs', 6], ['implement', 'ui', 8], ['ui', 'implement', 8], ['test', 'ops', 8], ['debug', 'ops', 6],
  ['refactor', 'ops', 6], ['implement', 'refactor', 6], ['debug', 'refactor', 4], ['ui', 'debug', 4], ['test', 'debug', 4]];
const CONN = [' and ', ', then ', '. Also ', ' and also ', '; then ', '. After that, ', ', and ', ' + ', ' — and '];
const low = (s) => (/^[A-Z]{2}|^[A-Z][a-z]*[A-Z]|^`/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1));
/** Draws the items of `pools[label]` in order, each at most once. */
const drawer = (pools) => { const next = {}; return (L) => { const i = (next[L] = (next[L] || 0) + 1) - 1; return pools[L]?.[i]; }; };
/** Adds `t1 + conn + t2` as a compound whose two segments are labelled `a` and `b`. */
const addCompound = (t1, conn, t2, a, b, source) => add({ text: t1 + conn + t2, label: a, source, segments: [{ text: t1, label: a }, { text: t2, label: b }] });
const take = drawer(pool);
for (const [a, b, n] of PAIRS) for (let k = 0; k < n; k++) {
  const A = take(a), B = take(b); if (!A || !B) break;
  const conn = CONN[Math.floor(h01(A.source + B.source) * CONN.length)];
  const t1 = A.text.replace(/[.\s]+$/, ''); const t2 = conn.startsWith('.') ? B.text.charAt(0).toUpperCase() + B.text.slice(1) : low(B.text);
  addCompound(t1, conn, t2, a, b, `composed:${A.source}+${B.source}`);
}
// research / explain / review openers (authored templates) followed by a real commit request
const opener = { research: generate('research', 120).slice(90), explain: generate('explain', 140).slice(110), review: generate('review', 140).slice(120) };
const FOLLOW = { research: ['implement', 'ops', 'refactor'], explain: ['refactor', 'debug', 'implement'], review: ['debug', 'refactor', 'test'] };
for (const L of ['research', 'explain', 'review']) opener[L].forEach((o, k) => {
  const b = FOLLOW[L][k % 3]; const B = take(b); if (!B) return;
  const t1 = o.replace(/[.\s]+$/, ''); const conn = /\?$/.test(t1) ? ' ' : [', then ', ' and then ', '. Then '][k % 3];
  const t2 = /^[. ]*Then/.test(conn) || conn === ' ' ? B.text.charAt(0).toUpperCase() + B.text.slice(1) : low(B.text);
  addCompound(t1, conn, t2, L, b, `composed:authored:template+${B.source}`);
});

// 5b. composed compounds from two real prompt-style requests (round 6): short one-line requests from the prompt
// collections, chat turns and documentation prompts (each used in at most one compound), joined with a connector; both
// segments keep their wording. Pairs follow common work orders (look something up, then change code; change, then test).
const REAL_PAIRS = [['research', 'implement', 30], ['research', 'refactor', 20], ['research', 'ops', 20], ['explain', 'refactor', 30],
  ['explain', 'debug', 25], ['explain', 'implement', 20], ['review', 'refactor', 25], ['review', 'debug', 25], ['review', 'test', 20],
  ['implement', 'test', 35], ['implement', 'docs', 25], ['debug', 'test', 30], ['refactor', 'test', 25], ['ui', 'test', 15],
  ['ui', 'implement', 15], ['ops', 'docs', 20], ['docs', 'ops', 15], ['test', 'ops', 15], ['debug', 'docs', 15], ['implement', 'ui', 15],
  ['refactor', 'docs', 15], ['debug', 'ops', 15], ['ui', 'review', 10], ['implement', 'review', 20]];
{
  const realPool = {};
  const persona = /^(expert|specialist|master|senior|use (it |this |proactively |when )|you are|an? [\w-]+ (agent|specialist|expert|assistant)\b)/i;
  const isShortRequest = (r) => /^(prompt|chat|docs):/.test(r.source) && !r.segments && !r.text.includes('\n') && r.text.length >= 12
    && r.text.length <= 110 && !persona.test(r.text.trim()) && !/^[#@/$]/.test(r.text.trim()) && !/[:,]$/.test(r.text.trim());
  for (const r of rows.filter(isShortRequest).sort((a, b) => h01('c6' + a.text) - h01('c6' + b.text))) (realPool[r.label] ||= []).push(r);
  const takeReal = drawer(realPool);
  for (const [a, b, n] of REAL_PAIRS) for (let k = 0; k < n; k++) {
    const A = takeReal(a), B = takeReal(b); if (!A || !B) break;
    const t1 = A.text.trim().replace(/[.\s]+$/, '');
    const conn = t1.endsWith('?') ? ' ' : CONN[Math.floor(h01(A.text + B.text) * CONN.length)];
    const t2 = conn === ' ' ? B.text.trim().charAt(0).toUpperCase() + B.text.trim().slice(1) : low(B.text.trim());
    addCompound(t1, conn, t2, a, b, `composed:${A.source}+${B.source}`);
  }
}

// 6. light realistic typos in ~6% of authored/composed examples (real commit text keeps its own typos)
function typo(t, seed) {
  const words = t.split(' '); const cand = words.map((w, i) => [w, i]).filter(([w]) => /^[a-z]{5,}$/i.test(w));
  if (!cand.length) return t;
  const [w, i] = cand[Math.floor(h01(seed + 'w') * cand.length)]; const p = 1 + Math.floor(h01(seed + 'p') * (w.length - 3)); const k = h01(seed + 'k');
  const nw = k < 0.4 ? w.slice(0, p) + w[p + 1] + w[p] + w.slice(p + 2) : k < 0.7 ? w.slice(0, p) + w.slice(p + 1) : w.slice(0, p) + w[p] + w.slice(p);
  words[i] = nw; return words.join(' ');
}
for (const r of rows) {
  if (!r.source.startsWith('authored') && !r.source.startsWith('composed')) continue;
  if (h01('typo' + r.text) >= 0.06) continue;
  const t = typo(r.text, r.text);
  if (r.segments) { // keep segments contiguous: apply the same edit inside the segment that contains it
    const seg = r.segments.find((s) => !t.includes(s.text));
    if (seg) { const ns = typo(seg.text, r.text); if (t.includes(ns)) { seg.text = ns; r.text = t; } }
    else r.text = t;
  } else r.text = t;
  r.typo = true;
}

// 7. clean-up: dedupe (case/whitespace-insensitive), drop junk, validate segments
const seen = new Set(); let out = [];
for (const r of rows) {
  r.text = r.text.replace(/[ \t]+\n/g, '\n').trim();
  const k = normKey(r.text);
  if (!k || seen.has(k) || r.text.length < 8) continue;
  if (/^(merge|revert|bump|release|v?\d+\.\d+\.\d+)/i.test(r.text)) continue;
  if (r.segments) {
    let pos = 0;
    for (const s of r.segments) { const j = r.text.indexOf(s.text, pos); if (j < 0) throw new Error('segment not contiguous: ' + r.text); pos = j + s.text.length; }
    if (r.label !== r.segments[0].label) throw new Error('label != first segment');
  }
  seen.add(k); out.push(r);
}
// 8. leakage guard against the held-out dev set (same metric as checkOverlap.mjs)
if (existsSync(DEV)) {
  const dev = readJsonl(DEV);
  const sims = maxOverlap(out, dev);
  const bad = new Set(sims.filter((s) => s.sim >= 0.5).map((s) => s.i)); // stricter than the 0.6 gate
  if (bad.size) console.error(`dropping ${bad.size} examples too close to dev prompts`);
  out = out.filter((_, i) => !bad.has(i));
}
// 9. label balance: the real prompt collections (round 3) add many implement/debug requests. Cap every label at 1.1× the mean
// label count by leaving out single commit-derived examples of that label (deterministic hash order); real prompt text is kept.
{
  const count = {}; for (const r of out) count[r.label] = (count[r.label] || 0) + 1;
  const cap = Math.round((out.length / LABELS.length) * 1.1);
  const drop = new Set();
  for (const L of LABELS) {
    const extra = (count[L] || 0) - cap; if (extra <= 0) continue;
    const commits = out.filter((r) => r.label === L && r.source.startsWith('commit:')).sort((a, b) => h01('cap' + a.text) - h01('cap' + b.text));
    for (const r of commits.slice(0, extra)) drop.add(r);
    console.error(`label cap ${cap}: ${L} ${count[L]} -> ${count[L] - Math.min(extra, commits.length)} (commit examples left out)`);
  }
  out = out.filter((r) => !drop.has(r));
}
out.sort((a, b) => h01('order' + a.text) - h01('order' + b.text));
const fields = (r) => (r.segments ? { text: r.text, label: r.label, source: r.source, segments: r.segments } : { text: r.text, label: r.label, source: r.source });
writeFileSync(here('../train.jsonl'), out.map((r) => JSON.stringify(fields(r))).join('\n') + '\n');
const by = {}; for (const r of out) by[r.label] = (by[r.label] || 0) + 1;
console.log(out.length, by, 'compound', out.filter((r) => r.segments).length);
