#!/usr/bin/env bash
# Bad-input tests of `partysim run`: every bad scenario file, option or output folder must be
# refused with a non-zero exit status (2 bad input, 3 output folder problem), a message on stderr
# that says what is wrong and where, and nothing written (no output folder, no *.partial-* folder).
#
# Usage: bad_input_test.sh PATH_TO_PARTYSIM
# Prints one "ok - ..." / "not ok - ..." line per check and ends with "N passed, M failed";
# exits non-zero if any check failed.

set -u

if [ "$#" -ne 1 ]; then
  echo "usage: $0 PATH_TO_PARTYSIM" >&2
  exit 2
fi
partysim=$1
case "$partysim" in
  /*) ;;
  */*) partysim="$(cd "$(dirname "$partysim")" && pwd)/$(basename "$partysim")" ;;
  *) partysim=$(command -v "$partysim" || printf '%s' "$partysim") ;;
esac
if [ ! -x "$partysim" ]; then
  echo "bad_input_test.sh: '$1' is not an executable partysim" >&2
  exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/partysim-bad-input.XXXXXX") || exit 2
cleanup() {
  # a chmod 555 folder (non-root case) must be made writable again before it can be removed
  chmod -R u+rwx "$tmp" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

passed=0
failed=0
status=0          # exit status of the last run_partysim
stderr_file="$tmp/stderr"

ok() {
  passed=$((passed + 1))
  printf 'ok - %s\n' "$1"
}

not_ok() {
  failed=$((failed + 1))
  printf 'not ok - %s\n' "$1"
  if [ -s "$stderr_file" ]; then
    sed 's/^/#   stderr: /' "$stderr_file"
  else
    printf '#   stderr: (empty)\n'
  fi
}

# run_partysim ARGS... : runs `partysim run ARGS...`, stdout discarded, stderr kept in $stderr_file.
run_partysim() {
  "$partysim" run "$@" >/dev/null 2>"$stderr_file"
  status=$?
}

# expect_status DESC CODE
expect_status() {
  if [ "$status" -eq "$2" ]; then
    ok "$1: exit status $2"
  elif [ "$status" -eq 0 ]; then
    not_ok "$1: exit status $2 (got 0: the bad input was accepted)"
  else
    not_ok "$1: exit status $2 (got $status)"
  fi
}

# expect_message DESC TEXT... : stderr contains every TEXT (fixed strings).
expect_message() {
  local desc=$1
  shift
  local text
  for text in "$@"; do
    if grep -qF -- "$text" "$stderr_file"; then
      ok "$desc: stderr has \"$text\""
    else
      not_ok "$desc: stderr has \"$text\""
    fi
  done
}

# expect_no_partial DESC OUT : no OUT.partial-* folder is left beside OUT.
expect_no_partial() {
  local partial
  for partial in "$2".partial-*; do
    if [ -e "$partial" ]; then
      not_ok "$1: no *.partial-* folder left (found $partial)"
      return
    fi
  done
  ok "$1: no *.partial-* folder left"
}

# expect_nothing_written DESC OUT : OUT does not exist and no OUT.partial-* is beside it.
expect_nothing_written() {
  if [ -e "$2" ]; then
    not_ok "$1: output folder not created ($2 exists)"
  else
    ok "$1: output folder not created"
  fi
  expect_no_partial "$1" "$2"
}

# bad_case DESC CODE OUT ARGS... -- TEXT... : runs partysim with ARGS (which should name OUT as
# --out), expects exit status CODE, every TEXT on stderr and nothing written.
bad_case() {
  local desc=$1 code=$2 out=$3
  shift 3
  local args=()
  while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do
    args+=("$1")
    shift
  done
  [ "$#" -gt 0 ] && shift
  run_partysim "${args[@]}"
  expect_status "$desc" "$code"
  [ "$#" -gt 0 ] && expect_message "$desc" "$@"
  expect_nothing_written "$desc" "$out"
}

# write_scenario FILE EXTRA_LINES... : a tiny valid scenario (lines 1-6) followed by EXTRA_LINES,
# so the first extra line is line 7.
write_scenario() {
  local file=$1
  shift
  {
    printf '# tiny scenario for bad_input_test.sh\n'
    printf 'start = 2000-01   # first month\n'
    printf 'months = 3\n'
    printf 'households = 200\n'
    printf 'seed = 1\n'
    printf 'schema_version = 1\n'
    local line
    for line in "$@"; do printf '%s\n' "$line"; done
  } >"$file"
}

# ---- positive control: a valid tiny scenario runs ------------------------------------------------
good="$tmp/good.ini"
write_scenario "$good" '[market]' 'market_return = 2000-01:20, 2019-12:60'
out="$tmp/out-good"
run_partysim "$good" --out "$out" --threads 2 --quiet
expect_status "valid scenario" 0
if [ -f "$out/timeseries.csv" ] && [ "$(wc -l <"$out/timeseries.csv")" -eq 4 ]; then
  ok "valid scenario: timeseries.csv has 1 header + 3 rows"
else
  not_ok "valid scenario: timeseries.csv has 1 header + 3 rows"
fi
for f in by_songbun.csv run.json; do
  if [ -s "$out/$f" ]; then ok "valid scenario: $f written"; else not_ok "valid scenario: $f written"; fi
done
expect_no_partial "valid scenario" "$out"

# ---- 1. missing scenario file ----------------------------------------------------------------------
missing="$tmp/no-such-scenario.ini"
bad_case "1 missing scenario file" 2 "$tmp/out1" "$missing" --out "$tmp/out1" --quiet \
  -- "$missing" "does not exist"

# ---- 2. unknown key --------------------------------------------------------------------------------
f="$tmp/unknown.ini"
write_scenario "$f" '[market]' 'bogus_key = 3'
bad_case "2 unknown key" 2 "$tmp/out2" "$f" --out "$tmp/out2" --quiet \
  -- "$f:8" "bogus_key" "unknown key"

# ---- 3. misspelt key in the file --------------------------------------------------------------------
f="$tmp/misspelt.ini"
write_scenario "$f" '[enforcement]' 'crackdwn_rate = 0.02'
bad_case "3 misspelt key in file" 2 "$tmp/out3" "$f" --out "$tmp/out3" --quiet \
  -- "$f:8" "did you mean 'enforcement.crackdown_rate'"

# ---- 4. misspelt key on the command line --------------------------------------------------------------
bad_case "4a misspelt --set key" 2 "$tmp/out4a" "$good" --out "$tmp/out4a" --quiet \
  --set enforcement.crackdwn_rate=0.1 \
  -- "enforcement.crackdwn_rate" "did you mean 'enforcement.crackdown_rate'"
bad_case "4b misspelt --KEY option" 2 "$tmp/out4b" "$good" --out "$tmp/out4b" --quiet \
  --enforcement.crackdwn_rate 0.1 \
  -- "--enforcement.crackdwn_rate" "did you mean '--enforcement.crackdown_rate'"

# ---- 5. non-numeric value -------------------------------------------------------------------------
f="$tmp/nan.ini"
write_scenario "$f" '[enforcement]' 'crackdown_rate = abc'
bad_case "5 non-numeric value" 2 "$tmp/out5" "$f" --out "$tmp/out5" --quiet \
  -- "$f:8" "crackdown_rate" "not a number" "[0, 1]"

# ---- 6. out of range ------------------------------------------------------------------------------
f="$tmp/prob.ini"
write_scenario "$f" '[enforcement]' 'expel_if_caught = 1.5'
bad_case "6a probability 1.5" 2 "$tmp/out6a" "$f" --out "$tmp/out6a" --quiet \
  -- "$f:8" "enforcement.expel_if_caught" "out of range" "[0, 1]" "probability"

f="$tmp/households.ini"
printf 'start = 2000-01\nmonths = 3\nhouseholds = -5\nseed = 1\nschema_version = 1\n' >"$f"
bad_case "6b negative households" 2 "$tmp/out6b" "$f" --out "$tmp/out6b" --quiet \
  -- "$f:3" "households" "out of range"

f="$tmp/months.ini"
printf 'start = 2000-01\nmonths = 0\nhouseholds = 200\nseed = 1\nschema_version = 1\n' >"$f"
bad_case "6c zero months" 2 "$tmp/out6c" "$f" --out "$tmp/out6c" --quiet \
  -- "$f:2" "months" "out of range"

# ---- 7. bad schedules -----------------------------------------------------------------------------
f="$tmp/baddate.ini"
write_scenario "$f" '[market]' 'market_return = 2000-13:20, 2019-12:60'
bad_case "7a schedule with a bad date" 2 "$tmp/out7a" "$f" --out "$tmp/out7a" --quiet \
  -- "$f:8" "market.market_return" "bad date"

f="$tmp/unsorted.ini"
write_scenario "$f" '[market]' 'market_return = 2019-12:60, 2000-01:20'
bad_case "7b schedule dates not in order" 2 "$tmp/out7b" "$f" --out "$tmp/out7b" --quiet \
  -- "$f:8" "market.market_return" "not in order"

# ---- 7b. huge values: refused with the limit, not an allocation failure or a hang -------------
bad_case "7b households = 10^12" 2 "$tmp/out7b" "$good" --out "$tmp/out7b" --quiet --households 1000000000000 \
  -- "households" "out of range" "100000000"
bad_case "7b months = 10^9" 2 "$tmp/out7c" "$good" --out "$tmp/out7c" --quiet --months 1000000000 \
  -- "months" "out of range" "12000"
bad_case "7b more memory than the machine has" 2 "$tmp/out7d" "$good" --out "$tmp/out7d" --quiet \
  --households 100000000 --replicates 100 -- "need about" "GB of memory" "bytes per household"

# ---- 8. --threads 0 -------------------------------------------------------------------------------
bad_case "8 --threads 0" 2 "$tmp/out8" "$good" --out "$tmp/out8" --quiet --threads 0 \
  -- "--threads" "1 or more"

# ---- 9. output folder exists ------------------------------------------------------------------------
desc="9 output folder exists"
out="$tmp/out9"
mkdir "$out" && printf 'keep me\n' >"$out/marker.txt"
run_partysim "$good" --out "$out" --quiet
expect_status "$desc" 3
expect_message "$desc" "$out" "already exists" "--overwrite"
if [ -f "$out/marker.txt" ] && [ "$(cat "$out/marker.txt")" = "keep me" ]; then
  ok "$desc: marker file still there"
else
  not_ok "$desc: marker file still there"
fi
if [ "$(ls -A "$out")" = "marker.txt" ]; then
  ok "$desc: nothing added to the existing folder"
else
  not_ok "$desc: nothing added to the existing folder (has: $(ls -A "$out" | tr '\n' ' '))"
fi
expect_no_partial "$desc" "$out"

# ---- 10. output folder not writable -------------------------------------------------------------------
# As root chmod does not stop writes, so the portable case is a parent that is a regular file.
printf 'not a folder\n' >"$tmp/afile"
out="$tmp/afile/out"
bad_case "10a parent of --out is a file" 3 "$out" "$good" --out "$out" --quiet \
  -- "$out"
expect_no_partial "10a parent of --out is a file (beside the file)" "$tmp/afile"
if [ "$(cat "$tmp/afile")" = "not a folder" ]; then
  ok "10a parent of --out is a file: the file is untouched"
else
  not_ok "10a parent of --out is a file: the file is untouched"
fi

if [ "$(id -u)" -ne 0 ]; then
  mkdir "$tmp/readonly" && chmod 555 "$tmp/readonly"
  out="$tmp/readonly/out"
  bad_case "10b parent of --out is read-only (chmod 555)" 3 "$out" "$good" --out "$out" --quiet \
    -- "$out"
  chmod 755 "$tmp/readonly"
else
  printf '# skip - 10b parent of --out is read-only (chmod 555): running as root\n'
fi

# ---- 11. several errors in one file are all reported ----------------------------------------------------
f="$tmp/several.ini"
write_scenario "$f" '[enforcement]' 'crackdown_rate = abc' '' '[market]' 'bogus_key = 3'
bad_case "11 several errors at once" 2 "$tmp/out11" "$f" --out "$tmp/out11" --quiet \
  -- "$f:8" "not a number" "$f:11" "unknown key"

# ---- 12. required key missing --------------------------------------------------------------------------
f="$tmp/noseed.ini"
printf 'schema_version = 1\nstart = 2000-01\nmonths = 3\nhouseholds = 200\n' >"$f"
bad_case "12 scenario without seed" 2 "$tmp/out12" "$f" --out "$tmp/out12" --quiet \
  -- "$f" "'seed'"

# ---- 13. a base that is a device, or a file far too large to be a scenario -------------------------
f="$tmp/device_base.ini"
write_scenario "$f" 'base = /dev/zero'
bad_case "13 base = /dev/zero (read forever)" 2 "$tmp/out13" "$f" --out "$tmp/out13" --quiet \
  -- "$f:7" "base file '/dev/zero' is not a regular file"
f="$tmp/huge.ini"
write_scenario "$f"
head -c 2000000 /dev/zero | tr '\0' '#' >>"$f"
bad_case "13 a 2 MB scenario file" 2 "$tmp/out13b" "$f" --out "$tmp/out13b" --quiet \
  -- "$f" "accepted: at most 1048576 bytes"

# ---- 14. "%...%" in the input: Boost's own error messages would substitute them forever ------------
f="$tmp/placeholder.ini"
write_scenario "$f" '[market]' 'a line without equals %invalid_line%'
bad_case "14 a bad line holding '%invalid_line%'" 2 "$tmp/out14" "$f" --out "$tmp/out14" --quiet \
  -- "$f:8" "neither 'key = value' nor '[section]'"
bad_case "14 --threads %value%" 2 "$tmp/out14b" "$good" --out "$tmp/out14b" --quiet --threads '%value%' \
  -- "the value given for option '--threads' is not valid"

# ---- 15. messages about odd files (issue 17) ------------------------------------------------------
f="$tmp/bom.ini"
write_scenario "$f"
printf '\xEF\xBB\xBF' | cat - "$f" >"$tmp/bom2.ini" && mv "$tmp/bom2.ini" "$f"
bad_case "15a a UTF-8 byte-order mark" 2 "$tmp/out15a" "$f" --out "$tmp/out15a" --quiet \
  -- "$f:1" "byte-order mark"
f="$tmp/huge-version.ini"
write_scenario "$f"
sed -i 's/^schema_version = 1$/schema_version = 99999999999/' "$f"
bad_case "15b a huge schema_version" 2 "$tmp/out15b" "$f" --out "$tmp/out15b" --quiet \
  -- "is newer than this partysim reads"
f="$tmp/long-value.ini"
write_scenario "$f" '[market]' "market_return = $(head -c 900000 /dev/zero | tr '\0' 'x')"
bad_case "15c a 900 KB value" 2 "$tmp/out15c" "$f" --out "$tmp/out15c" --quiet -- "$f:8" "characters in all"
if [ "$(wc -c <"$stderr_file")" -lt 2000 ]; then ok "15c a 900 KB value: not echoed whole"; else
  not_ok "15c a 900 KB value: not echoed whole ($(wc -c <"$stderr_file") bytes of stderr)"; fi
f="$tmp/spaced-section.ini"
write_scenario "$f" '[ market ]' 'market_retrn = 5'
bad_case "15d a typo under '[ market ]'" 2 "$tmp/out15d" "$f" --out "$tmp/out15d" --quiet \
  -- "$f:8" "did you mean 'market.market_return'"
write_scenario "$f" '[ market ]' 'market_return = 5'
run_partysim "$f" --out "$tmp/out15d2" --quiet
expect_status "15d '[ market ]' is read as [market]" 0
f="$tmp/old-date.ini"
write_scenario "$f" '[market]' 'market_return = 1800-01:20, 2019-12:60'
bad_case "15e a schedule date before 1900" 2 "$tmp/out15e" "$f" --out "$tmp/out15e" --quiet \
  -- "$f:8" "outside 1900-01..2200-01"
write_scenario "$f" '[market]' 'market_return = 2000-01:20, 2301-12:60'
bad_case "15e a schedule date after 2200" 2 "$tmp/out15e" "$f" --out "$tmp/out15e" --quiet \
  -- "$f:8" "outside 1900-01..2200-01"

# ---- 16. a bad spin-up ----------------------------------------------------------------------------
f="$tmp/spin-up-after.ini"
write_scenario "$f" 'spin_up_from = 2000-06'
bad_case "16a spin_up_from after start" 2 "$tmp/out16a" "$f" --out "$tmp/out16a" --quiet \
  -- "$f:7" "spin_up_from = 2000-06 is after start = 2000-01" "must not be later than start"
f="$tmp/spin-up-early.ini"
write_scenario "$f" 'spin_up_from = 1899-12'
bad_case "16b spin_up_from before 1900" 2 "$tmp/out16b" "$f" --out "$tmp/out16b" --quiet \
  -- "$f:7" "spin_up_from = 1899-12 is out of range" "from 1900-01 to 2200-01, or none"
f="$tmp/spin-up-word.ini"
write_scenario "$f" 'spin_up_from = 2000'
bad_case "16c spin_up_from not a month" 2 "$tmp/out16c" "$f" --out "$tmp/out16c" --quiet \
  -- "$f:7" "spin_up_from = '2000' is not a month (expected YYYY-MM or none)"
f="$tmp/spin-up-ok.ini"
write_scenario "$f" 'spin_up_from = 1999-01'
bad_case "16d --start moved before the file's spin_up_from" 2 "$tmp/out16d" "$f" --out "$tmp/out16d" --quiet \
  --start 1998-12 -- "$f:7" "spin_up_from = 1999-01 is after start = 1998-12 (--start)"
bad_case "16e start = none (only spin_up_from may be none)" 2 "$tmp/out16e" "$f" --out "$tmp/out16e" --quiet \
  --start none -- "start = 'none' is not a month (expected YYYY-MM)"
run_partysim "$f" --out "$tmp/out16f" --quiet
expect_status "16f a valid spin-up (1999-01 .. 1999-12, then 3 months)" 0
if [ "$(wc -l <"$tmp/out16f/timeseries.csv")" -eq 4 ] && [ "$(sed -n 2p "$tmp/out16f/timeseries.csv" | cut -c1-7)" = 2000-01 ] &&
   grep -q '"spin_up_months": 12' "$tmp/out16f/run.json"; then
  ok "16f a valid spin-up: 3 rows from 2000-01, run.json records 12 months of spin-up"
else
  not_ok "16f a valid spin-up: 3 rows from 2000-01, run.json records 12 months of spin-up"
fi

# ---- 17. a bad PARTYSIM_PROGRESS_SECONDS ---------------------------------------------------------
for value in abc -1 5x inf; do
  PARTYSIM_PROGRESS_SECONDS=$value bad_case "17 PARTYSIM_PROGRESS_SECONDS=$value" 2 "$tmp/out17" "$good" \
    --out "$tmp/out17" --quiet -- "PARTYSIM_PROGRESS_SECONDS = '$value' is not a number of seconds" \
    "a number >= 0"
done
PARTYSIM_PROGRESS_SECONDS=abc "$partysim" sweep run "$tmp/no-sweep" --quiet >/dev/null 2>"$stderr_file"
status=$?
expect_status "17 sweep run with PARTYSIM_PROGRESS_SECONDS=abc" 2
expect_message "17 sweep run with PARTYSIM_PROGRESS_SECONDS=abc" "partysim sweep run: PARTYSIM_PROGRESS_SECONDS = 'abc'"
for value in 0 2.5 ''; do
  PARTYSIM_PROGRESS_SECONDS=$value run_partysim "$good" --out "$tmp/out17ok" --quiet --overwrite
  expect_status "17 PARTYSIM_PROGRESS_SECONDS='$value' is accepted" 0
done

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
