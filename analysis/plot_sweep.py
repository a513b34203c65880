#!/usr/bin/python3
"""Response of a sweep's summary to its parameters: a curve over one, a heat map over two.

    analysis/plot_sweep.py sw/ --x enforcement.crackdown_rate --y applications_late
    analysis/plot_sweep.py sw/ --x crackdown_rate --x2 bribe_member_multiplier --y member_share_2019

Reads SWEEP_DIR/summary.csv (written by 'partysim sweep collect'; columns run_id, point,
replicate, seed, the parameters named in plan.csv, then the summaries) and averages the summary
over the replicates of each design point.

With --x only: the replicate mean against x, with a band from the smallest to the largest
replicate. Where the other parameters form a few combinations (a grid), one curve per
combination; otherwise (lhs, sobol, morris designs) one marker per design point, with the band as
an error bar. With --x2: a heat map of the replicate mean over x and x2 (grid designs; other
parameters, if any, are averaged over).

A parameter may be named in full (enforcement.crackdown_rate) or by its last part
(crackdown_rate). --y may be left out when the sweep has a single summary. Writes
SWEEP_DIR/sweep_<y>_vs_<x>.png (with --x2: sweep_<y>_vs_<x>_<x2>.png) unless --out says
otherwise; --x may be given several times, one figure each. Axes carry the parameter's unit from
the parameter table; the heat map has a second panel, the spread over the replicates.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import partysim_io as io  # noqa: E402
import timeline as tl  # noqa: E402

import numpy as np  # noqa: E402

PROG = "plot_sweep.py"
MAX_CURVES = 8  # more combinations of the other parameters than this: markers, not curves
MAX_GRID_LEVELS = 40


def _fmt(value):
    return f"{value:.4g}"


def _is_log(sweep, parameter):
    """Whether the sweep file varies the parameter on a log scale ('... log')."""
    vary = sweep.spec.get("vary", {})
    key = parameter[len("scale_"):] if parameter.startswith("scale_") else parameter
    definition = vary.get(key, "")
    return definition.split()[-1:] == ["log"] if definition else False


def _y_label(sweep, y):
    return io.label_with_unit(f"{y}, replicate mean", sweep.summary_unit(y))


def _subtitle(sweep, y):
    definition = sweep.summary_definition(y)
    replicates = int(sweep.data["replicate"].nunique())
    design = f"design = {sweep.design}, " if sweep.design else ""
    what = f"{y} = {definition}; " if definition else ""
    return f"{what}{design}{sweep.data['point'].nunique()} points × {replicates} replicates"


def _curves(ax, sweep, points, x, y):
    others = [p for p in sweep.parameters if p != x and points[p].nunique() > 1]
    if not others:
        groups = [((), points)]
    else:  # a single grouper as itself, not a list of one (pandas warns about that)
        groups = list(points.groupby(others if len(others) > 1 else others[0], sort=True))
    replicates = int(sweep.data["replicate"].nunique())
    band = "min–max over replicates" if replicates > 1 else None
    as_curves = len(groups) <= MAX_CURVES and all(g[x].nunique() > 1 for _, g in groups)
    if as_curves:
        import matplotlib

        colors = matplotlib.colormaps["viridis"](np.linspace(0.0, 0.85, len(groups)))
        for (key, g), color in zip(groups, colors):
            g = g.sort_values(x)
            key = key if isinstance(key, tuple) else (key,)
            label = ", ".join(f"{p} = {_fmt(v)}" for p, v in zip(others, key)) or "replicate mean"
            ax.plot(g[x], g["mean"], marker="o", ms=4, color=color, lw=1.6, label=label)
            if band:
                ax.fill_between(g[x], g["min"], g["max"], color=color, alpha=0.18, lw=0)
        if band:
            ax.fill_between([], [], [], color="0.6", alpha=0.3, label=band)
    else:
        below = (points["mean"] - points["min"]).clip(lower=0)
        above = (points["max"] - points["mean"]).clip(lower=0)
        ax.errorbar(points[x], points["mean"], yerr=[below, above] if band else None, fmt="o",
                    ms=3.5, color="#1f618d", ecolor="#85c1e9", elinewidth=1, alpha=0.85,
                    label="design points" + (f" ({band})" if band else "")
                          + ("; other parameters vary" if others else ""))
    if _is_log(sweep, x) and (points[x] > 0).all():
        ax.set_xscale("log")
    ax.set_xlabel(tl.parameter_label(x))
    ax.set_ylabel(_y_label(sweep, y))
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2,
              frameon=False)  # below the axes: it covers no curve


def _grid_table(sweep, points, x, x2, column):
    table = points.groupby([x2, x])[column].mean().unstack(x).sort_index().sort_index(axis=1)
    if (table.shape[0] > MAX_GRID_LEVELS or table.shape[1] > MAX_GRID_LEVELS
            or table.isna().to_numpy().any()):
        design = f" (design = {sweep.design})" if sweep.design else ""
        raise io.InputError(f"{sweep.summary_path}: the design points do not form a grid over "
                            f"{x} and {x2}{design}; plot one parameter with --x alone")
    return table


def _draw_grid(fig, ax, table, x, x2, cmap, bar_label):
    values = table.to_numpy(dtype=float)
    image = ax.imshow(values, origin="lower", aspect="auto", cmap=cmap, interpolation="nearest")
    ax.set_xticks(range(table.shape[1]), [_fmt(v) for v in table.columns])
    ax.set_yticks(range(table.shape[0]), [_fmt(v) for v in table.index])
    ax.set_xlabel(tl.parameter_label(x))
    ax.set_ylabel(tl.parameter_label(x2))
    finite = values[np.isfinite(values)]
    middle = (finite.min() + finite.max()) / 2 if finite.size else 0
    if values.size <= 400:
        dark_low = cmap == "viridis"
        for (i, j), v in np.ndenumerate(values):
            light = (v < middle) if dark_low else (v > middle)
            ax.text(j, i, "" if not np.isfinite(v) else f"{v:.3g}", ha="center", va="center",
                    fontsize="small", color="white" if light else "black")
    bar = fig.colorbar(image, ax=ax)
    bar.set_label(bar_label)


def _heat_map(fig, axes, sweep, points, x, x2, y):
    """Two heat maps side by side: the replicate mean, and the spread over the replicates (the
    largest minus the smallest replicate of each design point)."""
    averaged = [p for p in sweep.parameters if p not in (x, x2) and points[p].nunique() > 1]
    points = points.assign(spread=points["max"] - points["min"])
    mean = _grid_table(sweep, points, x, x2, "mean")
    spread = _grid_table(sweep, points, x, x2, "spread")
    _draw_grid(fig, axes[0], mean, x, x2, "viridis", _y_label(sweep, y))
    unit = sweep.summary_unit(y)
    _draw_grid(fig, axes[1], spread, x, x2, "Greys",
               io.label_with_unit(f"{y}, spread over replicates (max − min)", unit))
    axes[1].set_title("spread over replicates (max − min)", fontsize="small", loc="left")
    if averaged:
        axes[0].set_title("averaged over " + ", ".join(averaged), fontsize="small", loc="right")


def build_sweep_figure(sweep_dir, x, y=None, x2=None):
    """The sweep figure as a matplotlib Figure (raises io.InputError).

    sweep_dir is a collected sweep folder (or an io.Sweep); x and x2 parameter names, y a
    summary name (None: the only summary)."""
    sweep = sweep_dir if isinstance(sweep_dir, io.Sweep) else io.Sweep(sweep_dir)
    x = sweep.parameter(x, "--x")
    y = sweep.summary(y, "--y")
    if x2 is not None:
        x2 = sweep.parameter(x2, "--x2")
        if x2 == x:
            raise io.InputError(f"--x2 {x2} is the same parameter as --x")
    points = sweep.point_table(y)
    points = points[points["count"] > 0]
    if points.empty:
        raise io.InputError(f"{sweep.summary_path}: summary '{y}' has no values (every field "
                            f"is empty)")
    if x2 is None:
        fig = io.new_figure(figsize=(8, 5.5))
        ax = fig.subplots()
        _curves(ax, sweep, points, x, y)
    else:
        fig = io.new_figure(figsize=(15, 6))
        axes = fig.subplots(1, 2)
        _heat_map(fig, axes, sweep, points, x, x2, y)
        ax = axes[0]
    fig.suptitle(f"{y}: sweep {sweep.folder.resolve().name}", fontweight="bold")
    ax.set_title(_subtitle(sweep, y), fontsize="small", loc="left")
    return fig


def main(argv=None):
    parser = io.script_parser(PROG, __doc__)
    parser.add_argument("sweep_dir", metavar="SWEEP_DIR", help="a collected partysim sweep folder")
    parser.add_argument("--x", required=True, metavar="PARAM", action="append",
                        help="the parameter on the x axis (repeat --x for one figure each)")
    parser.add_argument("--y", metavar="SUMMARY",
                        help="the summary to plot (a column of summary.csv; default: the only one)")
    parser.add_argument("--x2", metavar="PARAM2",
                        help="a second parameter: draw a heat map over x and x2")
    parser.add_argument("--out", metavar="FILE.png",
                        help="where to write the PNG (default SWEEP_DIR/sweep_<y>_vs_<x>.png)")
    parser.add_argument("--dpi", type=int, default=120, help="PNG resolution (default 120)")
    args = parser.parse_args(argv)
    sweep = io.Sweep(args.sweep_dir)
    y = sweep.summary(args.y, "--y")
    if args.out and len(args.x) > 1:
        raise io.InputError("--out names one file: give one --x with it, or leave --out out")
    if args.x2 and len(args.x) > 1:
        raise io.InputError("--x2 draws one heat map: give one --x with it")
    for x in args.x:
        fig = build_sweep_figure(sweep, x, y, args.x2)
        out = io.output_path(Path(args.sweep_dir) / default_name(sweep, x, y, args.x2), args.out,
                             ".png")
        io.save_figure(fig, out, dpi=args.dpi)
        print(f"{PROG}: wrote {out}")


def default_name(sweep, x, y, x2=None):
    """sweep_<y>_vs_<x>[_<x2>].png, with the parameters' last parts: one file per figure."""
    def short(p):
        p = sweep.parameter(p)
        inner = p[len("scale("):-1] if p.startswith("scale(") else p
        return inner.split(".")[-1] + ("_scale" if p.startswith("scale(") else "")
    return f"sweep_{y}_vs_{short(x)}" + (f"_{short(x2)}" if x2 else "") + ".png"


if __name__ == "__main__":
    io.run_main(PROG, main)
