#!/usr/bin/env bash
# `partysim sweep slurm` against hostile values, without a cluster (issue 17): every value that
# goes into sweep.sbatch / collect.sbatch is validated (a newline is never written as a command),
# the cluster options appear as #SBATCH lines, the generated scripts run under bash with a fake
# sbatch/scontrol for a sweep folder whose name holds quotes, spaces, $(...) and backquotes, and
# the printed "submit with" line, pasted into bash, submits the right files and runs nothing else.
# Usage: slurm_scripts_test.sh PATH_TO_PARTYSIM SCENARIO_DIR
set -u
partysim=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")  # absolute: some checks run elsewhere
scenarios=$(cd "$2" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/partysim-slurm-scripts.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/../cli/checks.sh"

# A fake sbatch and scontrol: each call's arguments, one per line, then "--".
mkdir "$tmp/bin"
cat >"$tmp/bin/sbatch" <<'FAKE'
#!/bin/bash
for a in "$@"; do printf '%s\n' "$a"; done >>"$FAKE_LOG"
echo -- >>"$FAKE_LOG"
echo "1234;cluster"
FAKE
cp "$tmp/bin/sbatch" "$tmp/bin/scontrol"
chmod +x "$tmp/bin/sbatch" "$tmp/bin/scontrol"
export FAKE_LOG=$tmp/fake.log

# The sweep folder's name: what a shell would run if it were pasted unquoted.
dir="$tmp/a b';touch $tmp/PWNED1;'\$(touch $tmp/PWNED2)\`touch $tmp/PWNED3\`;x"
printf 'schema_version = 1\nbase = %s/marketization.ini\ndesign = grid\nseed = 3\n[fixed]\nhouseholds = 200\nmonths = 12\n[vary]\nenforcement.crackdown_rate = 0.01, 0.02\n[summaries]\napps = applications at 2000-12\n' \
  "$scenarios" >"$tmp/sweep.ini"
"$partysim" sweep plan "$tmp/sweep.ini" --out "$dir" >/dev/null || not_ok "plan into the odd folder name"
not_pwned() { ! ls "$tmp" | grep -q PWNED; }

# ---- Every value is validated: hostile or malformed ones are refused, nothing written -------------
nl=$'\n'
refused() {  # refused NAME TEXT OPTIONS...
  local name=$1 text=$2
  shift 2
  rm -f "$dir/sweep.sbatch" "$dir/collect.sbatch"
  local err status
  err=$("$partysim" sweep slurm "$dir" "$@" 2>&1 >/dev/null)
  status=$?
  if [ "$status" -eq 2 ] && grep -qF -- "$text" <<<"$err" && [ ! -e "$dir/sweep.sbatch" ] && [ ! -e "$dir/collect.sbatch" ]; then
    ok "$name: exit 2, no scripts"
  else
    not_ok "$name: exit 2 with '$text' and no scripts (exit $status)" "$err"
  fi
}
for option in partition time mem account qos constraint mail-type mail-user job-name; do
  refused "a newline in --$option" "--$option" --$option "x${nl}touch $tmp/PWNED4"
done
refused "a ';' command in --partition" "--partition" --partition 'debug;touch PWNED'
refused "\$(...) in --account" "--account" --account '$(touch PWNED)'
refused "a newline in --sbatch" "--sbatch" "--sbatch=--gres=gpu:1${nl}touch $tmp/PWNED5"
refused "--sbatch that is not an option" "--sbatch" --sbatch=hello
refused "--sbatch that partysim writes itself" "written by partysim itself" --sbatch=--array=0-99
refused "--sbatch for an option of its own" "has its own" --sbatch=--time=10
refused "a newline in --setup" "--setup" --setup "module load gcc${nl}touch $tmp/PWNED6"
refused "--setup with an unbalanced quote" "not a complete shell command" --setup "echo 'unclosed"
refused "--setup with a here-document" "here-document" --setup "cat <<EOF"
refused "--setup ending in a backslash" "next lines" --setup 'module load gcc \'
refused "--setup that is empty" "--setup" --setup ''
for t in abc 1:2:3:4 '1-' '-5' '1:x' '01:00:00 ' 5d; do
  refused "--time '$t' (not a Slurm time)" "not a Slurm time" --time "$t"
done
refused "--time 2 (minutes: shorter than the USR1 warning)" "120 s warning" --time 2
refused "--time 0:90 (shorter than the USR1 warning)" "120 s warning" --time 0:90
for m in 4GB 4.5G G -1 'four'; do refused "--mem '$m' (not a Slurm size)" "not a Slurm memory size" --mem "$m"; done
refused "--mail-type not Slurm's" "not one of NONE" --mail-type END,SOMETIMES
refused "--mail-user not an address" "--mail-user" --mail-user 'me <x@y>'
refused "--job-name with a space" "--job-name" --job-name 'my job'
check "no injected command ran while refusing" not_pwned

# ---- Accepted values become #SBATCH lines ------------------------------------------------------------
out=$("$partysim" sweep slurm "$dir" --array-size 1 --time 2-00:30 --mem 4G --partition short,long \
  --account proj_1 --qos high --constraint 'intel&ib' --mail-type END,FAIL --mail-user me@example.org \
  --job-name crack.sweep --sbatch=--gres=gpu:1 --sbatch=--nice=10 \
  --setup 'echo "set-up ran in $PWD" >>"$SETUP_LOG"' --setup 'export EXTRA=1' 2>&1)
status=$?
check "valid options: exit 0" [ "$status" -eq 0 ]
for line in '--time=2-00:30' '--mem=4G' '--partition=short,long' '--account=proj_1' '--qos=high' \
  '--constraint="intel&ib"' '--mail-type=END,FAIL' '--mail-user=me@example.org' '--job-name=crack.sweep' \
  '--gres=gpu:1' '--nice=10'; do
  check "sweep.sbatch has #SBATCH $line" grep -qxF -- "#SBATCH $line" "$dir/sweep.sbatch"
done
check "collect.sbatch is named crack.sweep-collect" grep -qxF -- "#SBATCH --job-name=crack.sweep-collect" "$dir/collect.sbatch"
check "both scripts hold the set-up lines" \
  grep -qxF 'export EXTRA=1' "$dir/collect.sbatch" && grep -qxF 'export EXTRA=1' "$dir/sweep.sbatch"
for time in 30 30:00 1:00:00 1-0 1-00:00 1-00:00:00 UNLIMITED; do
  "$partysim" sweep slurm "$dir" --time "$time" >/dev/null 2>&1 && ok "--time $time accepted" || not_ok "--time $time accepted"
done
check "the scripts pass bash -n" bash -n "$dir/sweep.sbatch"

# ---- The scripts run under bash, with the odd folder name -------------------------------------------
"$partysim" sweep slurm "$dir" --array-size 1 --setup 'echo "set-up ran" >>"$SETUP_LOG"' >/dev/null
(cd "$tmp" && PATH="$tmp/bin:$PATH" SETUP_LOG=$tmp/setup.log SLURM_ARRAY_TASK_ID=0 SLURM_ARRAY_JOB_ID=7 \
  SLURM_CPUS_PER_TASK=2 bash "$dir/sweep.sbatch" >"$tmp/sweep.out" 2>&1)
check "sweep.sbatch ran the sweep (exit 0)" [ $? -eq 0 ]
(cd "$tmp" && PATH="$tmp/bin:$PATH" SETUP_LOG=$tmp/setup.log bash "$dir/collect.sbatch" >"$tmp/collect.out" 2>&1)
check "collect.sbatch collected it" [ -s "$dir/summary.csv" ]
check "the set-up line ran in each script" [ "$(grep -c "set-up ran" "$tmp/setup.log")" -eq 2 ]
check "no injected command ran in the scripts" not_pwned

# ---- The printed "submit with" line is safe to paste ------------------------------------------------
line=$("$partysim" sweep slurm "$dir" | sed -n 's/^submit with: //p')
rm -f "$FAKE_LOG"
(cd "$tmp" && PATH="$tmp/bin:$PATH" bash -c "$line" >/dev/null)
expected=$(printf '%s\n' --parsable "$dir/sweep.sbatch" -- --dependency=afterok:1234 "$dir/collect.sbatch" --)
[ "$(cat "$FAKE_LOG")" = "$expected" ] && ok "the pasted 'submit with' line submits the two scripts, then collect afterok" \
  || not_ok "the pasted 'submit with' line submits the two scripts" "$(cat "$FAKE_LOG")"
check "no injected command ran from the pasted line" not_pwned

# ---- --submit with the fake sbatch -------------------------------------------------------------------
rm -f "$FAKE_LOG"
out=$(PATH="$tmp/bin:$PATH" "$partysim" sweep slurm "$dir" --submit 2>&1)
expected=$(printf '%s\n' --parsable "$dir/sweep.sbatch" -- --parsable --dependency=afterok:1234 "$dir/collect.sbatch" --)
grep -q "submitted array job 1234 and collect job 1234" <<<"$out" && [ "$(cat "$FAKE_LOG")" = "$expected" ] \
  && ok "--submit passes the script paths to sbatch as single arguments" || not_ok "--submit" "$out$(cat "$FAKE_LOG")"
check "no injected command ran from --submit" not_pwned

finish
