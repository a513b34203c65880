"""Runs a folder of Python unittest tests and fails if any test was skipped or expected to fail.

A skip hides a failure as well as a pass: the analysis tests once caught a failing
`partysim run --replicates`, fell back to data they built themselves and skipped the comparison
with the real writer, and the suite stayed green. Here a skip is a failure.
Usage: unittest_no_skips.py TEST_FOLDER
"""
import sys
import unittest

suite = unittest.defaultTestLoader.discover(sys.argv[1])
result = unittest.TextTestRunner(verbosity=2).run(suite)
hidden = [f"skipped: {test.id()}: {reason}" for test, reason in result.skipped]
hidden += [f"expected failure: {test.id()}" for test, _ in result.expectedFailures]
for line in hidden:
    print("FAIL (a skip is a failure here):", line, file=sys.stderr)
if result.testsRun == 0:
    print("FAIL: no test ran", file=sys.stderr)
sys.exit(0 if result.wasSuccessful() and not hidden and result.testsRun > 0 else 1)
