#!/usr/bin/env bash
# `replylint serve` with its real clients, on loopback only:
#   1. gramma (npm), a LanguageTool client, pointed at /v2/check, reports
#      replylint's findings on a bad draft;
#   2. headless Chromium (Debian's chromium) driven by chromedp checks the
#      agents' page (service/browser_test.go) and saves screenshots;
#   3. a bounded load test (scripts/loadtest): throughput and p50/p99 at
#      concurrency 1, 8 and 64, resident memory over 100,000 requests;
#   4. SIGTERM stops the server cleanly, and its log holds no message text.
# Artifacts (screenshots, load numbers, the server log) go to
# $ARTIFACTS (default .ci/artifacts). Every step fails loudly.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
artifacts=${ARTIFACTS:-$root/.ci/artifacts}
mkdir -p "$artifacts"
work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "!! serve-integration: $*" >&2; exit 1; }

echo "-- build"
go build -o "$work/replylint" ./cmd/replylint

echo "-- start the server on a free loopback port"
"$work/replylint" serve --addr 127.0.0.1:0 --no-config 2>"$work/serve.log" &
pid=$!
url=""
for _ in $(seq 200); do
  url=$(grep -o 'url=http://[^ ]*' "$work/serve.log" | head -1 | cut -d= -f2 || true)
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/serve.log"; fail "the server did not start"; }
  sleep 0.1
done
[ -n "$url" ] || fail "the server did not say where it listens"
url=${url%/}
echo "server: $url (pid $pid)"
curl -fsS "$url/healthz" >/dev/null || fail "/healthz did not answer"

echo "-- gramma against /v2/check"
gramma=$(command -v gramma || true)
if [ -z "$gramma" ]; then
  npm install --prefix "$work/npm" --no-audit --no-fund --loglevel=error gramma@1.6.0 >/dev/null
  gramma="$work/npm/node_modules/.bin/gramma"
fi
mkdir -p "$work/gramma/home" "$work/gramma/w"
cp testdata/examples/bad-reply.txt "$work/gramma/w/draft.txt"
printf '{"api_url": "%s/v2/check"}\n' "$url" >"$work/gramma/w/.gramma.json"
set +e
(cd "$work/gramma/w" && HOME="$work/gramma/home" timeout 120 "$gramma" check --print --no-colors draft.txt) >"$work/gramma.out" 2>&1
code=$?
set -e
cat "$work/gramma.out"
cp "$work/gramma.out" "$artifacts/gramma.out"
[ "$code" -eq 1 ] || fail "gramma exited $code, want 1 (mistakes found)"
grep -q "Checking via $url/v2/check" "$work/gramma.out" || fail "gramma did not use the service"
grep -q "Asks to change or remove a review" "$work/gramma.out" || fail "gramma did not report review-manipulation"
grep -q "Rule: policy" "$work/gramma.out" || fail "gramma did not show the policy category"
grep -q "Suggested fix: 1) working. Honestly" "$work/gramma.out" || fail "gramma did not show the spacing fix"
echo "gramma: ok"

echo "-- headless Chromium drives the page (chromedp)"
chromium=$(command -v chromium || true)
if [ -z "$chromium" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
  chromium=$(command -v chromium) || fail "chromium did not install"
fi
"$chromium" --version
REPLYLINT_CHROMIUM="$chromium" REPLYLINT_ARTIFACTS="$artifacts" \
  go test -count=1 -run '^TestBrowserPage$' -v ./service/ 2>&1 | tee "$work/browser.out"
grep -q -- "--- PASS: TestBrowserPage" "$work/browser.out" || fail "the browser test did not pass"
[ -s "$artifacts/serve-page-after.png" ] || fail "no screenshot was saved"

echo "-- load test on loopback"
go run ./scripts/loadtest -url "$url" -pid "$pid" -c 1,8,64 -n 20000 -max 20s -soak 100000 -soak-max 180s \
  -json "$artifacts/loadtest.json" | tee "$artifacts/loadtest.md"

echo "-- graceful stop"
kill -TERM "$pid"
set +e
wait "$pid"
code=$?
set -e
pid=""
[ "$code" -eq 0 ] || { tail -5 "$work/serve.log"; fail "the server exited $code on SIGTERM"; }
grep -q 'msg=stopped' "$work/serve.log" || fail "the server did not log its stop"
# The log has a line per request, and none of the drafts' words.
grep -q 'path=/v2/check status=200' "$work/serve.log" || fail "no request lines in the log"
for word in blendershop Karen "1-star" Brightmill; do
  if grep -q -- "$word" "$work/serve.log"; then fail "the log holds message text ($word)"; fi
done
tail -3 "$work/serve.log" | cut -c1-200
cp "$work/serve.log" "$artifacts/serve.log"
echo "serve integration: ok"
