#!/usr/bin/python3
"""Several runs or ensembles overlaid on the same axes: what a scenario or a policy did against
a baseline.

    analysis/compare.py out/marketization out/redenomination_2009          # writes compare.png
    analysis/compare.py out/e_base out/e_policy --labels baseline,policy --out cmp.png
    analysis/compare.py out/a out/b --measures member_share,applications --smooth

Each folder is a run (timeseries.csv) or an ensemble (ensemble.csv of 'partysim run
--replicates N'). One panel per measure, one colour per folder: a run is a line; an ensemble is
its mean with the band from the 5th to the 95th percentile over its replicates. The scheduled
shocks of every folder (months where a parameter's schedule departs from a trend) are shaded and
named on every panel; the legend sits below the panels. Folders are named by their scenario,
size and seed (run.json) unless --labels names them. --smooth draws count measures
(applications, catches, ...) as centred 12-month means.
"""

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import partysim_io as io  # noqa: E402
import timeline as tl  # noqa: E402

PROG = "compare.py"

DEFAULT_MEASURES = ["market_return_usd", "member_share", "applications",
                    "entry_price_quoted_mean_usd", "secretary_income_mean_usd",
                    "market_income_mean_outsider_usd", "catches", "opinion_negative_share"]
LOG_MEASURES = {"entry_price_quoted_mean_usd", "entry_price_paid_mean_usd"}
COLORS = ["#1b2631", "#c0392b", "#2471a3", "#229954", "#b9770e", "#7d3c98", "#17a589", "#5d6d7e"]


class Series:
    """One folder: a run or an ensemble, with what the figure needs of it."""

    def __init__(self, folder):
        folder = Path(folder)
        if (folder / "ensemble.csv").is_file() and not (folder / "timeseries.csv").is_file():
            self.ensemble = io.Ensemble(folder)
            self.run = None
            self.info = tl.read_json(folder / "run.json")
            self.measures = self.ensemble.measures
        else:
            self.run = io.Run(folder)  # a helpful error for anything else
            self.ensemble = None
            self.info = self.run.info
            self.measures = [c for c in self.run.timeseries.columns if c != "date"]
        self.folder = folder
        self.parameters = tl.run_parameters(self.info)

    @property
    def replicates(self):
        if self.ensemble is None:
            return 1
        n = self.ensemble.data["n"]
        return int(n.max()) if n.notna().any() else 0

    def name(self):
        title = tl.run_title(self.info, self.folder)
        return f"{title}, {self.replicates} replicates" if self.ensemble is not None else title

    def check(self, measure):
        if measure not in self.measures:
            where = self.ensemble.path if self.ensemble is not None else self.run.timeseries_path
            raise io.InputError(f"{where} has no measure '{measure}'"
                                f"{io.closest(measure, self.measures)}")

    def dates(self):
        if self.ensemble is not None:
            return self.ensemble.data["date"]
        return self.run.timeseries.index



def _is_count(measure):
    return io.measure_unit(measure) == "count/month"


def build_compare_figure(folders, measures=None, labels=None, smooth=False):
    """The comparison as a matplotlib Figure (raises io.InputError)."""
    if len(folders) < 1:
        raise io.InputError("name at least one run or ensemble folder")
    series = [Series(f) for f in folders]
    measures = list(measures) if measures else DEFAULT_MEASURES
    for s in series:
        for m in measures:
            s.check(m)
    if labels is not None and len(labels) != len(series):
        raise io.InputError(f"--labels: {len(labels)} labels for {len(series)} folders")
    names = labels or [s.name() for s in series]
    if len(set(names)) < len(names):  # same scenario twice: add the folder's name
        names = [f"{n} ({s.folder.name})" for n, s in zip(names, series)]
    first = min(s.dates().min() for s in series)
    last = max(s.dates().max() for s in series)
    shocks = tl.shocks({}, first, last)
    for s in series:
        for shock in tl.shocks(s.parameters, first, last):
            if not any(x.start == shock.start and x.end == shock.end for x in shocks):
                shocks.append(shock)
    columns = 2 if len(measures) > 1 else 1
    rows = math.ceil(len(measures) / columns)
    fig = io.new_figure(figsize=(8 * columns, 3.6 * rows + 1.4))
    axes = fig.subplots(rows, columns, squeeze=False)
    for ax, measure in zip(axes.flat, measures):
        unit = io.measure_unit(measure)
        smoothed = smooth and _is_count(measure)
        log = measure in LOG_MEASURES
        for s, name, color in zip(series, names, COLORS * 4):
            if s.ensemble is not None:
                t = s.ensemble.measure(measure)
                mean, low, high = t["mean"], t["p5"], t["p95"]
                if smoothed:
                    mean, low, high = tl.smooth(mean), tl.smooth(low), tl.smooth(high)
                if log:
                    mean, low, high = (v.where(v > 0) for v in (mean, low, high))
                ax.fill_between(t.index, low, high, color=color, alpha=0.2, lw=0)
                ax.plot(t.index, mean, color=color, lw=1.8, label=name)
            else:
                v = s.run.series(measure)
                v = tl.smooth(v) if smoothed else v
                v = v.where(v > 0) if log else v
                ax.plot(v.index, v, color=color, lw=1.5, label=name)
        title = tl.label(measure, unit)
        if smoothed:
            title += f", {tl.smooth_label()}"
        ax.set_title(title, loc="left", fontweight="bold", pad=12)
        ax.set_ylabel(f"{unit}, log scale" if log else unit)
        if log:
            ax.set_yscale("log")
            import plot_run

            plot_run.log_ticks(ax.yaxis, money=unit.startswith("USD"))
        elif measure != "opinion_mean_usd":
            ax.set_ylim(bottom=0)
        ax.set_xlim(first, last)
        tl.shade_shocks(ax, shocks)
        io.date_axis(ax)
        ax.grid(True, alpha=0.3)
    for ax in list(axes.flat)[len(measures):]:
        ax.set_visible(False)
    handles, texts = axes.flat[0].get_legend_handles_labels()
    if any(s.ensemble is not None for s in series):
        from matplotlib.patches import Patch

        handles.append(Patch(color="0.6", alpha=0.4))
        texts.append("ensembles: mean and p5–p95 over replicates")
    # Below the panels: the layout leaves the bottom strip free for it (matplotlib 3.6 has no
    # loc="outside ...").
    ncol = min(3, len(texts))
    strip = (0.35 + 0.25 * math.ceil(len(texts) / ncol)) / fig.get_figheight()
    fig.get_layout_engine().set(rect=(0, strip, 1, 1 - strip))  # left, bottom, width, height
    fig.legend(handles, texts, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=ncol,
               frameon=False)
    fig.suptitle("partysim comparison" + (": shaded, scheduled shocks ("
                 + "; ".join(f"{s.start:%Y-%m}..{s.end:%Y-%m} {', '.join(s.parameters)}"
                             for s in shocks) + ")" if shocks else ""),
                 fontsize="large")
    return fig


def main(argv=None):
    parser = io.script_parser(PROG, __doc__)
    parser.add_argument("folders", metavar="DIR", nargs="+", help="run or ensemble folders")
    parser.add_argument("--measures", metavar="a,b,...",
                        help="measures of timeseries.csv, comma-separated (default: "
                             + ",".join(DEFAULT_MEASURES) + ")")
    parser.add_argument("--labels", metavar="a,b,...",
                        help="a name per folder, comma-separated (default: scenario, size, seed)")
    parser.add_argument("--smooth", action="store_true",
                        help="count measures as centred 12-month means")
    parser.add_argument("--out", metavar="FILE.png", help="where to write (default compare.png)")
    parser.add_argument("--dpi", type=int, default=100, help="PNG resolution (default 100)")
    args = parser.parse_args(argv)
    measures = io.split_list(args.measures) if args.measures is not None else None
    if measures is not None and not measures:
        raise io.InputError("--measures: no measure given")
    labels = io.split_list(args.labels) if args.labels is not None else None
    fig = build_compare_figure(args.folders, measures, labels, args.smooth)
    out = io.output_path(Path("compare.png"), args.out, ".png")
    io.save_figure(fig, out, dpi=args.dpi)
    print(f"{PROG}: wrote {out}")


if __name__ == "__main__":
    io.run_main(PROG, main)
