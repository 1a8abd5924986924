#!/usr/bin/env node
// Leakage check: for every training example, the max character-trigram Jaccard similarity against every
// prompt of the held-out dev set. Prints the 10 closest pairs and exits 1 if any pair is >= THRESHOLD.
// Usage: node data/intents/checkOverlap.mjs [train.jsonl] [dev.jsonl] [--threshold 0.6]
// Plain Node, no dependencies.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const ti = args.indexOf('--threshold');
const THRESHOLD = ti >= 0 ? Number(args.splice(ti, 2)[1]) : 0.6;
const trainPath = args[0] || join(here, 'train.jsonl');
const devPath = args[1] || process.env.DEV_FILE || '/work/shared/data/intent-dev.jsonl';

export function trigrams(text) {
  const t = ` ${String(text).toLowerCase().replace(/\s+/g, ' ').trim()} `;
  const s = new Set();
  for (let i = 0; i + 3 <= t.length; i++) s.add(t.slice(i, i + 3));
  return s;
}
export function jaccard(a, b) {
  if (!a.size && !b.size) return 1;
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const g of small) if (big.has(g)) inter++;
  return inter / (a.size + b.size - inter);
}
const readJsonl = (p) => readFileSync(p, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

export function maxOverlap(trainRows, devRows) {
  const dev = devRows.map((d) => ({ text: d.text, id: d.id, g: trigrams(d.text) }));
  return trainRows.map((r, i) => {
    const g = trigrams(r.text);
    let best = { sim: -1, dev: null };
    for (const d of dev) {
      // cheap upper bound: jaccard <= min/max of set sizes
      if (Math.min(g.size, d.g.size) / Math.max(g.size, d.g.size) <= best.sim) continue;
      const s = jaccard(g, d.g);
      if (s > best.sim) best = { sim: s, dev: d };
    }
    return { i, text: r.text, sim: best.sim, devId: best.dev?.id, devText: best.dev?.text };
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const train = readJsonl(trainPath);
  const dev = readJsonl(devPath);
  const res = maxOverlap(train, dev).sort((a, b) => b.sim - a.sim);
  const clip = (s, n = 90) => JSON.stringify(s.length > n ? s.slice(0, n) + '…' : s);
  console.log(`checked ${train.length} training examples against ${dev.length} dev prompts (char-trigram Jaccard, threshold ${THRESHOLD})`);
  // Only the training side and the dev id are printed: routine builds must not show validation prompts.
  console.log('top-10 closest pairs (training text ~ dev id):');
  for (const r of res.slice(0, 10)) console.log(`  ${r.sim.toFixed(3)}  train#${r.i} ${clip(r.text)} ~ ${r.devId}`);
  const bad = res.filter((r) => r.sim >= THRESHOLD);
  console.log(`max similarity: ${res[0].sim.toFixed(3)}; pairs >= ${THRESHOLD}: ${bad.length}`);
  if (bad.length) { console.log('FAIL'); process.exit(1); }
  console.log('OK');
}
