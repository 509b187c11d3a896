#!/usr/bin/env bash
# Proves replylint's integrations with their real clients, each in a
# throw-away git repository of reply templates:
#
#   1. SARIF: what "replylint check --format sarif" prints validates against
#      the OASIS SARIF 2.1.0 schema (../shared/schemas, or $SARIF_SCHEMA).
#   2. reviewdog reads that SARIF: findings land on the right file and line,
#      and its diff filter keeps only findings on changed lines.
#   3. Markdown: GitHub's renderer (cmark-gfm) turns --format markdown into
#      tables with one row per finding, even for a hostile file name.
#   4. GitHub Action: the action's run step (scripts/action-run.sh) with the
#      inputs as GitHub passes them: annotations, job summary, SARIF, outputs.
#   5. pre-commit framework: our .pre-commit-hooks.yaml, installed from a
#      snapshot of this work tree, blocks a commit of a bad template and lets
#      it through once "replylint check --fix --unsafe-fixes" (or a rewrite)
#      fixed it; the template hook accepts placeholders the draft hook refuses.
#   6. Plain git hook: "replylint hook install" blocks and then passes commits.
#
# Run it from anywhere; it works in a temporary directory and leaves the work
# tree as it was. Tools it cannot install (no root, no network) are skipped
# with a message; REPLYLINT_INTEGRATION_STRICT=1 turns a skip into a failure.
# reviewdog is cached in ${XDG_CACHE_HOME:-~/.cache}/replylint-integration.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

export GOFLAGS="${GOFLAGS:--buildvcs=false}"
strict="${REPLYLINT_INTEGRATION_STRICT:-}"
reviewdog_version=v0.17.0
cache="${XDG_CACHE_HOME:-$HOME/.cache}/replylint-integration"
schema="${SARIF_SCHEMA:-$root/../shared/schemas/sarif-schema-2.1.0.json}"
bad="$root/testdata/examples/bad-reply.txt"
good="$root/testdata/examples/good-reply.txt"

work=$(mktemp -d "${TMPDIR:-/tmp}/replylint-integration.XXXXXX")
trap 'rm -rf "$work"' EXIT

# git with a fixed identity and none of the user's configuration.
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME="replylint integration" GIT_AUTHOR_EMAIL="integration@example.invalid"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
export NO_COLOR=1

proved=()
skipped=()
section() { printf '\n== %s\n' "$*"; }
prove() { echo "PROVED: $*"; proved+=("$*"); }
skip() {
  echo "SKIPPED: $*"
  skipped+=("$*")
  if [ -n "$strict" ]; then
    echo "REPLYLINT_INTEGRATION_STRICT is set: a skip fails the run" >&2
    exit 1
  fi
}
fail() {
  echo "FAILED: $*" >&2
  exit 1
}
# expect WANT LOG CMD...: runs CMD with its output (stdout and stderr) in
# LOG; fails unless it exits WANT.
expect() {
  local want=$1 log=$2 code=0
  shift 2
  "$@" >"$log" 2>&1 || code=$?
  if [ "$code" -ne "$want" ]; then
    echo "--- output of: $*" >&2
    cat "$log" >&2
    fail "$* exited $code, want $want"
  fi
}
# expect_stdout WANT OUT CMD...: the same with only stdout in OUT.
expect_stdout() {
  local want=$1 out=$2 code=0
  shift 2
  "$@" >"$out" 2>"$out.stderr" || code=$?
  if [ "$code" -ne "$want" ]; then
    cat "$out.stderr" >&2
    fail "$* exited $code, want $want"
  fi
}
# contains FILE TEXT: fails unless FILE holds TEXT.
contains() {
  grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$1 does not contain: $2"; }
}
lacks() {
  if grep -qF -- "$2" "$1"; then cat "$1" >&2; fail "$1 contains: $2"; fi
}
# new_repo DIR: an empty git repository.
new_repo() {
  mkdir -p "$1"
  git -C "$1" init -q -b main
}
# apt_install PACKAGE COMMAND: installs a Debian package when COMMAND is
# missing and we are root; returns 1 when it is still missing.
apt_install() {
  command -v "$2" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing $1 with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >"$work/apt.log" 2>&1 ||
      { DEBIAN_FRONTEND=noninteractive apt-get update -qq >>"$work/apt.log" 2>&1 &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >>"$work/apt.log" 2>&1; } ||
      { tail -5 "$work/apt.log"; return 1; }
  fi
  command -v "$2" >/dev/null 2>&1
}

section "build replylint"
mkdir -p "$work/bin"
go build -o "$work/bin/replylint" ./cmd/replylint
export PATH="$work/bin:$PATH"
replylint --version

# A template repository: templates/refund.txt breaks policy, welcome.txt
# does not, both committed.
tpl="$work/templates"
new_repo "$tpl"
mkdir -p "$tpl/templates"
cp "$bad" "$tpl/templates/refund.txt"
cp "$good" "$tpl/templates/welcome.txt"
git -C "$tpl" add -A
git -C "$tpl" commit -q -m "templates"

section "1. SARIF output validates against the SARIF 2.1.0 schema"
if [ -f "$schema" ]; then
  (cd "$tpl" && expect_stdout 1 "$work/dir.sarif" replylint check --format sarif templates)
  expect_stdout 0 "$work/good.sarif" replylint check --format sarif "$good"
  printf 'Hi,\n\x1b[2J SO SORRY | <b>x</b>\r\nmail me: a@b.example\n' |
    replylint check --format sarif - >"$work/stdin.sarif" || true
  go run ./scripts/sarifcheck -schema "$schema" "$work/dir.sarif" "$work/good.sarif" "$work/stdin.sarif" | tee "$work/sarifcheck.log"
  grep -q "dir.sarif: valid SARIF 2.1.0, [1-9][0-9]* results" "$work/sarifcheck.log" || fail "no results in the SARIF of a bad template"
  contains "$work/sarifcheck.log" "good.sarif: valid SARIF 2.1.0, 0 results"
  prove "replylint's SARIF (findings, no findings, hostile stdin) matches the OASIS SARIF 2.1.0 schema"
else
  skip "SARIF schema not found at $schema (set SARIF_SCHEMA)"
fi

section "2. reviewdog $reviewdog_version reads replylint's SARIF"
reviewdog="$cache/reviewdog-$reviewdog_version/reviewdog"
if [ ! -x "$reviewdog" ]; then
  echo "installing reviewdog $reviewdog_version with go install"
  GOBIN="$(dirname "$reviewdog")" go install "github.com/reviewdog/reviewdog/cmd/reviewdog@$reviewdog_version" >"$work/reviewdog-install.log" 2>&1 ||
    { tail -5 "$work/reviewdog-install.log"; rm -f "$reviewdog"; }
fi
if [ -x "$reviewdog" ]; then
  (
    cd "$tpl"
    # A new, uncommitted line with a review request in the clean template.
    sed -i.orig '3a\
Please remove your 1-star review once the replacement arrives.' templates/welcome.txt
    rm -f templates/welcome.txt.orig
    replylint check --format sarif templates >"$work/rd.sarif" || true
    "$reviewdog" -f=sarif -reporter=local -filter-mode=nofilter <"$work/rd.sarif" >"$work/rd-all.log"
    "$reviewdog" -f=sarif -reporter=local -diff="git diff" -filter-mode=added <"$work/rd.sarif" >"$work/rd-added.log"
    expect 1 "$work/rd-fail.log" "$reviewdog" -f=sarif -reporter=local -filter-mode=nofilter -fail-on-error <"$work/rd.sarif"
    git checkout -q -- templates/welcome.txt
  )
  cat "$work/rd-added.log"
  contains "$work/rd-all.log" "templates/refund.txt:5:15: error:"
  contains "$work/rd-all.log" "(review-manipulation)"
  contains "$work/rd-all.log" "templates/welcome.txt:4:"
  contains "$work/rd-added.log" "templates/welcome.txt:4:"
  lacks "$work/rd-added.log" "templates/refund.txt"
  prove "reviewdog places replylint's SARIF findings on file:line:col and filters them to changed lines"
else
  skip "reviewdog $reviewdog_version could not be installed with go install"
fi

section "3. Markdown renders as tables in GitHub's renderer (cmark-gfm)"
if apt_install cmark-gfm cmark-gfm; then
  md="$work/markdown"
  mkdir -p "$md"
  # shellcheck disable=SC2016 # the backticks are part of the name
  hostile='x|y <img src=x onerror=alert(1)> `z` [l](javascript:alert(1)).txt'
  cp "$bad" "$md/$hostile"
  (cd "$md" && expect_stdout 1 "$work/report.md" replylint check --format markdown .)
  (cd "$md" && expect_stdout 1 "$work/report.json" replylint check --format json .)
  cmark-gfm --unsafe -e table "$work/report.md" >"$work/report.html"
  findings=$(grep -c '"rule":' "$work/report.json")
  tables=$(grep -c '<table>' "$work/report.html")
  cells=$(grep -o '<td' "$work/report.html" | wc -l)
  [ "$tables" -eq 2 ] || fail "want 2 tables (files, findings), got $tables"
  [ "$cells" -eq $((6 + 5 * findings)) ] || fail "want $((6 + 5 * findings)) cells for 1 file and $findings findings, got $cells"
  contains "$work/report.html" "<h2>replylint: failed</h2>"
  contains "$work/report.html" "&lt;img src=x onerror=alert(1)&gt;"
  tags=$(grep -o '<[a-z][a-z0-9]*' "$work/report.html" | sort -u | tr '\n' ' ')
  for t in $tags; do
    case "$t" in
    '<h2' | '<h3' | '<p' | '<table' | '<thead' | '<tbody' | '<tr' | '<th' | '<td' | '<br') ;;
    *) fail "unexpected HTML tag $t in the rendered report" ;;
    esac
  done
  prove "--format markdown renders as 2 tables with $findings finding rows; a hostile file name adds no HTML"
else
  skip "cmark-gfm not installed and cannot be installed (needs root and apt-get)"
fi

section "4. GitHub Action run step (action.yml, scripts/action-run.sh)"
(
  cd "$tpl"
  export INPUT_PATHS="templates" INPUT_CHANNEL=amazon INPUT_MODE="" INPUT_FAIL_LEVEL=error INPUT_MIN_SCORE=0
  export INPUT_FORMAT=github INPUT_ARGS="--disable style-shouting" INPUT_SARIF_FILE="$work/action/replylint.sarif"
  export INPUT_STEP_SUMMARY=true GITHUB_STEP_SUMMARY="$work/action/summary.md" GITHUB_OUTPUT="$work/action/output"
  mkdir -p "$work/action"
  : >"$GITHUB_STEP_SUMMARY"
  expect 1 "$work/action/stdout" bash "$root/scripts/action-run.sh"
  contains "$work/action/stdout" "::error file=templates/refund.txt,line=5,col=15,"
  contains "$GITHUB_STEP_SUMMARY" "## replylint: failed"
  contains "$GITHUB_STEP_SUMMARY" "| templates/welcome.txt |"
  contains "$GITHUB_OUTPUT" "exit-code=1"
  contains "$GITHUB_OUTPUT" "sarif-file=$INPUT_SARIF_FILE"
  if [ -f "$schema" ]; then
    go -C "$root" run ./scripts/sarifcheck -schema "$schema" "$INPUT_SARIF_FILE"
  fi
  # A clean template passes, and so does a bad one with fail-level off.
  INPUT_PATHS="templates/welcome.txt" expect 0 "$work/action/pass" bash "$root/scripts/action-run.sh"
  INPUT_FAIL_LEVEL=off expect 0 "$work/action/off" bash "$root/scripts/action-run.sh"
  # A bad flag is exit 2, not a silent pass.
  INPUT_ARGS="--no-such-flag" expect 2 "$work/action/usage" bash "$root/scripts/action-run.sh"
)
if command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' 2>/dev/null; then
  python3 - "$root/action.yml" "$root/.pre-commit-hooks.yaml" <<'EOF'
import sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
assert action["runs"]["using"] == "composite", "composite action"
for step in action["runs"]["steps"]:
    if "run" in step:
        assert step.get("shell") == "bash", step
        assert "${{" not in step["run"], "inputs reach scripts through env, not ${{ }}: %r" % step["run"]
hooks = yaml.safe_load(open(sys.argv[2]))
assert [h["id"] for h in hooks] == ["replylint", "replylint-templates"], hooks
for h in hooks:
    assert h["language"] == "golang" and h["entry"].startswith("replylint check"), h
print("action.yml and .pre-commit-hooks.yaml are well-formed")
EOF
fi
prove "the action's run step writes annotations, a job summary, SARIF and outputs, and exits with replylint's status"

section "5. pre-commit framework runs .pre-commit-hooks.yaml"
if ! apt_install pre-commit pre-commit; then
  skip "pre-commit not installed and cannot be installed (needs root and apt-get)"
elif ! git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  skip "$root is not a git work tree: cannot snapshot it for pre-commit"
else
  pre-commit --version
  # pre-commit clones a repository at a commit: snapshot the work tree as
  # it is (tracked and new files, not ignored ones), so uncommitted work is
  # what gets tested.
  src="$work/replylint-src"
  mkdir -p "$src"
  git -C "$root" ls-files -z -c -o --exclude-standard |
    (cd "$root" && tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -xf - -C "$src"
  git -C "$src" init -q -b main
  git -C "$src" add -A
  git -C "$src" commit -q -m snapshot
  rev=$(git -C "$src" rev-parse HEAD)

  # pre-commit builds the hook with GOPATH inside its cache: keep the module
  # cache we have, so nothing is downloaded again.
  GOMODCACHE="$(go env GOMODCACHE)"
  export GOMODCACHE
  export PRE_COMMIT_HOME="$work/pre-commit-home"

  pc="$work/precommit-repo"
  new_repo "$pc"
  mkdir -p "$pc/drafts" "$pc/templates"
  cat >"$pc/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $src
    rev: $rev
    hooks:
      - id: replylint
        files: ^drafts/
      - id: replylint-templates
        files: ^templates/
      - id: replylint
        alias: replylint-shipped-pattern
        exclude: ^(drafts|templates)/|^README\.md$
EOF
  echo "Notes for the team, not a reply." >"$pc/README.md"
  (
    cd "$pc"
    git add -A
    git commit -q -m "config" --no-verify
    pre-commit install >/dev/null

    # A bad draft: the commit is refused and the hook says why.
    cp "$bad" drafts/refund.txt
    git add drafts/refund.txt
    expect 1 "$work/pc-bad.log" git commit -m "bad draft"
    contains "$work/pc-bad.log" "review-manipulation"
    contains "$work/pc-bad.log" "drafts/refund.txt:5:15"
    echo "commit of a bad draft refused:"
    grep -E '^drafts/refund.txt:[0-9]+:[0-9]+: error' "$work/pc-bad.log" | head -5 || true

    # Fix it with replylint's own fixes; overlapping fixes take a second run.
    fixed=no
    for _ in 1 2 3 4 5; do
      if replylint check -q --fix --unsafe-fixes drafts/refund.txt >/dev/null 2>&1; then
        fixed=yes
        break
      fi
    done
    if [ "$fixed" = yes ]; then
      echo "replylint check --fix --unsafe-fixes fixed the draft"
    else
      echo "the fixes left findings; rewriting the draft by hand"
      cp "$good" drafts/refund.txt
    fi
    git add drafts/refund.txt
    expect 0 "$work/pc-good.log" git commit -m "fixed draft"
    echo "commit of the fixed draft accepted ($fixed by --fix)"

    # The template hook accepts a placeholder; the draft hook does not.
    sed 's/Hi Karen,/Hi {{buyer_name}},/' "$good" >templates/welcome.txt
    git add templates/welcome.txt
    expect 0 "$work/pc-tpl.log" git commit -m "template with a placeholder"
    cp templates/welcome.txt drafts/welcome.txt
    git add drafts/welcome.txt
    expect 1 "$work/pc-draft.log" git commit -m "draft with a placeholder"
    contains "$work/pc-draft.log" "placeholder"
    git reset -q drafts/welcome.txt

    # A macro collection with the shipped files pattern: a good entry
    # passes (its placeholders are expected), a review bribe is refused
    # and named; .pre-commit-config.yaml itself is no collection and is
    # left alone.
    mkdir -p macros
    cat >macros/shipping.yaml <<'YAML'
macros:
  - name: shipped
    body: |
      Hi {{buyer_name}},

      Thank you for your order. Your parcel left our warehouse today, and the tracking is on your order page.

      Best regards,
      {{agent}}
YAML
    git add macros/shipping.yaml
    expect 0 "$work/pc-macro-good.log" git commit -m "good macro"
    cat >macros/new.yaml <<'YAML'
- name: review-bribe
  body: |
    Hi {{buyer_name}},

    Thank you for your order. Leave us a 5-star review and we will send you a $10 gift card.

    Best regards,
    {{agent}}
YAML
    git add macros/new.yaml
    expect 1 "$work/pc-macro-bad.log" git commit -m "bad macro"
    contains "$work/pc-macro-bad.log" "review-incentive"
    contains "$work/pc-macro-bad.log" 'entry "review-bribe"'
    echo "commit of a bad macro entry refused:"
    grep -E '^macros/new.yaml:[0-9]+:[0-9]+: error' "$work/pc-macro-bad.log" | head -3 || true
    git reset -q macros/new.yaml
    rm macros/new.yaml

    # And in CI: pre-commit run --all-files passes on what was committed.
    rm drafts/welcome.txt
    expect 0 "$work/pc-all.log" pre-commit run --all-files
  )
  prove "pre-commit (replylint hooks from .pre-commit-hooks.yaml) refuses a bad draft, accepts it fixed, runs template mode, and with the shipped pattern refuses a bad macros/*.yaml entry and accepts a good one"
fi

section "6. plain git hook (replylint hook install)"
if replylint check --help | grep -q -- '--staged'; then
  gh="$work/hook-repo"
  new_repo "$gh"
  (
    cd "$gh"
    replylint hook install
    cp "$bad" refund.txt
    git add refund.txt
    expect 1 "$work/hook-bad.log" git commit -m "bad"
    contains "$work/hook-bad.log" "review-manipulation"
    cp "$good" refund.txt
    git add refund.txt
    expect 0 "$work/hook-good.log" git commit -m "fixed"
    # What is committed is the index: a bad edit left unstaged does not
    # belong to the commit (reported, not required).
    sed 's/Hi Karen,/Hello Karen,/' "$good" >refund.txt
    git add refund.txt
    cp "$bad" refund.txt
    if git commit -q -m "staged clean, work tree bad" >"$work/hook-index.log" 2>&1; then
      echo "the hook lints the staged text (a bad unstaged edit did not block the commit)"
    else
      echo "NOTE: the hook linted the work tree: a bad unstaged edit blocked a commit of clean staged text"
    fi
    replylint hook uninstall
  )
  prove "replylint hook install: a bad staged template blocks the commit, the fixed one passes"
else
  skip "replylint check has no --staged flag yet: the plain git hook cannot run"
fi

section "summary"
for p in "${proved[@]+"${proved[@]}"}"; do echo "proved:  $p"; done
for s in "${skipped[@]+"${skipped[@]}"}"; do echo "skipped: $s"; done
echo "integration: ${#proved[@]} proved, ${#skipped[@]} skipped"
