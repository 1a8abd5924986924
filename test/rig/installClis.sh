#!/usr/bin/env bash
# Installs the pinned vendor CLIs used by the offline test rig into a cache directory
# (NOT into the repo's dependencies). Idempotent: skips packages already at the pinned version.
#
#   BATON_TEST_CACHE   cache root (default: $HOME/.cache/baton-test)
#   BATON_RIG_SKIP_TSX=1  do not install tsx into the cache
#
# Prints the resolved bin paths as KEY=path lines on stdout (log lines go to stderr).
set -euo pipefail

CACHE_ROOT="${BATON_TEST_CACHE:-$HOME/.cache/baton-test}"
CLI_DIR="$CACHE_ROOT/clis"

# name|pinned version|bin name
PINS=(
	'@anthropic-ai/claude-code|2.1.197|claude'
	'@google/gemini-cli|0.61.0|gemini'
	'@openai/codex|0.169.0|codex'
)
TSX_PIN='4.23.15'

log() { printf '[installClis] %s\n' "$*" >&2; }

installed_version() {
	local pkg="$1" manifest="$CLI_DIR/node_modules/$1/package.json"
	[[ -f "$manifest" ]] || return 0
	node -e 'process.stdout.write(String(require(process.argv[1]).version ?? ""))' "$manifest"
}

mkdir -p "$CLI_DIR"
if [[ ! -f "$CLI_DIR/package.json" ]]; then
	printf '{\n\t"name": "baton-test-clis",\n\t"private": true,\n\t"version": "0.0.0"\n}\n' >"$CLI_DIR/package.json"
fi

wanted=()
for entry in "${PINS[@]}"; do
	IFS='|' read -r pkg version _bin <<<"$entry"
	current="$(installed_version "$pkg")"
	if [[ "$current" == "$version" ]]; then
		log "$pkg@$version already installed"
		continue
	fi
	resolved="$(npm view "$pkg@$version" version 2>/dev/null | tail -n1 || true)"
	if [[ -z "$resolved" ]]; then
		nearest="$(npm view "$pkg" versions --json 2>/dev/null | node -e '
			const want = process.argv[1].split(".").map(Number);
			const all = JSON.parse(require("fs").readFileSync(0, "utf8"));
			const list = (Array.isArray(all) ? all : [all]).filter((v) => /^\d+\.\d+\.\d+$/.test(v));
			const key = (v) => v.split(".").map(Number).reduce((acc, n) => acc * 100000 + n, 0);
			const target = key(want.join("."));
			list.sort((a, b) => Math.abs(key(a) - target) - Math.abs(key(b) - target));
			process.stdout.write(list[0] ?? "");
		' "$version")"
		if [[ -z "$nearest" ]]; then
			log "ERROR: $pkg has no usable version on the registry"
			exit 1
		fi
		log "WARNING: $pkg@$version is not on the registry; using nearest $nearest"
		version="$nearest"
		[[ "$current" == "$version" ]] && continue
	fi
	wanted+=("$pkg@$version")
done

if [[ "${BATON_RIG_SKIP_TSX:-0}" != '1' ]]; then
	if [[ "$(installed_version tsx)" != "$TSX_PIN" ]]; then
		wanted+=("tsx@$TSX_PIN")
	fi
fi

if ((${#wanted[@]} > 0)); then
	log "installing: ${wanted[*]}"
	# --save-exact keeps the cache package.json pinned; --no-package-lock keeps it small.
	(cd "$CLI_DIR" && npm install --save-exact --no-package-lock --no-audit --no-fund --loglevel=error "${wanted[@]}" >&2)
fi

BIN_DIR="$CLI_DIR/node_modules/.bin"
status=0
for entry in "${PINS[@]}"; do
	IFS='|' read -r pkg _version bin <<<"$entry"
	if [[ ! -x "$BIN_DIR/$bin" ]]; then
		log "ERROR: $BIN_DIR/$bin missing after install"
		status=1
		continue
	fi
	# Smoke test: catches a missing native optional dependency (claude-code-linux-x64, codex-linux-x64).
	if ! reported="$(timeout 60 "$BIN_DIR/$bin" --version 2>&1 </dev/null)"; then
		log "ERROR: $bin --version failed: $reported"
		status=1
		continue
	fi
	log "$bin --version: $reported"
	key="$(printf '%s' "$bin" | tr '[:lower:]' '[:upper:]')_BIN"
	printf '%s=%s\n' "$key" "$BIN_DIR/$bin"
done
if [[ -x "$BIN_DIR/tsx" ]]; then
	printf 'TSX_BIN=%s\n' "$BIN_DIR/tsx"
fi
exit "$status"
