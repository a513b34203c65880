#!/bin/bash
# make_figures.sh: regenerates the figures in docs/figures/ with one command (about 40 s on 2 cores).
#
#   analysis/make_figures.sh [PARTYSIM]      # PARTYSIM: the partysim binary, default build/partysim
#
#   docs/figures/dashboard.png        plot_run.py of the default scenario (scenarios/marketization.ini,
#                                     100,000 households x 240 months, seed 1)
#   docs/figures/sweep_crackdown.png  plot_sweep.py of scenarios/sweeps/crackdown_grid.ini (3 x 3 grid,
#                                     3 replicates, 20,000 households): late applications against the
#                                     crackdown rate, one curve per member bribe multiplier
#
# Runs from any folder; the runs go to a temporary folder that is removed at the end.
set -euo pipefail

case "${1:-}" in
  -h|--help)
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 0 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
partysim="${1:-$root/build/partysim}"
if [[ "$partysim" != /* && -x "$PWD/$partysim" ]]; then partysim="$PWD/$partysim"; fi
if [[ ! -x "$partysim" ]]; then
  echo "make_figures.sh: $partysim is not an executable partysim binary (build it: cmake --build build)" >&2
  exit 2
fi
python=/usr/bin/python3
figures="$root/docs/figures"
mkdir -p "$figures"
work="$(mktemp -d "${TMPDIR:-/tmp}/partysim-figures.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cores="$(nproc 2>/dev/null || echo 2)"

cd "$root"
echo "make_figures.sh: running scenarios/marketization.ini (100,000 households)" >&2
"$partysim" run scenarios/marketization.ini --seed 1 --threads "$cores" --quiet --out "$work/marketization"
"$python" analysis/plot_run.py "$work/marketization" --out "$figures/dashboard.png"

echo "make_figures.sh: running the sweep scenarios/sweeps/crackdown_grid.ini (27 runs)" >&2
"$partysim" sweep plan scenarios/sweeps/crackdown_grid.ini --out "$work/crackdown_grid" >/dev/null
"$partysim" sweep run "$work/crackdown_grid" --jobs "$cores" >/dev/null
"$partysim" sweep collect "$work/crackdown_grid" >/dev/null
"$python" analysis/plot_sweep.py "$work/crackdown_grid" --x enforcement.crackdown_rate \
    --y applications_late --out "$figures/sweep_crackdown.png"
