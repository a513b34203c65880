#!/usr/bin/env bash
# The command line gives byte-identical outputs for 1, 2 and 4 threads, and another seed differs.
# Usage: reproducibility_test.sh PATH_TO_PARTYSIM SCENARIO_DIR
set -u
partysim=$1
scenarios=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/partysim-repro.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/checks.sh"
run() {  # run NAME THREADS SEED
  "$partysim" run "$scenarios/marketization.ini" --households 3000 --months 36 --quiet \
    --threads "$2" --seed "$3" --out "$tmp/$1"
}
for threads in 1 2 4; do
  check "run with --threads $threads succeeds" run "t$threads" "$threads" 11
done
for file in timeseries.csv by_songbun.csv; do
  check "$file: 2 threads = 1 thread" cmp -s "$tmp/t1/$file" "$tmp/t2/$file"
  check "$file: 4 threads = 1 thread" cmp -s "$tmp/t1/$file" "$tmp/t4/$file"
done
check "run.json records the thread count" grep -q '"threads": 4' "$tmp/t4/run.json"
check "run with another seed succeeds" run other 2 12
check "another seed gives another timeseries.csv" bash -c "! cmp -s '$tmp/t1/timeseries.csv' '$tmp/other/timeseries.csv'"
# Replicates: run in step, each reproducible on its own from its recorded seed, and the ensemble
# does not depend on the number of threads.
ensemble() {  # ensemble NAME THREADS
  "$partysim" run "$scenarios/marketization.ini" --households 2000 --months 24 --quiet \
    --threads "$2" --seed 5 --replicates 3 --out "$tmp/$1"
}
check "a 3-replicate ensemble runs with 1 thread" ensemble e1 1
check "a 3-replicate ensemble runs with 2 threads" ensemble e2 2
check "ensemble.csv: 2 threads = 1 thread" cmp -s "$tmp/e1/ensemble.csv" "$tmp/e2/ensemble.csv"
check "three replicate folders" test -f "$tmp/e1/rep000/timeseries.csv" -a -f "$tmp/e1/rep002/timeseries.csv" -a ! -e "$tmp/e1/rep003"
measures=$(head -1 "$tmp/e1/rep000/timeseries.csv" | tr ',' '\n' | tail -n +2 | wc -l)
check "ensemble.csv has a row per month and measure" test "$(tail -n +2 "$tmp/e1/ensemble.csv" | wc -l)" -eq $((24 * measures))
seed1=$(sed -n 's/^ *"rep001": \([0-9]*\),*$/\1/p' "$tmp/e1/run.json")
"$partysim" run "$scenarios/marketization.ini" --households 2000 --months 24 --quiet --seed "$seed1" --out "$tmp/alone"
check "replicate 1 equals a run with its recorded seed ($seed1)" cmp -s "$tmp/e1/rep001/timeseries.csv" "$tmp/alone/timeseries.csv"
check "p5 <= p50 <= p95 and p5 <= mean <= p95 on every row" awk -F, 'NR > 1 && $4 != "" {
    if ($6 > $7 + 1e-9 || $7 > $8 + 1e-9 || $4 < $6 - 1e-9 || $4 > $8 + 1e-9) bad = 1 } END { exit bad }' "$tmp/e1/ensemble.csv"

finish
