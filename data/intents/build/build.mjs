#!/usr/bin/env node
// Rebuild data/intents/train.jsonl end to end (plain Node, no deps).
// Prerequisite: the source repositories mirrored under $MIRROR (default /work/.mirror/<owner>+<name>/repo),
// e.g. with the workplace's fetch tool (see ../SOURCES.md for the list and licences).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';

const dir = dirname(fileURLToPath(import.meta.url));
mkdirSync(`${dir}/out`, { recursive: true });
const steps = [
  'checkLicences.mjs',      // licence of every source repo at HEAD (fails on non-permissive)
  'extractCommits.mjs',     // -> out/commits.candidates.jsonl   (rule-labelled, rewritten commit subjects)
  'selectCommits.mjs',      // -> out/commits.selected.jsonl     (balanced deterministic sample)
  'extractAider.mjs',       // -> out/aider.candidates.jsonl     (real aider user turns)
  'extractPromptFiles.mjs', // -> out/promptfiles.jsonl          (awesome-copilot / wshobson prompt texts)
  'extractCollections.mjs', // -> out/collections.jsonl         (awesome-copilot / wshobson agents / VoltAgent / aider texts)
  'assemble.mjs',           // -> ../train.jsonl (overrides, authored text, compounds, typos, dedupe, dev-leak guard)
  '../stats.mjs',
  '../checkOverlap.mjs',
];
for (const s of steps) {
  console.log(`\n== ${s}`);
  execFileSync(process.execPath, [`${dir}/${s}`], { stdio: 'inherit' });
}
