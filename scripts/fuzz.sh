#!/usr/bin/env bash
# Fuzzes partysim's input parsers with libFuzzer (clang): the scenario file, the schedule and the
# sweep file. Usage: scripts/fuzz.sh [SECONDS_PER_TARGET (default 60)] [TARGET ...]
# Builds preset "fuzz" (ASan + UBSan) into build-fuzz/, seeds each corpus with the shipped
# scenarios and sweeps and tests/fuzz/corpus/, gives libFuzzer a dictionary of the parameter keys,
# and fails on any crash, sanitizer report, leak, timeout (10 s) or memory blow-up (2 GB). A
# failing input is left in build-fuzz/artifacts/; copy it into tests/fuzz/regressions/TARGET/ so
# that every build replays it (ctest fuzz.replay_TARGET) once fixed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(scenario schedule sweep)
build=$root/build-fuzz
cd "$root"
cmake --preset fuzz >/dev/null
cmake --build "$build" -j"$(nproc)" --target $(printf 'fuzz_%s ' "${targets[@]}") >/dev/null

# The dictionary: every section and key of the parameter table, and the sweep file's words.
dict=$build/partysim.dict
{
  sed -n 's/^PARTYSIM_PARAM("\([a-z_]*\)", \([a-z_0-9]*\),.*/\1 \2/p' sim/params/parameter_table.def |
    while read -r section key; do
      [ -n "$key" ] || { key=$section; section=""; }
      echo "\"$key\""
      [ -n "$section" ] && echo "\"[$section]\"" && echo "\"$section.$key\""
    done
  for word in schema_version base design grid list lhs sobol morris replicates seed samples levels \
              "[fixed]" "[vary]" "[summaries]" scale log at mean change to "n=" ".." "2000-01:" " = " "#"; do
    echo "\"$word\""
  done
} | sort -u >"$dict"

mkdir -p "$build/artifacts"
status=0
for target in "${targets[@]}"; do
  corpus=$build/corpus/$target
  mkdir -p "$corpus"
  seeds=("$root/tests/fuzz/corpus/$target")
  case $target in
    scenario) seeds+=("$root/scenarios") ;;
    sweep) seeds+=("$root/scenarios/sweeps") ;;
  esac
  echo "fuzzing $target for $seconds s"
  if ! PARTYSIM_FUZZ_SCENARIOS=$root/scenarios "$build/tests/fuzz/fuzz_$target" "$corpus" "${seeds[@]}" \
      -dict="$dict" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
      -artifact_prefix="$build/artifacts/$target-" -print_final_stats=1 2>"$build/fuzz_$target.log"; then
    status=1
    echo "FAILED: $target (see $build/fuzz_$target.log and $build/artifacts/)"
    grep -E "ERROR|runtime error|SUMMARY|Test unit written" "$build/fuzz_$target.log" | head -20
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE" "$build/fuzz_$target.log" | tr '\n' ' '
  echo
done
exit $status
