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
[ "$(ls "$tmp/cluster/slurm"/sweep-*.out 2>/dev/null | wc -l)" -eq 4 ] && ok "4 array tasks ran" \
  || not_ok "4 array tasks ran" "$(ls "$tmp/cluster/slurm" 2>&1)"
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
log0=$(cat "$tmp/warned/slurm/sweep-${array_id}_0.out" 2>/dev/null)
log1=$(cat "$tmp/warned/slurm/sweep-${array_id}_1.out" 2>/dev/null)
grep -q "stopped by SIGUSR1; 1 runs saved a checkpoint" <<<"$log0" && grep -q "requeueing task ${array_id}_0" <<<"$log0" \
  && ok "task 0 saved a checkpoint on USR1 and requeued itself" || not_ok "task 0 saved a checkpoint and requeued itself" "$log0"
! grep -q "requeue" <<<"$log1" && ok "task 1 ran undisturbed" || not_ok "task 1 ran undisturbed" "$log1"
cmp -s "$tmp/local2/summary.csv" "$tmp/warned/summary.csv" \
  && ok "after the requeue and resume, summary.csv is identical to the local executor's" \
  || not_ok "after the requeue and resume, summary.csv is identical to the local executor's" "$log0"
finish
