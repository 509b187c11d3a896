#!/usr/bin/env bash
# The "Run replylint" step of the GitHub Action (action.yml). It reads the
# action's inputs from INPUT_* variables, never from ${{ }} expressions
# pasted into the script, so an input cannot inject shell code; and it runs
# outside GitHub too (scripts/integration.sh does), given the same variables.
#
#   INPUT_PATHS        files or directories, separated by spaces or newlines
#   INPUT_CHANNEL      --channel (empty: replylint's default)
#   INPUT_MODE         --mode (empty: replylint's default)
#   INPUT_FAIL_LEVEL   --fail-level
#   INPUT_MIN_SCORE    --min-score
#   INPUT_FORMAT       --format of the main run (github: annotations)
#   INPUT_ARGS         more flags for replylint check, separated by spaces
#   INPUT_SARIF_FILE   also write SARIF here (empty: no SARIF)
#   INPUT_STEP_SUMMARY "true": also append a Markdown report to $GITHUB_STEP_SUMMARY
#   REPLYLINT          the binary (default: replylint on PATH)
#
# Writes exit-code (and sarif-file) to $GITHUB_OUTPUT when it is set, and
# exits with replylint's status: 0 passed, 1 findings at or above the fail
# level, 2 a usage or input error.
set -euo pipefail

replylint="${REPLYLINT:-replylint}"

# Word splitting on spaces, tabs and newlines; no quoting, no globbing.
read -r -d '' -a paths <<<"${INPUT_PATHS:-.}" || true
read -r -d '' -a extra <<<"${INPUT_ARGS:-}" || true
if [ "${#paths[@]}" -eq 0 ]; then
  paths=(.)
fi

flags=()
[ -n "${INPUT_CHANNEL:-}" ] && flags+=(--channel "$INPUT_CHANNEL")
[ -n "${INPUT_MODE:-}" ] && flags+=(--mode "$INPUT_MODE")
[ -n "${INPUT_FAIL_LEVEL:-}" ] && flags+=(--fail-level "$INPUT_FAIL_LEVEL")
[ -n "${INPUT_MIN_SCORE:-}" ] && flags+=(--min-score "$INPUT_MIN_SCORE")
flags+=("${extra[@]}")

output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    echo "$1=$2" >>"$GITHUB_OUTPUT"
  fi
}

# Reports besides the main one. Their exit status repeats the main run's,
# except 2, which means they could not be written.
side_report() {
  local format=$1 dest=$2 code=0
  "$replylint" check "${flags[@]}" --color never --format "$format" -- "${paths[@]}" >"$dest" || code=$?
  if [ "$code" -ge 2 ]; then
    echo "::warning title=replylint::the $format report could not be written (exit status $code)"
  fi
}

code=0
"$replylint" check "${flags[@]}" --format "${INPUT_FORMAT:-github}" -- "${paths[@]}" || code=$?

if [ -n "${INPUT_SARIF_FILE:-}" ]; then
  mkdir -p "$(dirname "$INPUT_SARIF_FILE")"
  side_report sarif "$INPUT_SARIF_FILE"
  output sarif-file "$INPUT_SARIF_FILE"
fi

if [ "${INPUT_STEP_SUMMARY:-true}" = "true" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  summary=$(mktemp)
  side_report markdown "$summary"
  cat "$summary" >>"$GITHUB_STEP_SUMMARY"
  rm -f "$summary"
fi

output exit-code "$code"
exit "$code"
