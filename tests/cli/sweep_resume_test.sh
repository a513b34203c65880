#!/usr/bin/env bash
# A sweep killed mid-way (SIGKILL) and run again gives a byte-identical summary.csv to an
# uninterrupted one, and runs finished before the kill are not run again. Also: task shares,
# collect refusing an unfinished sweep, and planning being deterministic.
# Usage: sweep_resume_test.sh PATH_TO_PARTYSIM SCENARIO_DIR
set -u
partysim=$1
scenarios=$(cd "$2" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/partysim-sweep.XXXXXX")
trap 'kill -9 $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT
source "$(dirname "$0")/checks.sh"
done_runs() { find "$1/runs" -mindepth 1 -maxdepth 1 -type d ! -name '*.partial-*' | wc -l; }

cat >"$tmp/sweep.ini" <<SWEEP
schema_version = 1
base = $scenarios/marketization.ini
design = grid
replicates = 2
seed = 99
[fixed]
households = 20000
months = 120
[vary]
enforcement.crackdown_rate = 0.01, 0.02, 0.03, 0.04
[summaries]
applications_late = applications mean 2008-01..2009-12
member_share_end = member_share at 2009-12
change = entry_price_quoted_mean_usd change 2000-01..2001-12 to 2008-01..2009-12
SWEEP

# Planning is deterministic.
"$partysim" sweep plan "$tmp/sweep.ini" --out "$tmp/a" >/dev/null
"$partysim" sweep plan "$tmp/sweep.ini" --out "$tmp/b" >/dev/null
check "plan.csv is identical for the same sweep file" cmp -s "$tmp/a/plan.csv" "$tmp/b/plan.csv"
check "planning again into the same folder is accepted" "$partysim" sweep plan "$tmp/sweep.ini" --out "$tmp/a"
check "plan.csv has 8 runs" [ "$(tail -n +2 "$tmp/a/plan.csv" | wc -l)" -eq 8 ]

# collect refuses a sweep that is not done.
err=$("$partysim" sweep collect "$tmp/a" 2>&1)
status=$?
[ $status -eq 3 ] && grep -q "8 of 8 runs are not done" <<<"$err" && ok "collect refuses an unfinished sweep" \
  || not_ok "collect refuses an unfinished sweep (status $status)" "$err"
check "no summary.csv after a refused collect" [ ! -e "$tmp/a/summary.csv" ]

# The uninterrupted reference.
"$partysim" sweep run "$tmp/a" --jobs 2 --quiet && "$partysim" sweep collect "$tmp/a" >/dev/null
check "uninterrupted sweep collected" [ -s "$tmp/a/summary.csv" ]
check "summary.csv has a row per run" [ "$(tail -n +2 "$tmp/a/summary.csv" | wc -l)" -eq 8 ]

# Killed twice at different moments, then finished.
for round in 1 2; do
  "$partysim" sweep run "$tmp/b" --jobs 1 --quiet &
  pid=$!
  target=$((round * 3))
  for _ in $(seq 1 600); do
    [ "$(done_runs "$tmp/b")" -ge "$target" ] && break
    sleep 0.05
  done
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  n=$(done_runs "$tmp/b")
  check "round $round: killed with $n of 8 runs done (between 1 and 7)" test "$n" -ge 1 -a "$n" -le 7
done
before=$(cd "$tmp/b/runs" && for d in run??????; do [ -d "$d" ] && stat -c '%n %i %Y' "$d/summary.csv"; done)
"$partysim" sweep run "$tmp/b" --jobs 2 --quiet
after=$(cd "$tmp/b/runs" && for d in run??????; do stat -c '%n %i %Y' "$d/summary.csv"; done)
# Each run's summary.csv keeps its inode and time: nothing finished was written again.
kept=$(comm -12 <(sort <<<"$before") <(sort <<<"$after") | wc -l)
check "the $(grep -c . <<<"$before") runs finished before the kill were not run again" [ "$kept" -eq "$(grep -c . <<<"$before")" ]
check "no temporary run folder is left" [ -z "$(find "$tmp/b/runs" -name '*.partial-*')" ]
"$partysim" sweep collect "$tmp/b" >/dev/null
check "summary.csv after kills is byte-identical to the uninterrupted one" cmp -s "$tmp/a/summary.csv" "$tmp/b/summary.csv"

# Stopped by SIGTERM with checkpoints (as Slurm's warning would): exit 75, the runs in progress
# keep a checkpoint, and the next sweep run continues them to the same summary.csv.
"$partysim" sweep plan "$tmp/sweep.ini" --out "$tmp/e" >/dev/null
"$partysim" sweep run "$tmp/e" --jobs 2 --checkpoint-every 7 --quiet 2>"$tmp/e.err" &
pid=$!
# Stopped while a run is under way (past its first checkpoint), not between two runs: after 3
# runs, once a run in progress has written 8 months or more.
in_flight_months() {
  local most=0 n f
  for f in "$1"/runs/*.partial-*/timeseries.csv; do
    [ -f "$f" ] || continue
    n=$(wc -l <"$f")
    [ "$n" -gt "$most" ] && most=$n
  done
  echo "$most"
}
for _ in $(seq 1 1200); do
  [ "$(done_runs "$tmp/e")" -ge 3 ] && [ "$(in_flight_months "$tmp/e")" -ge 9 ] && break
  sleep 0.05
done
kill -TERM "$pid"
wait "$pid"
status=$?
checkpoints=$(find "$tmp/e/runs" -path '*.partial-*/checkpoint.bin' | wc -l)
[ $status -eq 75 ] && [ "$checkpoints" -ge 1 ] && grep -q "runs saved a checkpoint" "$tmp/e.err" \
  && ok "sweep run stopped by SIGTERM: exit 75, $checkpoints runs with a checkpoint" \
  || not_ok "sweep run stopped by SIGTERM: exit 75 and checkpoints (status $status, $checkpoints)" "$(cat "$tmp/e.err")"
"$partysim" sweep run "$tmp/e" --jobs 1 --quiet && "$partysim" sweep collect "$tmp/e" >/dev/null
check "resumed from the checkpoints: summary.csv byte-identical to the uninterrupted one" cmp -s "$tmp/a/summary.csv" "$tmp/e/summary.csv"
check "resumed runs' timeseries.csv byte-identical too" diff -rq -x run.json -x '*.lock' "$tmp/a/runs" "$tmp/e/runs"
"$partysim" sweep slurm "$tmp/e" --array-size 2 --checkpoint-every 12 >/dev/null
check "sweep slurm passes --checkpoint-every on to sweep run" grep -q -- "--checkpoint-every 12 &" "$tmp/e/sweep.sbatch"

# Task shares: two tasks cover the plan exactly once.
"$partysim" sweep plan "$tmp/sweep.ini" --out "$tmp/c" >/dev/null
"$partysim" sweep run "$tmp/c" --task 0 --tasks 2 --jobs 2 --quiet
check "task 0 of 2 runs half the plan" [ "$(done_runs "$tmp/c")" -eq 4 ]
"$partysim" sweep run "$tmp/c" --task 1 --tasks 2 --jobs 2 --quiet
"$partysim" sweep collect "$tmp/c" --series applications,member_share >/dev/null
check "two task shares give the same summary.csv" cmp -s "$tmp/a/summary.csv" "$tmp/c/summary.csv"
check "series.csv has 8 runs x 120 months x 2 measures" [ "$(tail -n +2 "$tmp/c/series.csv" | wc -l)" -eq 1920 ]

# Sobol and Morris sweeps: the files SALib reads.
cat >"$tmp/sobol.ini" <<SWEEP
schema_version = 1
base = $scenarios/marketization.ini
design = sobol
samples = 2
seed = 1
[fixed]
households = 500
months = 24
[vary]
opinion.status_value = 8..14
purges.purge_rate = 0.0005..0.002 log
[summaries]
applications_mean = applications mean 2000-01..2001-12
SWEEP
sed -e 's/^design = sobol/design = morris/' -e 's/^samples = 2/samples = 3/' "$tmp/sobol.ini" >"$tmp/morris.ini"
for design in sobol morris; do
  rows=$([ $design = sobol ] && echo 12 || echo 9)  # N (2D + 2) = 2 x 6; r (D + 1) = 3 x 3
  "$partysim" sweep plan "$tmp/$design.ini" --out "$tmp/$design" >/dev/null &&
    "$partysim" sweep run "$tmp/$design" --jobs 2 --quiet && "$partysim" sweep collect "$tmp/$design" >/dev/null
  salib=$tmp/$design/salib
  check "$design: problem.txt names 2 parameters with bounds" \
    grep -qx 'log10(purges.purge_rate) -3.30102999566398[0-9]* -2.69897000433601[0-9]*' "$salib/problem.txt"
  check "$design: sample.txt has $rows rows of 2 columns" \
    test "$(wc -l <"$salib/sample.txt")" -eq $rows -a "$(awk '{print NF}' "$salib/sample.txt" | sort -u)" = 2
  check "$design: Y_applications_mean.txt has $rows numbers" \
    [ "$(grep -cE '^-?[0-9.e+-]+$' "$salib/Y_applications_mean.txt")" -eq $rows ]
done

# Bad sweep files get located errors.
printf 'schema_version = 1\nbase = %s/marketization.ini\ndesign = lhs\n[vary]\nenforcement.crackdwn_rate = 0.1..0.2\n[summaries]\nx = applicatons at 2001-01\n' "$scenarios" >"$tmp/bad.ini"
err=$("$partysim" sweep plan "$tmp/bad.ini" --out "$tmp/d" 2>&1)
status=$?
[ $status -eq 2 ] && ok "a bad sweep file exits 2" || not_ok "a bad sweep file exits 2 (got $status)" "$err"
for piece in "bad.ini:5" "did you mean 'enforcement.crackdown_rate'" "bad.ini:7" "applicatons" "samples"; do
  grep -qF -- "$piece" <<<"$err" && ok "sweep error has '$piece'" || not_ok "sweep error has '$piece'" "$err"
done
check "nothing planned for a bad sweep file" [ ! -e "$tmp/d" ]

finish
