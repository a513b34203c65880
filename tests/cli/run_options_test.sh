#!/usr/bin/env bash
# `partysim run`'s options against careless input (issue 17): --overwrite replaces only a folder
# partysim wrote (its run.json) or an empty one; --out names that cannot work are refused before
# the run; --threads far beyond the cores is capped with a note; the command recorded in run.json
# is shell-quoted, so that pasting it redoes the run; default names do not collide.
# Usage: run_options_test.sh PATH_TO_PARTYSIM
set -u
partysim=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")  # absolute: some checks run elsewhere
tmp=$(mktemp -d "${TMPDIR:-/tmp}/partysim-run-options.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/checks.sh"

printf 'start = 2000-01\nmonths = 3\nhouseholds = 200\nseed = 1\nschema_version = 1\n' >"$tmp/tiny.ini"
good=$tmp/tiny.ini

# expect NAME STATUS TEXT ARGS...: `partysim run ARGS` exits STATUS with TEXT on stderr.
expect() {
  local name=$1 want=$2 text=$3
  shift 3
  local err status
  err=$("$partysim" run "$@" 2>&1 >/dev/null)
  status=$?
  if [ "$status" -eq "$want" ] && grep -qF -- "$text" <<<"$err"; then ok "$name"; else
    not_ok "$name (exit $status, want $want and '$text')" "$err"; fi
}
no_partial() { [ -z "$(find "$1" -maxdepth 1 -name '*.partial-*')" ]; }

# ---- --overwrite replaces only what partysim wrote ------------------------------------------------
mkdir "$tmp/notes" && echo "my notes" >"$tmp/notes/notes.txt"
expect "--overwrite of a folder of the user's files: refused" 3 "not a folder partysim wrote" \
  "$good" --out "$tmp/notes" --overwrite --quiet
check "the user's notes are untouched" [ "$(cat "$tmp/notes/notes.txt")" = "my notes" ]
echo "a file" >"$tmp/afile"
expect "--overwrite of a file: refused" 3 "not a folder partysim wrote" "$good" --out "$tmp/afile" --overwrite --quiet
check "the file is untouched" [ "$(cat "$tmp/afile")" = "a file" ]
mkdir "$tmp/other" && echo '{"name": "not partysim"}' >"$tmp/other/run.json"
expect "--overwrite of a folder with someone else's run.json: refused" 3 "not a folder partysim wrote" \
  "$good" --out "$tmp/other" --overwrite --quiet
mkdir "$tmp/target" && echo keep >"$tmp/target/keep.txt" && "$partysim" run "$good" --out "$tmp/target/run" --quiet
ln -s "$tmp/target" "$tmp/link"
expect "--overwrite of a symbolic link: refused" 3 "not a folder partysim wrote" "$good" --out "$tmp/link" --overwrite --quiet
check "the link's target is untouched" [ -f "$tmp/target/keep.txt" -a -L "$tmp/link" ]
check "no temporary folder left by the refusals" no_partial "$tmp"
mkdir "$tmp/empty"
"$partysim" run "$good" --out "$tmp/empty" --overwrite --quiet
check "--overwrite of an empty folder: the run is written there" [ -s "$tmp/empty/timeseries.csv" ]
"$partysim" run "$good" --out "$tmp/run1" --quiet && echo stale >"$tmp/run1/stale.txt"
"$partysim" run "$good" --out "$tmp/run1" --overwrite --quiet --seed 2
check "--overwrite of a partysim run folder: replaced" [ ! -e "$tmp/run1/stale.txt" -a -s "$tmp/run1/run.json" ]
"$partysim" run "$good" --out "$tmp/ens" --replicates 2 --quiet
"$partysim" run "$good" --out "$tmp/ens" --replicates 2 --overwrite --quiet
check "--overwrite of a partysim ensemble folder: replaced" [ $? -eq 0 -a -s "$tmp/ens/ensemble.csv" ]

# ---- --out names that cannot work are refused before the run -------------------------------------
mkdir "$tmp/cwd"
(cd "$tmp/cwd" && "$partysim" run "$good" --out "" --quiet 2>"$tmp/err"); status=$?
[ $status -eq 3 ] && grep -q "does not name a folder" "$tmp/err" && ok "--out '': refused (exit 3)" \
  || not_ok "--out '': refused (exit 3, got $status)" "$(cat "$tmp/err")"
check "--out '': nothing written in the working folder" [ -z "$(ls -A "$tmp/cwd")" ]
for name in . .. "$tmp/cwd/." "$tmp/cwd/.." /; do
  expect "--out '$name': refused" 3 "does not name a folder" "$good" --out "$name" --quiet
done
long=$(printf 'n%.0s' $(seq 1 240))
start=$SECONDS
expect "--out with a 240-character name (too long with the temporary suffix): refused" 3 "too long" \
  "$good" --out "$tmp/$long" --quiet --months 600 --households 20000
check "the long name is refused before the run (within 2 s)" [ $((SECONDS - start)) -le 2 ]
check "nothing left by the long name" no_partial "$tmp"
deep=$tmp$(printf '/%s' $(for _ in $(seq 1 17); do printf 'd%.0s' $(seq 1 250); echo; done))
expect "--out with a path longer than PATH_MAX: refused" 3 "too long" "$good" --out "$deep" --quiet

# ---- --threads beyond 4 x the cores is capped, with a note ----------------------------------------
start=$SECONDS
err=$("$partysim" run "$good" --out "$tmp/threads" --threads 100000 2>&1 >/dev/null)
status=$?
[ $status -eq 0 ] && grep -q "note: --threads 100000 capped at" <<<"$err" && ok "--threads 100000: capped with a note" \
  || not_ok "--threads 100000: capped with a note (exit $status)" "$err"
check "--threads 100000: the tiny run takes under 10 s" [ $((SECONDS - start)) -le 10 ]
check "run.json records the capped thread count" grep -q '"threads": [0-9]' "$tmp/threads/run.json"
! grep -q '"threads": 100000' "$tmp/threads/run.json" && ok "run.json does not claim 100000 threads" \
  || not_ok "run.json does not claim 100000 threads"

# ---- run.json's command is shell-quoted: pasted, it redoes the run --------------------------------
odd="$tmp/o d'd;touch $tmp/PWNED1;\$(touch $tmp/PWNED2)\`touch $tmp/PWNED3\`"
"$partysim" run "$good" --out "$odd" --quiet --set "households=150"
command=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["command_line"])' "$odd/run.json")
mv "$odd" "$tmp/first"
mkdir "$tmp/bin" && ln -s "$partysim" "$tmp/bin/partysim"
(cd "$tmp" && PATH="$tmp/bin:$PATH" bash -c "$command")
check "the pasted command redoes the run into the same folder" same_outputs "$tmp/first" "$odd"
check "no injected command ran" [ -z "$(ls "$tmp" | grep PWNED)" ]

# ---- Default names do not collide for runs started in the same second ------------------------------
mkdir "$tmp/loop"
(cd "$tmp/loop" && for seed in 1 2 3; do "$partysim" run "$good" --seed $seed --quiet || exit 1; done)
check "three runs without --out in a loop all succeed" [ $? -eq 0 ]
check "... into three folders" [ "$(ls "$tmp/loop/runs" | grep -c '^tiny-')" -eq 3 ]

# ---- The memory check respects the process's own limit (ulimit -v) ---------------------------------
# 20 million households need about 3 GB: more than a 1.5 GB address space allows, less than the
# machine (this test's machines have more than 8 GB).
# A sanitizer build cannot start under such a limit at all (its shadow memory alone reserves
# terabytes of address space), so this case runs in the Release stage of scripts/test only.
if grep -qa -e __asan_init -e __tsan_init "$partysim"; then
  echo "# ulimit -v case: not run on a sanitizer build (it runs in the Release stage)"
else
  err=$(ulimit -v 1500000; "$partysim" run "$good" --out "$tmp/big" --households 20000000 --quiet 2>&1)
  status=$?
  [ $status -eq 2 ] && grep -q "ulimit -v allows 1.5 GB" <<<"$err" && ok "ulimit -v 1.5 GB: a 3 GB run is refused naming the limit" \
    || not_ok "ulimit -v 1.5 GB: a 3 GB run is refused naming the limit (exit $status)" "$err"
  check "nothing written for the refused run" [ ! -e "$tmp/big" ] && no_partial "$tmp"
fi

# ---- A lock that fails for another reason than "held" is an error with that reason -----------------
if noflock_shim "$tmp/noflock.so"; then
  err=$(LD_PRELOAD=$tmp/noflock.so "$partysim" run "$good" --out "$tmp/nolock" --quiet 2>&1)
  status=$?
  [ $status -eq 3 ] && grep -q "cannot lock the output folder.*No locks available" <<<"$err" \
    && ok "flock failing with ENOLCK: exit 3 with the reason" || not_ok "flock failing with ENOLCK: exit 3 with the reason" "$err"
  check "flock failing: nothing left behind" [ ! -e "$tmp/nolock" ] && no_partial "$tmp"
else
  not_ok "a C compiler builds the flock shim"
fi

# ---- SIGHUP stops with a checkpoint like SIGTERM; SIGPIPE does not kill the run ---------------------
"$partysim" run "$good" --out "$tmp/hup" --quiet --months 600 --households 20000 2>/dev/null &
pid=$!
wait_rows "$tmp/hup.partial-*" 20
kill -HUP "$pid"
wait "$pid"
status=$?
check "SIGHUP: exit 75 with a checkpoint" [ $status -eq 75 -a -n "$(find "$tmp" -maxdepth 2 -path '*hup.partial-*/checkpoint.bin')" ]
# Meanwhile another run took the name: --resume says what can be done (--out is not allowed with it).
"$partysim" run "$good" --out "$tmp/hup" --quiet
expect "--resume into a folder that now exists: advice that can be followed" 3 \
  "move it away, or add --overwrite to replace it with the resumed run" --resume "$tmp/hup" --quiet
"$partysim" run --resume "$tmp/hup" --overwrite --quiet
check "SIGHUP: resumed (--overwrite) to a complete run" [ "$(wc -l <"$tmp/hup/timeseries.csv")" -eq 601 ]
"$partysim" run "$good" --out "$tmp/pipe" --quiet --months 600 --households 20000 &
pid=$!
wait_rows "$tmp/pipe.partial-*" 20
kill -PIPE "$pid"
wait "$pid"
status=$?
check "SIGPIPE: the run goes on and completes (exit $status)" [ $status -eq 0 -a "$(wc -l <"$tmp/pipe/timeseries.csv" 2>/dev/null)" = 601 ]

finish
