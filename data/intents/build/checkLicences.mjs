#!/usr/bin/env node
// Print the licence of every mirrored source repository at HEAD and fail if one is not MIT/Apache-2.0/BSD.
import { execFileSync } from 'node:child_process';
import { gitDir } from './lib.mjs';
import { REPOS } from './extractCommits.mjs';
import { AIDER_REPOS } from './extractAider.mjs';
import { COLLECTION_REPOS } from './extractCollections.mjs';

const all = [...REPOS, ...AIDER_REPOS, { repo: 'github/awesome-copilot', licence: 'MIT' }, { repo: 'wshobson/commands', licence: 'MIT' }, { repo: 'davila7/claude-code-templates', licence: 'MIT' },
  ...COLLECTION_REPOS.filter((r) => r.repo !== 'github/awesome-copilot')];
let bad = 0;
for (const { repo, licence } of all) {
  const git = (...a) => execFileSync('git', ['--git-dir', gitDir(repo), ...a], { encoding: 'utf8' });
  const file = git('ls-tree', '--name-only', 'HEAD').split('\n').find((f) => /^licen[cs]e/i.test(f));
  const text = file ? git('show', `HEAD:${file}`) : '';
  const found = /Apache License/i.test(text) ? 'Apache-2.0' : /\bMIT License|The MIT License|Permission is hereby granted, free of charge/i.test(text) ? 'MIT'
    : /BSD/i.test(text) ? 'BSD' : 'UNKNOWN';
  const ok = found === licence || (found === 'BSD' && /BSD/.test(licence));
  if (!ok) bad++;
  console.log(`${ok ? 'ok ' : 'BAD'} ${repo.padEnd(28)} expected ${licence.padEnd(10)} found ${found} (${file || 'no licence file'})`);
}
process.exit(bad ? 1 : 0);
