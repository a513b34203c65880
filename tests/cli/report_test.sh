#!/usr/bin/env bash
# partysim report DIR: runs analysis/report.py, which writes DIR/report.html; bad input is its
# one-line answer and exit status 2.
# Usage: report_test.sh PATH_TO_PARTYSIM SCENARIO_DIR
set -u
partysim=$1
scenarios=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/partysim-report.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/checks.sh"

"$partysim" run "$scenarios/marketization.ini" --households 500 --months 24 --seed 1 --threads 1 \
  --quiet --out "$tmp/run" 2>"$tmp/err" || not_ok "a small run" "$(cat "$tmp/err")"
out=$("$partysim" report "$tmp/run" 2>&1)
if [ $? -eq 0 ] && grep -q "report.py: wrote $tmp/run/report.html" <<<"$out" &&
   grep -q "Plotly\|plotly-gz" "$tmp/run/report.html"; then
  ok "partysim report writes DIR/report.html"
else
  not_ok "partysim report writes DIR/report.html" "$out"
fi
out=$("$partysim" report "$tmp/run" --out "$tmp/r.html" 2>&1)
[ $? -eq 0 ] && [ -s "$tmp/r.html" ] && ok "partysim report --out FILE" || not_ok "partysim report --out FILE" "$out"
err=$("$partysim" report "$tmp/nothing" 2>&1 >/dev/null)
[ $? -eq 2 ] && [ "$(wc -l <<<"$err")" -eq 1 ] && grep -q "does not exist" <<<"$err" &&
  ok "a missing folder: one line, exit status 2" || not_ok "a missing folder: one line, exit status 2" "$err"
out=$("$partysim" report --help 2>&1)
[ $? -eq 0 ] && grep -q "usage" <<<"$out" && ok "partysim report --help" || not_ok "partysim report --help" "$out"
finish
