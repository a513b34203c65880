#!/usr/bin/python3
"""analysis/report.py's pages opened in a real browser: Debian's headless Chromium, network off.

    PARTYSIM=build/partysim /usr/bin/python3 -m unittest discover -s tests/report -v

Makes a small run (240 months), an ensemble of 2 replicates, a design = sobol sweep folder (its
summary an analytic function, no runs needed) and a tiny real design = morris sweep (3 trajectories
of 3 parameters: 12 runs of 300 households over 24 months, well under a second), writes their
reports, and loads each page in one
Chromium driven over the DevTools protocol (browser.py), in a network namespace of its own
(unshare -n: no network at all; where that is not allowed, a proxy that goes nowhere). Asserts:
the page logs nothing to the console (no error, no warning), throws nothing and fails no load; every panel is rendered (its SVG exists) and has a series
with as many points as the CSV has rows; the screenshot is not blank; the parameter table has
every key of `partysim params`; the sweep pages have their response panel and their Sobol or
Morris panel (mu* and sigma of morris.py, a bar per varied parameter).
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ANALYSIS = ROOT / "analysis"
sys.path.insert(0, str(ANALYSIS))
sys.path.insert(0, str(ROOT / "tests" / "analysis"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import morris  # noqa: E402
import partysim_io  # noqa: E402

from test_analysis import make_ishigami_sweep, partysim_binary  # noqa: E402

from browser import Browser  # noqa: E402

PYTHON = "/usr/bin/python3"
SCENARIO = ROOT / "scenarios" / "marketization.ini"
BINARY = partysim_binary()
TMP = RUN = ENSEMBLE = SWEEP = MORRIS = None
PAGES = {}  # name: browser.Page
ISOLATION = None  # how the network was cut: "unshare -n" or "proxy"
READY = "document.body.dataset.rendered === 'true' || !!document.body.dataset.errors"


def run(command, **kwargs):
    done = subprocess.run([str(c) for c in command], cwd=ROOT, capture_output=True, text=True,
                          **kwargs)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command))} failed ({done.returncode}): "
                           f"{done.stderr[-2000:]}")
    return done


# A Morris screening small enough for a test: 3 trajectories on a 4-level grid, 3 parameters (one a
# scale of a dated schedule), 1 replicate: 3 x (3 + 1) = 12 runs. The first summary, shown when
# the page opens, moves with all three parameters at this size (a summary that does not still gets
# its bars, of height 0).
MORRIS_INI = f"""schema_version = 1
base = {SCENARIO}
design = morris
samples = 3
levels = 4
replicates = 1
seed = 4

[fixed]
households = 300
months = 24

[vary]
opinion.status_value = 7.7..14.3
network.peer_weight = 0.3..0.7
market.market_return = scale 0.5..1.5

[summaries]
applications_mean = applications mean 2000-01..2001-12
share_end = member_share at 2001-12
"""


def make_morris_sweep(folder):
    spec = folder.with_suffix(".ini")
    spec.write_text(MORRIS_INI)
    run([BINARY, "sweep", "plan", spec, "--out", folder, "--keep", "summary"])
    run([BINARY, "sweep", "run", folder, "--jobs", 2, "--quiet"])
    run([BINARY, "sweep", "collect", folder])
    return folder


def setUpModule():
    global TMP, RUN, ENSEMBLE, SWEEP, MORRIS, ISOLATION
    if not BINARY.is_file():
        raise RuntimeError(f"no partysim binary at {BINARY} (set PARTYSIM or build it)")
    TMP = Path(tempfile.mkdtemp(prefix="partysim-report-test-"))
    RUN = TMP / "run"
    run([BINARY, "run", SCENARIO, "--households", 2000, "--seed", 1, "--threads", 2, "--quiet",
         "--set", "market.market_return=2000-01:20,2009-12:39.9,2009-12:10,2010-12:42,2019-12:60",
         "--out", RUN])
    ENSEMBLE = TMP / "ensemble"
    run([BINARY, "run", SCENARIO, "--households", 1000, "--seed", 2, "--threads", 2, "--quiet",
         "--replicates", 2, "--out", ENSEMBLE])
    SWEEP = make_ishigami_sweep(TMP / "sobol", N=64, replicates=2)
    MORRIS = make_morris_sweep(TMP / "morris")
    for folder in (RUN, ENSEMBLE, SWEEP, MORRIS):
        run([PYTHON, ANALYSIS / "report.py", folder])
    bad = TMP / "bad.html"
    bad.write_text("<html><body><script>console.error('broken panel');"
                   "undefinedFunction();</script></body></html>")
    # One browser, network off, every page in turn.
    with Browser(TMP) as browser:
        ISOLATION = browser.isolation
        PAGES["run"] = browser.open(RUN / "report.html", READY, screenshot=True,
                                    interact=use_like_a_reader)
        PAGES["ensemble"] = browser.open(ENSEMBLE / "report.html", READY)
        PAGES["sweep"] = browser.open(SWEEP / "report.html", READY)
        PAGES["morris"] = browser.open(MORRIS / "report.html", READY, interact=sensitivity_traces)
        PAGES["bad"] = browser.open(bad)


def use_like_a_reader(tab):
    """Hover, zoom and a legend click with the mouse on the first two panels: what each did."""
    done = {}
    plot = tab.box("#panel-0 .nsewdrag")  # the plot area of (a)
    middle_y = plot["y"] + plot["height"] / 2
    tab.mouse("mouseMoved", plot["x"] + plot["width"] / 2, middle_y)
    tab.evaluate("new Promise(function (r) { setTimeout(r, 300); })")
    done["hover"] = tab.evaluate("document.querySelector('#panel-0 .hoverlayer').textContent")
    before = tab.evaluate("document.getElementById('panel-0').layout.xaxis.range.slice()")
    tab.drag(plot["x"] + plot["width"] * 0.3, middle_y, plot["x"] + plot["width"] * 0.6, middle_y)
    tab.evaluate("new Promise(function (r) { setTimeout(r, 300); })")
    done["zoom"] = (before, tab.evaluate(
        "document.getElementById('panel-0').layout.xaxis.range.slice()"))
    toggle = tab.box("#panel-1 .legendtoggle")  # the first series of (b): member share
    tab.click(toggle["x"] + toggle["width"] / 2, toggle["y"] + toggle["height"] / 2)
    tab.evaluate("new Promise(function (r) { setTimeout(r, 700); })")  # past the double-click wait
    done["toggle"] = tab.evaluate("String(document.getElementById('panel-1').data[0].visible)")
    tab.evaluate("document.getElementById('param-search').value = 'crackdown';"
                 "document.getElementById('param-search').dispatchEvent(new Event('input'));")
    done["search"] = tab.evaluate(
        "Array.from(document.querySelectorAll('tr.param-row')).filter(function (r) {"
        " return r.style.display !== 'none'; }).map(function (r) { return r.dataset.key; })")
    return done


def sensitivity_traces(tab):
    """The Morris panel's traces as plotly holds them: name, x and y of each ([] if none)."""
    return tab.evaluate("((document.getElementById('panel-sensitivity') || {}).data || [])"
                        ".map(function (t) {"
                        " return { name: t.name, type: t.type, x: t.x, y: t.y }; })")


def tearDownModule():
    if TMP is not None and not os.environ.get("PARTYSIM_KEEP_TEST_OUTPUT"):
        shutil.rmtree(TMP, ignore_errors=True)


def sweep_page_panels(test, page_name, folder):
    """A sweep's page: clean, rendered, its response panel with every replicate and every design
    point's mean of summary.csv, and its sensitivity panel. Returns (DOM, {panel id: HTML})."""
    page = PAGES[page_name]
    test.assertEqual((page.console, page.errors), ([], []))
    test.assertIn('data-rendered="true"', page.dom)
    panels = panels_of(page.dom)
    test.assertEqual(sorted(panels), ["panel-response", "panel-sensitivity"])
    summary = pd.read_csv(folder / "summary.csv")
    counts = points_per_trace(panels["panel-response"])
    test.assertEqual(counts[0], len(summary))  # every replicate
    test.assertEqual(counts[1], summary["point"].nunique())  # every design point's mean
    return page.dom, panels


def panels_of(dom):
    """{panel id: its HTML} from the rendered DOM."""
    starts = [(m.start(), m.group(1)) for m in re.finditer(r'<div class="panel[^"]*" id="([^"]+)"',
                                                           dom)]
    ends = [s for s, _ in starts[1:]] + [dom.find('id="sensitivity-section"')]
    return {name: dom[start:end] for (start, name), end in zip(starts, ends)}


def points_per_trace(panel_html):
    """The number of points each scatter trace drew: the vertices of its line paths, or its
    markers."""
    counts = []
    plot = panel_html.split('class="infolayer"')[0]  # the legend's sample lines are not points
    for trace in plot.split('class="trace scatter')[1:]:
        lines = 0
        for tag in re.findall(r"<path[^>]*js-line[^>]*>", trace):
            d = re.search(r'\sd="([^"]*)"', tag)
            lines += len(re.findall(r"[ML]", d.group(1))) if d else 0
        markers = len(re.findall(r'class="point"', trace))
        counts.append(max(lines, markers))
    return counts


class RunReportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.page = RUN / "report.html"
        cls.dom = PAGES["run"].dom
        cls.rows = len(pd.read_csv(RUN / "timeseries.csv"))

    def test_self_contained_and_small(self):
        html = self.page.read_text()
        self.assertNotRegex(html, r"<script[^>]+src=")  # nothing loaded from elsewhere
        self.assertNotIn("cdn.plot.ly", html)
        self.assertLess(self.page.stat().st_size, 4_000_000)

    def test_no_console_messages_and_no_errors(self):
        """Not an error, not a warning, not a log line; no uncaught exception, no failed load
        (with the network off, a page that fetched anything would log one)."""
        page = PAGES["run"]
        self.assertEqual(page.console, [])
        self.assertEqual(page.errors, [])
        self.assertNotIn("data-errors", self.dom)
        self.assertIn('data-rendered="true"', self.dom)
        self.assertIn(ISOLATION, ("unshare -n", "proxy"))

    def test_every_panel_rendered_with_every_row(self):
        import report

        panels = panels_of(self.dom)
        self.assertEqual(len(panels), len(report.RUN_PANELS))
        for name, html in panels.items():
            with self.subTest(panel=name):
                self.assertIn('class="main-svg"', html)
                counts = points_per_trace(html)
                self.assertTrue(counts, "no scatter trace")
                self.assertEqual(max(counts), self.rows, counts)

    def test_shock_shaded_and_named_on_every_panel(self):
        for name, html in panels_of(self.dom).items():
            with self.subTest(panel=name):
                self.assertIn("market_return", html)
                self.assertIn('class="shapelayer"', html)

    def test_reported_facts_drawn_as_dated_targets(self):
        panel = next(h for h in panels_of(self.dom).values() if "Entry price" in h)
        self.assertIn("reported: rabbit meat", panel)
        self.assertIn("reported: hundreds of dollars", panel)

    def test_parameter_table_has_every_key_of_partysim_params(self):
        out = run([BINARY, "params", "--format", "csv"]).stdout.splitlines()
        keys = [line.split(",", 1)[0] for line in out[1:] if line.strip()]
        self.assertGreater(len(keys), 50)
        shown = re.findall(r'<tr class="param-row" data-key="([^"]+)"', self.dom)
        self.assertEqual(sorted(shown), sorted(keys))
        self.assertIn('id="param-search"', self.dom)
        self.assertIn("git_revision", self.dom)  # the provenance

    def test_hover_zoom_toggle_and_search(self):
        """With the mouse: hovering shows values, dragging zooms in, a click on a legend entry
        hides its series; typing in the search box filters the parameter table."""
        done = PAGES["run"].interaction
        # The unified hover label: the month under the mouse and its market return ('Dec 2009'
        # and '10' in the middle of 2000..2019, in the shock of this run).
        self.assertRegex(done["hover"], r"^[A-Z][a-z]{2} 20[01][0-9][0-9.]+$", done)
        before, after = done["zoom"]
        self.assertLess(after[1], before[1])  # a narrower window of dates
        self.assertGreater(after[0], before[0])
        self.assertEqual(done["toggle"], "legendonly")
        self.assertTrue(done["search"])
        self.assertTrue(all("crackdown" in key for key in done["search"]), done["search"])

    def test_screenshot_is_not_blank(self):
        import matplotlib.image

        shot = TMP / "run.png"
        shot.write_bytes(PAGES["run"].screenshot)
        image = matplotlib.image.imread(shot)[..., :3]
        self.assertEqual(image.shape[:2], (1600, 1400))
        colours = np.unique((image * 255).astype(np.uint8).reshape(-1, 3), axis=0)
        self.assertGreater(len(colours), 50)  # lines, fills and text, not a blank page
        non_white = (image < 0.95).any(axis=2).mean()
        self.assertGreater(non_white, 0.03)


class EnsembleAndSweepReportTest(unittest.TestCase):
    def test_ensemble_bands(self):
        page = PAGES["ensemble"]
        dom = page.dom
        self.assertEqual((page.console, page.errors), ([], []))
        self.assertIn('data-rendered="true"', dom)
        rows = pd.read_csv(ENSEMBLE / "ensemble.csv")["date"].nunique()
        panels = panels_of(dom)
        self.assertGreaterEqual(len(panels), 6)
        for name, html in panels.items():
            with self.subTest(panel=name):
                self.assertIn("p5–p95 over replicates", html)
                self.assertEqual(max(points_per_trace(html)), rows)

    def test_sweep_response_and_sobol_indices(self):
        dom, panels = sweep_page_panels(self, "sweep", SWEEP)
        self.assertIn('class="trace bars"', panels["panel-sensitivity"])
        for option in ("x1", "x2", "x3", "ishigami"):
            self.assertIn(f'<option value="{option}"', dom)


class MorrisReportTest(unittest.TestCase):
    def test_morris_chart_has_a_bar_per_parameter_with_morris_py_values(self):
        """mu* and sigma bars, one per varied parameter, with whiskers; their heights are
        morris.py's indices of the summary shown (the first), for the same bootstrap."""
        _, panels = sweep_page_panels(self, "morris", MORRIS)
        sweep = partysim_io.Sweep(MORRIS)
        parameters = sweep.parameters
        self.assertEqual(len(parameters), 3)
        html = panels["panel-sensitivity"]
        self.assertIn("Morris elementary effects of applications_mean (3 trajectories", html)
        bars = html.split('class="infolayer"')[0].split('class="trace bars"')[1:]
        self.assertEqual(len(bars), 2)  # mu* and sigma
        for trace in bars:
            self.assertEqual(len(re.findall(r'class="point"', trace)), len(parameters))
            self.assertEqual(len(re.findall(r'class="errorbar"', trace)), len(parameters))
        for p in parameters:  # the x axis names every parameter
            self.assertIn(f">{p}<", html)
        drawn = {t["name"].split()[0]: t for t in PAGES["morris"].interaction}
        self.assertEqual(sorted(drawn), ["mu*", "sigma"])
        expected, used, _ = morris.sweep_indices(sweep, "applications_mean", bootstrap=200, seed=1)
        self.assertEqual(used, 3)
        for name, key in (("mu*", "mu_star"), ("sigma", "sigma")):
            with self.subTest(index=key):
                self.assertEqual(drawn[name]["type"], "bar")
                self.assertEqual(drawn[name]["x"], parameters)
                np.testing.assert_allclose(drawn[name]["y"], expected[key], rtol=1e-5)
        self.assertTrue((expected["mu_star"] > 0).all(), expected["mu_star"])  # bars, not zeros


class ConsoleCheckTest(unittest.TestCase):
    """The checks can fail: a page that logs an error and throws is caught."""

    def test_a_console_error_and_an_exception_are_seen(self):
        page = PAGES["bad"]
        self.assertEqual(page.console, [("error", "broken panel")])
        self.assertEqual(len(page.errors), 1)
        self.assertIn("undefinedFunction", page.errors[0])


if __name__ == "__main__":
    unittest.main()
