#!/usr/bin/env bash
# partysim validate and show on every shipped scenario and on broken files.
# Usage: scenario_tools_test.sh PATH_TO_PARTYSIM SCENARIO_DIR
set -u
partysim=$1
scenarios=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/partysim-tools.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/checks.sh"

shipped=("$scenarios"/*.ini)
[ ${#shipped[@]} -ge 1 ] && ok "found ${#shipped[@]} shipped scenarios" || not_ok "no shipped scenarios"

# Every shipped scenario validates.
out=$("$partysim" validate "${shipped[@]}" 2>&1)
if [ $? -eq 0 ] && [ "$(grep -c ': valid$' <<<"$out")" -eq ${#shipped[@]} ]; then
  ok "every shipped scenario validates"
else
  not_ok "every shipped scenario validates" "$out"
fi

# show round-trips: show X > Y; show Y prints the same text, and Y validates.
for file in "${shipped[@]}"; do
  name=$(basename "$file" .ini)
  if "$partysim" show "$file" >"$tmp/$name.1.ini" 2>"$tmp/err" &&
     "$partysim" show "$tmp/$name.1.ini" >"$tmp/$name.2.ini" 2>>"$tmp/err" &&
     cmp -s "$tmp/$name.1.ini" "$tmp/$name.2.ini"; then
    ok "show round-trips $name"
  else
    not_ok "show round-trips $name" "$(cat "$tmp/err")"
  fi
done

# show applies overrides and expands schedules.
text=$("$partysim" show "$scenarios/marketization.ini" --set enforcement.crackdown_rate=2000-01:0.02,2009-11:0.06 --seed 9)
grep -q '^crackdown_rate = 2000-01:0.02, 2009-11:0.06$' <<<"$text" && ok "show expands an overriding schedule" || not_ok "show expands an overriding schedule" "$text"
grep -q '^seed = 9$' <<<"$text" && ok "show applies --seed" || not_ok "show applies --seed" "$text"

# validate reports every problem of every file, with file and line, and exits 2.
printf 'schema_version = 1\nstart = 2000-01\nmonths = 3\nhouseholds = 10\nseed = 1\n[enforcement]\ncrackdwn_rate = 0.1\nexpel_if_caught = 2\n' >"$tmp/bad1.ini"
printf 'schema_version = 1\nbase = missing.ini\n' >"$tmp/bad2.ini"
err=$("$partysim" validate "$tmp/bad1.ini" "$scenarios/marketization.ini" "$tmp/bad2.ini" 2>&1)
status=$?
[ $status -eq 2 ] && ok "validate exits 2 when a file is invalid" || not_ok "validate exits 2 (got $status)" "$err"
for piece in "$tmp/bad1.ini:7" "did you mean 'enforcement.crackdown_rate'" "$tmp/bad1.ini:8" "out of range" \
             "$tmp/bad2.ini:2" "missing.ini" "marketization.ini: valid"; do
  grep -qF -- "$piece" <<<"$err" && ok "validate output has '$piece'" || not_ok "validate output has '$piece'" "$err"
done

# Every shipped sweep file plans (which checks every design point's scenario and summary).
for file in "$scenarios"/sweeps/*.ini; do
  name=$(basename "$file" .ini)
  if err=$("$partysim" sweep plan "$file" --out "$tmp/sweep-$name" 2>&1); then
    ok "sweep file $name plans"
  else
    not_ok "sweep file $name plans" "$err"
  fi
done

# Versions: a newer schema is refused.
printf 'schema_version = 7\nstart = 2000-01\nmonths = 3\nhouseholds = 10\nseed = 1\n' >"$tmp/newer.ini"
err=$("$partysim" validate "$tmp/newer.ini" 2>&1)
[ $? -eq 2 ] && grep -q "newer" <<<"$err" && ok "a newer schema_version is refused" || not_ok "a newer schema_version is refused" "$err"

finish
