// Shared helpers for the Baton intent-corpus build scripts (plain Node, no deps).
import { createHash } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';

export const LABELS = ['research', 'explain', 'implement', 'debug', 'refactor', 'review', 'test', 'docs', 'ui', 'ops'];
export const MIRROR = process.env.MIRROR || '/work/.mirror';
export const DEV = process.env.DEV_FILE || '/work/shared/data/intent-dev.jsonl';

/** deterministic pseudo-random in [0,1) from a string */
export function h01(s) {
  return parseInt(createHash('sha1').update(String(s)).digest('hex').slice(0, 8), 16) / 0x100000000;
}
export function normKey(t) {
  return t.toLowerCase().replace(/\s+/g, ' ').replace(/[.!?\s]+$/, '').trim();
}
export function gitDir(repo) {
  const base = `${MIRROR}/${repo.replace('/', '+')}/repo`;
  return existsSync(`${base}/.git`) ? `${base}/.git` : base;
}
/** Repositories whose material feeds the held-out dev set: never used for training. */
export function devRepos() {
  const s = new Set();
  if (!existsSync(DEV)) return s;
  for (const l of readFileSync(DEV, 'utf8').split('\n')) {
    if (!l.trim()) continue;
    const src = JSON.parse(l).source || '';
    const m = src.match(/^([\w.-]+)\/([\w.-]+)@/) || src.match(/(?:issue|PR|PR title)\s+([\w.-]+)\/([\w.-]+)/);
    if (m) { s.add(`${m[1]}/${m[2]}`.toLowerCase()); s.add(`owner:${m[1]}`.toLowerCase()); }
  }
  return s;
}
export function isDevRepo(repo, set = devRepos()) {
  const r = repo.toLowerCase();
  return set.has(r) || set.has(`owner:${r.split('/')[0]}`);
}
export function readJsonl(p) {
  return readFileSync(p, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}
