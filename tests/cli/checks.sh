# Shared by the command-line tests: one "ok - ..." or "not ok - ..." line per check and a closing
# "N passed, M failed" line. Source it, then call ok / not_ok / check, and finish at the end.
passed=0
failed=0
ok() { echo "ok - $1"; passed=$((passed + 1)); }
# not_ok DESCRIPTION [DETAILS]: DETAILS (e.g. captured stderr) is shown indented.
not_ok() { echo "not ok - $1"; [ -n "${2:-}" ] && sed 's/^/#   /' <<<"$2"; failed=$((failed + 1)); }
# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() { local description=$1; shift; if "$@"; then ok "$description"; else not_ok "$description"; fi; }
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }
