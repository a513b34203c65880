#!/usr/bin/python3
"""Verdicts of a one-at-a-time sweep (scenarios/sweeps/oat_30.ini): for each point, which of the
patterns and realism checks that its summaries can judge still hold.

    build/partysim sweep plan scenarios/sweeps/oat_30.ini --out oat/
    build/partysim sweep run oat/ && build/partysim sweep collect oat/
    analysis/oat_verdicts.py oat/              # a Markdown table on standard output

Point 0 holds every parameter at its base value; each other point changes one parameter (the
column that differs from point 0 names it). Each summary is pooled over the point's replicates
(the mean of its replicate values; the entry price is total bribes over total admissions). The
checks, with the thresholds of tests/patterns/patterns_test.cpp (docs/ODD.md, sections 1 and
"Calibration of v2"), first three years (2000-02) against last three (2017-19):
  P1  late applications below half the early ones;
  P2  mean entry price paid above $200 early and below $20 late;
  P3  the secretaries' entry income per secretary falls by more than half;
  8.3 the 8.3 share rises and is the majority late;
  abs unpaid absence never above the lowest 8.3 share (monthly max against monthly min: stricter
      than the test's yearly means);
  mem the Party's share of households stays within 12-24% in every month.
P4-P6 need household-level data or several runs per point and are not judged here.
Exits 2 if the folder lacks the summaries it needs.
"""

import sys
from pathlib import Path

import pandas as pd

PROG = "oat_verdicts.py"
NEEDED = ["applications_early", "applications_late", "entry_bribes_early", "admissions_early",
          "entry_bribes_late", "admissions_late", "secretary_entry_income_early",
          "secretary_entry_income_late", "pay_83_early", "pay_83_late", "pay_83_min",
          "absent_max", "member_share_min", "member_share_max"]


def checks(p):
    """The verdicts of one point (a Series of pooled summaries): {name: passed}."""
    price_early = p.entry_bribes_early / p.admissions_early
    price_late = p.entry_bribes_late / p.admissions_late
    return {
        "P1": p.applications_late < 0.5 * p.applications_early,
        "P2": price_early > 200 and price_late < 20,
        "P3": p.secretary_entry_income_late < 0.5 * p.secretary_entry_income_early,
        "8.3": p.pay_83_late > p.pay_83_early and p.pay_83_late > 0.5,
        "abs": p.absent_max <= p.pay_83_min,
        "mem": p.member_share_min > 0.12 and p.member_share_max < 0.24,
    }


def verdict_table(folder):
    plan = pd.read_csv(folder / "plan.csv")
    summary = pd.read_csv(folder / "summary.csv")
    missing = [c for c in NEEDED if c not in summary.columns]
    if missing:
        sys.exit(f"{PROG}: {folder / 'summary.csv'} lacks {', '.join(missing)} "
                 "(plan the sweep with scenarios/sweeps/oat_30.ini's [summaries])")
    parameters = [c for c in plan.columns if c not in ("run_id", "point", "replicate", "seed")]
    pooled = summary.groupby("point")[NEEDED].mean()
    values = plan.groupby("point")[parameters].first()
    base = values.loc[0]
    rows = ["| parameter | value | applications early → late | entry price early → late | "
            "8.3 share early → late | member share min–max | fails |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for point, p in pooled.iterrows():
        changed = [k for k in parameters if values.loc[point, k] != base[k]]
        name = "defaults" if not changed else ", ".join(f"`{k}`" for k in changed)
        value = "" if not changed else ", ".join(
            f"{values.loc[point, k]:g} ({values.loc[point, k] / base[k] - 1:+.0%})" for k in changed)
        fails = [name for name, passed in checks(p).items() if not passed]
        rows.append(
            f"| {name} | {value} | {p.applications_early:.1f} → {p.applications_late:.1f} | "
            f"${p.entry_bribes_early / p.admissions_early:.0f} → "
            f"${p.entry_bribes_late / p.admissions_late:.1f} | "
            f"{p.pay_83_early:.0%} → {p.pay_83_late:.0%} | "
            f"{p.member_share_min:.1%}–{p.member_share_max:.1%} | "
            f"{', '.join(fails) if fails else 'none'} |")
    return "\n".join(rows) + "\n"


def main(argv):
    if len(argv) != 2 or argv[1].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(argv[1])
    for name in ("plan.csv", "summary.csv"):
        if not (folder / name).is_file():
            print(f"{PROG}: {folder / name} not found (run `partysim sweep collect {folder}`)",
                  file=sys.stderr)
            return 2
    sys.stdout.write(verdict_table(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
