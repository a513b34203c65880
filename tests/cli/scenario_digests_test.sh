#!/usr/bin/env bash
# Every shipped scenario's outputs at 20,000 households (seeds 1 and 2) match the record in
# tests/golden/scenario_digests.txt byte for byte. A refactor must leave them unchanged; a change
# meant to change the model rewrites the record with scripts/update_golden.
#   scenario_digests_test.sh PARTYSIM ROOT
set -u
partysim=$1 root=$2
record=$root/tests/golden/scenario_digests.txt
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
"$root/scripts/scenario_digests" "$partysim" >"$actual" || { echo "not ok - a scenario failed to run"; exit 1; }
expected_lines=$(( $(ls "$root"/scenarios/*.ini | wc -l) * 4 ))
if [ "$(wc -l <"$record")" -ne "$expected_lines" ]; then
  echo "not ok - the record has $(wc -l <"$record") lines, not $expected_lines (4 per scenario): rewrite it with scripts/update_golden"
  exit 1
fi
if diff -u "$record" "$actual"; then
  echo "ok - $expected_lines output files of $((expected_lines / 4)) scenarios are byte-identical to the record"
else
  echo "not ok - outputs differ from tests/golden/scenario_digests.txt (lines above)"
  exit 1
fi
