#!/usr/bin/env bash
# bench.sh compares replylint with Vale on the same message files.
#
#   scripts/bench.sh [-n RUNS] [-m MESSAGES] [-s SEED] [-r] [CORPUS_DIR]
#
# Without CORPUS_DIR a synthetic corpus of MESSAGES (default 2000) messages
# is generated with scripts/gencorpus; with it, CORPUS_DIR/messages (a
# labelled corpus such as /work/shared/corpus) is used as it is.
#
# Each tool runs RUNS times (default 5) over the directory, alternating:
#   replylint check --quiet --format json DIR     (all built-in rules,
#                                                  language detection on)
#   vale --config testdata/bench/vale/.vale.ini --output JSON DIR
# (the Vale style is generated from our rules by scripts/genvale; -r
# regenerates it from the current rules into a temporary directory and uses
# that instead of the committed copy). Wall time, CPU time (user+sys) and
# peak RSS come from GNU time; the medians are printed with the throughput
# ratio (Vale wall / replylint wall, above 1 means replylint is faster).
# Then one typical message goes through each CLI: wall time with hyperfine
# when it is installed, otherwise the median of repeated GNU time runs, and
# peak RSS from GNU time.
set -euo pipefail

runs=5
messages=2000
seed=1
regen=
while getopts "n:m:s:rh" opt; do
	case $opt in
	n) runs=$OPTARG ;;
	m) messages=$OPTARG ;;
	s) seed=$OPTARG ;;
	r) regen=1 ;;
	*)
		awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
		exit 2
		;;
	esac
done
shift $((OPTIND - 1))
corpus=${1:-}

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

say() { printf '%s\n' "$*" >&2; }

# Tools ------------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
	say "installing GNU time (Debian package 'time')"
	if [[ $(id -u) -eq 0 ]]; then apt-get install -y time >/dev/null; else sudo apt-get install -y time >/dev/null; fi
fi
gnutime=/usr/bin/time

say "building replylint"
go build -o "$tmp/replylint" ./cmd/replylint
replylint=$tmp/replylint

gopath=$(go env GOPATH)
export PATH="$PATH:$gopath/bin"
if ! command -v vale >/dev/null; then
	say "installing vale v3.21.0 (go install; our go.mod is not touched)"
	(cd "$tmp" && GOFLAGS=-mod=mod go install github.com/vale-cli/vale/v3/cmd/vale@v3.21.0)
fi
vale=$(command -v vale)
valeini=testdata/bench/vale/.vale.ini
if [[ -n $regen ]]; then
	say "regenerating the Vale style from rules/"
	go run ./scripts/genvale -out "$tmp/vale"
	valeini=$tmp/vale/.vale.ini
fi

# Corpus -----------------------------------------------------------------
if [[ -n $corpus ]]; then
	dir=$corpus/messages
	[[ -d $dir ]] || { say "$dir is not a directory"; exit 2; }
	label="labelled corpus $corpus"
else
	say "generating $messages messages (seed $seed)"
	go run ./scripts/gencorpus -out "$tmp/corpus" -n "$messages" -seed "$seed"
	dir=$tmp/corpus/messages
	label="synthetic corpus, scripts/gencorpus -n $messages -seed $seed"
fi
nfiles=$(find "$dir" -type f \( -name '*.txt' -o -name '*.md' \) | wc -l)
nbytes=$(find "$dir" -type f \( -name '*.txt' -o -name '*.md' \) -exec cat {} + | wc -c)

# One measured run: appends "wall cpu rss_kb" to $1. Exit status 0 and 1
# (findings) are fine; anything else stops the benchmark.
measure() {
	local out=$1
	shift
	local status=0
	"$gnutime" -f '%e %U %S %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/stderr" || status=$?
	if [[ $status -gt 1 ]]; then
		say "command failed (exit $status): $*"
		cat "$tmp/stderr" >&2
		cat "$tmp/time" >&2
		exit 1
	fi
	# GNU time writes "Command exited with non-zero status 1" before its
	# figures when the command finds problems: read the last line only.
	tail -n 1 "$tmp/time" | awk '{ printf "%.3f %.3f %d\n", $1, $2 + $3, $4 }' >>"$out"
}

median() { # median of column $2 in file $1
	sort -g -k"$2","$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

rl_dir=("$replylint" check --quiet --format json "$dir")
vale_dir=("$vale" --config "$valeini" --output JSON "$dir")

say "warming up (page cache, sanity check)"
"${rl_dir[@]}" >"$tmp/rl.json" || [[ $? -eq 1 ]]
"${vale_dir[@]}" >"$tmp/vale.json" || [[ $? -eq 1 ]]

: >"$tmp/rl.dir"
: >"$tmp/vale.dir"
for ((i = 1; i <= runs; i++)); do
	say "run $i/$runs"
	measure "$tmp/rl.dir" "${rl_dir[@]}"
	measure "$tmp/vale.dir" "${vale_dir[@]}"
done

# One message ------------------------------------------------------------
single=$tmp/single.txt
cp testdata/examples/good-reply.txt "$single"
rl_one=("$replylint" check --quiet --format json "$single")
vale_one=("$vale" --config "$valeini" --output JSON "$single")
single_runs=$((runs * 4))
: >"$tmp/rl.one"
: >"$tmp/vale.one"
for ((i = 1; i <= single_runs; i++)); do
	measure "$tmp/rl.one" "${rl_one[@]}"
	measure "$tmp/vale.one" "${vale_one[@]}"
done
one_tool="GNU time, median of $single_runs"
if command -v hyperfine >/dev/null; then
	one_tool="hyperfine, median of $single_runs"
	hyperfine -N --warmup 3 --runs "$single_runs" -i --export-json "$tmp/hf.json" \
		"${rl_one[*]}" "${vale_one[*]}" >/dev/null 2>&1
	# hyperfine reports seconds; keep its medians in column 1.
	awk -v RS='"median":' 'NR > 1 { split($0, a, ","); print a[1] }' "$tmp/hf.json" >"$tmp/hf.medians"
fi

# Findings count (a check that both did comparable work) ------------------
count_findings() {
	grep -o "\"$2\"" "$1" | wc -l
}
rl_findings=$(count_findings "$tmp/rl.json" rule)
vale_findings=$(count_findings "$tmp/vale.json" Check)

# Report -----------------------------------------------------------------
fmt_row() { printf '%-34s %12s %12s %9s\n' "$@"; }
rl_wall=$(median "$tmp/rl.dir" 1)
vale_wall=$(median "$tmp/vale.dir" 1)
echo
echo "Corpus: $label"
echo "        $nfiles files, $nbytes bytes, $runs runs per tool (medians)"
echo "Host:   $(nproc) CPUs, $(go version | awk '{print $3}'), $("$vale" --version)"
echo
fmt_row "" "replylint" "vale" "vale/rl"
fmt_row "directory: wall (s)" "$rl_wall" "$vale_wall" "$(awk -v a="$vale_wall" -v b="$rl_wall" 'BEGIN { printf "%.2fx", a / b }')"
fmt_row "directory: CPU user+sys (s)" "$(median "$tmp/rl.dir" 2)" "$(median "$tmp/vale.dir" 2)" \
	"$(awk -v a="$(median "$tmp/vale.dir" 2)" -v b="$(median "$tmp/rl.dir" 2)" 'BEGIN { printf "%.2fx", a / b }')"
fmt_row "directory: peak RSS (MiB)" "$(awk -v k="$(median "$tmp/rl.dir" 3)" 'BEGIN { printf "%.1f", k / 1024 }')" \
	"$(awk -v k="$(median "$tmp/vale.dir" 3)" 'BEGIN { printf "%.1f", k / 1024 }')" ""
fmt_row "directory: messages/s" "$(awk -v n="$nfiles" -v t="$rl_wall" 'BEGIN { printf "%.0f", n / t }')" \
	"$(awk -v n="$nfiles" -v t="$vale_wall" 'BEGIN { printf "%.0f", n / t }')" ""
fmt_row "directory: findings reported" "$rl_findings" "$vale_findings" ""
if [[ -f $tmp/hf.medians ]]; then
	fmt_row "one message: wall (ms, hyperfine)" \
		"$(sed -n 1p "$tmp/hf.medians" | awk '{ printf "%.1f", $1 * 1000 }')" \
		"$(sed -n 2p "$tmp/hf.medians" | awk '{ printf "%.1f", $1 * 1000 }')" ""
else
	fmt_row "one message: wall (ms)" "$(awk -v s="$(median "$tmp/rl.one" 1)" 'BEGIN { printf "%.0f", s * 1000 }')" \
		"$(awk -v s="$(median "$tmp/vale.one" 1)" 'BEGIN { printf "%.0f", s * 1000 }')" ""
fi
fmt_row "one message: CPU user+sys (ms)" "$(awk -v s="$(median "$tmp/rl.one" 2)" 'BEGIN { printf "%.0f", s * 1000 }')" \
	"$(awk -v s="$(median "$tmp/vale.one" 2)" 'BEGIN { printf "%.0f", s * 1000 }')" ""
fmt_row "one message: peak RSS (MiB)" "$(awk -v k="$(median "$tmp/rl.one" 3)" 'BEGIN { printf "%.1f", k / 1024 }')" \
	"$(awk -v k="$(median "$tmp/vale.one" 3)" 'BEGIN { printf "%.1f", k / 1024 }')" ""
echo
echo "One message: testdata/examples/good-reply.txt ($(wc -c <"$single") bytes), $one_tool."
echo "GNU time resolution is 10 ms for wall and CPU; CPU/RSS of one message are GNU time medians."
echo "replylint runs all built-in rules with language detection; the Vale style covers the"
echo "English policy rules only (see scripts/genvale), so replylint does strictly more work."
