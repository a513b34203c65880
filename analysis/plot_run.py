#!/usr/bin/python3
"""Dashboard of one partysim run: nine panels from timeseries.csv, by_songbun.csv and run.json.

    analysis/plot_run.py out/m1                 # writes out/m1/dashboard.png
    analysis/plot_run.py out/m1 --svg           # and out/m1/dashboard.svg
    analysis/plot_run.py out/m1 --out fig.png   # elsewhere

Panels: (a) the driver, the market return; (b) membership and applications; (c) member share by
songbun; (d) entry price paid by songbun (log scale); (e) Party secretaries; (f) catches,
detentions, purges and skip deals (log scale); (g) markets, members vs outsiders; (h) bribes when
caught; (i) opinions. Every time axis shades the scheduled shocks (the months where a
parameter's schedule departs from a trend) and names their parameters; smoothed lines are
centred 12-month means; reported facts are drawn only over the period they speak of.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import partysim_io as io  # noqa: E402
import timeline as tl  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

PROG = "plot_run.py"

TITLES = {
    "a": "(a) Driver: market return",
    "b": "(b) Membership",
    "c": "(c) Member share by songbun",
    "d": "(d) Entry price paid by songbun",
    "e": "(e) Party secretaries",
    "f": "(f) Enforcement and skip deals",
    "g": "(g) Markets: members vs outsiders",
    "h": "(h) Bribes when caught",
    "i": "(i) Opinion of membership",
}
SMOOTH_MONTHS = tl.SMOOTH_MONTHS

MEMBER = "#c0392b"
OUTSIDER = "#2471a3"
DRIVER = "#b9770e"
SONGBUN_COLORS = {"core": "#c0392b", "wavering": "#e67e22", "hostile": "#5d6d7e"}

# Every measure the dashboard reads from timeseries.csv, checked up front so that a missing
# column is reported before any drawing.
TIMESERIES_MEASURES = [
    "market_return_usd", "member_share", "applications",
    "secretary_income_mean_usd", "secretaries_recruiting_share", "skip_deals",
    "market_income_mean_member_usd", "market_income_mean_outsider_usd",
    "market_time_mean_member", "market_time_mean_outsider",
    "catches", "bribe_mean_member_usd", "bribe_mean_other_usd", "detentions", "purges",
    "opinion_mean_usd", "opinion_negative_share",
]


def _legend(axes, ncol=3, **kwargs):
    """One legend for a panel and its twin, below the axes (never over the data)."""
    handles, labels = [], []
    for ax in axes:
        h, l = ax.get_legend_handles_labels()
        handles += h
        labels += l
    kwargs.setdefault("fontsize", "small")
    axes[0].legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.16),
                   ncol=min(ncol, max(len(labels), 1)), frameon=False, **kwargs)


def log_ticks(axis, money=False):
    """Readable ticks on a log axis: 1, 2, 5, 10, 20, 50, ... written out ('$500', '1,000'),
    never 10^2."""
    import matplotlib.ticker as mticker

    axis.set_major_locator(mticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    axis.set_minor_locator(mticker.NullLocator())

    def fmt(v, _pos):
        text = f"{v:,.0f}" if v >= 1 else f"{v:g}"
        return f"${text}" if money else text

    axis.set_major_formatter(mticker.FuncFormatter(fmt))


def _color_axis(ax, color):
    ax.yaxis.label.set_color(color)
    ax.tick_params(axis="y", colors=color)


def _panel_driver(ax, run, ctx):
    ret = run.series("market_return_usd")
    ax.plot(ret.index, ret, color=DRIVER, lw=2, label="market return")
    ax.set_ylabel(tl.label("market_return_usd"))
    ax.set_ylim(bottom=0)
    _legend([ax])
    return [ax]


def _panel_membership(ax, run, ctx):
    share = run.series("member_share")
    ax.plot(share.index, share, color=MEMBER, lw=2, label="member share")
    ax.set_ylabel(tl.label("member_share"))
    _color_axis(ax, MEMBER)
    ax.set_ylim(bottom=0)
    tw = ax.twinx()
    apps = run.series("applications")
    tw.plot(apps.index, apps, color="0.6", lw=0.7, label="applications, monthly")
    tw.plot(apps.index, tl.smooth(apps), color="black", lw=1.5,
            label=f"applications, {tl.smooth_label()}")
    tw.set_ylabel(tl.label("applications"))
    tw.set_ylim(bottom=0)
    _legend([ax, tw])
    return [ax, tw]


def _panel_songbun_share(ax, run, ctx):
    shares = run.songbun_measure("member_share")
    for songbun in shares.columns:
        s = shares[songbun]
        ax.plot(s.index, s, lw=1.8, color=SONGBUN_COLORS.get(songbun), label=songbun)
    ax.set_ylabel("members (share of the class's households)")
    ax.set_ylim(bottom=0)
    _legend([ax])
    return [ax]


def _smoothed_price(run, songbun, prices):
    """The entry price paid over a centred 12-month window: weighted by admissions where
    by_songbun.csv has them (the total paid over the number admitted), else the plain mean of the
    months that had admissions."""
    price = prices[songbun]
    try:
        admissions = run.songbun_measure("admissions")[songbun].reindex(price.index)
    except (io.InputError, KeyError):
        return tl.smooth(price)
    weight = admissions.where(price.notna(), 0.0).fillna(0.0)
    roll = dict(window=SMOOTH_MONTHS, center=True, min_periods=1)
    paid = (price.fillna(0.0) * weight).rolling(**roll).sum()
    admitted = weight.rolling(**roll).sum()
    return (paid / admitted).where(admitted > 0)


def _panel_entry_price(ax, run, ctx):
    prices = run.songbun_measure("entry_price_paid_mean_usd")
    values = []
    for songbun in prices.columns:
        color = SONGBUN_COLORS.get(songbun)
        monthly = prices[songbun].where(prices[songbun] > 0)
        ax.plot(monthly.index, monthly, ls="none", marker=".", ms=2.5, alpha=0.3, color=color)
        smoothed = _smoothed_price(run, songbun, prices).where(lambda s: s > 0)
        ax.plot(smoothed.index, smoothed, lw=2, color=color, label=f"{songbun}")
        values.append(monthly.to_numpy(dtype=float))
    ax.set_yscale("log")
    log_ticks(ax.yaxis, money=True)
    ax.set_ylabel(f"entry price paid, {tl.smooth_label()} (USD, log scale)")
    data = np.concatenate(values) if values else np.array([])
    data = data[np.isfinite(data) & (data > 0)]
    first, last = ctx["first"], ctx["last"]
    facts = tl.facts_in_range("entry_price_paid_mean_usd", first, last)
    levels = [f.low_usd for f, _, _ in facts] + [f.high_usd for f, _, _ in facts]
    lows = [v * 0.5 for v in levels] + ([data.min() * 0.8] if data.size else [])
    highs = [v * 1.6 for v in levels] + ([data.max() * 1.25] if data.size else [])
    low, high = (min(lows), max(highs)) if lows else (1.0, 1000.0)
    ax.set_ylim(low, high)
    for fact, start, end in facts:
        end = end + pd.DateOffset(months=1)
        if fact.high_usd > fact.low_usd:
            ax.fill_between([start, end], fact.low_usd, fact.high_usd, color="black", alpha=0.12,
                            lw=0)
        ax.plot([start, end], [fact.low_usd, fact.low_usd], color="black", ls="--", lw=1.2,
                label=fact.label)
        # A band's name above it; a single level's (the floor) below its line, clear of the
        # prices that sit on it.
        above = fact.high_usd > fact.low_usd
        ax.annotate(fact.label.split(" (")[0], xy=(start, fact.high_usd),
                    xytext=(0, 3 if above else -3), textcoords="offset points",
                    fontsize="x-small", ha="left", va="bottom" if above else "top")
    # The floor line: a price below it is the floor times a multiplier below 1 (core), said so.
    floor = tl.parameter_value(ctx["parameters"], "secretary.price_floor")
    if floor and data.size and data.min() < floor * (1 - 1e-9):
        below = [s for s in prices.columns if (prices[s] < floor * (1 - 1e-9)).any()]
        notes = []
        for s in below:
            m = tl.parameter_value(ctx["parameters"], f"secretary.entry_price_multiplier_{s}")
            notes.append(f"{s}: floor ${floor:g} × multiplier {m:g} = ${floor * m:g}"
                         if m is not None else f"{s}: below the floor")
        note = "below $%g: " % floor + "; ".join(notes)
    else:
        note = ""
    # The note goes with the legend, below the axes: it covers no data.
    _legend([ax], title="songbun (dots: monthly)" + (f"\n{note}" if note else ""),
            title_fontsize="small")
    return [ax]


def _panel_secretaries(ax, run, ctx):
    income = run.series("secretary_income_mean_usd")
    ax.plot(income.index, income, color="#6c3483", lw=1.5, label="mean income")
    ax.set_ylabel(tl.label("secretary_income_mean_usd"))
    _color_axis(ax, "#6c3483")
    ax.set_ylim(bottom=0)
    tw = ax.twinx()
    recruiting = run.series("secretaries_recruiting_share")
    tw.plot(recruiting.index, recruiting, color="#117a65", lw=1.5, label="share recruiting")
    tw.set_ylabel(tl.label("secretaries_recruiting_share"))
    tw.set_ylim(0, 1)
    _color_axis(tw, "#117a65")
    _legend([ax, tw])
    return [ax, tw]


def _panel_events(ax, run, ctx):
    colors = {"catches": "black", "detentions": "#7d3c98", "purges": "#d35400",
              "skip_deals": "#b9770e"}
    for measure, color in colors.items():
        s = tl.smooth(run.series(measure)).where(lambda v: v > 0)
        ax.plot(s.index, s, color=color, lw=1.4, label=tl.words(measure))
    ax.set_yscale("log")
    log_ticks(ax.yaxis)
    ax.set_ylabel(f"events, {tl.smooth_label()} (count/month, log scale)")
    _legend([ax], ncol=4)
    return [ax]


def _panel_markets(ax, run, ctx):
    for status, color in (("member", MEMBER), ("outsider", OUTSIDER)):
        s = run.series(f"market_income_mean_{status}_usd")
        ax.plot(s.index, s, color=color, lw=1.8, label=f"income, {status}s")
    ax.set_ylabel("market income, mean (USD/month)")
    ax.set_ylim(bottom=0)
    tw = ax.twinx()
    for status, color in (("member", MEMBER), ("outsider", OUTSIDER)):
        s = run.series(f"market_time_mean_{status}")
        tw.plot(s.index, s, color=color, lw=1.2, ls="--", label=f"market time, {status}s")
    tw.set_ylabel("market time, mean (share of time)")
    tw.set_ylim(0, 1.05)
    _legend([ax, tw], ncol=2)
    return [ax, tw]


def _panel_bribes(ax, run, ctx):
    for status, color, name in (("member", MEMBER, "members"), ("other", OUTSIDER, "others")):
        s = run.series(f"bribe_mean_{status}_usd")
        ax.plot(s.index, s, color=color, lw=1.8, label=f"mean bribe, {name}")
    ax.set_ylabel("mean bribe when caught (USD)")
    ax.set_ylim(bottom=0)
    _legend([ax])
    return [ax]


def _panel_opinions(ax, run, ctx):
    opinion = run.series("opinion_mean_usd")
    ax.plot(opinion.index, opinion, color="#1e8449", lw=1.8, label="mean opinion")
    ax.axhline(0, color="0.6", lw=0.8)
    ax.set_ylabel(tl.label("opinion_mean_usd"))
    _color_axis(ax, "#1e8449")
    tw = ax.twinx()
    negative = run.series("opinion_negative_share")
    tw.plot(negative.index, negative, color="#943126", lw=1.5, ls="--",
            label="share with a negative opinion")
    tw.set_ylabel(tl.label("opinion_negative_share"))
    tw.set_ylim(0, 1.05)
    _color_axis(tw, "#943126")
    _legend([ax, tw])
    return [ax, tw]


PANELS = [("a", _panel_driver), ("b", _panel_membership), ("c", _panel_songbun_share),
          ("d", _panel_entry_price), ("e", _panel_secretaries), ("f", _panel_events),
          ("g", _panel_markets), ("h", _panel_bribes), ("i", _panel_opinions)]


def context(run):
    """What every panel needs besides the CSVs: the run's first and last month, its resolved
    parameters and its shocks."""
    dates = run.timeseries.index
    parameters = tl.run_parameters(run.info)
    first, last = dates.min(), dates.max()
    return {"first": first, "last": last, "parameters": parameters,
            "shocks": tl.shocks(parameters, first, last)}


def build_dashboard(run_dir):
    """The dashboard of the run in run_dir as a matplotlib Figure (raises io.InputError)."""
    run = io.Run(run_dir)
    io.require_columns(run.timeseries, TIMESERIES_MEASURES, run.timeseries_path)
    run.songbun_measure("entry_price_paid_mean_usd")  # fail before drawing
    run.songbun_measure("member_share")
    ctx = context(run)
    fig = io.new_figure(figsize=(19, 15))
    grid = fig.subplots(3, 3)
    for (key, draw), ax in zip(PANELS, grid.flat):
        draw(ax, run, ctx)
        ax.set_title(TITLES[key], loc="left", fontweight="bold", pad=12)
        ax.set_xlim(ctx["first"], ctx["last"])
        tl.shade_shocks(ax, ctx["shocks"])
        io.date_axis(ax)
        ax.grid(True, alpha=0.3)
    shocks = "; ".join(f"{s.start:%Y-%m}..{s.end:%Y-%m}: {', '.join(s.parameters)}"
                       for s in ctx["shocks"])
    fig.suptitle(f"partysim run: {tl.run_title(run.info, run.folder)}"
                 + (f"\nshaded: scheduled shocks ({shocks})" if shocks else ""),
                 fontsize="x-large")
    return fig


def main(argv=None):
    parser = io.script_parser(PROG, __doc__)
    parser.add_argument("run_dir", metavar="RUN_DIR", help="a partysim run folder")
    parser.add_argument("--out", metavar="FILE.png",
                        help="where to write the PNG (default RUN_DIR/dashboard.png)")
    parser.add_argument("--svg", action="store_true",
                        help="also write an SVG next to the PNG (same name, .svg)")
    parser.add_argument("--dpi", type=int, default=100, help="PNG resolution (default 100)")
    args = parser.parse_args(argv)
    fig = build_dashboard(args.run_dir)
    out = io.output_path(Path(args.run_dir) / "dashboard.png", args.out, ".png")
    io.save_figure(fig, out, dpi=args.dpi)
    written = [str(out)]
    if args.svg:
        io.save_figure(fig, out.with_suffix(".svg"))
        written.append(str(out.with_suffix(".svg")))
    print(f"{PROG}: wrote {', '.join(written)}")


if __name__ == "__main__":
    io.run_main(PROG, main)
