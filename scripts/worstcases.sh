#!/usr/bin/env bash
# worstcases.sh runs the command line on the worst-case inputs of issue 15
# (docs/performance.md, "Worst cases") and prints, per case, the CPU time
# (user + sys), the peak RSS, the exit code, the size of standard output
# and the start of standard error.
#
#   scripts/worstcases.sh BINARY [CASE...]
#
# CASE is one of line long sarif base export alias coll rules (default:
# all). Each run is stopped after T seconds of wall time (default 100).
set -euo pipefail
bin=$(realpath "$1"); shift
cases=${*:-line long sarif base export alias coll rules}
T=${T:-100}
in=$(mktemp -d)
trap 'rm -rf "$in"' EXIT
python3 "$(dirname "$0")/worstcases.py" "$in"
run() { # name args...
	local name=$1; shift
	local code=0
	/usr/bin/time -f "%U %S %M" -o "$in/time" timeout "$T" "$bin" "$@" >"$in/out" 2>"$in/err" || code=$?
	read -r u s m < <(tail -1 "$in/time")
	printf "%-22s cpu=%6.2fs rss=%5dMB exit=%s out=%dB err=%s\n" "$name" "$(echo "$u+$s" | bc)" $((m / 1024)) "$code" \
		"$(stat -c %s "$in/out")" "$(head -c 160 "$in/err" | tr '\n' ' ')"
}
for k in $cases; do
	case $k in
	line) for n in 1 2 4; do run "text-line-$n" check --color never "$in/line$n.txt"; done ;;
	long) for n in 1 2 4; do run "text-long-$n" check --color never "$in/long$n.txt"; done ;;
	export)
		for n in 1 2 4; do run "json-export-text-$n" check --color never "$in/export$n.json"; done
		run "json-export-10k-text" check --color never "$in/export10k.json"
		;;
	sarif)
		for n in 1 2 4; do run "sarif-export-$n" check --format sarif "$in/export$n.json"; done
		run "sarif-export-10k" check --format sarif "$in/export10k.json"
		;;
	base) for n in 1 2 4; do run "baseline-export-$n" baseline --output "$in/baseline.json" "$in/export$n.json"; done ;;
	alias) for n in 1 2 4; do run "yaml-alias-$n" check --format json "$in/alias$n.yaml"; done ;;
	coll) for n in 10k 20k 40k; do run "yaml-coll-$n" check --format json --max-bytes 20000000 "$in/coll$n.yaml"; done ;;
	rules) run "rule-file-11MB" check --rules "$in/bigrules" "$in/line1.txt" ;;
	*) echo "unknown case $k" >&2; exit 2 ;;
	esac
done
