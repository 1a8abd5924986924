#!/usr/bin/env node
// Corpus statistics: counts per label, per source kind / repository, per length bucket, compound share.
// Usage: node data/intents/stats.mjs [train.jsonl]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const path = process.argv[2] || join(here, 'train.jsonl');
const rows = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const count = (f) => { const m = new Map(); for (const r of rows) { const k = f(r); m.set(k, (m.get(k) || 0) + 1); } return [...m].sort((a, b) => b[1] - a[1]); };
const pct = (n) => `${((100 * n) / rows.length).toFixed(1)}%`;
const table = (title, entries) => { console.log(`\n${title}`); for (const [k, n] of entries) console.log(`  ${String(k).padEnd(44)} ${String(n).padStart(5)}  ${pct(n)}`); };

const kind = (r) => (r.source.startsWith('commit:') ? 'real: commit message' : r.source.startsWith('prompt:') ? 'real: prompt file' : r.source.startsWith('aider:') ? 'real: aider chat turn' : r.source.startsWith('trigger:') ? 'real: trigger phrase in a prompt file' : r.source.startsWith('specstory:') ? 'real: SpecStory chat turn' : r.source.startsWith('docs:') ? 'real: documentation example prompt' : r.source.startsWith('chat:') ? 'real: chat request (test fixture, saved chat or session prompt)' : r.source.startsWith('task:') ? 'real: task-spec title for an AI agent'
  : r.source.startsWith('composed:authored') ? 'mixed: authored opener + real commit' : r.source.startsWith('composed:commit:') ? 'real: two commits composed' : r.source.startsWith('composed:') ? 'real: two prompt-style requests composed' : `authored${r.source.includes(':') ? ' (' + r.source.split(':')[1] + ')' : ''}`);
const repo = (r) => { const m = r.source.match(/^(?:commit|prompt|aider|trigger|specstory|docs|task|chat):([^@]+)@/); return m ? m[1] : r.source.startsWith('composed:') ? '(composed)' : '(authored)'; };
const words = (t) => t.trim().split(/\s+/).length;
const bucket = (r) => { const w = words(r.text); return w <= 3 ? 'a. 1-3 words' : w <= 7 ? 'b. 4-7 words' : w <= 15 ? 'c. 8-15 words' : w <= 30 ? 'd. 16-30 words' : w <= 60 ? 'e. 31-60 words' : 'f. >60 words'; };

console.log(`${rows.length} examples in ${path}`);
table('per label', count((r) => r.label));
table('per source kind', count(kind));
const real = rows.filter((r) => kind(r).startsWith('real')).length;
console.log(`  real-text share: ${pct(real)} (mixed: ${pct(rows.filter((r) => kind(r).startsWith('mixed')).length)}, authored: ${pct(rows.filter((r) => kind(r).startsWith('authored')).length)})`);
table('per repository', count(repo));
table('per length bucket', count(bucket).sort((a, b) => a[0].localeCompare(b[0])));
const comp = rows.filter((r) => r.segments);
console.log(`\ncompound examples: ${comp.length} (${pct(comp.length)})`);
table('compound first->second label', count((r) => (r.segments ? r.segments.map((s) => s.label).join(' -> ') : null)).filter(([k]) => k !== null).slice(0, 15));
console.log('\nlabel x source kind');
const labels = [...new Set(rows.map((r) => r.label))].sort();
for (const L of labels) { const sub = rows.filter((r) => r.label === L); const c = (p) => sub.filter((r) => kind(r).startsWith(p)).length; console.log(`  ${L.padEnd(10)} real ${String(c('real')).padStart(4)}  mixed ${String(c('mixed')).padStart(3)}  authored ${String(c('authored')).padStart(4)}`); }
