#!/usr/bin/python3
"""One tidy (long) CSV file of a run, an ensemble or a sweep, for tools other than pandas and R.

    analysis/tidy_table.py out/m1 --out m1_long.csv                  # a run
    analysis/tidy_table.py out/e1 --table by_songbun --out e1.csv    # every replicate stacked
    analysis/tidy_table.py sw/ --table timeseries --out sw_long.csv  # every sweep run stacked

The columns are those of partysim_io.load_run / load_ensemble / load_sweep (docs/analysis.md,
"Tidy tables"): run_id, scenario, seed, replicate (sweeps: point and the varied parameters), then
date (YYYY-MM), [songbun,] measure, value (empty for no value) and unit; for a sweep's
--table summary, its summary.csv with the plan's columns. The kind of folder is recognised:
plan.csv makes a sweep, ensemble.csv an ensemble, anything else is read as a run.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import partysim_io as io  # noqa: E402

PROG = "tidy_table.py"


def tidy_table(folder, table=None):
    """The tidy table of FOLDER (a run, an ensemble or a sweep); `table` as in the loaders
    (default: timeseries, or summary for a sweep)."""
    folder = Path(folder)
    if (folder / "plan.csv").is_file():
        return io.load_sweep(folder, table or "summary")
    if table == "summary":
        raise io.InputError(f"{folder} is not a sweep folder: --table summary needs one")
    if (folder / "ensemble.csv").is_file():
        return io.load_ensemble(folder, table or "timeseries")
    return io.load_run(folder, table or "timeseries")


def main(argv=None):
    parser = io.script_parser(PROG, __doc__)
    parser.add_argument("folder", metavar="DIR", help="a partysim run, ensemble or sweep folder")
    parser.add_argument("--table", choices=["timeseries", "by_songbun", "summary"],
                        help="which table (default timeseries; summary for a sweep)")
    parser.add_argument("--out", metavar="FILE.csv", required=True, help="the CSV file to write")
    args = parser.parse_args(argv)
    df = tidy_table(args.folder, args.table)
    if "date" in df.columns:
        df["date"] = df["date"].dt.strftime("%Y-%m")
    out = io.output_path(args.out, args.out, ".csv")
    try:
        df.to_csv(out, index=False, na_rep="", float_format=lambda x: repr(float(x)))  # round-trips
    except OSError as e:
        raise io.InputError(f"cannot write {out}: {e.strerror or e}") from None
    print(f"{PROG}: wrote {out} ({len(df)} rows)")


if __name__ == "__main__":
    io.run_main(PROG, main)
