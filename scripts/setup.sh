#!/usr/bin/env bash
# Installs what partysim needs from Debian 12's packages, only where missing (quiet, idempotent,
# instant when everything is present). Sourced or run by scripts/run and scripts/test.
set -euo pipefail

packages=(cmake g++ make time libeigen3-dev libboost-program-options-dev libtbb-dev catch2 librandom123-dev
  python3-matplotlib python3-pandas python3-numpy python3-scipy gnuplot-nox python3-plotly)
# The sanitizer and fuzzing stages of scripts/test: clang with its sanitizer and libFuzzer
# runtimes, and dpkg-dev to unpack oneTBB's source package for the ThreadSanitizer build; ninja and
# ccache for scripts/mutate's many small rebuilds.
# chromium: the analysis tests open analysis/report.py's pages in headless Chromium (network off).
# python3-plotly (above, not here): report.py embeds its plotly.js, so users need it too.
# R with readr and jsonlite: the tests load real outputs with analysis/partysim.R (R users install
# the same three packages); patchelf: the test of scripts/bundle.
if [ "${PARTYSIM_SETUP_TEST_TOOLS:-0}" = 1 ]; then
  packages+=(clang libclang-rt-14-dev dpkg-dev ninja-build ccache chromium
    r-base-core r-cran-readr r-cran-jsonlite patchelf)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
