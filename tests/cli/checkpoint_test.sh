#!/usr/bin/env bash
# Checkpoint and restart: a run stopped by SIGTERM, SIGINT or SIGUSR1 at several months, or killed
# by SIGKILL after periodic checkpoints, and resumed (with another thread count) gives outputs
# byte-identical to an uninterrupted run; a killed run never leaves a complete-looking folder; bad
# checkpoints (truncated, damaged, another build or format, another scenario, in use) are refused.
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

# Stopped twice: stopped, resumed, stopped again, resumed again.
"$partysim" run "$scenario" "${size[@]}" --threads 2 --quiet --out "$tmp/twice" 2>/dev/null &
pid=$!; wait_rows "$tmp/twice.partial-*" 40; kill -TERM $pid; wait $pid
"$partysim" run --resume "$tmp/twice" --threads 1 --quiet 2>/dev/null &
pid=$!; wait_rows "$tmp/twice.partial-*" 150; kill -USR1 $pid; wait $pid
first=$?
"$partysim" run --resume "$tmp/twice" --threads 2 --quiet
check "stopped twice (second stop status $first), resumed twice: byte-identical" same_outputs "$tmp/ref" "$tmp/twice"
check "run.json records both resumptions" grep -q '"resumed_from_checkpoint_at_months": "[0-9]*, [0-9]*"' "$tmp/twice/run.json"

# SIGKILL at random moments with a checkpoint every 10 months: the final folder is complete or
# absent, and the run resumes from its last checkpoint to the same outputs.
for round in 1 2 3 4 5; do
  name=kill$round
  "$partysim" run "$scenario" "${size[@]}" --threads 2 --quiet --checkpoint-every 10 --out "$tmp/$name" &
  pid=$!
  sleep "0.$((RANDOM % 9 + 1))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if [ -e "$tmp/$name" ]; then
    check "SIGKILL round $round: the run had finished; its folder is complete" same_outputs "$tmp/ref" "$tmp/$name"
  elif ls "$tmp/$name".partial-*/checkpoint.bin >/dev/null 2>&1; then
    "$partysim" run --resume "$tmp/$name" --quiet
    check "SIGKILL round $round: nothing under the final name; resumed from the last checkpoint: byte-identical" \
      same_outputs "$tmp/ref" "$tmp/$name"
  else
    check "SIGKILL round $round: killed before the first checkpoint; nothing under the final name" \
      [ ! -e "$tmp/$name" ]
  fi
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
