#!/usr/bin/python3
"""Dashboard of one partysim run: six panels from timeseries.csv and by_songbun.csv.

    analysis/plot_run.py out/m1                 # writes out/m1/dashboard.png
    analysis/plot_run.py out/m1 --svg           # and out/m1/dashboard.svg
    analysis/plot_run.py out/m1 --out fig.png   # elsewhere

Panels: (a) membership, (b) entry price paid by songbun (log scale, 12-month mean), (c) Party
secretaries, (d) markets, members vs outsiders, (e) enforcement, (f) opinions.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import partysim_io as io  # noqa: E402

import numpy as np  # noqa: E402

PROG = "plot_run.py"

TITLES = {
    "a": "(a) Membership",
    "b": "(b) Entry price paid by songbun",
    "c": "(c) Party secretaries",
    "d": "(d) Markets: members vs outsiders",
    "e": "(e) Enforcement",
    "f": "(f) Opinion of membership",
}
# The reference levels of panel (b), in USD: what entry cost before marketization and after.
REFERENCE_LINES = [(300.0, "hundreds of dollars ($300)"), (5.0, "rabbit meat ($5)")]
SMOOTH_MONTHS = 12

MEMBER = "#c0392b"
OUTSIDER = "#2471a3"
SONGBUN_COLORS = {"core": "#c0392b", "wavering": "#e67e22", "hostile": "#5d6d7e"}

# Every measure the dashboard reads from timeseries.csv, checked up front so that a missing
# column is reported before any drawing.
TIMESERIES_MEASURES = [
    "member_share", "applications",
    "secretary_income_mean_usd", "secretaries_recruiting_share", "skip_deals",
    "market_income_mean_member_usd", "market_income_mean_outsider_usd",
    "market_time_mean_member", "market_time_mean_outsider",
    "catches", "bribe_mean_member_usd", "bribe_mean_other_usd", "detentions", "purges",
    "opinion_mean_usd", "opinion_negative_share",
]


def _legend(axes, **kwargs):
    """One legend for a panel and its twin axes, drawn on the top-most axis."""
    handles, labels = [], []
    for ax in axes:
        h, l = ax.get_legend_handles_labels()
        handles += h
        labels += l
    kwargs.setdefault("fontsize", "small")
    kwargs.setdefault("framealpha", 0.85)
    axes[-1].legend(handles, labels, **kwargs)


def _smooth(series, months=SMOOTH_MONTHS):
    return series.rolling(months, min_periods=1).mean()


def _headroom(ax, factor):
    """A linear axis from 0 to factor times its data's top: room for the legend above."""
    top = ax.get_ylim()[1]
    ax.set_ylim(0, top * factor if top > 0 else 1)


def _color_axis(ax, color):
    ax.yaxis.label.set_color(color)
    ax.tick_params(axis="y", colors=color)


def _panel_membership(ax, run):
    share = run.series("member_share")
    ax.plot(share.index, share, color=MEMBER, lw=2, label="member share")
    ax.set_ylabel("member share (share of households)")
    _color_axis(ax, MEMBER)
    ax.set_ylim(bottom=0)
    tw = ax.twinx()
    apps = run.series("applications")
    tw.plot(apps.index, apps, color="0.55", lw=0.7, label="applications (monthly)")
    tw.plot(apps.index, _smooth(apps), color="black", lw=1.5,
            label=f"applications ({SMOOTH_MONTHS}-month mean)")
    tw.set_ylabel("applications (count/month)")
    tw.set_ylim(bottom=0)
    _legend([ax, tw], loc="upper right")
    return [ax, tw]


def _smoothed_price(run, songbun, prices):
    """The entry price paid over the last 12 months: weighted by admissions where by_songbun.csv
    has them (the total paid over the number admitted), else the plain mean of the months that
    had admissions."""
    price = prices[songbun]
    try:
        admissions = run.songbun_measure("admissions")[songbun].reindex(price.index)
    except (io.InputError, KeyError):
        return _smooth(price)
    weight = admissions.where(price.notna(), 0.0).fillna(0.0)
    paid = (price.fillna(0.0) * weight).rolling(SMOOTH_MONTHS, min_periods=1).sum()
    admitted = weight.rolling(SMOOTH_MONTHS, min_periods=1).sum()
    return (paid / admitted).where(admitted > 0)


def _panel_entry_price(ax, run):
    prices = run.songbun_measure("entry_price_paid_mean_usd")
    values = []
    for songbun in prices.columns:
        color = SONGBUN_COLORS.get(songbun)
        monthly = prices[songbun].where(prices[songbun] > 0)
        ax.plot(monthly.index, monthly, ls="none", marker=".", ms=2.5, alpha=0.3, color=color)
        smooth = _smoothed_price(run, songbun, prices).where(lambda s: s > 0)
        ax.plot(smooth.index, smooth, lw=2, color=color, label=f"{songbun}")
        values.append(monthly.to_numpy(dtype=float))
    ax.set_yscale("log")
    ax.set_ylabel(f"entry price paid, {SMOOTH_MONTHS}-month mean (USD, log scale)")
    data = np.concatenate(values) if values else np.array([])
    data = data[np.isfinite(data) & (data > 0)]
    low = min([REFERENCE_LINES[1][0] * 0.5] + ([data.min() * 0.8] if data.size else []))
    high = max([REFERENCE_LINES[0][0] * 2.0] + ([data.max() * 1.25] if data.size else []))
    ax.set_ylim(low, high)
    handles, labels = ax.get_legend_handles_labels()
    # The prices fall over time: the high line's label goes right (under the line, clear of the
    # legend), the low line's left (above the line).
    places = (((0.99, "right"), (-3, "top")), ((0.01, "left"), (3, "bottom")))
    for (value, label), ((x, ha), (dy, va)) in zip(REFERENCE_LINES, places):
        ax.axhline(value, color="black", ls="--", lw=1, label=label)
        ax.annotate(label, xy=(x, value), xycoords=("axes fraction", "data"), xytext=(0, dy),
                    textcoords="offset points", fontsize="small", va=va, ha=ha,
                    bbox=dict(boxstyle="square,pad=0.1", fc="white", ec="none", alpha=0.7))
    ax.legend(handles, labels, title="songbun (dots: monthly)", fontsize="small",
              title_fontsize="small", loc="upper right", framealpha=0.85)
    return [ax]


def _panel_secretaries(ax, run):
    income = run.series("secretary_income_mean_usd")
    ax.plot(income.index, income, color="#6c3483", lw=1.5, label="mean income")
    ax.set_ylabel("secretary income, mean (USD/month)")
    _color_axis(ax, "#6c3483")
    ax.set_ylim(bottom=0)
    tw = ax.twinx()
    recruiting = run.series("secretaries_recruiting_share")
    tw.plot(recruiting.index, recruiting, color="#117a65", lw=1.5, label="share recruiting")
    tw.set_ylabel("secretaries recruiting (share)")
    tw.set_ylim(0, 1)
    _color_axis(tw, "#117a65")
    tw2 = ax.twinx()
    tw2.spines["right"].set_position(("axes", 1.13))
    skips = run.series("skip_deals")
    tw2.plot(skips.index, skips, color="#b9770e", lw=1.2, ls="--", label="skip deals")
    tw2.set_ylabel("skip deals (count/month)")
    tw2.set_ylim(bottom=0)
    _color_axis(tw2, "#b9770e")
    _legend([ax, tw, tw2], loc="upper left")
    return [ax, tw, tw2]


def _panel_markets(ax, run):
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
    _legend([ax, tw], loc="lower right", ncol=2)
    return [ax, tw]


def _panel_enforcement(ax, run):
    for status, color, name in (("member", MEMBER, "members"), ("other", OUTSIDER, "others")):
        s = run.series(f"bribe_mean_{status}_usd")
        ax.plot(s.index, s, color=color, lw=1.8, label=f"mean bribe, {name}")
    ax.set_ylabel("mean bribe when caught (USD)")
    _headroom(ax, 1.4)
    tw = ax.twinx()
    for measure, color in (("catches", "black"), ("detentions", "#7d3c98"), ("purges", "#d35400")):
        s = _smooth(run.series(measure)).where(lambda v: v > 0)
        tw.plot(s.index, s, color=color, lw=1.2, ls="--",
                label=f"{measure} ({SMOOTH_MONTHS}-month mean)")
    tw.set_yscale("log")
    tw.set_ylabel("catches, detentions, purges (count/month, log scale)")
    low, high = tw.get_ylim()
    tw.set_ylim(low, high * 15)  # room for the legend above the lines
    _legend([ax, tw], loc="upper left", ncol=2)
    return [ax, tw]


def _panel_opinions(ax, run):
    opinion = run.series("opinion_mean_usd")
    ax.plot(opinion.index, opinion, color="#1e8449", lw=1.8, label="mean opinion")
    ax.axhline(0, color="0.6", lw=0.8)
    ax.set_ylabel("opinion of membership, mean (USD/month)")
    _color_axis(ax, "#1e8449")
    tw = ax.twinx()
    negative = run.series("opinion_negative_share")
    tw.plot(negative.index, negative, color="#943126", lw=1.5, ls="--",
            label="share with a negative opinion")
    tw.set_ylabel("negative opinion (share of households)")
    tw.set_ylim(0, 1.05)
    _color_axis(tw, "#943126")
    _legend([ax, tw], loc="center right")
    return [ax, tw]


PANELS = [("a", _panel_membership), ("b", _panel_entry_price), ("c", _panel_secretaries),
          ("d", _panel_markets), ("e", _panel_enforcement), ("f", _panel_opinions)]


def build_dashboard(run_dir):
    """The dashboard of the run in run_dir as a matplotlib Figure (raises io.InputError)."""
    run = io.Run(run_dir)
    io.require_columns(run.timeseries, TIMESERIES_MEASURES, run.timeseries_path)
    run.songbun_measure("entry_price_paid_mean_usd")  # fail before drawing
    fig = io.new_figure(figsize=(17, 13))
    grid = fig.subplots(3, 2)
    dates = run.timeseries.index
    for (key, draw), ax in zip(PANELS, grid.flat):
        draw(ax, run)
        ax.set_title(TITLES[key], loc="left", fontweight="bold")
        ax.set_xlim(dates.min(), dates.max())
        io.date_axis(ax)
        ax.grid(True, alpha=0.3)
    fig.suptitle(f"partysim run {run.folder.name}: {run.subtitle()}", fontsize="x-large")
    return fig


def main(argv=None):
    parser = io.script_parser(PROG, __doc__)
    parser.add_argument("run_dir", metavar="RUN_DIR", help="a partysim run folder")
    parser.add_argument("--out", metavar="FILE.png",
                        help="where to write the PNG (default RUN_DIR/dashboard.png)")
    parser.add_argument("--svg", action="store_true",
                        help="also write an SVG next to the PNG (same name, .svg)")
    parser.add_argument("--dpi", type=int, default=110, help="PNG resolution (default 110)")
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
