#!/usr/bin/env bash
# Checkpoint and restart: a run stopped by SIGTERM, SIGINT or SIGUSR1 at several months and
# resumed (with another thread count) gives outputs byte-identical to an uninterrupted run; a run
# killed by SIGKILL (before its first checkpoint, between checkpoints, while writing one, after
# finishing) never leaves a complete-looking folder and resumes from its last checkpoint to the
# same outputs; bad checkpoints (truncated, damaged, another build or format, another scenario,
# in use) are refused. A spun-up run stopped during its spin-up or after it resumes to the same
# outputs.
# Usage: checkpoint_test.sh PATH_TO_PARTYSIM SCENARIO_DIR
set -u
partysim=$1
scenario=$(cd "$2" && pwd)/marketization.ini
tmp=$(mktemp -d "${TMPDIR:-/tmp}/partysim-checkpoint.XXXXXX")
trap 'kill -9 $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT
source "$(dirname "$0")/checks.sh"
size=(--households 20000 --months 240 --seed 3)


"$partysim" run "$scenario" "${size[@]}" --threads 2 --quiet --out "$tmp/ref"
"$partysim" run "$scenario" "${size[@]}" --threads 2 --quiet --replicates 3 --out "$tmp/ref_ensemble"

# Stopped by each signal at a different month, resumed with another number of threads.
stop_and_resume() {  # NAME SIGNAL ROWS START_THREADS RESUME_THREADS [run options]
  local name=$1 signal=$2 rows=$3 t1=$4 t2=$5
  shift 5
  "$partysim" run "$scenario" "${size[@]}" --threads "$t1" --quiet --out "$tmp/$name" "$@" 2>"$tmp/$name.err" &
  local pid=$!
  local glob="$tmp/$name.partial-*"
  [ "$#" -gt 0 ] && glob="$tmp/$name.partial-*/rep000"
  wait_rows "$glob" "$rows"
  kill "-$signal" "$pid"
  wait "$pid"
  local status=$?
  local month
  month=$(sed -n 's/.*after month \([0-9]*\) of.*/\1/p' "$tmp/$name.err")
  if [ $status -eq 75 ] && [ -n "$month" ] && [ ! -e "$tmp/$name" ] && ls "$tmp/$name".partial-*/checkpoint.bin >/dev/null 2>&1; then
    ok "$name: SIG$signal stops with status 75 after month $month and a checkpoint, no final folder"
  else
    not_ok "$name: SIG$signal stops with status 75 and a checkpoint (status $status)" "$(cat "$tmp/$name.err")"
  fi
  local err
  err=$("$partysim" run --resume "$tmp/$name" --threads "$t2" --quiet 2>&1)
  status=$?
  [ $status -eq 0 ] && ok "$name: resumed with $t2 threads" || not_ok "$name: resumed (status $status)" "$err"
}
stop_and_resume term TERM 30 2 1
check "SIGTERM, resumed: outputs byte-identical to the uninterrupted run" same_outputs "$tmp/ref" "$tmp/term"
check "run.json records the month it was resumed at" grep -q '"resumed_from_checkpoint_at_months"' "$tmp/term/run.json"
check "no unfinished folder is left after resuming" bash -c "! ls -d '$tmp'/term.partial-* 2>/dev/null"
stop_and_resume int INT 100 1 4
check "SIGINT, resumed: outputs byte-identical" same_outputs "$tmp/ref" "$tmp/int"
stop_and_resume usr1 USR1 180 4 2
check "SIGUSR1, resumed: outputs byte-identical" same_outputs "$tmp/ref" "$tmp/usr1"
stop_and_resume ensemble TERM 60 2 1 --replicates 3
check "replicates, resumed: every replicate and ensemble.csv byte-identical" same_outputs "$tmp/ref_ensemble" "$tmp/ensemble"

# A spun-up run (1980-01 .. 2007-12 simulated, not reported; 2008-01 .. 2012-12 reported) stopped
# during its spin-up (replicates, so ensemble.csv too) and after it, resumed with other thread
# counts: byte-identical to the uninterrupted runs.
warm=(--households 20000 --seed 3 --spin_up_from 1980-01 --start 2008-01 --months 60)
spin_up=$(( (2008 - 1980) * 12 ))
"$partysim" run "$scenario" "${warm[@]}" --threads 2 --quiet --out "$tmp/ref_warm"
"$partysim" run "$scenario" "${warm[@]}" --threads 2 --quiet --replicates 2 --out "$tmp/ref_warm_ensemble"
if [ "$(wc -l <"$tmp/ref_warm/timeseries.csv")" -eq 61 ] && [ "$(sed -n 2p "$tmp/ref_warm/timeseries.csv" | cut -c1-7)" = 2008-01 ] &&
   grep -q "\"spin_up_months\": $spin_up" "$tmp/ref_warm/run.json"; then
  ok "spin-up: 60 rows from 2008-01, run.json records $spin_up months of spin-up"
else
  not_ok "spin-up: 60 rows from 2008-01, run.json records $spin_up months of spin-up"
fi
# During the spin-up: stopped as soon as the first periodic checkpoint (month 12) is there.
"$partysim" run "$scenario" "${warm[@]}" --threads 2 --quiet --replicates 2 --checkpoint-every 12 \
  --out "$tmp/warm_early" 2>"$tmp/warm_early.err" &
pid=$!
for _ in $(seq 1 3000); do compgen -G "$tmp/warm_early.partial-*/checkpoint.bin" >/dev/null && break; sleep 0.01; done
kill -TERM $pid; wait $pid; status=$?
month=$(sed -n 's/.*after month \([0-9]*\) of.*/\1/p' "$tmp/warm_early.err")
if [ $status -eq 75 ] && [ -n "$month" ] && [ "$month" -lt "$spin_up" ] && [ "$(rows_of "$tmp/warm_early.partial-*/rep000")" -eq 1 ]; then
  ok "spin-up: SIGTERM during the spin-up stops after month $month of its $spin_up, nothing reported yet"
else
  not_ok "spin-up: SIGTERM during the spin-up (status $status, month '$month', spin-up $spin_up)" "$(cat "$tmp/warm_early.err")"
fi
"$partysim" run --resume "$tmp/warm_early" --threads 1 --quiet
check "spin-up: stopped during the spin-up, resumed: every replicate and ensemble.csv byte-identical" \
  same_outputs "$tmp/ref_warm_ensemble" "$tmp/warm_early"
# After the spin-up: stopped once 20 months are reported.
"$partysim" run "$scenario" "${warm[@]}" --threads 1 --quiet --out "$tmp/warm_late" 2>"$tmp/warm_late.err" &
pid=$!
wait_rows "$tmp/warm_late.partial-*" 21
kill -TERM $pid; wait $pid; status=$?
month=$(sed -n 's/.*after month \([0-9]*\) of.*/\1/p' "$tmp/warm_late.err")
if [ $status -eq 75 ] && [ -n "$month" ] && [ "$month" -ge $((spin_up + 20)) ]; then
  ok "spin-up: SIGTERM after the spin-up stops after month $month (the spin-up's $spin_up counted)"
else
  not_ok "spin-up: SIGTERM after the spin-up (status $status, month '$month')" "$(cat "$tmp/warm_late.err")"
fi
"$partysim" run --resume "$tmp/warm_late" --threads 4 --quiet
check "spin-up: stopped after the spin-up, resumed: byte-identical" same_outputs "$tmp/ref_warm" "$tmp/warm_late"

# Stopped twice: stopped, resumed, stopped again, resumed again.
"$partysim" run "$scenario" "${size[@]}" --threads 2 --quiet --out "$tmp/twice" 2>/dev/null &
pid=$!; wait_rows "$tmp/twice.partial-*" 40; kill -TERM $pid; wait $pid
"$partysim" run --resume "$tmp/twice" --threads 1 --quiet 2>/dev/null &
pid=$!; wait_rows "$tmp/twice.partial-*" 150; kill -USR1 $pid; wait $pid
first=$?
"$partysim" run --resume "$tmp/twice" --threads 2 --quiet
check "stopped twice (second stop status $first), resumed twice: byte-identical" same_outputs "$tmp/ref" "$tmp/twice"
check "run.json records both resumptions" grep -q '"resumed_from_checkpoint_at_months": \[[0-9]*, [0-9]*\]' "$tmp/twice/run.json"

# SIGKILL at chosen points. Each run is frozen (SIGSTOP) once it has reached its point, what its
# folder holds is recorded, and it is then killed (SIGKILL), so the case a round exercises is the
# state that was seen, not a guess from timing; each case must be exercised at least once.
declare -A exercised=([before_checkpoint]=0 [after_checkpoint]=0 [rows_past_checkpoint]=0
                      [during_checkpoint_write]=0 [finished]=0)
# Waits (up to 30 s) until FOLDER_GLOB holds a checkpoint and N rows.
wait_checkpoint_and_rows() {
  for _ in $(seq 1 3000); do
    compgen -G "$1/checkpoint.bin" >/dev/null && [ "$(rows_of "$1")" -ge "$2" ] && return 0
    sleep 0.01
  done
  return 1
}
# Spins (up to 20 s) until FOLDER_GLOB holds a checkpoint being written (checkpoint.bin.writing-PID)
# beside an earlier one: a busy loop of shell builtins, so that the short window is seen.
wait_checkpoint_write() {
  local end=$((SECONDS + 20))
  until compgen -G "$1/checkpoint.bin" >/dev/null && compgen -G "$1/checkpoint.bin.writing-*" >/dev/null; do
    [ $SECONDS -lt $end ] || return 1
  done
}
# Waits (up to 30 s) until FOLDER exists.
wait_folder() { for _ in $(seq 1 3000); do [ -d "$1" ] && return 0; sleep 0.01; done; return 1; }

# sigkill_round NAME EVERY WAIT_COMMAND...: runs with --checkpoint-every EVERY, freezes the run
# once WAIT_COMMAND succeeds, classifies what its folders hold, kills it, and checks the outcome.
sigkill_round() {
  local name=$1 every=$2
  shift 2
  "$partysim" run "$scenario" "${size[@]}" --threads 2 --quiet --checkpoint-every "$every" --out "$tmp/$name" &
  local pid=$!
  # A wait that times out is reported as such (the case it aimed at is then also not exercised).
  "$@" || not_ok "$name: timed out waiting for its point (${*})"
  kill -STOP "$pid" 2>/dev/null
  local partial case rows writing=""
  partial=$(ls -d "$tmp/$name".partial-* 2>/dev/null | head -1)
  rows=$(rows_of "$partial")
  if [ -e "$tmp/$name" ]; then
    case=finished
  elif [ -n "$partial" ] && [ -e "$partial/checkpoint.bin" ]; then
    case=after_checkpoint
    compgen -G "$partial/checkpoint.bin.writing-*" >/dev/null && writing=yes
  else
    case=before_checkpoint
  fi
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  local err status month
  case $case in
    finished)
      # Killed after the rename into place: complete; a checkpoint still there (killed before its
      # removal) is removed by --resume, which finds a finished run.
      if [ -e "$tmp/$name/checkpoint.bin" ]; then
        err=$("$partysim" run --resume "$tmp/$name" --quiet 2>&1)
        grep -q "is a finished run" <<<"$err" || not_ok "$name: a finished folder with a checkpoint is a finished run" "$err"
      fi
      check "$name (killed after the run finished): its folder is complete, byte-identical" \
        same_outputs "$tmp/ref" "$tmp/$name"
      ;;
    before_checkpoint)
      err=$("$partysim" run --resume "$tmp/$name" --quiet 2>&1); status=$?
      if [ -n "$partial" ] && [ ! -e "$partial/checkpoint.bin" ] && [ ! -e "$tmp/$name" ] && [ $status -eq 3 ] &&
         grep -q "nothing to resume" <<<"$err"; then
        ok "$name (killed at $((rows - 1)) months, before the first checkpoint): nothing under the final name, only an unfinished folder without a checkpoint; --resume finds nothing to resume"
      else
        not_ok "$name (killed before the first checkpoint): no final folder, an unfinished one without a checkpoint, nothing to resume (status $status)" "$err"
      fi
      ;;
    after_checkpoint)
      # A half-written checkpoint.bin.writing-PID left by the kill: same_outputs below finds it if
      # the resumed run kept it.
      [ -n "$writing" ] && exercised[during_checkpoint_write]=$((exercised[during_checkpoint_write] + 1))
      err=$("$partysim" run --resume "$tmp/$name" --quiet 2>&1); status=$?
      month=$(sed -n 's/.*"resumed_from_checkpoint_at_months": \[\([0-9]*\)\].*/\1/p' "$tmp/$name/run.json" 2>/dev/null)
      if [ $status -eq 0 ] && [ -n "$month" ] && [ $((month % every)) -eq 0 ] && [ "$month" -ge "$every" ] &&
         [ "$month" -le $((rows - 1)) ] && same_outputs "$tmp/ref" "$tmp/$name" && [ -z "$(compgen -G "$tmp/$name.partial-*")" ]; then
        ok "$name (killed at $((rows - 1)) months${writing:+, during a checkpoint write}): resumed from the checkpoint at month $month, byte-identical, no unfinished folder left"
        [ "$month" -lt $((rows - 1)) ] && exercised[rows_past_checkpoint]=$((exercised[rows_past_checkpoint] + 1))
      else
        not_ok "$name (killed after a checkpoint): resumed from a checkpoint at a multiple of $every months <= $((rows - 1)), byte-identical (status $status, month '$month')" "$err"
      fi
      ;;
  esac
  exercised[$case]=$((exercised[$case] + 1))
}
# Before the first checkpoint (month 200): frozen once 20 months are written.
sigkill_round kill_early 200 wait_rows "$tmp/kill_early.partial-*" 21
# Between checkpoints (every 50 months): frozen once the one at month 100 exists and rows up to
# month 110 are written, so rows past the checkpoint are cut back on resume.
sigkill_round kill_mid 50 wait_checkpoint_and_rows "$tmp/kill_mid.partial-*" 111
# While a checkpoint is written (every month): frozen as soon as checkpoint.bin.writing-PID is seen
# beside an earlier checkpoint; the half-written file must be ignored and removed on resume.
# The window is short: a try that misses it is not a failure by itself (it is classified by what
# was seen), but the three together must catch it (checked below).
missable() { "$@" || true; }
for try in 1 2 3; do
  sigkill_round "kill_writing$try" 1 missable wait_checkpoint_write "$tmp/kill_writing$try.partial-*"
  [ "${exercised[during_checkpoint_write]}" -gt 0 ] && break
done
# After the final folder is in place (the process may be removing its checkpoint, or exiting).
sigkill_round kill_finished 100 wait_folder "$tmp/kill_finished"
for case in before_checkpoint after_checkpoint rows_past_checkpoint during_checkpoint_write finished; do
  [ "${exercised[$case]}" -gt 0 ] && ok "SIGKILL case exercised: $case (${exercised[$case]} times)" \
    || not_ok "SIGKILL case exercised: $case (never)"
done

# A stopped run to damage in several ways (each copy is resumed from its own folder name).
"$partysim" run "$scenario" "${size[@]}" --threads 2 --quiet --out "$tmp/base" 2>/dev/null &
pid=$!; wait_rows "$tmp/base.partial-*" 50; kill -TERM $pid; wait $pid
base=$(ls -d "$tmp"/base.partial-*)
copy() { rm -rf "$tmp/$1.partial-x-1" "$tmp/$1"; cp -r "$base" "$tmp/$1.partial-x-1"; echo "$tmp/$1.partial-x-1"; }
refused() {  # DESCRIPTION PATTERN FOLDER [more run arguments]
  local description=$1 pattern=$2 folder=$3
  shift 3
  local before err status
  before=$(md5sum "$folder"/*.csv)
  err=$("$partysim" run --resume "$folder" --quiet "$@" 2>&1)
  status=$?
  if [ $status -eq 2 ] && grep -q -- "$pattern" <<<"$err" && [ "$before" = "$(md5sum "$folder"/*.csv)" ] &&
     [ ! -e "${folder%.partial-*}" ]; then
    ok "$description: refused, files untouched ($(head -1 <<<"$err" | cut -c1-110)...)"
  else
    not_ok "$description: refused with status 2 and '$pattern', files untouched (status $status)" "$err"
  fi
}
folder=$(copy truncated); truncate -s 5000 "$folder/checkpoint.bin"
refused "a truncated checkpoint" "truncated or damaged" "$folder"
folder=$(copy cut_header); truncate -s 30 "$folder/checkpoint.bin"
refused "a checkpoint cut inside its header" "truncated" "$folder"
folder=$(copy damaged)
/usr/bin/python3 - "$folder/checkpoint.bin" <<'PY'
import sys
p = sys.argv[1]; b = bytearray(open(p, 'rb').read()); b[len(b) // 2] ^= 0x40; open(p, 'wb').write(b)
PY
refused "a damaged checkpoint (one bit flipped)" "checksum does not match" "$folder"
folder=$(copy other_build)
/usr/bin/python3 - "$folder/checkpoint.bin" <<'PY'
import sys
p = sys.argv[1]; b = open(p, 'rb').read(); i = b.index(b'partysim ', 20) + len('partysim ')
open(p, 'wb').write(b[:i] + b'9' + b[i + 1:])
PY
refused "a checkpoint from another partysim build" "was written by partysim 9" "$folder"
folder=$(copy other_format)
/usr/bin/python3 - "$folder/checkpoint.bin" <<'PY'
import sys, struct
p = sys.argv[1]; b = bytearray(open(p, 'rb').read()); b[20:24] = struct.pack('<I', 99); open(p, 'wb').write(b)
PY
refused "a checkpoint of another format" "has format 99" "$folder"
folder=$(copy not_checkpoint); echo "hello" >"$folder/checkpoint.bin"
refused "a file that is not a checkpoint" "is not a partysim checkpoint" "$folder"
folder=$(copy short_csv); truncate -s 100 "$folder/timeseries.csv"
refused "an output file shorter than the checkpoint records" "shorter" "$folder"
folder=$(copy other_scenario)
refused "another scenario than the checkpoint's" "made from another scenario" "$folder" "$scenario" --households 20000 --months 240 --seed 4
folder=$(copy same_scenario)
check "the same scenario and options are accepted with --resume" \
  "$partysim" run --resume "$folder" --quiet "$scenario" "${size[@]}"
check "  ... and give byte-identical outputs" same_outputs "$tmp/ref" "$tmp/same_scenario"

err=$("$partysim" run --resume "$tmp/ref" --quiet 2>&1); status=$?
[ $status -eq 3 ] && grep -q "is a finished run" <<<"$err" && ok "resuming a finished run is refused" \
  || not_ok "resuming a finished run is refused (status $status)" "$err"
cp -r "$tmp/ref" "$tmp/ref_with_checkpoint" && cp "$base/checkpoint.bin" "$tmp/ref_with_checkpoint/"
err=$("$partysim" run --resume "$tmp/ref_with_checkpoint" --quiet 2>&1); status=$?
[ $status -eq 3 ] && grep -q "is a finished run" <<<"$err" && [ ! -e "$tmp/ref_with_checkpoint/checkpoint.bin" ] \
  && ok "a finished folder still holding a checkpoint (killed just after the rename) is finished; the checkpoint goes" \
  || not_ok "a finished folder still holding a checkpoint is treated as finished (status $status)" "$err"
err=$("$partysim" run --resume "$tmp/nothing" --quiet 2>&1); status=$?
[ $status -eq 3 ] && grep -q "nothing to resume" <<<"$err" && ok "resuming where there is no checkpoint is refused" \
  || not_ok "resuming where there is no checkpoint is refused (status $status)" "$err"
err=$("$partysim" run --resume "$base" --out "$tmp/elsewhere" 2>&1); status=$?
[ $status -eq 2 ] && grep -q "drop --out" <<<"$err" && ok "--resume with --out is refused" \
  || not_ok "--resume with --out is refused (status $status)" "$err"
err=$("$partysim" run "$scenario" --checkpoint-every 0 --out "$tmp/zero" 2>&1); status=$?
[ $status -eq 2 ] && grep -q "checkpoint-every 0 is out of range" <<<"$err" && ok "--checkpoint-every 0 is refused" \
  || not_ok "--checkpoint-every 0 is refused (status $status)" "$err"

# A run in progress cannot be resumed by a second process at the same time.
"$partysim" run --resume "$base" --threads 1 --quiet --checkpoint-every 5 &
pid=$!
wait_rows "$base" 60
err=$("$partysim" run --resume "$base" --quiet 2>&1); status=$?
[ $status -eq 3 ] && grep -q "in use by another running partysim" <<<"$err" && ok "a folder being resumed is not resumed twice" \
  || not_ok "a folder being resumed is not resumed twice (status $status)" "$err"
wait $pid
check "  ... and the first resume finishes, byte-identical" same_outputs "$tmp/ref" "$tmp/base"
finish
