#!/usr/bin/env bash
# linearity.sh runs the BenchmarkLinear* benchmarks (each at 1x, 2x and 4x
# of its input) and prints, per benchmark, the CPU time per operation at
# each size (the cpu-ms/op metric: user and system time of the process, so
# that other work on a shared machine does not distort the ratios) and the
# ratios x2/x1 and x4/x1: near 2 and 4 means linear cost, near 4 and 16
# quadratic.
#
#   scripts/linearity.sh [-t BENCHTIME]     (default 3x)
set -euo pipefail
cd "$(dirname "$0")/.."
benchtime=3x
while getopts "t:h" opt; do
	case $opt in
	t) benchtime=$OPTARG ;;
	*)
		awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
		exit 2
		;;
	esac
done
go test -run '^$' -bench '^BenchmarkLinear' -benchtime "$benchtime" -benchmem \
	./lint/report/ ./lint/baseline/ ./lint/document/ |
	awk '
	/^Benchmark/ {
		name = $1; sub(/-[0-9]+$/, "", name)
		n = split(name, parts, "/"); scale = parts[n]; base = substr(name, 1, length(name) - length(scale) - 1)
		for (i = 2; i <= NF; i++) { if ($(i+1) == "cpu-ms/op") ns = $i * 1e6; if ($(i+1) == "B/op") mem = $i }
		t[base, scale] = ns; m[base, scale] = mem
		if (!(base in seen)) { seen[base] = 1; order[++count] = base }
	}
	END {
		printf "%-36s %12s %12s %12s %7s %7s %10s\n", "benchmark", "x1 cpu ms", "x2 cpu ms", "x4 cpu ms", "x2/x1", "x4/x1", "x4 MB/op"
		for (i = 1; i <= count; i++) {
			b = order[i]
			printf "%-36s %12.2f %12.2f %12.2f %7.2f %7.2f %10.1f\n", b, t[b,"x1"]/1e6, t[b,"x2"]/1e6, t[b,"x4"]/1e6, t[b,"x2"]/t[b,"x1"], t[b,"x4"]/t[b,"x1"], m[b,"x4"]/1048576
		}
	}'
