#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the last release that runs on Node 20) from npm into the test
# cache, offline-safe and idempotent. Prints the code-server binary path on its last line.
#   cache: ${BATON_TEST_CACHE:-$HOME/.cache/baton-test}/code-server
set -euo pipefail
CACHE="${BATON_TEST_CACHE:-$HOME/.cache/baton-test}"
CS_VERSION=4.100.3
DIR="$CACHE/code-server"
CS="$DIR/node_modules/.bin/code-server"
# node-pty is built by code-server's postinstall; its absence means the install did not finish.
CS_OK="$DIR/node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node"
if [ -e "$CS_OK" ] && "$CS" --version 2>/dev/null | grep -q "^$CS_VERSION "; then
  echo "$CS"
  exit 0
fi
command -v rg >/dev/null || { echo "ripgrep is missing: run test/harness/installSystemDeps.sh" >&2; exit 1; }
rm -rf "$DIR" "$CACHE/tmp"
# @vscode/ripgrep's postinstall downloads rg from GitHub; seed its cache with Debian's rg instead.
RG_CACHE="$CACHE/tmp/vscode-ripgrep-cache-1.15.11"
mkdir -p "$DIR" "$RG_CACHE" "$CACHE/tmp/rg"
case "$(uname -m)" in
  x86_64) RG_TRIPLE=x86_64-unknown-linux-musl ;;
  aarch64) RG_TRIPLE=aarch64-unknown-linux-gnu ;;
  *) echo "unsupported machine $(uname -m)" >&2; exit 1 ;;
esac
cp "$(command -v rg)" "$CACHE/tmp/rg/rg"
tar -C "$CACHE/tmp/rg" -czf "$RG_CACHE/ripgrep-v13.0.0-10-$RG_TRIPLE.tar.gz" rg
printf '{ "name": "baton-code-server-host", "private": true }\n' > "$DIR/package.json"
# --unsafe-perm: code-server's postinstall refuses to run as root without it.
# npm_config_yes=true: node-pty's postinstall runs `npx node-gyp`, which must not prompt.
(cd "$DIR" && TMPDIR="$CACHE/tmp" npm_config_yes=true npm_config_audit=false npm_config_fund=false \
  npm install --unsafe-perm --no-save "code-server@$CS_VERSION" >&2)
[ -e "$CS_OK" ] || { echo "code-server's postinstall did not build its native modules" >&2; exit 1; }
echo "$CS"
