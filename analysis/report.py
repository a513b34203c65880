#!/usr/bin/python3
"""An interactive report of a run, an ensemble (replicates) or a sweep: one self-contained HTML file.

    analysis/report.py out/m1            # a run folder: writes out/m1/report.html
    analysis/report.py out/e1            # partysim run --replicates N: ensemble bands
    analysis/report.py sw/               # a collected sweep: response and sensitivity indices
    analysis/report.py out/m1 --out m1.html

The page works offline: the plotting library (plotly.js from Debian's python3-plotly,
/usr/share/python3-plotly/plotly.js) is embedded gzip-compressed in base64 and unpacked by the
browser (DecompressionStream), so a 240-month run's report is about 3 MB and needs no network.
Panels have hover values, zoom (drag; double-click resets) and series switched on and off by a
click on their legend entry. Every time axis shades the scheduled shocks and names them; the
reported facts (timeline.REPORTED_FACTS) are drawn as dated targets on the entry-price panel. The
run's provenance (run.json) and its resolved parameters, with unit and meaning from the parameter
table, are a searchable table.

A sweep's page draws any summary against any parameter (both chosen in the page), every replicate
and the replicate mean per design point; for a design = sobol sweep it adds the Sobol indices
(S1, ST, from sobol.py's estimators) of the chosen summary, for a design = morris sweep its Morris
elementary effects (mu*, sigma, from morris.py).
"""

import base64
import gzip
import json
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import partysim_io as io  # noqa: E402
import timeline as tl  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

PROG = "report.py"
PLOTLY_JS = [Path("/usr/share/python3-plotly/plotly.js"),
             Path("/usr/share/javascript/plotly/plotly.min.js")]

SONGBUN_COLORS = {"core": "#c0392b", "wavering": "#e67e22", "hostile": "#5d6d7e"}

# The run's panels: (title, y-axis title, log?, [(source, measure, name, options)], y2 title or
# None). source "ts": timeseries.csv, "sb:<songbun>": by_songbun.csv; options: "y2" (the twin
# axis), "smooth" (a centred 12-month mean), "dash", "markers".
RUN_PANELS = [
    ("Driver: market return", "USD/month", False,
     [("ts", "market_return_usd", "market return", "")], None),
    ("Membership", "share of households", False,
     [("ts", "member_share", "member share", ""),
      ("ts", "applications", "applications, monthly", "y2"),
      ("ts", "applications", f"applications, {tl.smooth_label()}", "y2 smooth")],
     "count/month"),
    ("Member share by songbun", "share of the class's households", False,
     [(f"sb:{s}", "member_share", s, "") for s in ("core", "wavering", "hostile")], None),
    ("Entry price by songbun", "USD, log scale", True,
     [(f"sb:{s}", "entry_price_quoted_mean_usd", f"{s}, quoted", "dash")
      for s in ("core", "wavering", "hostile")]
     + [(f"sb:{s}", "entry_price_paid_mean_usd", f"{s}, paid (monthly)", "markers")
        for s in ("core", "wavering", "hostile")], None),
    ("Party secretaries", "USD/month", False,
     [("ts", "secretary_income_mean_usd", "mean income", ""),
      ("ts", "secretaries_recruiting_share", "share recruiting", "y2")], "share of secretaries"),
    (f"Enforcement and skip deals, {tl.smooth_label()}s", "count/month, log scale", True,
     [("ts", m, tl.words(m), "smooth") for m in ("catches", "detentions", "purges", "skip_deals")],
     None),
    ("Markets: members vs outsiders", "USD/month", False,
     [("ts", "market_income_mean_member_usd", "income, members", ""),
      ("ts", "market_income_mean_outsider_usd", "income, outsiders", ""),
      ("ts", "market_time_mean_member", "market time, members", "y2 dash"),
      ("ts", "market_time_mean_outsider", "market time, outsiders", "y2 dash")],
     "share of time"),
    ("Bribes when caught", "USD", False,
     [("ts", "bribe_mean_member_usd", "mean bribe, members", ""),
      ("ts", "bribe_mean_other_usd", "mean bribe, others", "")], None),
    ("Opinion of membership", "USD/month", False,
     [("ts", "opinion_mean_usd", "mean opinion", ""),
      ("ts", "opinion_negative_share", "share with a negative opinion", "y2 dash")],
     "share of households"),
]

ENSEMBLE_MEASURES = ["market_return_usd", "member_share", "applications",
                     "entry_price_quoted_mean_usd", "secretary_income_mean_usd",
                     "secretaries_recruiting_share", "market_income_mean_outsider_usd",
                     "catches", "opinion_negative_share"]


def _values(series):
    """A list of floats with None for missing values (JSON null: a gap), rounded to 6
    significant digits to keep the page small."""
    out = []
    for v in np.asarray(series, dtype=float):
        out.append(None if not math.isfinite(v) else float(f"{v:.6g}"))
    return out


def _months(index):
    return [d.strftime("%Y-%m") for d in index]


def _provenance(info):
    return {k: v for k, v in info.items() if k != "parameters"}


def _parameter_rows(parameters):
    meta = tl.parameter_table()
    rows = []
    for key, value in (parameters or {}).items():
        m = meta.get(key, {})
        rows.append([key, str(value), m.get("unit", ""), m.get("meaning", ""), m.get("source", "")])
    return rows



def _timeline(parameters, dates):
    first, last = dates.min(), dates.max()
    shocks = [{"start": f"{s.start:%Y-%m}-01", "last": f"{s.end:%Y-%m}",
               "end": f"{(s.end + pd.DateOffset(months=1)):%Y-%m}-01",
               "label": s.label, "parameters": s.parameters}
              for s in tl.shocks(parameters, first, last)]
    facts = [{"measure": f.measure, "low": f.low_usd, "high": f.high_usd,
              "start": f"{a:%Y-%m}-01", "end": f"{(b + pd.DateOffset(months=1)):%Y-%m}-01",
              "label": f.label, "source": f.source}
             for f, a, b in tl.facts_in_range("entry_price_paid_mean_usd", first, last)]
    return shocks, facts


def run_data(folder):
    run = io.Run(folder)
    ts = run.timeseries
    dates = ts.index
    parameters = tl.run_parameters(run.info)
    panels = []
    for title, ytitle, log, traces, y2title in RUN_PANELS:
        out = []
        for source, measure, name, options in traces:
            if source == "ts":
                s = run.series(measure)
            else:
                s = run.songbun_measure(measure)[source[3:]].reindex(dates)
            if "smooth" in options:
                s = tl.smooth(s)
            if log:
                s = s.where(s > 0)
            color = SONGBUN_COLORS.get(source[3:]) if source.startswith("sb:") else None
            out.append({"name": name, "y": _values(s), "y2": "y2" in options,
                        "dash": "dash" in options, "markers": "markers" in options,
                        "color": color, "measure": measure})
        panels.append({"title": title, "ytitle": ytitle, "log": log, "y2title": y2title,
                       "traces": out, "facts": "Entry price" in title})
    shocks, facts = _timeline(parameters, dates)
    return {"kind": "run", "title": f"partysim run: {tl.run_title(run.info, run.folder)}",
            "dates": _months(dates), "rows": len(dates), "panels": panels, "shocks": shocks,
            "facts": facts, "provenance": _provenance(run.info),
            "parameters": _parameter_rows(parameters)}


def ensemble_data(folder):
    ens = io.Ensemble(folder)
    info = tl.read_json(Path(folder) / "run.json")
    parameters = tl.run_parameters(info)
    panels = []
    dates = None
    for measure in [m for m in ENSEMBLE_MEASURES if m in ens.measures]:
        t = ens.measure(measure)
        dates = t.index if dates is None else dates
        unit = io.measure_unit(measure)
        log = measure in ("catches", "entry_price_quoted_mean_usd")
        clip = (lambda s: s.where(s > 0)) if log else (lambda s: s)
        panels.append({"title": tl.label(measure, unit), "ytitle": unit + (", log scale" if log
                                                                           else ""),
                       "log": log, "y2title": None, "band": {
                           "low": _values(clip(t["p5"])), "high": _values(clip(t["p95"])),
                           "name": "p5–p95 over replicates"},
                       "traces": [{"name": "mean", "y": _values(clip(t["mean"])), "y2": False,
                                   "color": "#1b2631"},
                                  {"name": "median", "y": _values(clip(t["p50"])), "y2": False,
                                   "dash": True, "color": "#1b4f72"}],
                       "facts": measure.startswith("entry_price")})
    replicates = int(ens.data["n"].max()) if ens.data["n"].notna().any() else 0
    shocks, facts = _timeline(parameters, dates)
    title = tl.run_title(info, ens.folder)
    return {"kind": "ensemble",
            "title": f"partysim ensemble: {title}, {replicates} replicates",
            "dates": _months(dates), "rows": len(dates), "panels": panels, "shocks": shocks,
            "facts": facts, "provenance": _provenance(info),
            "parameters": _parameter_rows(parameters)}


def _sobol_indices(sweep, y):
    import sobol

    Y, D, _, _ = sobol.sweep_outputs(sweep, y)
    r = sobol.sobol_analysis(Y, D, bootstrap=200, seed=1)
    return {k: _values(r[k]) for k in sobol.CSV_COLUMNS[1:]}


def _morris_indices(sweep, y):
    import morris

    r, used, _ = morris.sweep_indices(sweep, y, bootstrap=200, seed=1)
    return {**{k: _values(r[k]) for k in morris.CSV_COLUMNS[1:]}, "trajectories": used}


# The sensitivity indices a sweep's page draws, by the sweep's design: {column: a value per varied
# parameter} of one summary, with 95% bootstrap intervals from 200 resamples (the scripts' own
# estimators; fewer resamples than their default 1000 keep the page quick to write). The page's
# SENSITIVITY_CHARTS says how each is drawn.
SENSITIVITY = {"sobol": _sobol_indices, "morris": _morris_indices}


def sweep_data(folder):
    sweep = io.Sweep(folder)
    d = sweep.data
    points = {}
    for y in sweep.summaries:
        t = sweep.point_table(y)
        points[y] = {"mean": _values(t["mean"]), "min": _values(t["min"]),
                     "max": _values(t["max"])}
    table = sweep.point_table(sweep.summaries[0])
    sensitivity = {}
    if sweep.design in SENSITIVITY:
        for y in sweep.summaries:
            try:
                sensitivity[y] = SENSITIVITY[sweep.design](sweep, y)
            except io.InputError:  # none for this summary (too few values): the page says so
                continue
    # The fixed part: the first run's run.json, when the runs are there.
    runs = sorted((sweep.folder / "runs").glob("*/run.json")) if (sweep.folder / "runs").is_dir() \
        else []
    info = tl.read_json(runs[0]) if runs else {}
    parameters = tl.run_parameters(info)
    spec = {f"[{s}] {k}" if s else k: v for s, kv in sweep.spec.items() for k, v in kv.items()}
    return {"kind": "sweep",
            "title": f"partysim sweep {sweep.folder.resolve().name}: design = {sweep.design}, "
                     f"{d['point'].nunique()} points × {d['replicate'].nunique()} replicates",
            "design": sweep.design,
            "parameters_varied": sweep.parameters,
            "parameter_labels": {p: tl.parameter_label(p) for p in sweep.parameters},
            "summaries": sweep.summaries,
            "summary_labels": {y: io.label_with_unit(y, sweep.summary_unit(y))
                               for y in sweep.summaries},
            "summary_definitions": {y: sweep.summary_definition(y) for y in sweep.summaries},
            "summary_units": {y: sweep.summary_unit(y) for y in sweep.summaries},
            "replicates": {"point": [int(p) for p in d["point"]],
                           "x": {p: _values(d[p]) for p in sweep.parameters},
                           "y": {y: _values(d[y]) for y in sweep.summaries}},
            "points": {"x": {p: _values(table[p]) for p in sweep.parameters}, "y": points},
            "rows": len(d), "sensitivity": sensitivity,
            "provenance": {"sweep.ini": spec, "first run": _provenance(info)},
            "parameters": _parameter_rows(parameters)}


def folder_data(folder):
    folder = Path(folder)
    if not folder.exists():
        raise io.InputError(f"{folder} does not exist")
    if not folder.is_dir():
        raise io.InputError(f"{folder} is not a folder")
    if (folder / "timeseries.csv").is_file():
        return run_data(folder)
    if (folder / "ensemble.csv").is_file():
        return ensemble_data(folder)
    if (folder / "plan.csv").is_file():
        return sweep_data(folder)  # asks for 'sweep collect' when summary.csv is missing
    raise io.InputError(f"{folder} is not a partysim run, ensemble or sweep folder (no "
                        f"timeseries.csv, ensemble.csv or plan.csv)")


def plotly_source():
    for path in PLOTLY_JS:
        if path.is_file():
            return path
    raise io.InputError("plotly.js not found (install Debian's python3-plotly: apt-get install "
                        "python3-plotly)")


def build_html(folder):
    data = folder_data(folder)
    js = plotly_source().read_bytes()
    packed = base64.b64encode(gzip.compress(js, compresslevel=9, mtime=0)).decode("ascii")
    page = (Path(__file__).resolve().parent / "report_template.html").read_text(encoding="utf-8")
    payload = json.dumps(data, separators=(",", ":"), allow_nan=False).replace("</", "<\\/")
    return (page.replace("/*TITLE*/", data["title"].replace("<", "&lt;"))
                .replace("/*PLOTLY_GZ_BASE64*/", packed)
                .replace("/*DATA_JSON*/", payload))


def main(argv=None):
    parser = io.script_parser(PROG, __doc__)
    parser.add_argument("folder", metavar="DIR", help="a run, ensemble or collected sweep folder")
    parser.add_argument("--out", metavar="FILE.html",
                        help="where to write the page (default DIR/report.html)")
    args = parser.parse_args(argv)
    html = build_html(args.folder)
    out = io.output_path(Path(args.folder) / "report.html", args.out, ".html")
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as e:
        raise io.InputError(f"cannot write {out}: {e.strerror or e}") from None
    print(f"{PROG}: wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    io.run_main(PROG, main)
