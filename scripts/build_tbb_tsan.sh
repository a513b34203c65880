#!/usr/bin/env bash
# Builds oneTBB 2021.8 for ThreadSanitizer (TBB_SANITIZE=thread) from Debian's own source package
# and installs it into PREFIX (default build-tsan-deps/tbb). Debian's libtbb is not built for TSan,
# which then cannot see oneTBB's synchronisation and reports false races; this build removes them
# (../shared/reference/tsan-onetbb.md). The system's apt sources are not changed: a deb-src twin
# of them is used through apt-get's -o options. Does nothing if PREFIX already holds the build.
# Prints the TBB_DIR to configure the project with.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
prefix=${1:-$root/build-tsan-deps/tbb}
if [ -f "$prefix/lib/cmake/TBB/TBBConfig.cmake" ]; then
  echo "$prefix/lib/cmake/TBB"
  exit 0
fi
command -v clang++ >/dev/null && command -v dpkg-source >/dev/null \
  || { echo "build_tbb_tsan.sh: needs clang and dpkg-dev (scripts/setup.sh installs them)" >&2; exit 1; }
work=$(dirname "$prefix")/onetbb-src
rm -rf "$work"
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/parts"
sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$work/parts/src.sources"
apt_options=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$work/parts"
             -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache")
apt-get "${apt_options[@]}" update >&2
(cd "$work" && apt-get "${apt_options[@]}" source --download-only onetbb >&2 \
  && dpkg-source -x onetbb_*.dsc onetbb-src >&2)
cmake -S "$work/onetbb-src" -B "$work/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DTBB_SANITIZE=thread \
  -DTBB_TEST=OFF -DTBB_EXAMPLES=OFF -DTBBMALLOC_BUILD=OFF -DTBB_STRICT=OFF \
  -DCMAKE_INSTALL_PREFIX="$prefix" >&2
cmake --build "$work/build" -j"$(nproc)" >&2
cmake --install "$work/build" >&2
rm -rf "$work"
echo "$prefix/lib/cmake/TBB"
