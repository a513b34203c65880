"""A passing test and a skipped one: unittest_no_skips.py must fail on this folder (ctest
tests.unittest_no_skips_refuses_skips, WILL_FAIL)."""
import unittest


class Skipping(unittest.TestCase):
    def test_passes(self):
        self.assertTrue(True)

    def test_skips(self):
        self.skipTest("a skip that would hide a failure")
