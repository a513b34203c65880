#!/usr/bin/python3
"""Ensemble of replicates: the mean and the p5-p95 band over replicates of a few measures.

    build/partysim run scenarios/marketization.ini --replicates 20 --out out/e1
    analysis/plot_ensemble.py out/e1                            # writes out/e1/ensemble.png
    analysis/plot_ensemble.py out/e1 --measures member_share,catches --out e1.png

Reads ENSEMBLE_DIR/ensemble.csv (long format: date,measure,n,mean,sd,p5,p50,p95, one row per
month and measure; n is the number of replicates with a value, and a month where no replicate
had one has empty statistics, drawn as a gap). One panel per measure: the mean (solid), the
median (thin dashed) and the band from the 5th to the 95th percentile over the replicates.
"""

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import partysim_io as io  # noqa: E402
import timeline as tl  # noqa: E402


PROG = "plot_ensemble.py"

DEFAULT_MEASURES = [
    "market_return_usd",  # the driver, beside what it drives
    "member_share",
    "applications",
    "entry_price_quoted_mean_usd",
    "secretary_income_mean_usd",
    "market_income_mean_outsider_usd",
    "opinion_negative_share",
]



def build_ensemble_figure(ensemble_dir, measures=None):
    """The ensemble figure as a matplotlib Figure: one panel per measure (raises io.InputError)."""
    ensemble = io.Ensemble(ensemble_dir)
    measures = list(measures) if measures else DEFAULT_MEASURES
    tables = {m: ensemble.measure(m) for m in measures}  # every name checked before drawing
    columns = 2 if len(measures) > 1 else 1
    rows = math.ceil(len(measures) / columns)
    fig = io.new_figure(figsize=(7.5 * columns, 4.0 * rows + 0.6))
    axes = fig.subplots(rows, columns, squeeze=False)
    replicates = int(ensemble.data["n"].max()) if ensemble.data["n"].notna().any() else 0
    info = tl.read_json(ensemble.folder / "run.json")
    params = tl.run_parameters(info)
    dates = ensemble.data["date"]
    shocks = tl.shocks(params, dates.min(), dates.max())
    for ax, measure in zip(axes.flat, measures):
        t = tables[measure]
        ax.fill_between(t.index, t["p5"], t["p95"], color="#5dade2", alpha=0.35, lw=0,
                        label="p5–p95 over replicates")
        ax.plot(t.index, t["p50"], color="#1b4f72", lw=0.8, ls="--", label="median")
        ax.plot(t.index, t["mean"], color="#1b2631", lw=1.6, label="mean")
        ax.set_title(measure, loc="left", fontweight="bold")
        ax.set_ylabel(tl.label(measure, io.measure_unit(measure)))
        ax.set_xlim(t.index.min(), t.index.max())
        io.date_axis(ax)
        ax.grid(True, alpha=0.3)
        tl.shade_shocks(ax, shocks)
        ax.legend(fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=3,
                  frameon=False)  # below the axes: never over the data
    for ax in list(axes.flat)[len(measures):]:
        ax.set_visible(False)
    fig.suptitle(f"partysim ensemble: {tl.run_title(info, ensemble.folder)}, {replicates} "
                 f"replicates", fontsize="x-large")
    return fig


def main(argv=None):
    parser = io.script_parser(PROG, __doc__)
    parser.add_argument("ensemble_dir", metavar="ENSEMBLE_DIR",
                        help="a folder written by 'partysim run SCENARIO --replicates N'")
    parser.add_argument("--measures", metavar="a,b,...",
                        help="measures of timeseries.csv to plot, comma-separated (default: "
                             + ",".join(DEFAULT_MEASURES) + ")")
    parser.add_argument("--out", metavar="FILE.png",
                        help="where to write the PNG (default ENSEMBLE_DIR/ensemble.png)")
    parser.add_argument("--dpi", type=int, default=110, help="PNG resolution (default 110)")
    args = parser.parse_args(argv)
    measures = io.split_list(args.measures) if args.measures is not None else None
    if measures is not None and not measures:
        raise io.InputError("--measures: no measure given")
    fig = build_ensemble_figure(args.ensemble_dir, measures)
    out = io.output_path(Path(args.ensemble_dir) / "ensemble.png", args.out, ".png")
    io.save_figure(fig, out, dpi=args.dpi)
    print(f"{PROG}: wrote {out}")


if __name__ == "__main__":
    io.run_main(PROG, main)
