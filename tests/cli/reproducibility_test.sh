#!/usr/bin/env bash
# The command line gives byte-identical outputs for 1, 2 and 4 threads, and another seed differs.
# Usage: reproducibility_test.sh PATH_TO_PARTYSIM SCENARIO_DIR
set -u
partysim=$1
scenarios=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/partysim-repro.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
check() {  # check DESCRIPTION COMMAND...
  local description=$1
  shift
  if "$@"; then
    echo "ok - $description"
    passed=$((passed + 1))
  else
    echo "not ok - $description"
    failed=$((failed + 1))
  fi
}
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
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
