#!/usr/bin/env bash
# 'replylint lsp' with a real editor as its client: headless Neovim (the
# Debian package, 0.7.2 on Debian 12) opens a draft, edits it without
# saving, gets replylint's diagnostics for the buffer and applies code
# actions; testdata/lsp/neovim.lua asserts the buffer text. Fails loudly
# when Neovim cannot be installed or the test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS="${GOFLAGS:--buildvcs=false}"

if ! command -v nvim >/dev/null 2>&1; then
  echo "== installing neovim (apt-get)"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends neovim >/dev/null
fi
nvim --version | head -1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin="${REPLYLINT_BIN:-$work/replylint}"
if [ ! -x "$bin" ]; then
  go build -o "$bin" ./cmd/replylint
fi
mkdir -p "$work/project"
printf 'Hi Sam,\n\nI am sorry the blender stopped working.\n\nBest regards,\nBlender Team\n' > "$work/project/draft.txt"

set +e
REPLYLINT="$bin" WORKDIR="$work/project" timeout 120 \
  nvim --headless --clean -n -c "luafile testdata/lsp/neovim.lua" </dev/null
code=$?
set -e
if [ "$code" -ne 0 ]; then
  echo "!! the Neovim LSP test failed (exit $code)"
  exit 1
fi
echo "neovim LSP: 1 passed, 0 failed"
