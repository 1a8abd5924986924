#!/usr/bin/env bash
# Installs the Debian packages Baton's VS Code test tiers need, skipping those already present.
#   chromium: the browser Playwright drives; ripgrep + -dev headers: only to install code-server from npm;
#   git: real worktrees in integration tests.
set -euo pipefail
PKGS="chromium ripgrep libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev git"
missing=$(for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
if [ -z "$missing" ]; then
  echo "system packages: all present"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "system packages missing: $missing" >&2
  echo "install them with: sudo apt-get install -y $missing" >&2
  exit 1
fi
echo "system packages: installing $missing"
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
