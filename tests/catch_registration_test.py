"""Every Catch2 test case is registered exactly once in ctest, and every registered one runs.

CMake's test discovery (catch_discover_tests) turns each name printed by --list-test-names-only
into one ctest test whose argument is the name as a test spec. A name containing ';' is split by
CMake into two ctest tests that match no test case, and Catch2 exits 0 when nothing matches, so
such a test never ran and passed. This check compares, for each Catch2 binary, the test cases the
binary lists with the specs ctest runs: each test case exactly once, no spec that names no test
case, and '-w NoTests' on every command so that a spec matching nothing fails on its own too.

Usage: catch_registration_test.py BUILD_DIR CATCH_BINARY...
"""
import json
import os
import subprocess
import sys

# Characters that CatchAddTests.cmake escapes with a backslash in the spec.
ESCAPED = (",", "[", "]")


def unescape(spec):
    for char in ESCAPED:
        spec = spec.replace("\\" + char, char)
    return spec


def main():
    build_dir, binaries = sys.argv[1], sys.argv[2:]
    listing = subprocess.run(["ctest", "--test-dir", build_dir, "--show-only=json-v1"],
                             check=True, capture_output=True, text=True).stdout
    registered = json.loads(listing)["tests"]
    failures = []
    for binary in binaries:
        # Catch2 v2 exits with the number of test cases listed: only a signal is an error.
        listed = subprocess.run([binary, "--list-test-names-only"], capture_output=True, text=True)
        if listed.returncode < 0:
            failures.append(f"{binary}: --list-test-names-only died ({listed.returncode})")
        names = listed.stdout.splitlines()
        names = [n for n in names if n.strip()]
        if not names:
            failures.append(f"{binary}: lists no test cases")
        commands = [t.get("command", []) for t in registered]
        commands = [c for c in commands if c and os.path.realpath(c[0]) == os.path.realpath(binary)]
        counts = {name: 0 for name in names}
        for command in commands:
            spec = unescape(command[1]) if len(command) > 1 else ""
            if spec in counts:
                counts[spec] += 1
            else:
                failures.append(f"{binary}: ctest runs spec {spec!r}, which names no test case")
            args = command[2:]
            if not any(args[i:i + 2] == ["-w", "NoTests"] for i in range(len(args))):
                failures.append(f"{binary}: ctest runs {spec!r} without '-w NoTests'")
        for name, count in counts.items():
            if ";" in name:
                failures.append(f"{binary}: test case name contains ';': {name!r}")
            if count != 1:
                failures.append(f"{binary}: test case {name!r} registered {count} times in ctest")
        print(f"{binary}: {len(names)} test cases, {len(commands)} ctest tests")
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
