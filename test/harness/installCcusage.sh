#!/usr/bin/env bash
# Installs ccusage 17.2.1 (the reference for Baton's Claude token accounting) from npm into the test cache,
# idempotent and outside the repository. Prints the ccusage entry script (dist/index.js) on its last line.
#   cache: ${BATON_TEST_CACHE:-$HOME/.cache/baton-test}/ccusage
set -euo pipefail
CACHE="${BATON_TEST_CACHE:-$HOME/.cache/baton-test}"
CCUSAGE_VERSION=17.2.1
DIR="$CACHE/ccusage"
ENTRY="$DIR/node_modules/ccusage/dist/index.js"
installed_version() {
  node -e 'try { process.stdout.write(require(process.argv[1]).version) } catch { }' "$DIR/node_modules/ccusage/package.json"
}
if [ -e "$ENTRY" ] && [ "$(installed_version)" = "$CCUSAGE_VERSION" ]; then
  echo "$ENTRY"
  exit 0
fi
rm -rf "$DIR"
mkdir -p "$DIR" "$CACHE/tmp"
printf '{ "name": "baton-ccusage-host", "private": true }\n' > "$DIR/package.json"
# ~/.npmrc may say yes=false; nothing here prompts, but keep installs quiet and non-interactive.
(cd "$DIR" && TMPDIR="$CACHE/tmp" npm_config_yes=true npm_config_audit=false npm_config_fund=false \
  npm_config_update_notifier=false npm install --no-save --ignore-scripts "ccusage@$CCUSAGE_VERSION" >&2)
[ -e "$ENTRY" ] || { echo "ccusage $CCUSAGE_VERSION did not install (no $ENTRY)" >&2; exit 1; }
[ "$(installed_version)" = "$CCUSAGE_VERSION" ] || { echo "installed ccusage is $(installed_version), expected $CCUSAGE_VERSION" >&2; exit 1; }
echo "$ENTRY"
