#!/usr/bin/python3
"""Tests of the analysis scripts (analysis/), on real partysim outputs made in setUpModule.

Run from the repository root with Debian's Python (numpy, pandas, matplotlib, scipy):

    /usr/bin/python3 -m unittest discover -s tests/analysis -v

The partysim binary is $PARTYSIM (default build/partysim). gnuplot must be installed (the setup
installs gnuplot-nox): a missing gnuplot is a failure, not a skip.
"""

import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ANALYSIS = ROOT / "analysis"
sys.path.insert(0, str(ANALYSIS))

import partysim_io  # noqa: E402

import matplotlib  # noqa: E402
import matplotlib.dates as mdates  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402
from scipy.stats import qmc  # noqa: E402

import plot_ensemble  # noqa: E402
import plot_run  # noqa: E402
import plot_sweep  # noqa: E402
import sobol  # noqa: E402

PYTHON = "/usr/bin/python3"
SCENARIO = ROOT / "scenarios" / "marketization.ini"
REPLICATES = 3

# Ishigami function (a = 7, b = 0.1) on [-pi, pi]^3: analytic indices.
ISHIGAMI_S1 = np.array([0.3139, 0.4424, 0.0])
ISHIGAMI_ST = np.array([0.5576, 0.4424, 0.2437])
TOLERANCE_N4096 = 0.02  # estimators on plain arrays, N = 2^12 base points
TOLERANCE_N1024 = 0.05  # through sobol.py on a sweep folder, N = 2^10 base points

# Units a y-axis label may state, in parentheses (docs/outputs.md).
UNITS = ("USD", "USD/month", "share", "share of households", "share of time", "count/month",
         "count/month, log scale", "USD, log scale", "share of secretaries",
         "share of the class's households")


def partysim_binary():
    path = Path(os.environ.get("PARTYSIM", "build/partysim"))
    if not path.is_absolute():
        path = (Path.cwd() / path) if (Path.cwd() / path).exists() else ROOT / path
    return path


def run_partysim(*args):
    command = [str(BINARY), *map(str, args)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}): {done.stderr}")
    return done


def run_sweep(sweep_file, folder):
    run_partysim("sweep", "plan", sweep_file, "--out", folder)
    run_partysim("sweep", "run", folder, "--jobs", 2)
    run_partysim("sweep", "collect", folder)


def make_ensemble_csv(run_dirs, out_dir):
    """A hand-made ensemble.csv from single runs (the statistics of partysim's EnsembleWriter:
    values that are not empty; sd with n - 1; linear percentiles), computed with pandas/numpy."""
    frames = [pd.read_csv(Path(d) / "timeseries.csv") for d in run_dirs]
    dates = frames[0]["date"]
    measures = [c for c in frames[0].columns if c != "date"]
    values = np.stack([f[measures].to_numpy(dtype=float) for f in frames])  # (R, T, M)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN slices, sd of one value
        n = np.isfinite(values).sum(axis=0)
        stats = {
            "mean": np.nanmean(values, axis=0),
            "sd": np.where(n > 1, np.nanstd(values, axis=0, ddof=1), np.nan),
            "p5": np.nanpercentile(values, 5, axis=0),
            "p50": np.nanpercentile(values, 50, axis=0),
            "p95": np.nanpercentile(values, 95, axis=0),
        }
    T, M = n.shape
    table = pd.DataFrame({"date": np.repeat(dates.to_numpy(), M),
                          "measure": np.tile(measures, T), "n": n.reshape(-1)})
    for name, array in stats.items():
        table[name] = array.reshape(-1)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    table.to_csv(Path(out_dir) / "ensemble.csv", index=False, na_rep="")
    return Path(out_dir)


def saltelli_ishigami(N, D=3):
    """Saltelli-ordered samples (SALib's order) of the Ishigami function from an unscrambled
    Sobol sequence of dimension 2D whose first point (all zeros) is skipped, as Boost's."""
    sequence = qmc.Sobol(d=2 * D, scramble=False)
    sequence.fast_forward(1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scipy warns when the points are not 2^m from the start
        base = -np.pi + 2 * np.pi * sequence.random(N)
    A, B = base[:, :D], base[:, D:]
    rows = []
    for i in range(N):
        rows.append(A[i])
        for j in range(D):
            ab = A[i].copy()
            ab[j] = B[i, j]
            rows.append(ab)
        for j in range(D):
            ba = B[i].copy()
            ba[j] = A[i, j]
            rows.append(ba)
        rows.append(B[i])
    X = np.array(rows)
    Y = np.sin(X[:, 0]) + 7 * np.sin(X[:, 1]) ** 2 + 0.1 * X[:, 2] ** 4 * np.sin(X[:, 0])
    return X, Y


def make_ishigami_sweep(folder, N=1024, replicates=2):
    """A sweep folder as partysim writes it (plan.csv, summary.csv, sweep.ini) whose summary is
    the Ishigami function; the replicates are f + e and f - e, so their mean is f."""
    X, Y = saltelli_ishigami(N)
    folder = Path(folder)
    folder.mkdir(parents=True)
    rows = []
    for point, (x, y) in enumerate(zip(X, Y)):
        for r in range(replicates):
            noise = (0.5 if r % 2 == 0 else -0.5) if replicates % 2 == 0 else 0.0
            rows.append([f"run{point * replicates + r:06d}", point, r, 100 + r, *x, y + noise])
    params = ["x1", "x2", "x3"]
    summary = pd.DataFrame(rows, columns=partysim_io.PLAN_COLUMNS + params + ["ishigami"])
    summary[partysim_io.PLAN_COLUMNS + params].to_csv(folder / "plan.csv", index=False)
    summary.to_csv(folder / "summary.csv", index=False)
    (folder / "sweep.ini").write_text(
        "schema_version = 1\nbase = base.ini\ndesign = sobol\n"
        f"replicates = {replicates}\nsamples = {N}\n")
    return folder


def run_script(args, **kwargs):
    return subprocess.run([str(a) for a in args], cwd=ROOT, capture_output=True, text=True,
                          **kwargs)


def run_scripts(commands):
    """Runs several commands at once (2 cores: the Python start-up dominates)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        return list(pool.map(run_script, commands))


def png_size(path):
    """(width, height) of a PNG, from its IHDR chunk."""
    data = Path(path).read_bytes()[:24]
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise AssertionError(f"{path} is not a PNG")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


BINARY = partysim_binary()
TMP = None
RUN = ENSEMBLE = HANDMADE = GRID = SOBOL_REAL = SOBOL_ISHIGAMI = None


def setUpModule():
    global TMP, RUN, ENSEMBLE, HANDMADE, GRID, SOBOL_REAL, SOBOL_ISHIGAMI
    if not BINARY.is_file():
        raise RuntimeError(f"no partysim binary at {BINARY} (set PARTYSIM or build it)")
    TMP = Path(tempfile.mkdtemp(prefix="partysim-analysis-test-"))
    RUN = TMP / "run"
    run_partysim("run", SCENARIO, "--households", 3000, "--seed", 1, "--threads", 2, "--quiet",
                 "--out", RUN)
    # The ensemble: partysim's own (run --replicates), and a hand-made one from its replicates'
    # timeseries. A failing run fails the module (run_partysim raises with its stderr): the
    # comparison of the two is the check of partysim's ensemble writer, so no fallback.
    ENSEMBLE = TMP / "ensemble"
    run_partysim("run", SCENARIO, "--households", 2000, "--seed", 5, "--threads", 2,
                 "--quiet", "--replicates", REPLICATES, "--out", ENSEMBLE)
    replicate_dirs = sorted(d for d in ENSEMBLE.glob("rep*") if d.is_dir())
    if len(replicate_dirs) != REPLICATES:
        raise RuntimeError(f"run --replicates {REPLICATES} wrote {len(replicate_dirs)} replicate "
                           f"folders in {ENSEMBLE}: {[d.name for d in replicate_dirs]}")
    HANDMADE = make_ensemble_csv(replicate_dirs, TMP / "handmade")
    # A 2 x 2 grid with 2 replicates: 8 runs at 2,000 households.
    grid_file = TMP / "grid.ini"
    grid_file.write_text(f"""schema_version = 1
base = {SCENARIO}
design = grid
replicates = 2
seed = 2024
[fixed]
households = 2000
months = 240
[vary]
enforcement.crackdown_rate = 0.01, 0.04
enforcement.bribe_member_multiplier = 2, 4
[summaries]
applications_late = applications mean 2017-01..2019-12
member_share_2019 = member_share at 2019-12
""")
    GRID = TMP / "grid"
    run_sweep(grid_file, GRID)
    # A tiny real Sobol sweep: N = 3, D = 2, 3 (2D + 2) = 18 runs at 1,000 households. (With
    # N = 4 the design's points form a full 4 x 4 grid over the two parameters: after the skip,
    # 4 Sobol points are a net. The bad-input test below needs points that are no grid.)
    sobol_file = TMP / "sobol.ini"
    sobol_file.write_text(f"""schema_version = 1
base = {SCENARIO}
design = sobol
samples = 3
replicates = 1
seed = 3
[fixed]
households = 1000
[vary]
opinion.status_value = 7.7..14.3
market.market_return = scale 0.7..1.3
[summaries]
entry_price_late = entry_price_quoted_mean_usd mean 2017-01..2019-12
""")
    SOBOL_REAL = TMP / "sobol"
    run_sweep(sobol_file, SOBOL_REAL)
    SOBOL_ISHIGAMI = make_ishigami_sweep(TMP / "ishigami")


def tearDownModule():
    if TMP is not None and not os.environ.get("PARTYSIM_KEEP_TEST_OUTPUT"):
        shutil.rmtree(TMP, ignore_errors=True)


def panels(fig):
    """{title: [the panel's axes, twins included]} of a figure."""
    result = {}
    for ax in fig.axes:
        if ax.get_title(loc="left"):
            group = [a for a in fig.axes
                     if a is ax or a in ax.get_shared_x_axes().get_siblings(ax)]
            result[ax.get_title(loc="left")] = group
    return result


_DASHBOARD = None


def dashboard_of_run():
    """The dashboard of RUN, built once (several test classes read it, none changes it)."""
    global _DASHBOARD
    if _DASHBOARD is None:
        _DASHBOARD = plot_run.build_dashboard(RUN)
    return _DASHBOARD


def one_panel(folder, draw):
    """One dashboard panel of a run folder, drawn alone by plot_run's drawing function."""
    run = partysim_io.Run(folder)
    fig = partysim_io.new_figure()
    ax = fig.subplots()
    axes = draw(ax, run, plot_run.context(run))
    return axes


def drawn(fig):
    """Draws a figure on an Agg canvas (new_figure's figures have none) and returns the renderer:
    text and legends have their final places."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def constant_lines(ax):
    """{y: label} of the horizontal lines of an axis."""
    lines = {}
    for line in ax.get_lines():
        y = np.asarray(line.get_ydata(), dtype=float)
        if y.size and np.all(y == y[0]):
            lines[float(y[0])] = line.get_label()
    return lines


class DashboardTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.fig = dashboard_of_run()
        cls.panels = panels(cls.fig)
        cls.ts = pd.read_csv(RUN / "timeseries.csv")

    def test_headless_backend(self):
        self.assertEqual(matplotlib.get_backend().lower(), "agg")

    def test_nine_panels_with_titles(self):
        self.assertEqual(sorted(self.panels), sorted(plot_run.TITLES.values()))
        self.assertEqual(sorted(self.panels), sorted([
            "(a) Driver: market return", "(b) Membership", "(c) Member share by songbun",
            "(d) Entry price paid by songbun", "(e) Party secretaries",
            "(f) Enforcement and skip deals", "(g) Markets: members vs outsiders",
            "(h) Bribes when caught", "(i) Opinion of membership"]))

    def test_every_y_label_states_a_unit(self):
        for title, axes in self.panels.items():
            for ax in axes:
                label = ax.get_ylabel()
                with self.subTest(panel=title, label=label):
                    self.assertRegex(label, r"\(.+\)$")
                    unit = label[label.rindex("(") + 1:-1]
                    self.assertIn(unit, UNITS)

    def test_panel_units(self):
        expected = {
            "(a) Driver: market return": ["(USD/month)"],
            "(b) Membership": ["(share of households)", "(count/month)"],
            "(c) Member share by songbun": ["(share of the class's households)"],
            "(d) Entry price paid by songbun": ["(USD, log scale)"],
            "(e) Party secretaries": ["(USD/month)", "(share of secretaries)"],
            "(f) Enforcement and skip deals": ["(count/month, log scale)"],
            "(g) Markets: members vs outsiders": ["(USD/month)", "(share of time)"],
            "(h) Bribes when caught": ["(USD)"],
            "(i) Opinion of membership": ["(USD/month)", "(share of households)"],
        }
        for title, units in expected.items():
            labels = [ax.get_ylabel() for ax in self.panels[title]]
            for unit in units:
                with self.subTest(panel=title, unit=unit):
                    self.assertTrue(any(l.endswith(unit) for l in labels), labels)

    def test_dates_on_x_axes(self):
        for title, axes in self.panels.items():
            ax = axes[0]
            with self.subTest(panel=title):
                self.assertIsInstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)
                low, high = (d.year for d in mdates.num2date(ax.get_xlim()))
                self.assertEqual((low, high), (2000, 2019))

    def test_entry_price_axis_log_with_reference_lines_over_their_period(self):
        ax = self.panels["(d) Entry price paid by songbun"][0]
        self.assertEqual(ax.get_yscale(), "log")
        lines = constant_lines(ax)
        self.assertIn(300.0, lines)
        self.assertIn(5.0, lines)
        self.assertIn("hundreds of dollars", lines[300.0])
        self.assertIn("rabbit meat", lines[5.0])
        # Each line covers only the years its report speaks of, not the whole run.
        for value, (start, end) in ((300.0, ("2013-01", "2014-01")),
                                    (5.0, ("2017-01", "2020-01"))):
            line = next(l for l in ax.get_lines() if l.get_label() == lines[value])
            xs = mdates.date2num(pd.to_datetime(list(line.get_xdata())))
            np.testing.assert_allclose(xs, mdates.date2num(pd.to_datetime([start, end])))
        low, high = ax.get_ylim()
        self.assertLess(low, 5.0)
        self.assertGreater(high, 300.0)
        labels = [line.get_label() for line in ax.get_lines()]
        for songbun in ("core", "wavering", "hostile"):
            self.assertIn(songbun, labels)
        texts = " ".join(t.get_text() for t in ax.texts)
        self.assertIn("rabbit meat", texts)
        self.assertIn("hundreds of dollars", texts)

    def test_price_below_the_floor_has_a_note(self):
        """Core pays the floor times its multiplier (0.8 x $5 = $4): below the $5 line, said."""
        b = pd.read_csv(RUN / "by_songbun.csv")
        paid = b[(b["measure"] == "entry_price_paid_mean_usd")]["value"]
        ax = self.panels["(d) Entry price paid by songbun"][0]
        texts = ax.get_legend().get_title().get_text()  # with the legend, below the axes
        if (paid < 5 - 1e-9).any():
            self.assertIn("below $5", texts)
            self.assertIn("multiplier 0.8 = $4", texts)
        else:
            self.assertNotIn("below $5", texts)

    def test_entry_price_is_a_centred_12_month_mean_of_by_songbun(self):
        ax = self.panels["(d) Entry price paid by songbun"][0]
        core = next(l for l in ax.get_lines() if l.get_label() == "core")
        b = pd.read_csv(RUN / "by_songbun.csv")
        b = b[b["songbun"] == "core"].pivot(index="date", columns="measure", values="value")
        price, admitted = b["entry_price_paid_mean_usd"], b["admissions"]
        roll = dict(window=12, center=True, min_periods=1)
        paid = (price.fillna(0) * admitted).rolling(**roll).sum()
        expected = (paid / admitted.rolling(**roll).sum()).to_numpy()
        shown = np.asarray(core.get_ydata(), dtype=float)
        both = np.isfinite(expected) & np.isfinite(shown)
        self.assertGreater(both.sum(), 200)
        np.testing.assert_allclose(shown[both], expected[both], rtol=1e-9)
        self.assertTrue(np.all(shown[both] > 0))

    def test_lines_carry_the_csv_values(self):
        ax = self.panels["(b) Membership"][0]
        share = next(l for l in ax.get_lines() if l.get_label() == "member share")
        np.testing.assert_allclose(np.asarray(share.get_ydata(), dtype=float),
                                   self.ts["member_share"].to_numpy(), rtol=1e-12)
        axes = self.panels["(g) Markets: members vs outsiders"]
        labels = {l.get_label() for ax in axes for l in ax.get_lines()}
        self.assertTrue({"income, members", "income, outsiders", "market time, members",
                         "market time, outsiders"} <= labels)

    def test_driver_beside_the_outcomes(self):
        ax = self.panels["(a) Driver: market return"][0]
        line = next(l for l in ax.get_lines() if l.get_label() == "market return")
        np.testing.assert_allclose(np.asarray(line.get_ydata(), dtype=float),
                                   self.ts["market_return_usd"].to_numpy(), rtol=1e-12)
        self.assertEqual(ax.get_ylabel(), "market return (USD/month)")

    def test_member_share_by_songbun(self):
        ax = self.panels["(c) Member share by songbun"][0]
        b = pd.read_csv(RUN / "by_songbun.csv")
        b = b[b["measure"] == "member_share"].pivot(index="date", columns="songbun",
                                                   values="value")
        for songbun in ("core", "wavering", "hostile"):
            line = next(l for l in ax.get_lines() if l.get_label() == songbun)
            np.testing.assert_allclose(np.asarray(line.get_ydata(), dtype=float),
                                       b[songbun].to_numpy(), rtol=1e-12)

    def test_at_most_one_twin_axis_per_panel(self):
        for title, axes in self.panels.items():
            with self.subTest(panel=title):
                self.assertLessEqual(len(axes), 2)

    def test_legends_never_cover_the_data(self):
        """Every panel's legend lies outside its axes (below them), so it covers no line."""
        renderer = drawn(self.fig)
        for title, axes in self.panels.items():
            legends = [a.get_legend() for a in axes if a.get_legend() is not None]
            with self.subTest(panel=title):
                self.assertEqual(len(legends), 1)
                box = legends[0].get_window_extent(renderer)
                frame = axes[0].get_window_extent(renderer)
                self.assertLessEqual(box.y1, frame.y0 + 1, (box, frame))

    def test_log_ticks_are_written_out(self):
        drawn(self.fig)
        for title in ("(d) Entry price paid by songbun", "(f) Enforcement and skip deals"):
            ax = self.panels[title][0]
            labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
            with self.subTest(panel=title):
                self.assertGreaterEqual(len(labels), 3, labels)
                for text in labels:  # '$500', '1,000', '0.5': never mathtext such as 10^2
                    self.assertRegex(text, r"^\$?[0-9][0-9,.]*$")

    def test_labels_are_words(self):
        """'members (share of households)', never 'member share (share)' or snake_case."""
        for title, axes in self.panels.items():
            for ax in axes:
                label = ax.get_ylabel()
                with self.subTest(panel=title, label=label):
                    self.assertNotIn("_", label)
                    words, unit = label[:label.rindex("(")].strip(), label[label.rindex("(") + 1:-1]
                    self.assertFalse(words.endswith(unit.split(",")[0].split()[0]), label)

    def test_title_names_scenario_size_and_seed(self):
        title = self.fig._suptitle.get_text()
        self.assertIn("marketization, 3,000 households, seed 1", title)
        self.assertNotIn("/", title.splitlines()[0])

    def test_applications_mean_is_centred(self):
        """A one-month spike: the centred mean rises around the spike's month, not after it."""
        spiked = TMP / "spiked"
        shutil.copytree(RUN, spiked, dirs_exist_ok=True)
        ts = pd.read_csv(spiked / "timeseries.csv")
        k = 120
        ts.loc[k, "applications"] = ts["applications"].max() * 50
        ts.to_csv(spiked / "timeseries.csv", index=False)
        axes = one_panel(spiked, plot_run._panel_membership)
        line = next(l for a in axes for l in a.get_lines() if "centred 12-month mean" in l.get_label())
        y = np.asarray(line.get_ydata(), dtype=float)
        # The spike lifts the mean over a 12-month plateau: centred, its middle is the spike's
        # month (within the half month of an even window); trailing, it would be k + 5.5.
        plateau = np.flatnonzero(y > ts.loc[k, "applications"] / 12 / 2)
        self.assertEqual(len(plateau), 12)
        self.assertLessEqual(abs(plateau.mean() - k), 0.5)
        self.assertIn("centred", line.get_label())

    def test_cli_writes_png_and_svg(self):
        done = run_script([ANALYSIS / "plot_run.py", RUN, "--svg"])
        self.assertEqual(done.returncode, 0, done.stderr)
        width, height = png_size(RUN / "dashboard.png")
        self.assertGreater(width, 1000)
        self.assertGreater(height, 800)
        self.assertIn("<svg", (RUN / "dashboard.svg").read_text()[:2000])


SHOCK_SCHEDULE = ("2000-01:20, 2009-12:39.9163, 2009-12:10, 2010-01:10, 2010-02:20, "
                  "2010-12:41.9247, 2019-12:60")  # redenomination_2009's market return


def edited_run(name, parameters=None, first_month=None, months=None):
    """A copy of RUN with run.json's parameters changed, or its months relabelled from
    first_month and cut to `months` rows (the figures read only these)."""
    import json

    folder = TMP / name
    shutil.copytree(RUN, folder, dirs_exist_ok=True)
    if parameters:
        info = json.loads((folder / "run.json").read_text())
        info["parameters_text"].update(parameters)  # the text form, which the figures read
        (folder / "run.json").write_text(json.dumps(info))
    if first_month:
        ts = pd.read_csv(folder / "timeseries.csv").iloc[:months]
        dates = pd.period_range(first_month, periods=len(ts), freq="M").strftime("%Y-%m")
        relabel = dict(zip(ts["date"], dates))
        ts["date"] = dates
        ts.to_csv(folder / "timeseries.csv", index=False)
        b = pd.read_csv(folder / "by_songbun.csv")
        b = b[b["date"].isin(relabel)]
        b["date"] = b["date"].map(relabel)
        b.to_csv(folder / "by_songbun.csv", index=False)
    return folder


class TimelineTest(unittest.TestCase):
    """Shocks shaded and named on every time axis; reported facts only over their period."""

    def test_shocks_from_schedules(self):
        import timeline

        first, last = pd.Timestamp("2000-01"), pd.Timestamp("2019-12")
        shocks = timeline.shocks({"market.market_return": SHOCK_SCHEDULE,
                                  "enforcement.crackdown_rate":
                                      "2009-12:0.02, 2009-12:0.06, 2010-02:0.04, 2010-06:0.02",
                                  "market.trend": "2000-01:20, 2010-01:40, 2020-01:60",
                                  "households": "3000"}, first, last)
        self.assertEqual(len(shocks), 1)  # overlapping spans merge; a straight trend is no shock
        self.assertEqual((shocks[0].start, shocks[0].end),
                         (pd.Timestamp("2009-12"), pd.Timestamp("2010-12")))
        self.assertEqual(shocks[0].parameters,
                         ["market.market_return", "enforcement.crackdown_rate"])
        self.assertEqual(timeline.shocks({"a": "2000-01:1, 2019-12:5"}, first, last), [])

    def test_every_time_axis_shades_and_names_the_shock(self):
        folder = edited_run("shocked", {"market.market_return": SHOCK_SCHEDULE})
        fig = plot_run.build_dashboard(folder)
        for title, axes in panels(fig).items():
            ax = axes[0]
            spans = [p for p in ax.patches if type(p).__name__ == "Polygon"]
            with self.subTest(panel=title):
                self.assertEqual(len(spans), 1)
                xs = spans[0].get_xy()[:, 0]
                self.assertAlmostEqual(xs.min(), mdates.date2num(pd.Timestamp("2009-12")))
                self.assertAlmostEqual(xs.max(), mdates.date2num(pd.Timestamp("2011-01")))
                self.assertIn("market_return", [t.get_text() for t in ax.texts])
        self.assertIn("2009-12..2010-12: market.market_return", fig._suptitle.get_text())
        # Without a shock nothing is shaded.
        for title, axes in panels(dashboard_of_run()).items():
            with self.subTest(panel=title, run="no shock"):
                self.assertEqual([p for p in axes[0].patches if type(p).__name__ == "Polygon"],
                                 [])

    def test_no_reported_facts_outside_their_years(self):
        folder = edited_run("early", first_month="1994-01", months=108)  # 1994-01 .. 2002-12
        ax = one_panel(folder, plot_run._panel_entry_price)[0]
        labels = " ".join(l.get_label() for l in ax.get_lines())
        self.assertNotIn("rabbit meat", labels)
        self.assertNotIn("hundreds of dollars", labels)


class CompareTest(unittest.TestCase):
    def test_runs_and_ensembles_overlaid_with_bands(self):
        import compare

        fig = compare.build_compare_figure([RUN, ENSEMBLE],
                                           ["member_share", "applications", "market_return_usd"])
        titled = [ax for ax in fig.axes if ax.get_visible() and ax.get_title(loc="left")]
        self.assertEqual([ax.get_title(loc="left") for ax in titled],
                         ["members (share of households)", "applications (count/month)",
                          "market return (USD/month)"])
        ens = pd.read_csv(ENSEMBLE / "ensemble.csv")
        for ax in titled:
            lines = [l for l in ax.get_lines() if not l.get_label().startswith("_")]
            with self.subTest(panel=ax.get_title(loc="left")):
                self.assertEqual(len(lines), 2)  # the run and the ensemble's mean
                self.assertIn("marketization, 3,000 households, seed 1", lines[0].get_label())
                self.assertIn("3 replicates", lines[1].get_label())
                bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
                self.assertEqual(len(bands), 1)  # the ensemble's p5-p95 band
                measure = {"members (share of households)": "member_share",
                           "applications (count/month)": "applications",
                           "market return (USD/month)": "market_return_usd"}[
                               ax.get_title(loc="left")]
                p95 = ens[ens["measure"] == measure]["p95"].max()
                y = np.concatenate([p.vertices[:, 1] for p in bands[0].get_paths()])
                self.assertAlmostEqual(np.nanmax(y), p95, places=9)
        # One legend for the figure, below every panel.
        renderer = drawn(fig)
        self.assertEqual(len(fig.legends), 1)
        box = fig.legends[0].get_window_extent(renderer)
        for ax in titled:
            self.assertLessEqual(box.y1, ax.get_window_extent(renderer).y0)

    def test_cli(self):
        out = TMP / "compare.png"
        done = run_script([ANALYSIS / "compare.py", RUN, HANDMADE, "--labels", "run,ensemble",
                           "--measures", "member_share,catches", "--smooth", "--out", out])
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertGreater(png_size(out)[0], 800)


class EnsembleTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.csv = pd.read_csv(ENSEMBLE / "ensemble.csv")

    def test_header_and_statistics(self):
        self.assertEqual(list(self.csv.columns), partysim_io.ENSEMBLE_COLUMNS)
        d = self.csv
        self.assertTrue((d["n"].between(0, REPLICATES)).all())
        has = d["n"] > 0
        stats = ["mean", "p5", "p50", "p95"]
        self.assertTrue(d.loc[has, stats].notna().all().all())
        self.assertTrue(d.loc[~has, stats + ["sd"]].isna().all().all())
        self.assertTrue(has.any() and (~has).any())  # a mean over nobody is empty
        h = d[has]
        scale = 1e-9 * (1 + h[stats].abs().max(axis=1))
        self.assertTrue((h["p5"] <= h["p50"] + scale).all())
        self.assertTrue((h["p50"] <= h["p95"] + scale).all())
        # With 3 replicates the mean always lies between p5 and p95: the band brackets it.
        self.assertTrue((h["p5"] <= h["mean"] + scale).all())
        self.assertTrue((h["mean"] <= h["p95"] + scale).all())
        self.assertTrue((h["p95"] - h["p5"] > 0).any())

    def test_handmade_ensemble_equals_partysim(self):
        made = pd.read_csv(HANDMADE / "ensemble.csv")
        real = self.csv
        self.assertEqual(len(made), len(real))
        self.assertEqual(list(made["measure"]), list(real["measure"]))
        self.assertEqual(list(made["date"]), list(real["date"]))
        np.testing.assert_array_equal(made["n"].to_numpy(), real["n"].to_numpy())
        for column in ["mean", "sd", "p5", "p50", "p95"]:
            with self.subTest(column=column):
                np.testing.assert_allclose(made[column].to_numpy(), real[column].to_numpy(),
                                           rtol=1e-9, atol=1e-9, equal_nan=True)

    def test_figure_bands_bracket_the_mean(self):
        fig = plot_ensemble.build_ensemble_figure(ENSEMBLE)
        titled = [ax for ax in fig.axes if ax.get_visible() and ax.get_title(loc="left")]
        self.assertEqual([ax.get_title(loc="left") for ax in titled],
                         plot_ensemble.DEFAULT_MEASURES)
        for ax in titled:
            measure = ax.get_title(loc="left")
            rows = self.csv[self.csv["measure"] == measure]
            with self.subTest(measure=measure):
                self.assertRegex(ax.get_ylabel(),
                                 r"\((USD|USD/month|share|share of households|count/month)\)$")
                self.assertNotRegex(ax.get_ylabel(), r"share \(share")
                bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
                self.assertEqual(len(bands), 1)
                y = np.concatenate([p.vertices[:, 1] for p in bands[0].get_paths()])
                y = y[np.isfinite(y)]
                self.assertAlmostEqual(y.min(), rows["p5"].min(), places=9)
                self.assertAlmostEqual(y.max(), rows["p95"].max(), places=9)
                # Every vertex of the band is a p5 or a p95 of the CSV.
                edges = np.concatenate([rows["p5"].dropna(), rows["p95"].dropna()])
                nearest = np.abs(y[:, None] - edges[None, :]).min(axis=1)
                self.assertLess(nearest.max(), 1e-9 * (1 + np.abs(edges).max()))
                mean = next(l for l in ax.get_lines() if l.get_label() == "mean")
                np.testing.assert_allclose(np.asarray(mean.get_ydata(), dtype=float),
                                           rows["mean"].to_numpy(), equal_nan=True)

    def test_cli_on_handmade_ensemble(self):
        out = TMP / "ensemble_cli.png"
        done = run_script([ANALYSIS / "plot_ensemble.py", HANDMADE, "--measures",
                           "member_share,catches,entry_price_paid_mean_usd", "--out", out])
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertGreater(png_size(out)[0], 500)
        done = run_script([ANALYSIS / "plot_ensemble.py", ENSEMBLE])
        self.assertEqual(done.returncode, 0, done.stderr)
        png_size(ENSEMBLE / "ensemble.png")


class SweepTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        s = pd.read_csv(GRID / "summary.csv")
        cls.summary = s
        cls.means = s.groupby(["enforcement.crackdown_rate",
                               "enforcement.bribe_member_multiplier"])["applications_late"]

    def test_response_curve(self):
        fig = plot_sweep.build_sweep_figure(GRID, "enforcement.crackdown_rate", "applications_late")
        ax = fig.axes[0]
        # The parameter's unit, from the parameter table.
        self.assertEqual(ax.get_xlabel(), "enforcement.crackdown_rate (1/month)")
        self.assertIn("applications_late", ax.get_ylabel())
        self.assertIn("(count/month)", ax.get_ylabel())
        curves = [l for l in ax.get_lines() if "multiplier" in l.get_label()]
        self.assertEqual(len(curves), 2)  # one per bribe multiplier
        mean = self.means.mean()
        for line, multiplier in zip(curves, (2.0, 4.0)):
            self.assertIn(f"= {multiplier:g}", line.get_label())
            np.testing.assert_allclose(line.get_xdata(), [0.01, 0.04])
            expected = [mean[(x, multiplier)] for x in (0.01, 0.04)]
            np.testing.assert_allclose(line.get_ydata(), expected, rtol=1e-12)
        bands = [c for c in ax.collections if isinstance(c, PolyCollection)
                 and len(c.get_paths())]
        ys = np.concatenate([p.vertices[:, 1] for b in bands for p in b.get_paths()])
        self.assertAlmostEqual(ys.min(), self.means.min().min())
        self.assertAlmostEqual(ys.max(), self.means.max().max())

    def test_heat_map(self):
        fig = plot_sweep.build_sweep_figure(GRID, "crackdown_rate", "member_share_2019",
                                            x2="bribe_member_multiplier")
        ax, spread_ax = fig.axes[0], fig.axes[1]
        self.assertEqual(ax.get_xlabel(), "enforcement.crackdown_rate (1/month)")
        self.assertEqual(ax.get_ylabel(), "enforcement.bribe_member_multiplier (x)")
        image = ax.get_images()[0].get_array()
        grouped = self.summary.groupby(["enforcement.bribe_member_multiplier",
                                        "enforcement.crackdown_rate"])["member_share_2019"]
        expected = grouped.mean().unstack().to_numpy()
        np.testing.assert_allclose(np.asarray(image), expected, rtol=1e-12)
        # The second map: the spread over the replicates of each design point.
        spread = (grouped.max() - grouped.min()).unstack().to_numpy()
        np.testing.assert_allclose(np.asarray(spread_ax.get_images()[0].get_array()), spread,
                                   rtol=1e-12)
        self.assertGreater(spread.max(), 0)
        self.assertIn("(share)", fig.axes[2].get_ylabel())  # the colour bars
        self.assertIn("spread over replicates", fig.axes[3].get_ylabel())

    def test_cli_writes_one_file_per_x(self):
        """Two --x: two figures, named by y and x (the second no longer overwrites the first)."""
        done = run_script([ANALYSIS / "plot_sweep.py", GRID, "--x", "enforcement.crackdown_rate",
                           "--x", "bribe_member_multiplier", "--y", "applications_late"])
        self.assertEqual(done.returncode, 0, done.stderr)
        for name in ("sweep_applications_late_vs_crackdown_rate.png",
                     "sweep_applications_late_vs_bribe_member_multiplier.png"):
            self.assertGreater(png_size(GRID / name)[0], 500)
        done = run_script([ANALYSIS / "plot_sweep.py", GRID, "--x", "crackdown_rate", "--x2",
                           "bribe_member_multiplier", "--y", "member_share_2019"])
        self.assertEqual(done.returncode, 0, done.stderr)
        png_size(GRID / "sweep_member_share_2019_vs_crackdown_rate_bribe_member_multiplier.png")


class SobolTest(unittest.TestCase):
    def test_saltelli_order(self):
        D, N = 2, 3
        Y = np.arange(N * (2 * D + 2), dtype=float)
        f_A, f_B, f_AB, f_BA = sobol.saltelli_split(Y, D)
        np.testing.assert_array_equal(f_A, [0, 6, 12])
        np.testing.assert_array_equal(f_B, [5, 11, 17])
        np.testing.assert_array_equal(f_AB, [[1, 2], [7, 8], [13, 14]])
        np.testing.assert_array_equal(f_BA, [[3, 4], [9, 10], [15, 16]])
        with self.assertRaises(ValueError):
            sobol.saltelli_split(np.zeros(7), D)

    def test_ishigami_indices(self):
        """N = 2^12 base points: S1 and ST within +-0.02 of the analytic values, and the 95%
        bootstrap intervals contain the estimates and are narrower than 0.15."""
        _, Y = saltelli_ishigami(4096)
        r = sobol.sobol_analysis(Y, 3, bootstrap=300, seed=1)
        np.testing.assert_allclose(r["S1"], ISHIGAMI_S1, atol=TOLERANCE_N4096)
        np.testing.assert_allclose(r["ST"], ISHIGAMI_ST, atol=TOLERANCE_N4096)
        for name in ("S1", "ST"):
            self.assertTrue(np.all(r[f"{name}_low"] <= r[name]))
            self.assertTrue(np.all(r[name] <= r[f"{name}_high"]))
            self.assertTrue(np.all(r[f"{name}_high"] - r[f"{name}_low"] < 0.15))

    def test_estimators_on_matrices(self):
        """A linear model Y = x1 + 2 x2 of independent uniforms: S1 = ST = (0.2, 0.8)."""
        rng = np.random.default_rng(0)
        A, B = rng.random((20000, 2)), rng.random((20000, 2))
        f = lambda X: X[:, 0] + 2 * X[:, 1]  # noqa: E731
        AB = np.stack([f(np.where(np.arange(2) == j, B, A)) for j in range(2)], axis=1)
        S1, ST = sobol.sobol_indices(f(A) - 1.5, f(B) - 1.5, AB - 1.5)
        np.testing.assert_allclose(S1, [0.2, 0.8], atol=0.03)
        np.testing.assert_allclose(ST, [0.2, 0.8], atol=0.03)

    def test_cli_on_ishigami_sweep(self):
        """sobol.py on a sweep folder whose summary is Ishigami (N = 2^10, 2 replicates averaged
        per point): within +-0.05 of the analytic indices."""
        done = run_script([ANALYSIS / "sobol.py", SOBOL_ISHIGAMI, "--bootstrap", 200, "--seed", 2])
        self.assertEqual(done.returncode, 0, done.stderr)
        table = pd.read_csv(SOBOL_ISHIGAMI / "sobol_ishigami.csv")
        self.assertEqual(list(table.columns), sobol.CSV_COLUMNS)
        self.assertEqual(list(table["parameter"]), ["x1", "x2", "x3"])
        np.testing.assert_allclose(table["S1"], ISHIGAMI_S1, atol=TOLERANCE_N1024)
        np.testing.assert_allclose(table["ST"], ISHIGAMI_ST, atol=TOLERANCE_N1024)
        self.assertTrue((table["S1_low"] <= table["S1_high"]).all())
        self.assertGreater(png_size(SOBOL_ISHIGAMI / "sobol_ishigami.png")[0], 500)

    def test_cli_on_real_sobol_sweep(self):
        done = run_script([ANALYSIS / "sobol.py", SOBOL_REAL, "--bootstrap", 100])
        self.assertEqual(done.returncode, 0, done.stderr)
        table = pd.read_csv(SOBOL_REAL / "sobol_entry_price_late.csv")
        plan = pd.read_csv(SOBOL_REAL / "plan.csv")
        self.assertEqual(list(table["parameter"]), list(plan.columns[4:]))
        self.assertTrue(np.isfinite(table[["S1", "ST"]].to_numpy()).all())
        # The indices agree with the estimator run on SALib's Y file written by collect.
        Y = np.loadtxt(SOBOL_REAL / "salib" / "Y_entry_price_late.txt")
        r = sobol.sobol_analysis(Y, 2, bootstrap=0)
        np.testing.assert_allclose(table["S1"], r["S1"], rtol=1e-9)
        np.testing.assert_allclose(table["ST"], r["ST"], rtol=1e-9)
        self.assertTrue((SOBOL_REAL / "sobol_entry_price_late.png").is_file())


class GnuplotTest(unittest.TestCase):
    def test_gnuplot_script_writes_png(self):
        gnuplot = shutil.which("gnuplot")
        self.assertIsNotNone(gnuplot, "gnuplot is not installed (apt-get install gnuplot-nox)")
        done = run_script([gnuplot, "-e", f"run='{RUN}'", ANALYSIS / "timeseries.gp"])
        self.assertEqual(done.returncode, 0, done.stderr + done.stdout)
        out = RUN / "timeseries_gnuplot.png"
        self.assertGreater(out.stat().st_size, 10_000)
        self.assertEqual(png_size(out), (1400, 1000))
        # The share axis keeps its zero: set before the membership plot, reset after it.
        script = (ANALYSIS / "timeseries.gp").read_text()
        membership = script[script.index('set title "Membership"'):]
        membership = membership[:membership.index("plot ")]
        self.assertIn("set yrange [0:*]", membership)
        self.assertIn("set y2range [0:*]", membership)
        done = run_script([gnuplot, "-e", f"run='{TMP / 'nothing'}'", ANALYSIS / "timeseries.gp"])
        self.assertEqual(done.returncode, 2)
        self.assertIn("not a partysim run folder", done.stderr + done.stdout)


class BadInputTest(unittest.TestCase):
    """Every script answers bad input with one line on stderr, naming itself, and exit status 2."""

    @classmethod
    def setUpClass(cls):
        broken = TMP / "broken"
        (broken / "no_column").mkdir(parents=True)
        ts = pd.read_csv(RUN / "timeseries.csv").drop(columns=["skip_deals"])
        ts.to_csv(broken / "no_column" / "timeseries.csv", index=False)
        shutil.copy(RUN / "by_songbun.csv", broken / "no_column")
        (broken / "no_songbun").mkdir()
        shutil.copy(RUN / "timeseries.csv", broken / "no_songbun")
        (broken / "bad_header").mkdir()
        (broken / "bad_header" / "ensemble.csv").write_text("date,measure,mean\n2000-01,x,1\n")
        (broken / "plan_only").mkdir()
        shutil.copy(GRID / "plan.csv", broken / "plan_only")
        (broken / "a_file.txt").write_text("x\n")
        run, grid, sob, missing = RUN, GRID, SOBOL_REAL, TMP / "does_not_exist"
        a = ANALYSIS
        cases = [
            # (script and arguments, words the message must contain)
            ([a / "plot_run.py", missing], ["does not exist"]),
            ([a / "plot_run.py", grid], ["is not a partysim run folder", "timeseries.csv"]),
            ([a / "plot_run.py", broken / "a_file.txt"], ["is not a folder"]),
            ([a / "plot_run.py", broken / "no_column"], ["no column", "skip_deals"]),
            ([a / "plot_run.py", broken / "no_songbun"], ["by_songbun.csv"]),
            ([a / "plot_run.py", run, "--out", missing / "x.png"], ["does not exist"]),
            ([a / "plot_run.py"], ["required", "RUN_DIR"]),
            ([a / "plot_ensemble.py", run], ["not a partysim ensemble folder", "ensemble.csv"]),
            ([a / "plot_ensemble.py", ENSEMBLE, "--measures", "member_shares"],
             ["no measure 'member_shares'", "did you mean 'member_share'"]),
            ([a / "plot_ensemble.py", broken / "bad_header"], ["header", "date,measure,n"]),
            ([a / "plot_sweep.py", run, "--x", "p"], ["not a partysim sweep folder"]),
            ([a / "plot_sweep.py", broken / "plan_only", "--x", "p"], ["sweep collect"]),
            ([a / "plot_sweep.py", grid, "--x", "crackdown", "--y", "applications_late"],
             ["unknown parameter 'crackdown'", "enforcement.crackdown_rate"]),
            ([a / "plot_sweep.py", grid, "--x", "crackdown_rate"],
             ["--y", "applications_late", "member_share_2019"]),
            ([a / "plot_sweep.py", grid, "--x", "crackdown_rate", "--y", "nope"],
             ["unknown summary 'nope'"]),
            ([a / "plot_sweep.py", grid], ["--x"]),
            ([a / "plot_sweep.py", sob, "--x", "status_value", "--x2", "market_return"],
             ["do not form a grid"]),
            ([a / "sobol.py", run], ["not a partysim sweep folder"]),
            ([a / "sobol.py", grid, "--y", "applications_late"], ["design = grid", "sobol"]),
            ([a / "sobol.py", sob, "--y", "entry"], ["unknown summary 'entry'"]),
            ([a / "sobol.py", sob, "--bootstrap", "many"], ["--bootstrap"]),
            ([a / "make_figures.sh", missing / "partysim"], ["not an executable"]),
            ([a / "compare.py", run, missing], ["does not exist"]),
            ([a / "compare.py", run, "--measures", "member_shares"],
             ["no measure 'member_shares'", "did you mean 'member_share'"]),
            ([a / "compare.py", run, ENSEMBLE, "--labels", "one"], ["--labels", "2 folders"]),
            ([a / "plot_sweep.py", grid, "--x", "crackdown_rate", "--x", "bribe_member_multiplier",
              "--y", "applications_late", "--out", TMP / "x.png"], ["--out names one file"]),
            ([a / "report.py", missing], ["does not exist"]),
            ([a / "report.py", broken / "a_file.txt"], ["is not a folder"]),
            ([a / "report.py", broken / "plan_only"], ["sweep collect"]),
        ]
        cls.cases = cases
        cls.results = run_scripts([c for c, _ in cases])

    def test_one_line_and_exit_status_2(self):
        for (command, words), done in zip(self.cases, self.results):
            name = Path(command[0]).name
            with self.subTest(command=" ".join(str(c) for c in command)):
                self.assertEqual(done.returncode, 2, done.stderr)
                self.assertNotIn("Traceback", done.stderr)
                lines = done.stderr.strip().splitlines()
                self.assertEqual(len(lines), 1, done.stderr)
                self.assertTrue(lines[0].startswith(f"{name}: "), lines[0])
                for word in words:
                    self.assertIn(word, lines[0])

    def test_help(self):
        scripts = ["plot_run.py", "plot_ensemble.py", "plot_sweep.py", "sobol.py", "compare.py",
                   "report.py", "make_figures.sh"]
        for script, done in zip(scripts, run_scripts([[ANALYSIS / s, "--help"] for s in scripts])):
            with self.subTest(script=script):
                self.assertEqual(done.returncode, 0, done.stderr)
                self.assertIn("usage" if script.endswith(".py") else "make_figures.sh",
                              done.stdout.lower())

    def test_scripts_are_executable_with_debian_python(self):
        for script in ["plot_run.py", "plot_ensemble.py", "plot_sweep.py", "sobol.py",
                       "compare.py", "report.py"]:
            with self.subTest(script=script):
                path = ANALYSIS / script
                self.assertTrue(os.access(path, os.X_OK))
                self.assertEqual(path.read_text().splitlines()[0], "#!/usr/bin/python3")
        self.assertTrue(os.access(ANALYSIS / "make_figures.sh", os.X_OK))


if __name__ == "__main__":
    unittest.main()
