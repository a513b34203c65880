#!/usr/bin/env bash
# scripts/bundle: the tarball unpacks anywhere and runs from there with its own libraries. ldd
# resolves nothing outside the bundle but glibc; the binary's RUNPATH is $ORIGIN/../lib; and with
# the system's copies of the bundled libraries hidden (bind-mounted over by /dev/null in a private
# mount namespace: needs root), the system build fails to start while the bundle runs a scenario.
# Usage: bundle_test.sh BUILD_DIR REPO_ROOT
set -u
build=$(cd "$1" && pwd)
root=$(cd "$2" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/partysim-bundle.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/checks.sh"

tarball=$("$root/scripts/bundle" "$build" "$tmp/out" 2>"$tmp/bundle.err")
check "scripts/bundle wrote partysim-<version>-linux-x86_64.tar.gz" \
  test -s "$tarball" -a "$(basename "$tarball")" = "partysim-$("$build/partysim" --version | awk '{print $2}')-linux-x86_64.tar.gz"
mkdir -p "$tmp/elsewhere/deep"
tar -C "$tmp/elsewhere/deep" -xzf "$tarball"
dir=$(ls -d "$tmp"/elsewhere/deep/partysim-*)
for part in bin/partysim lib scenarios/marketization.ini analysis/partysim_io.py analysis/partysim.R docs/ODD.md README.md BUNDLE.txt; do
  check "the bundle holds $part" test -e "$dir/$part"
done
check "bin/partysim's RUNPATH is \$ORIGIN/../lib" \
  sh -c "readelf -d '$dir/bin/partysim' | grep -q 'R.*PATH.*\[\$ORIGIN/../lib\]'"
outside=$(ldd "$dir/bin/partysim" | awk '/=> \// {print $3}' | grep -v "^$dir/bin/../lib/" |
  grep -Ev '/(libc|libm|libpthread|libdl|librt|ld-linux[^/]*)\.so' || true)
[ -z "$outside" ] && ok "ldd resolves nothing outside the bundle but glibc" ||
  not_ok "ldd resolves libraries outside the bundle" "$outside"
check "no library is missing (ldd)" sh -c "! ldd '$dir/bin/partysim' | grep -q 'not found'"
grep -q "glibc 2\.[0-9]* or newer" "$dir/BUNDLE.txt" && ok "BUNDLE.txt states the glibc it needs" ||
  not_ok "BUNDLE.txt states the glibc it needs" "$(cat "$dir/BUNDLE.txt")"

# The system's copies hidden: the build's own binary cannot start, the bundle's runs a scenario.
hide=""
for lib in "$dir"/lib/*; do
  system=$(ldd "$build/partysim" | awk -v n="$(basename "$lib")" '$1 == n {print $3}')
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
