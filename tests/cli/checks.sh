# Shared by the command-line tests: one "ok - ..." or "not ok - ..." line per check and a closing
# "N passed, M failed" line. Source it, then call ok / not_ok / check, and finish at the end.
passed=0
failed=0
ok() { echo "ok - $1"; passed=$((passed + 1)); }
# not_ok DESCRIPTION [DETAILS]: DETAILS (e.g. captured stderr) is shown indented.
not_ok() { echo "not ok - $1"; [ -n "${2:-}" ] && sed 's/^/#   /' <<<"$2"; failed=$((failed + 1)); }
# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() { local description=$1; shift; if "$@"; then ok "$description"; else not_ok "$description"; fi; }
# same_outputs A B: two run folders hold byte-identical files, run.json aside (it records times
# and hosts), and B holds no checkpoint.
same_outputs() {
  diff -rq -x run.json "$1" "$2" >/dev/null && [ -z "$(find "$2" -name checkpoint.bin)" ]
}
# rows_of FOLDER_GLOB: the number of lines of FOLDER_GLOB/timeseries.csv (0 when there is none).
rows_of() { local f; f=$(ls $1/timeseries.csv 2>/dev/null | head -1); [ -n "$f" ] && wc -l <"$f" || echo 0; }
# wait_rows FOLDER_GLOB N: waits (up to 30 s) until FOLDER_GLOB/timeseries.csv, the CSV of a run
# in progress, has N lines.
wait_rows() {
  for _ in $(seq 1 3000); do
    [ "$(rows_of "$1")" -ge "$2" ] && return 0
    sleep 0.01
  done
  return 1
}
# noflock_shim FILE: builds a library for LD_PRELOAD whose flock fails with ENOLCK, as on a file
# system without locks; fails when there is no C compiler.
noflock_shim() {
  printf '#include <errno.h>\nint flock(int fd, int op) { (void)fd; (void)op; errno = ENOLCK; return -1; }\n' |
    cc -shared -fPIC -x c -o "$1" - 2>/dev/null
}
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }
