#!/usr/bin/env bash
# scripts/bundle: the tarball unpacks anywhere and runs from there with its own libraries. ldd
# resolves nothing outside the bundle but the base system's (glibc's libraries, libstdc++ and
# libgcc_s, none of which is bundled); the binary's RUNPATH is $ORIGIN/../lib; the GLIBC_,
# GLIBCXX_, CXXABI_ and GCC_ versions BUNDLE.txt records are those the unpacked files require
# (readelf's version references, an independent reading) and at most RHEL 9's; a baseline below
# them makes scripts/bundle refuse, with no tarball; and with the system's copies of the bundled
# libraries hidden (bind-mounted over by /dev/null in a private mount namespace: needs root), the
# system build fails to start while the bundle runs a scenario.
# Usage: bundle_test.sh BUILD_DIR REPO_ROOT
set -u
unset PARTYSIM_BUNDLE_BASELINE
build=$(cd "$1" && pwd)
root=$(cd "$2" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/partysim-bundle.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/checks.sh"

# RHEL 9's newest versions: glibc 2.34; GCC 11's libstdc++ (GLIBCXX_3.4.29, CXXABI_1.3.13) and
# libgcc_s (GCC_7.0.0 on x86_64). Stated here apart from scripts/bundle's preset on purpose.
declare -A rhel9=([GLIBC]=2.34 [GLIBCXX]=3.4.29 [CXXABI]=1.3.13 [GCC]=7.0.0)
families="GLIBC GLIBCXX CXXABI GCC"
version_le() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -1)" = "$1" ]; }
# base_lib NAME: glibc's libraries and the C++ runtime, which the system provides.
base_lib() {
  case "$(basename "$1")" in
    ld-linux*|libc.so*|libm.so*|libmvec.so*|libpthread.so*|libdl.so*|librt.so*|libresolv.so*|\
    libutil.so*|libanl.so*|libstdc++.so*|libgcc_s.so*) return 0 ;;
  esac
  return 1
}

tarball=$("$root/scripts/bundle" "$build" "$tmp/out" 2>"$tmp/bundle.err")
if ! test -s "$tarball" -a "$(basename "$tarball")" = "partysim-$("$build/partysim" --version | awk '{print $2}')-linux-x86_64.tar.gz"; then
  not_ok "scripts/bundle wrote partysim-<version>-linux-x86_64.tar.gz" "$(cat "$tmp/bundle.err")"
  finish
fi
ok "scripts/bundle wrote partysim-<version>-linux-x86_64.tar.gz"
grep -Eq "needs from the system: GLIBC [0-9.]+ GLIBCXX [0-9.]+ CXXABI [0-9.]+ GCC [0-9.]+" "$tmp/bundle.err" &&
  ok "scripts/bundle prints the symbol versions it needs" ||
  not_ok "scripts/bundle prints the symbol versions it needs" "$(cat "$tmp/bundle.err")"
grep -q "(baseline rhel9: GLIBC ${rhel9[GLIBC]} GLIBCXX ${rhel9[GLIBCXX]} CXXABI ${rhel9[CXXABI]} GCC ${rhel9[GCC]})" "$tmp/bundle.err" &&
  ok "the default baseline is RHEL 9's" || not_ok "the default baseline is RHEL 9's" "$(cat "$tmp/bundle.err")"
mkdir -p "$tmp/elsewhere/deep"
tar -C "$tmp/elsewhere/deep" -xzf "$tarball"
dir=$(ls -d "$tmp"/elsewhere/deep/partysim-*)
for part in bin/partysim lib scenarios/marketization.ini analysis/partysim_io.py analysis/partysim.R docs/ODD.md README.md BUNDLE.txt; do
  check "the bundle holds $part" test -e "$dir/$part"
done
check "bin/partysim's RUNPATH is \$ORIGIN/../lib" \
  sh -c "readelf -d '$dir/bin/partysim' | grep -q 'R.*PATH.*\[\$ORIGIN/../lib\]'"
check "lib/ holds Boost.Program_options and oneTBB (with libtbbmalloc, which oneTBB loads at run time)" \
  sh -c "ls '$dir/lib' | grep -q '^libboost_program_options\.so' && ls '$dir/lib' | grep -q '^libtbb\.so' &&
         ls '$dir/lib' | grep -q '^libtbbmalloc\.so'"
bundled_base=$(for lib in "$dir"/lib/*; do base_lib "$lib" && basename "$lib"; done)
[ -z "$bundled_base" ] && ok "lib/ holds neither glibc's libraries nor libstdc++ nor libgcc_s" ||
  not_ok "lib/ holds a library of the base system" "$bundled_base"
outside=$(ldd "$dir/bin/partysim" | awk '/=> \// {print $3}' | grep -v "^$dir/bin/../lib/" |
  while read -r lib; do base_lib "$lib" || echo "$lib"; done)
[ -z "$outside" ] && ok "ldd resolves nothing outside the bundle but glibc, libstdc++ and libgcc_s" ||
  not_ok "ldd resolves libraries outside the bundle" "$outside"
check "no library is missing (ldd)" sh -c "! ldd '$dir/bin/partysim' | grep -q 'not found'"
grep -q "glibc 2\.[0-9]* or newer" "$dir/BUNDLE.txt" && ok "BUNDLE.txt states the glibc it needs" ||
  not_ok "BUNDLE.txt states the glibc it needs" "$(cat "$dir/BUNDLE.txt")"
for text in "RHEL, Rocky Linux and AlmaLinux 9" "Ubuntu 22.04" "Debian 12" "RHEL 8" "gcc-toolset-12" "Apptainer" "no RHEL"; do
  grep -q "$text" "$dir/BUNDLE.txt" && ok "BUNDLE.txt mentions $text" ||
    not_ok "BUNDLE.txt mentions $text" "$(cat "$dir/BUNDLE.txt")"
done

# The versions recorded, against the version references (readelf -V's "Version needs section",
# what the loader checks; a library's version definitions are not needs) of the unpacked files,
# and against RHEL 9.
declare -A recorded measured
for family in $families; do
  recorded[$family]=$(awk -v f="$family" '$1 == f && $3 == "needed" {print $2}' "$dir/BUNDLE.txt")
  measured[$family]=$(for f in "$dir"/bin/partysim "$dir"/lib/*; do readelf -V --wide "$f" |
    awk '/^Version needs section/ {on = 1; next} /^Version [a-z]+ section/ {on = 0} on'; done |
    grep -oE "Name: ${family}_[0-9]+(\.[0-9]+)*" | sed "s/Name: ${family}_//" | sort -V | tail -1)
  [ -n "${measured[$family]}" ] || measured[$family]=none
  [ "${recorded[$family]}" = "${measured[$family]}" ] &&
    ok "BUNDLE.txt records $family ${recorded[$family]}, the highest the unpacked files require (readelf -V)" ||
    not_ok "BUNDLE.txt records $family '${recorded[$family]}', readelf -V finds ${measured[$family]}" "$(cat "$dir/BUNDLE.txt")"
  { [ "${recorded[$family]}" = none ] || { [ -n "${recorded[$family]}" ] && version_le "${recorded[$family]}" "${rhel9[$family]}"; }; } &&
    ok "$family ${recorded[$family]} is at most RHEL 9's ${rhel9[$family]}" ||
    not_ok "$family '${recorded[$family]}' is above RHEL 9's ${rhel9[$family]}: the bundle would not start there"
done

# The baseline check: exactly the recorded versions pass; GLIBC one below them, or RHEL 8's, are
# refused with the reason and no tarball; the option wins over the environment; a bad baseline
# is a usage error.
exact=$(for family in $families; do [ "${recorded[$family]}" != none ] && printf '%s=%s,' "$family" "${recorded[$family]}"; done)
PARTYSIM_BUNDLE_BASELINE=$exact "$root/scripts/bundle" "$build" "$tmp/exact" >/dev/null 2>"$tmp/exact.err" &&
  [ -s "$(ls "$tmp"/exact/*.tar.gz 2>/dev/null)" ] && ok "a baseline equal to the recorded versions passes ($exact)" ||
  not_ok "a baseline equal to the recorded versions passes ($exact)" "$(cat "$tmp/exact.err")"
glibc=${recorded[GLIBC]}
lower="${glibc%%.*}.$(( ${glibc#*.} - 1 ))"
refused() {  # refused NAME EXPECTED_IN_STDERR COMMAND...: exit 1, the reason, no tarball
  local name=$1 expected=$2; shift 2
  "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
  local rc=$?
  [ $rc -eq 1 ] && grep -q "refused, no tarball written" "$tmp/$name.err" && grep -q "$expected" "$tmp/$name.err" &&
    [ -z "$(ls -A "$tmp/$name" 2>/dev/null)" ] && [ ! -s "$tmp/$name.out" ]
}
refused lower "GLIBC_$glibc (needed by bin/partysim" env PARTYSIM_BUNDLE_BASELINE="GLIBC=$lower" "$root/scripts/bundle" "$build" "$tmp/lower" &&
  ok "PARTYSIM_BUNDLE_BASELINE=GLIBC=$lower (below the recorded $glibc): refused, no tarball" ||
  not_ok "PARTYSIM_BUNDLE_BASELINE=GLIBC=$lower (below the recorded $glibc): refused, no tarball" "$(cat "$tmp/lower.err")"
refused rhel8 "GLIBCXX_${recorded[GLIBCXX]} .* newer than the baseline's GLIBCXX_3.4.25" "$root/scripts/bundle" --baseline rhel8 "$build" "$tmp/rhel8" &&
  ok "--baseline rhel8 (glibc 2.28, GCC 8): refused, no tarball" ||
  not_ok "--baseline rhel8 (glibc 2.28, GCC 8): refused, no tarball" "$(cat "$tmp/rhel8.err")"
PARTYSIM_BUNDLE_BASELINE=rhel8 "$root/scripts/bundle" --baseline rhel9 "$build" "$tmp/option" >/dev/null 2>"$tmp/option.err" &&
  ok "--baseline wins over PARTYSIM_BUNDLE_BASELINE" || not_ok "--baseline wins over PARTYSIM_BUNDLE_BASELINE" "$(cat "$tmp/option.err")"
PARTYSIM_BUNDLE_BASELINE=GLIBCX=2.34 "$root/scripts/bundle" "$build" "$tmp/bad" >/dev/null 2>"$tmp/bad.err"
[ $? -eq 2 ] && grep -q "bad baseline item 'GLIBCX=2.34'" "$tmp/bad.err" && [ ! -e "$tmp/bad" ] &&
  ok "a misspelt baseline key is a usage error (exit 2)" || not_ok "a misspelt baseline key is a usage error (exit 2)" "$(cat "$tmp/bad.err")"

# oneTBB loads the bundle's libtbbmalloc, not the system's.
(cd "$dir" && LD_DEBUG=files bin/partysim run scenarios/marketization.ini --households 300 --months 2 --out "$tmp/tbbmalloc" --quiet) \
  >/dev/null 2>"$tmp/ld_debug.txt"
grep -q "file=$dir/bin/../lib/libtbbmalloc.so.2 .*generating link map" "$tmp/ld_debug.txt" &&
  ok "oneTBB loads lib/libtbbmalloc.so.2 from the bundle" ||
  not_ok "oneTBB loads lib/libtbbmalloc.so.2 from the bundle" "$(grep tbbmalloc "$tmp/ld_debug.txt")"

# The system's copies hidden: the build's own binary cannot start, the bundle's runs a scenario.
system_tbb=$(ldd "$build/partysim" | awk '$1 ~ /^libtbb\.so/ {print $3}')
hide=""
for lib in "$dir"/lib/*; do
  system=$(ldd "$build/partysim" | awk -v n="$(basename "$lib")" '$1 == n {print $3}')
  [ -z "$system" ] && [ -n "$system_tbb" ] && [ -e "$(dirname "$system_tbb")/$(basename "$lib")" ] &&
    system=$(dirname "$system_tbb")/$(basename "$lib")
  [ -n "$system" ] && hide="$hide mount --bind /dev/null '$system' &&"
done
out=$(cd "$tmp" && unshare -m sh -c "$hide '$build/partysim' --version >/dev/null 2>&1; echo system=\$?;
  cd '$dir' && bin/partysim run scenarios/marketization.ini --households 300 --months 12 --out '$tmp/run' --quiet; echo bundle=\$?" 2>&1)
grep -q "system=127" <<<"$out" && ok "with the system's libraries hidden, the system build cannot start" ||
  not_ok "hiding the system's libraries (needs root)" "$out"
grep -q "bundle=0" <<<"$out" && [ -s "$tmp/run/timeseries.csv" ] &&
  [ "$(wc -l <"$tmp/run/timeseries.csv")" -eq 13 ] && ok "the unpacked bundle runs a scenario with only its own libraries" ||
  not_ok "the unpacked bundle runs a scenario with only its own libraries" "$out"
finish
