#!/usr/bin/env bash
# A real Slurm: starts a one-node Slurm on localhost (munge, slurmctld, slurmd) with the
# project's scripts/slurm_local.sh, submits a sweep of 8 runs as a job array with
# `partysim sweep slurm --submit`, waits for the dependent collect job, and checks that its
# summary.csv is identical to the local executor's. The daemons are stopped at the end, also when
# the test fails. Needs root (it installs slurm-wlm and munge when missing).
# Usage: sweep_slurm_test.sh PATH_TO_PARTYSIM SCENARIO_DIR SLURM_LOCAL_SCRIPT
set -u
partysim=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
scenarios=$(cd "$2" && pwd)
slurm_local=$3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/partysim-slurm-test.XXXXXX")
chmod 755 "$tmp"  # munged insists that every folder above its socket is searchable by all
export SLURM_LOCAL_DIR=$tmp/slurm
cleanup() {
  "$slurm_local" stop >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
source "$(dirname "$0")/checks.sh"

if out=$("$slurm_local" install 2>&1 && "$slurm_local" start 2>&1); then
  ok "a one-node Slurm is up"
else
  not_ok "a one-node Slurm is up" "$out"
  finish
fi
eval "$("$slurm_local" env)"
# task_exits ARRAY_ID TASK: the exit statuses slurmctld recorded for one array task, in order, from
# its log's "_job_complete: JobId=A_T(J) WEXITSTATUS S" lines ("0" for a task that requeued itself
# once: the requeue cancels its first run, which records no exit status).
task_exits() {
  sed -n "s/.*_job_complete: JobId=$1_$2([0-9]*) WEXITSTATUS \([0-9]*\)$/\1/p" "$SLURM_LOCAL_DIR/log/slurmctld.log" |
    paste -sd ' '
}
# task_requeues ARRAY_ID TASK: how many times slurmctld requeued one array task ("Requeuing
# JobId=A_T(J)"; the requeued run is cancelled, so it records no exit status).
task_requeues() { grep -c "Requeuing JobId=$1_$2(" "$SLURM_LOCAL_DIR/log/slurmctld.log"; }

cat >"$tmp/sweep.ini" <<SWEEP
schema_version = 1
base = $scenarios/marketization.ini
design = grid
replicates = 2
seed = 314
[fixed]
households = 3000
months = 60
[vary]
enforcement.crackdown_rate = 0.01, 0.03
opinion.status_value = 9, 13
[summaries]
applications_late = applications mean 2003-01..2004-12
member_share_end = member_share at 2004-12
SWEEP

"$partysim" sweep plan "$tmp/sweep.ini" --out "$tmp/local" >/dev/null
"$partysim" sweep run "$tmp/local" --jobs 2 --quiet
"$partysim" sweep collect "$tmp/local" >/dev/null
[ "$(tail -n +2 "$tmp/local/summary.csv" | wc -l)" -eq 8 ] && ok "local executor: 8 runs collected" \
  || not_ok "local executor: 8 runs collected"

"$partysim" sweep plan "$tmp/sweep.ini" --out "$tmp/cluster" >/dev/null
if submitted=$("$partysim" sweep slurm "$tmp/cluster" --array-size 4 --throttle 2 --time 00:10:00 --submit 2>&1); then
  ok "sweep slurm --submit"
else
  not_ok "sweep slurm --submit" "$submitted"
  finish
fi
echo "# $submitted"
grep -q '^#SBATCH --array=0-3%2$' "$tmp/cluster/sweep.sbatch" && ok "sweep.sbatch is a 4-task array throttled to 2" \
  || not_ok "sweep.sbatch is a 4-task array throttled to 2" "$(cat "$tmp/cluster/sweep.sbatch")"
array_id=$(sed -n 's/^submitted array job \([0-9]*\) and collect job \([0-9]*\).*/\1/p' <<<"$submitted")
collect_id=$(sed -n 's/^submitted array job \([0-9]*\) and collect job \([0-9]*\).*/\2/p' <<<"$submitted")
[ -n "$array_id" ] && [ -n "$collect_id" ] && ok "job ids printed ($array_id, $collect_id)" \
  || not_ok "job ids printed" "$submitted"

# Wait until both jobs have left the queue (bounded).
for _ in $(seq 1 300); do
  [ -z "$(squeue -h -j "$array_id,$collect_id" 2>/dev/null)" ] && break
  sleep 1
done
[ -z "$(squeue -h -j "$array_id,$collect_id" 2>/dev/null)" ] && ok "the jobs finished" \
  || not_ok "the jobs finished within 300 s" "$(squeue 2>&1)"
[ "$(ls "$tmp/cluster/slurm"/sweep-*.out 2>/dev/null | wc -l)" -eq 4 ] && ok "4 array task logs, no more" \
  || not_ok "4 array task logs, no more" "$(ls "$tmp/cluster/slurm" 2>&1)"
# Each task ran, once, to exit status 0: its log holds its progress and nothing else (anything else
# is an error): timestamped progress lines and the task's closing count ("partysim sweep: task
# 0/4: 2 runs done now, ..."); slurmctld recorded its exit, and the runs it owns (runs i and i + 4
# of 8) are finished folders.
progress_only() {
  grep -q '^partysim sweep: task [0-9]*/[0-9]*: ' "$1" &&
    ! grep -qvE '^([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z |partysim sweep: task [0-9]+/[0-9]+: )' "$1"
}
for task in 0 1 2 3; do
  log=$tmp/cluster/slurm/sweep-${array_id}_$task.out
  exits=$(task_exits "$array_id" "$task")
  if [ -f "$log" ] && progress_only "$log" && [ "$exits" = "0" ] &&
     [ -f "$tmp/cluster/runs/run00000$task/run.json" ] && [ -f "$tmp/cluster/runs/run00000$((task + 4))/run.json" ]; then
    ok "array task $task ran once to exit status 0; its log holds only timestamped progress; its runs are finished"
  else
    not_ok "array task $task ran once to exit status 0 with only progress in its log (exits: '$exits')" \
      "$(ls -l "$log" 2>&1; cat "$log" 2>/dev/null | tail -20; ls "$tmp/cluster/runs" 2>&1)"
  fi
done
if cmp -s "$tmp/local/summary.csv" "$tmp/cluster/summary.csv"; then
  ok "Slurm's summary.csv is identical to the local executor's"
else
  not_ok "Slurm's summary.csv is identical to the local executor's" \
    "$(cat "$tmp/cluster/slurm"/*.out 2>&1 | tail -20)"
fi

# Slurm's warning before the time limit (sbatch --signal=B:USR1@120), sent here by hand to task 0
# of a 2-task array: its run saves a checkpoint, the task requeues itself (only itself) and
# continues from the checkpoint, and the sweep's summary.csv is the local executor's.
sed -i 's/^households = .*/households = 20000/; s/^months = .*/months = 240/' "$tmp/sweep.ini"
sed -i 's/2003-01..2004-12/2017-01..2019-12/; s/at 2004-12/at 2019-12/' "$tmp/sweep.ini"
sed -i 's/^opinion.status_value = .*//' "$tmp/sweep.ini"
sed -i 's/^replicates = 2/replicates = 1/' "$tmp/sweep.ini"
"$partysim" sweep plan "$tmp/sweep.ini" --out "$tmp/local2" >/dev/null
"$partysim" sweep run "$tmp/local2" --jobs 2 --quiet && "$partysim" sweep collect "$tmp/local2" >/dev/null
"$partysim" sweep plan "$tmp/sweep.ini" --out "$tmp/warned" >/dev/null
submitted=$("$partysim" sweep slurm "$tmp/warned" --array-size 2 --time 00:10:00 --submit 2>&1)
array_id=$(sed -n 's/^submitted array job \([0-9]*\) and collect job \([0-9]*\).*/\1/p' <<<"$submitted")
collect_id=$(sed -n 's/^submitted array job \([0-9]*\) and collect job \([0-9]*\).*/\2/p' <<<"$submitted")
grep -q -- '--signal=B:USR1@120' "$tmp/warned/sweep.sbatch" && grep -q -- '--requeue' "$tmp/warned/sweep.sbatch" \
  && ok "sweep.sbatch asks for USR1 120 s before the limit and may be requeued" \
  || not_ok "sweep.sbatch asks for USR1 and requeue" "$(cat "$tmp/warned/sweep.sbatch")"
for _ in $(seq 1 600); do  # until task 0's run has written 40 months
  rows=$(cat "$tmp/warned/runs/run000000".partial-*/timeseries.csv 2>/dev/null | wc -l)
  [ "$rows" -ge 40 ] && break
  sleep 0.1
done
scancel --signal=USR1 --batch "${array_id}_0"
for _ in $(seq 1 300); do
  [ -z "$(squeue -h -j "$array_id,$collect_id" 2>/dev/null)" ] && break
  sleep 1
done
log0=$(cat "$tmp/warned/slurm/sweep-${array_id}_0.out" 2>&1)
log1=$(cat "$tmp/warned/slurm/sweep-${array_id}_1.out" 2>&1)
exits0=$(task_exits "$array_id" 0) requeues0=$(task_requeues "$array_id" 0)
exits1=$(task_exits "$array_id" 1) requeues1=$(task_requeues "$array_id" 1)
# Task 0 is requeued once (its first run is cancelled by the requeue: no exit status), then runs
# again, appending to its log, to exit status 0.
[ -f "$tmp/warned/slurm/sweep-${array_id}_0.out" ] &&
  grep -q "stopped by SIGUSR1; 1 runs saved a checkpoint" <<<"$log0" && grep -q "requeueing task ${array_id}_0" <<<"$log0" &&
  [ "$requeues0" = 1 ] && [ "$exits0" = "0" ] \
  && ok "task 0 saved a checkpoint on USR1, was requeued once, and ran again to exit status 0" \
  || not_ok "task 0 saved a checkpoint, was requeued once and ran again to 0 (requeues: $requeues0, exits: '$exits0')" "$log0"
# Task 1's log must exist: a missing log would otherwise read as "no requeue".
[ -f "$tmp/warned/slurm/sweep-${array_id}_1.out" ] && progress_only "$tmp/warned/slurm/sweep-${array_id}_1.out" &&
  [ "$requeues1" = 0 ] && [ "$exits1" = "0" ] \
  && ok "task 1 ran undisturbed: once, never requeued, to exit status 0, with only progress in its log" \
  || not_ok "task 1 ran undisturbed: once, to exit status 0, with only progress in its log (requeues: $requeues1, exits: '$exits1')" "$log1"
cmp -s "$tmp/local2/summary.csv" "$tmp/warned/summary.csv" \
  && ok "after the requeue and resume, summary.csv is identical to the local executor's" \
  || not_ok "after the requeue and resume, summary.csv is identical to the local executor's" "$log0"

# A folder whose name needs quoting, the cluster options, and the printed "submit with" line
# pasted into bash: sbatch reads the quoted #SBATCH --output, the logs land in the folder, the
# set-up line runs, and nothing injected runs.
odd="$tmp/odd name 'q';touch $tmp/PWNED"
"$partysim" sweep plan "$tmp/sweep.ini" --out "$odd" >/dev/null
line=$("$partysim" sweep slurm "$odd" --array-size 2 --time 00:10:00 --job-name odd.sweep \
  --setup 'echo "set-up ran"' --sbatch=--nice=5 | sed -n 's/^submit with: //p')
(cd "$tmp" && bash -c "$line" >/dev/null)
for _ in $(seq 1 300); do
  [ -z "$(squeue -h 2>/dev/null)" ] && break
  sleep 1
done
cmp -s "$tmp/local2/summary.csv" "$odd/summary.csv" \
  && ok "odd folder name: the pasted submit line ran the array and collect; summary.csv as the local executor's" \
  || not_ok "odd folder name: the pasted submit line ran the array and collect" "$(cat "$odd"/slurm/*.out 2>&1)"
[ "$(cat "$odd"/slurm/*.out 2>/dev/null | grep -c "set-up ran")" -eq 3 ] && ok "odd folder name: logs in its slurm/, set-up ran in each job" \
  || not_ok "odd folder name: logs in its slurm/, set-up ran in each job" "$(ls "$odd/slurm" 2>&1)"
check "odd folder name: nothing injected ran" [ ! -e "$tmp/PWNED" ]
finish
