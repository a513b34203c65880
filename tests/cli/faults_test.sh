#!/usr/bin/env bash
# Faults while writing outputs: the disk fills up (a small tmpfs mounted by the test), the output
# folder is removed mid-run, the folder or its parent is made read-only mid-run. Each gives a
# clear error and a non-zero exit, and never a complete-looking output folder; a run with
# checkpoints keeps its last one and, once the fault is fixed, resumes to byte-identical outputs.
# Needs root (mount, and setpriv to run as an unprivileged user, for whom permissions count).
# Usage: faults_test.sh PATH_TO_PARTYSIM SCENARIO_DIR
set -u
partysim=$1
scenario=$(cd "$2" && pwd)/marketization.ini
tmp=$(mktemp -d "${TMPDIR:-/tmp}/partysim-faults.XXXXXX")
chmod 755 "$tmp"
trap 'kill -9 $(jobs -p) 2>/dev/null; umount "$tmp/small" 2>/dev/null; rm -rf "$tmp"' EXIT
source "$(dirname "$0")/checks.sh"
size=(--households 20000 --months 240 --seed 5 --quiet)
"$partysim" run "$scenario" "${size[@]}" --out "$tmp/ref"
expect_failure() {  # DESCRIPTION STATUS PATTERN ERR_TEXT FINAL_DIR
  if [ "$2" -eq 3 ] && grep -q -- "$3" <<<"$4" && [ ! -e "$5" ]; then
    ok "$1: exit 3, '$(grep -m1 -- "$3" <<<"$4" | cut -c1-120)', no final folder"
  else
    not_ok "$1: exit 3 with '$3' and no final folder (status $2)" "$4"
  fi
}

# --- Disk full: a 300 KB tmpfs (the outputs need about 1.3 MB).
mkdir -p "$tmp/small"
if ! mount -t tmpfs -o size=300k tmpfs "$tmp/small"; then
  not_ok "mount a small tmpfs (this test needs root)"
  finish
fi
err=$("$partysim" run "$scenario" "${size[@]}" --out "$tmp/small/full" 2>&1); status=$?
expect_failure "disk full" $status "No space left on device" "$err" "$tmp/small/full"
check "  ... and nothing is left on the full disk" [ -z "$(ls -A "$tmp/small")" ]

# Disk full with checkpoints: 4.5 MB hold one checkpoint (3 MB) but not the next beside it, so the
# second checkpoint fails and the first is kept; with space again, the run resumes.
mount -o remount,size=4500k "$tmp/small"
err=$("$partysim" run "$scenario" "${size[@]}" --checkpoint-every 10 --out "$tmp/small/ck" 2>&1); status=$?
expect_failure "disk full, with checkpoints" $status "No space left on device" "$err" "$tmp/small/ck"
check "  ... the message says the checkpoint is kept and how to resume" grep -q "continue with: partysim run --resume" <<<"$err"
check "  ... the unfinished folder holds its last checkpoint" ls "$tmp/small"/ck.partial-*/checkpoint.bin
mount -o remount,size=20m "$tmp/small"
check "  ... once there is space, the run resumes" "$partysim" run --resume "$tmp/small/ck" --quiet
check "  ... to outputs byte-identical to an uninterrupted run" same_outputs "$tmp/ref" "$tmp/small/ck"
umount "$tmp/small"

# --- The temporary output folder removed mid-run.
"$partysim" run "$scenario" "${size[@]}" --out "$tmp/removed" 2>"$tmp/removed.err" &
pid=$!
wait_rows "$tmp/removed.partial-*" 30
rm -rf "$tmp"/removed.partial-*
wait $pid; status=$?
expect_failure "output folder removed mid-run" $status "was removed while the run was going" "$(cat "$tmp/removed.err")" "$tmp/removed"

# --- Read-only mid-run, as an unprivileged user (root ignores permissions).
as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
mkdir -p "$tmp/user" && chown 65534:65534 "$tmp/user"
if ! "${as_nobody[@]}" "$partysim" --version >/dev/null 2>&1; then
  not_ok "partysim runs as user nobody (the build folder must be readable by all)"
  finish
fi
# The unfinished folder made read-only: the checkpoint (every 10 months) cannot be written, or,
# when the change lands while a checkpoint is being written, cannot be renamed into place.
"${as_nobody[@]}" "$partysim" run "$scenario" "${size[@]}" --checkpoint-every 10 --out "$tmp/user/ro" 2>"$tmp/ro.err" &
pid=$!
wait_rows "$tmp/user/ro.partial-*" 25
chmod a-w "$tmp"/user/ro.partial-*
wait $pid; status=$?
expect_failure "output folder made read-only mid-run" $status "cannot \(write\|put\) the checkpoint.*Permission denied" "$(cat "$tmp/ro.err")" "$tmp/user/ro"
chmod u+w "$tmp"/user/ro.partial-*
check "  ... made writable again, the run resumes from its last checkpoint" \
  "${as_nobody[@]}" "$partysim" run --resume "$tmp/user/ro" --quiet
check "  ... to byte-identical outputs" same_outputs "$tmp/ref" "$tmp/user/ro"
# The parent made read-only: the finished folder cannot be moved into place.
"${as_nobody[@]}" "$partysim" run "$scenario" "${size[@]}" --out "$tmp/user/parent" 2>"$tmp/parent.err" &
pid=$!
wait_rows "$tmp/user/parent.partial-*" 25
chmod a-w "$tmp/user"
wait $pid; status=$?
chmod u+w "$tmp/user"
expect_failure "parent folder made read-only mid-run" $status "cannot move the finished output.*Permission denied" "$(cat "$tmp/parent.err")" "$tmp/user/parent"

# Huge values (households = 10^12, months = 10^9) are in bad_input_test.sh (7b).
finish
