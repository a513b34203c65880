#!/usr/bin/env bash
# The command line gives byte-identical outputs for 1, 2 and 4 threads, and another seed differs.
# Usage: reproducibility_test.sh PATH_TO_PARTYSIM SCENARIO_DIR
set -u
partysim=$1
scenarios=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/partysim-repro.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/checks.sh"
# 33,000 households in cells of 50 let every parallel loop be cut into up to 32 chunks, so that
# 4 threads get more chunks than 2 (oneTBB splits for the threads it has): a loop over n items with
# grain g is halved while longer than g, so into up to 2^ceil(log2(n / g)) chunks; households: 33,000 / 2,048 (kHouseholdGrain, sim/model/parallel.hpp)
# = 16.1 -> 32; cells: 660 / 32 (kCellGrain) = 20.6 -> 32. Twelve months keep it quick.
run() {  # run NAME THREADS SEED
  "$partysim" run "$scenarios/marketization.ini" --households 33000 --population.cell_size 50 \
    --months 12 --quiet --threads "$2" --seed "$3" --out "$tmp/$1"
}
# run.json without the lines that record how and when the run was made (they must differ).
run_json_without_provenance() {
  grep -v -E '"(threads|command_line|started_utc|finished_utc|wall_seconds|household_steps_per_second)":' "$1"
}
# same_run_files A B: the same files, byte for byte, each run.json without its provenance lines.
same_run_files() {
  local files json
  files=$(cd "$1" && find . -type f | sort)
  [ -n "$files" ] && [ "$files" = "$(cd "$2" && find . -type f | sort)" ] || return 1
  diff -rq -x run.json "$1" "$2" >/dev/null || return 1
  for json in $(grep 'run\.json$' <<<"$files"); do
    cmp -s <(run_json_without_provenance "$1/$json") <(run_json_without_provenance "$2/$json") || return 1
  done
}
for threads in 1 2 4; do
  check "run with --threads $threads succeeds" run "t$threads" "$threads" 11
done
check "the run wrote timeseries.csv, by_songbun.csv and run.json" \
  test -s "$tmp/t1/timeseries.csv" -a -s "$tmp/t1/by_songbun.csv" -a -s "$tmp/t1/run.json"
check "every output file: 2 threads = 1 thread" same_run_files "$tmp/t1" "$tmp/t2"
check "every output file: 4 threads = 1 thread" same_run_files "$tmp/t1" "$tmp/t4"
check "run.json records the thread count" grep -q '"threads": 4' "$tmp/t4/run.json"
# outputs.json (the schema) names every column of the run's CSV files, in order, each with a unit
# and a meaning; by_songbun.csv's measures and classes are the ones its rows hold. Both JSON files
# parse.
schema_matches_run() {  # schema_matches_run RUN_DIR
  python3 - "$1" <<'PY'
import csv, json, sys
from pathlib import Path
run = Path(sys.argv[1])
schema = json.loads((run / "outputs.json").read_text())
assert json.loads((run / "run.json").read_text())["parameters"]
names = lambda columns: [c["name"] for c in columns]
timeseries, by_songbun = schema["timeseries.csv"], schema["by_songbun.csv"]
header = (run / "timeseries.csv").read_text().splitlines()[0].split(",")
assert names(timeseries["columns"]) + names(timeseries["measures"]) == header, "timeseries.csv columns"
for c in timeseries["columns"] + timeseries["measures"] + by_songbun["columns"] + by_songbun["measures"]:
    assert c["unit"] and c["meaning"], c
with open(run / "by_songbun.csv", newline="") as f:
    rows = list(csv.DictReader(f))
assert names(by_songbun["columns"]) == list(rows[0]), "by_songbun.csv columns"
assert [r["measure"] for r in rows[:len(by_songbun["measures"])]] == names(by_songbun["measures"])
assert sorted({r["measure"] for r in rows}) == sorted(names(by_songbun["measures"]))
assert sorted({r["songbun"] for r in rows}) == sorted(by_songbun["songbun"])
PY
}
check "outputs.json describes timeseries.csv and by_songbun.csv column by column" schema_matches_run "$tmp/t1"
check "run with another seed succeeds" run other 2 12
for file in timeseries.csv by_songbun.csv; do
  check "another seed gives another $file" bash -c "! cmp -s '$tmp/t1/$file' '$tmp/other/$file'"
done
# Replicates: run in step, each reproducible on its own from its recorded seed, and the ensemble
# does not depend on the number of threads.
ensemble() {  # ensemble NAME THREADS
  "$partysim" run "$scenarios/marketization.ini" --households 2000 --months 24 --quiet \
    --threads "$2" --seed 5 --replicates 3 --out "$tmp/$1"
}
check "a 3-replicate ensemble runs with 1 thread" ensemble e1 1
check "a 3-replicate ensemble runs with 2 threads" ensemble e2 2
check "ensemble.csv: 2 threads = 1 thread" cmp -s "$tmp/e1/ensemble.csv" "$tmp/e2/ensemble.csv"
check "every ensemble output file: 2 threads = 1 thread" same_run_files "$tmp/e1" "$tmp/e2"
check "three replicate folders" test -f "$tmp/e1/rep000/timeseries.csv" -a -f "$tmp/e1/rep002/timeseries.csv" -a ! -e "$tmp/e1/rep003"
check "each replicate folder carries its outputs.json" schema_matches_run "$tmp/e1/rep002"
schema_matches_ensemble() {  # schema_matches_ensemble ENSEMBLE_DIR
  python3 - "$1" <<'PY'
import json, sys
from pathlib import Path
folder = Path(sys.argv[1])
ensemble = json.loads((folder / "outputs.json").read_text())["ensemble.csv"]
runs = json.loads((folder / "rep000" / "outputs.json").read_text())["timeseries.csv"]
names = lambda columns: [c["name"] for c in columns]
lines = (folder / "ensemble.csv").read_text().splitlines()
assert names(ensemble["columns"]) == lines[0].split(","), "ensemble.csv columns"
assert names(ensemble["measures"]) == names(runs["measures"])
assert [line.split(",")[1] for line in lines[1:len(runs["measures"]) + 1]] == names(runs["measures"])
PY
}
check "the ensemble's outputs.json describes ensemble.csv" schema_matches_ensemble "$tmp/e1"
measures=$(head -1 "$tmp/e1/rep000/timeseries.csv" | tr ',' '\n' | tail -n +2 | wc -l)
check "ensemble.csv has a row per month and measure" test "$(tail -n +2 "$tmp/e1/ensemble.csv" | wc -l)" -eq $((24 * measures))
seed1=$(sed -n 's/^ *"rep001": \([0-9]*\),*$/\1/p' "$tmp/e1/run.json")
"$partysim" run "$scenarios/marketization.ini" --households 2000 --months 24 --quiet --seed "$seed1" --out "$tmp/alone"
check "replicate 1 equals a run with its recorded seed ($seed1)" cmp -s "$tmp/e1/rep001/timeseries.csv" "$tmp/alone/timeseries.csv"
check "p5 <= p50 <= p95 and p5 <= mean <= p95 on every row" awk -F, 'NR > 1 && $4 != "" {
    if ($6 > $7 + 1e-9 || $7 > $8 + 1e-9 || $4 < $6 - 1e-9 || $4 > $8 + 1e-9) bad = 1 } END { exit bad }' "$tmp/e1/ensemble.csv"

finish
