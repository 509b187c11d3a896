#!/usr/bin/env bash
# fixtable.sh prints, for each fixture in testdata/fix, the findings before
# fixing, after --fix and after --fix --unsafe-fixes, the passes each fix
# loop took, and whether a second run leaves the fixed file unchanged (the
# fixed text reads back and is stable). Usage: scripts/fixtable.sh [binary]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
if [[ -z $bin ]]; then
	bin=$(mktemp -d)/replylint
	go build -o "$bin" ./cmd/replylint
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

count() { # findings in the JSON report of one file
	{ "$bin" check --no-config --format json "$1" 2>/dev/null || true; } |
		python3 -c 'import json,sys; print(sum(len(f["findings"]) for f in json.load(sys.stdin)["files"]))'
}
passes() { # "N fixes in M passes" from the fix run's standard error
	sed -n 's/.* in \([0-9]*\) pass.*/\1/p' "$1" | head -1 | grep . || echo 0
}

printf '| fixture | findings before | after --fix | passes | after --fix --unsafe-fixes | passes | second run unchanged |\n'
printf '|---|---|---|---|---|---|---|\n'
for src in testdata/fix/*; do
	name=$(basename "$src")
	before=$(count "$src")
	row="| $name | $before"
	stable=yes
	for flags in "--fix" "--fix --unsafe-fixes"; do
		dir="$work/${flags// /}"
		mkdir -p "$dir"
		cp "$src" "$dir/$name"
		# shellcheck disable=SC2086
		"$bin" check --no-config $flags "$dir/$name" >/dev/null 2>"$work/err" || true
		after=$(count "$dir/$name")
		cp "$dir/$name" "$work/once"
		# shellcheck disable=SC2086
		"$bin" check --no-config $flags "$dir/$name" >/dev/null 2>/dev/null || true
		cmp -s "$work/once" "$dir/$name" || stable=no
		row="$row | $after | $(passes "$work/err")"
	done
	printf '%s | %s |\n' "$row" "$stable"
done
