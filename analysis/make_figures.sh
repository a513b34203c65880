#!/bin/bash
# make_figures.sh: regenerates the figures in docs/figures/ with one command (about 1 minute on 2 cores).
#
#   analysis/make_figures.sh [PARTYSIM]      # PARTYSIM: the partysim binary, default build/partysim
#
#   docs/figures/dashboard.png        plot_run.py of the default scenario (scenarios/marketization.ini,
#                                     100,000 households x 240 months, seed 1)
#   docs/figures/sweep_crackdown.png  plot_sweep.py of scenarios/sweeps/crackdown_grid.ini (3 x 3 grid,
#                                     3 replicates, 20,000 households): late applications against the
#                                     crackdown rate, one curve per member bribe multiplier
#   docs/figures/compare_redenomination.png  compare.py: redenomination_2009 against marketization
#                                     (100,000 households, seed 1)
#   docs/figures/report.png           a screenshot of report.py's page of redenomination_2009 (headless
#                                     chromium, network off; skipped with a note when chromium is absent)
#
# Runs from any folder; the runs go to a temporary folder that is removed at the end.
set -euo pipefail

case "${1:-}" in
  -h|--help)
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
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

echo "make_figures.sh: running scenarios/redenomination_2009.ini (100,000 households)" >&2
"$partysim" run scenarios/redenomination_2009.ini --seed 1 --threads "$cores" --quiet --out "$work/redenomination_2009"
"$python" analysis/compare.py "$work/marketization" "$work/redenomination_2009" \
    --measures market_return_usd,applications,member_share,entry_price_quoted_mean_usd,market_income_mean_outsider_usd,catches \
    --smooth --out "$figures/compare_redenomination.png"

"$python" analysis/report.py "$work/redenomination_2009" --out "$work/report.html"
if command -v chromium >/dev/null; then
  # Network off where allowed (the page needs none); a proxy that goes nowhere otherwise.
  isolate=(); unshare -n true 2>/dev/null && isolate=(unshare -n)
  "${isolate[@]}" chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
      --proxy-server=http://127.0.0.1:9 --user-data-dir="$work/chromium" --virtual-time-budget=60000 \
      --window-size=1300,1500 --screenshot="$figures/report.png" "file://$work/report.html" 2>/dev/null
else
  echo "make_figures.sh: chromium not installed; docs/figures/report.png not regenerated" >&2
fi
