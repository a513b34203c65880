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
finish
