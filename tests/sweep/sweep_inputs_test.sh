#!/usr/bin/env bash
# Sweeps against careless and hostile input (issue 17): a run counts as complete only when its
# files are whole and it ran its plan row, and `sweep run` and `sweep collect` agree on that;
# plan.csv edited by hand is refused; reserved, duplicated and non-identifier names are refused at
# plan time; a design too large is refused at once with its size; `--series` is checked.
# Usage: sweep_inputs_test.sh PATH_TO_PARTYSIM SCENARIO_DIR
set -u
partysim=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")  # absolute: some checks run elsewhere
scenarios=$(cd "$2" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/partysim-sweep-inputs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/../cli/checks.sh"

# expect NAME STATUS TEXT COMMAND...: COMMAND exits STATUS and its stderr holds TEXT.
expect() {
  local name=$1 want=$2 text=$3
  shift 3
  local err status
  err=$("$@" 2>&1 >/dev/null)
  status=$?
  if [ "$status" -eq "$want" ] && grep -qF -- "$text" <<<"$err"; then
    ok "$name"
  else
    not_ok "$name (exit $status, want $want and '$text')" "$err"
  fi
}

# A small sweep: 2 points x 2 replicates of 24 months, 300 households.
write_sweep() {  # write_sweep FILE [EXTRA LINES for the end of [vary]...]
  local file=$1
  shift
  {
    printf 'schema_version = 1\nbase = %s/marketization.ini\ndesign = grid\nreplicates = 2\nseed = 5\n' "$scenarios"
    printf '[fixed]\nhouseholds = 300\nmonths = 24\n[vary]\nenforcement.crackdown_rate = 0.01, 0.03\n'
    local line
    for line in "$@"; do printf '%s\n' "$line"; done
    printf '[summaries]\napps = applications mean 2000-06..2001-06\n'
  } >"$file"
}
write_sweep "$tmp/sweep.ini"
"$partysim" sweep plan "$tmp/sweep.ini" --out "$tmp/s" >/dev/null || not_ok "plan the small sweep"
"$partysim" sweep run "$tmp/s" --jobs 2 --quiet || not_ok "run the small sweep"
"$partysim" sweep collect "$tmp/s" >/dev/null || not_ok "collect the small sweep"
mv "$tmp/s/summary.csv" "$tmp/reference.csv"
check "each run records what it ran (scenario.ini with its seed)" \
  grep -q "^seed = $(sed -n 2p "$tmp/s/plan.csv" | cut -d, -f4)\$" "$tmp/s/runs/run000000/scenario.ini"

# ---- One completeness test for run and collect ---------------------------------------------------
# damage NAME COMMAND: breaks run000001 with COMMAND, then collect must refuse naming it, sweep run
# must redo it (not say "already complete"), and collect must then give the reference summary.
damage() {
  local name=$1
  shift
  (cd "$tmp/s/runs" && eval "$*")
  expect "$name: collect refuses, naming the run" 3 "runs/run000001" "$partysim" sweep collect "$tmp/s"
  check "$name: no summary.csv written by the refused collect" [ ! -e "$tmp/s/summary.csv" ]
  local err
  err=$("$partysim" sweep run "$tmp/s" --jobs 1 2>&1)
  grep -q "1 runs done now, 3 were already complete" <<<"$err" && ok "$name: sweep run redoes just that run" \
    || not_ok "$name: sweep run redoes just that run" "$err"
  "$partysim" sweep collect "$tmp/s" >/dev/null && cmp -s "$tmp/s/summary.csv" "$tmp/reference.csv" \
    && ok "$name: collected again, the same summary.csv" || not_ok "$name: collected again, the same summary.csv"
  rm -rf "$tmp/s/summary.csv" "$tmp/s/runs/"*.incomplete-*
}
damage "run folder emptied" 'rm -rf run000001/*'
damage "a file in place of the run folder" 'rm -rf run000001 && echo x >run000001'
damage "summary.csv deleted" 'rm run000001/summary.csv'
damage "timeseries.csv cut in a value" 'head -c -7 run000001/timeseries.csv >t && mv t run000001/timeseries.csv'
damage "timeseries.csv cut at a row" 'head -n 14 run000001/timeseries.csv >t && mv t run000001/timeseries.csv'
damage "by_songbun.csv cut" 'head -c 5000 run000001/by_songbun.csv >t && mv t run000001/by_songbun.csv'
damage "summary.csv with an extra column" 'sed -i "2s/\$/,1/" run000001/summary.csv'
damage "run.json cut" 'head -c 20 run000001/run.json >t && mv t run000001/run.json'
damage "another run's folder copied over it" 'rm -rf run000001 && cp -r run000002 run000001'
damage "its record deleted" 'rm run000001/scenario.ini'

# ---- The plan and the runs agree -----------------------------------------------------------------
cp -r "$tmp/s" "$tmp/edited"
sed -i '3s/,0.01$/,0.02/' "$tmp/edited/plan.csv"
expect "plan.csv edited after the runs: collect refuses" 2 "is not the plan of its sweep.ini" \
  "$partysim" sweep collect "$tmp/edited"
expect "plan.csv edited after the runs: sweep run refuses" 2 "is not the plan of its sweep.ini" \
  "$partysim" sweep run "$tmp/edited" --quiet
"$partysim" sweep plan "$tmp/sweep.ini" --out "$tmp/fresh" >/dev/null
sed -i '2s/^\(run000000,0,0,\)[0-9]*/\16/' "$tmp/fresh/plan.csv"
expect "plan.csv (a seed) edited before running: sweep run refuses" 2 "plan.csv" \
  "$partysim" sweep run "$tmp/fresh" --quiet
check "nothing run for the edited plan" [ -z "$(ls "$tmp/fresh/runs" | grep -v lock)" ]
# sweep.ini and plan.csv edited together after the runs: the runs' records no longer match.
cp -r "$tmp/s" "$tmp/both"
sed -i 's/^enforcement.crackdown_rate = 0.01, 0.03$/enforcement.crackdown_rate = 0.01, 0.05/' "$tmp/both/sweep.ini"
sed -i 's/,0.03$/,0.05/' "$tmp/both/plan.csv"
expect "sweep.ini and plan.csv both edited after the runs: collect refuses, naming a run" 3 \
  "runs/run000002: it ran other parameters than its plan row" "$partysim" sweep collect "$tmp/both"
cp -r "$tmp/s" "$tmp/base"
sed -i 's/^purge_rate = .*/purge_rate = 0.25/' "$tmp/base/base.ini"
expect "base.ini edited after the runs: collect refuses, naming a run" 3 \
  "runs/run000000: it ran other parameters than its plan row" "$partysim" sweep collect "$tmp/base"

# ---- Names are checked at plan time -----------------------------------------------------------------
bad_plan() {  # bad_plan NAME TEXT [LINES...]: the sweep with LINES added exits 2 with TEXT, nothing planned
  local name=$1 text=$2
  shift 2
  write_sweep "$tmp/bad.ini" "$@"
  expect "$name: refused at plan time" 2 "$text" "$partysim" sweep plan "$tmp/bad.ini" --out "$tmp/bad"
  check "$name: nothing planned" [ ! -e "$tmp/bad" ]
}
bad_plan "seed in [vary]" "'seed' in [vary]" 'seed = 1, 2'
bad_plan "run_id in [fixed]" "'run_id' in [fixed]" '[fixed]' 'run_id = 3'
bad_plan "replicate in [vary]" "'replicate' in [vary]" 'replicate = 1, 2'
bad_plan "point as a summary name" "'point' in [summaries]" '[summaries]' 'point = applications at 2001-01'
bad_plan "seed in [fixed]" "'seed' in [fixed]" '[fixed]' 'seed = 7'
bad_plan "a key both fixed and varied" "both fixed and varied" 'households = 200, 400'
bad_plan "summary name with a comma" "is not a name of letters" '[summaries]' 'a,b = applications at 2001-01'
bad_plan "summary name with a slash" "is not a name of letters" '[summaries]' 'sub/dir = applications at 2001-01'
bad_plan "summary name with a quote" "is not a name of letters" '[summaries]' '"x" = applications at 2001-01'
bad_plan "summary name starting with a digit" "is not a name of letters" '[summaries]' '1x = applications at 2001-01'
bad_plan "the same summary name twice" "more than once" '[summaries]' 'apps = member_share at 2001-01'
write_sweep "$tmp/bad.ini" 'purges.purge_rate = x, 0.1'
err=$("$partysim" sweep plan "$tmp/bad.ini" --out "$tmp/bad" 2>&1)
grep -q "not a number" <<<"$err" && ! grep -q "varies nothing" <<<"$err" \
  && ok "one bad [vary] value is not also told it 'varies nothing'" \
  || not_ok "one bad [vary] value is not also told it 'varies nothing'" "$err"

# ---- Designs too large are refused at once ---------------------------------------------------------------
big_plan() {  # big_plan NAME DESIGN_LINES...
  local name=$1
  shift
  {
    printf 'schema_version = 1\nbase = %s/marketization.ini\nseed = 5\n' "$scenarios"
    local line
    for line in "$@"; do printf '%s\n' "$line"; done
  } >"$tmp/big.ini"
  local start=$SECONDS
  expect "$name: refused with its size" 2 "runs (" "$partysim" sweep plan "$tmp/big.ini" --out "$tmp/big"
  expect "$name: with a memory estimate" 2 "GB of memory" "$partysim" sweep plan "$tmp/big.ini" --out "$tmp/big"
  check "$name: refused within 5 s" [ $((SECONDS - start)) -le 5 ]
  check "$name: nothing planned" [ ! -e "$tmp/big" ]
}
grid10=$(seq -s, 1 10 | sed 's/,/, /g')
big_plan "a grid of 10^9 points" 'design = grid' '[vary]' \
  "purges.purge_rate = 0..1 n=1000" "enforcement.crackdown_rate = 0..1 n=1000" "opinion.status_value = 0..10 n=1000"
big_plan "lhs at the accepted maximum of samples" 'design = lhs' 'samples = 10000000' '[vary]' 'purges.purge_rate = 0..1'
big_plan "sobol with 10^6 samples" 'design = sobol' 'samples = 1000000' '[vary]' 'purges.purge_rate = 0..1' \
  'enforcement.crackdown_rate = 0..1'
big_plan "morris with 10^7 trajectories" 'design = morris' 'samples = 10000000' '[vary]' 'purges.purge_rate = 0..1'
big_plan "a grid of 10^4 points x 1000 replicates" 'design = grid' 'replicates = 1000' '[vary]' \
  "purges.purge_rate = 0..1 n=100" "enforcement.crackdown_rate = 0..1 n=100"

# ---- --out of sweep plan -------------------------------------------------------------------------------
expect "sweep plan --out '': refused" 3 "does not name a sweep folder" "$partysim" sweep plan "$tmp/sweep.ini" --out ""
for name in . .. "$tmp/x/.." /; do
  expect "sweep plan --out '$name': refused" 3 "does not name a sweep folder" "$partysim" sweep plan "$tmp/sweep.ini" --out "$name"
done
"$partysim" sweep plan "$tmp/sweep.ini" --out "$tmp/slash/" >/dev/null
check "sweep plan --out DIR/ (a trailing slash) plans into DIR" [ -s "$tmp/slash/plan.csv" ]
mkdir "$tmp/notes" && echo "mine" >"$tmp/notes/plan.txt"
expect "sweep plan into a user's folder: refused" 3 "is not a sweep folder" \
  "$partysim" sweep plan "$tmp/sweep.ini" --out "$tmp/notes"
check "the user's folder is untouched" [ "$(ls "$tmp/notes")" = plan.txt ]

# ---- --series -------------------------------------------------------------------------------------------
"$partysim" sweep collect "$tmp/s" --series applications,applications,member_share,applications >/dev/null
check "--series a,a writes each row once (4 runs x 24 months x 2 measures)" \
  [ "$(tail -n +2 "$tmp/s/series.csv" | wc -l)" -eq 192 -a "$(tail -n +2 "$tmp/s/series.csv" | sort -u | wc -l)" -eq 192 ]
rm -f "$tmp/s/series.csv"
expect "--series with an unknown measure exits 2" 2 "'applicatons' is not a measure" \
  "$partysim" sweep collect "$tmp/s" --series applications,applicatons
check "nothing written for an unknown measure" [ ! -e "$tmp/s/series.csv" ]

# ---- A run lock that fails for another reason than "held" is an error, not a silent skip --------------
if noflock_shim "$tmp/noflock.so"; then
  "$partysim" sweep plan "$tmp/sweep.ini" --out "$tmp/nolock" >/dev/null
  expect "sweep run where flock fails with ENOLCK: exit 3 with the reason" 3 "No locks available" \
    env LD_PRELOAD="$tmp/noflock.so" "$partysim" sweep run "$tmp/nolock" --quiet
else
  not_ok "a C compiler builds the flock shim"
fi

# ---- A sweep over a scenario with a spin-up ---------------------------------------------------------------
# closure_2020 (spun up from 2000-01, reported from 2012-01): each run reports from start only and
# equals `partysim run` with its plan row's values; a summary reaching into the spin-up is refused.
write_warm_sweep() {  # write_warm_sweep FILE SUMMARY_WINDOW
  printf 'schema_version = 1\nbase = %s/closure_2020.ini\ndesign = grid\nreplicates = 1\nseed = 5\n' "$scenarios" >"$1"
  printf '[fixed]\nhouseholds = 300\nmonths = 24\n[vary]\npurges.purge_rate = 0.001, 0.004\n' >>"$1"
  printf '[summaries]\napps = applications mean %s\n' "$2" >>"$1"
}
write_warm_sweep "$tmp/warm_outside.ini" 2011-06..2012-06
expect "a summary reaching into the spin-up is refused at plan time" 2 "reaches outside the run (2012-01..2013-12)" \
  "$partysim" sweep plan "$tmp/warm_outside.ini" --out "$tmp/warm_outside"
write_warm_sweep "$tmp/warm.ini" 2012-06..2013-06
"$partysim" sweep plan "$tmp/warm.ini" --out "$tmp/warm" >/dev/null && "$partysim" sweep run "$tmp/warm" --quiet &&
  "$partysim" sweep collect "$tmp/warm" >/dev/null
check "a sweep of a spun-up scenario runs and collects" [ "$(tail -n +2 "$tmp/warm/summary.csv" | wc -l)" -eq 2 ]
run=$tmp/warm/runs/run000001
check "  ... its runs report 24 months from 2012-01" \
  [ "$(wc -l <"$run/timeseries.csv")" -eq 25 -a "$(sed -n 2p "$run/timeseries.csv" | cut -c1-7)" = 2012-01 ]
check "  ... and record the spin-up" grep -q '"spin_up_months": 144' "$run/run.json"
"$partysim" run "$scenarios/closure_2020.ini" --households 300 --months 24 --purges.purge_rate 0.004 \
  --seed "$(sed -n 3p "$tmp/warm/plan.csv" | cut -d, -f4)" --quiet --out "$tmp/warm_single"
check "  ... and a run equals partysim run with its plan row's values" \
  cmp -s "$run/timeseries.csv" "$tmp/warm_single/timeseries.csv"

finish
