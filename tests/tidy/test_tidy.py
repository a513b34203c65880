#!/usr/bin/python3
"""Outputs that load without glue code, on real partysim outputs made in setUpModule (tiny runs:
300 households, 24 to 36 months; the whole file takes well under a minute):

- run.json typed; `partysim params|outputs --format csv|json`; the outputs table in every folder;
- the tidy loaders, Python (analysis/partysim_io.py) and R (analysis/partysim.R, via Rscript),
  agreeing on the same folders, and analysis/tidy_table.py's CSV; R-safe column names;
- sweep keep = summary|series, progress lines off a terminal and --quiet;
- Sobol: the plan's base points are scipy's unscrambled Sobol points after SALib's skip; sobol.py
  warns about wide intervals and draws the dummy reference;
- Morris (analysis/morris.py) and PRCC (analysis/prcc.py) on functions with known answers, and
  end to end on real sweeps.

Run: /usr/bin/python3 tests/unittest_no_skips.py tests/tidy  (PARTYSIM = the binary, default
build/partysim).
"""

import json
import math
import os
import re
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

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from scipy.stats import qmc  # noqa: E402

import morris  # noqa: E402
import partysim_io as pio  # noqa: E402
import prcc  # noqa: E402

PYTHON = "/usr/bin/python3"
SCENARIO = ROOT / "scenarios" / "marketization.ini"
BINARY = Path(os.environ.get("PARTYSIM", ROOT / "build" / "partysim")).resolve()
TMP = None
# As the loaders read: numbers exactly as written.
EXACT = {"float_precision": "round_trip"}
# An R name: what make.names leaves unchanged.
R_NAME = re.compile(r"^([A-Za-z]|\.(?![0-9]))[A-Za-z0-9._]*$")


def partysim(*args, env=None, check=True):
    done = subprocess.run([str(BINARY), *map(str, args)], cwd=TMP, capture_output=True, text=True,
                          env=env)
    if check and done.returncode != 0:
        raise RuntimeError(f"partysim {' '.join(map(str, args))}: {done.returncode}: {done.stderr}")
    return done


def sweep_file(name, design, vary, summaries, extra=""):
    text = (f"schema_version = 1\nbase = {SCENARIO}\ndesign = {design}\n{extra}\n"
            f"[fixed]\nhouseholds = 300\nmonths = 36\n\n[vary]\n{vary}\n\n[summaries]\n{summaries}\n")
    (TMP / name).write_text(text)
    return name


def run_sweep(file, folder, *plan_options):
    partysim("sweep", "plan", file, "--out", folder, *plan_options)
    partysim("sweep", "run", folder, "--jobs", 2, "--quiet")
    partysim("sweep", "collect", folder)
    return TMP / folder


def setUpModule():
    global TMP
    TMP = Path(tempfile.mkdtemp(prefix="partysim_tidy_"))
    partysim("run", SCENARIO, "--households", 300, "--months", 36, "--out", "r1", "--quiet")
    partysim("run", SCENARIO, "--households", 300, "--months", 24, "--replicates", 2, "--out", "e1",
             "--quiet")
    summaries = ("share_end = member_share at 2002-12\n"
                 "share_sd = member_share sd 2000-01..2002-12\n"
                 "share_trend = member_share slope 2000-01..2002-12\n"
                 "apps_first = applications first_above 1 2000-01..2002-12\n"
                 "hostile_price = hostile.entry_price_quoted_mean_usd mean 2002-01..2002-12")
    run_sweep(sweep_file("lhs.ini", "lhs", "enforcement.crackdown_rate = 0.01..0.03\n"
                                           "market.market_return = scale 0.5..1.5",
                         summaries, "samples = 12\nreplicates = 2\nseed = 3"), "lhs", "--keep", "series")
    run_sweep(sweep_file("morris.ini", "morris", "enforcement.crackdown_rate = 0.01..0.03\n"
                                                 "network.peer_weight = 0.3..0.7",
                         summaries, "samples = 3\nlevels = 4\nseed = 4"), "morris", "--keep", "summary")
    run_sweep(sweep_file("sobol.ini", "sobol", "network.peer_weight = 0..1\nwork.job_time = 0..1",
                         "share_end = member_share at 2002-12", "samples = 4\nreplicates = 2\nseed = 5"),
              "sobol", "--keep", "summary")


def tearDownModule():
    if TMP is not None:
        shutil.rmtree(TMP, ignore_errors=True)


class TypedOutputs(unittest.TestCase):
    def test_run_json_is_typed(self):
        info = json.loads((TMP / "r1" / "run.json").read_text())
        self.assertEqual(info["run_json_version"], 2)
        p = info["parameters"]
        self.assertIs(type(p["months"]), int)
        self.assertEqual(p["months"], 36)
        self.assertEqual(p["households"], 300)
        self.assertIsInstance(p["enforcement.crackdown_rate"], float)
        self.assertEqual(p["start"], "2000-01")
        # A dated schedule: [date, value] points, as the text form says.
        schedule = p["market.market_return"]
        self.assertIsInstance(schedule, list)
        self.assertTrue(all(isinstance(d, str) and isinstance(v, (int, float)) for d, v in schedule))
        text = info["parameters_text"]["market.market_return"]
        self.assertEqual(text, ", ".join(f"{d}:{v:g}" for d, v in schedule))
        self.assertEqual(set(info["parameters"]), set(info["parameters_text"]))
        self.assertIsInstance(info["wall_seconds"], (int, float))
        ensemble = json.loads((TMP / "e1" / "run.json").read_text())
        self.assertEqual(ensemble["run_json_version"], 2)
        self.assertEqual(ensemble["parameters"]["months"], 24)

    def test_params_tables_have_numeric_min_max(self):
        rows = json.loads(partysim("params", "--format", "json").stdout)
        csv = pd.read_csv(pd.io.common.StringIO(partysim("params", "--format", "csv").stdout))
        self.assertEqual(len(rows), len(csv))
        self.assertEqual(list(csv.columns), ["key", "type", "default", "unit", "min", "max", "meaning", "source"])
        for row in rows:
            if row["type"] == "date":
                self.assertRegex(row["min"], r"^\d{4}-\d\d$")
                continue
            self.assertIsInstance(row["min"], (int, float), row["key"])
            self.assertIsInstance(row["max"], (int, float), row["key"])
            self.assertLessEqual(row["min"], row["max"])
        months = next(r for r in rows if r["key"] == "months")
        self.assertEqual((months["min"], months["max"], months["default"]), (1, 12000, 240))
        numeric = csv[csv["type"] != "date"]
        self.assertTrue(np.isfinite(pd.to_numeric(numeric["min"])).all())

    def test_outputs_table_matches_every_folder(self):
        rows = json.loads(partysim("outputs", "--format", "json").stdout)
        listed = {(r["file"], r["name"]): r["unit"] for r in rows}
        for folder in ("r1", "e1/rep001", "lhs", "sobol"):
            units = pio.read_outputs_schema(TMP / folder)
            self.assertTrue(units, folder)
            for key, unit in listed.items():
                self.assertEqual(units.get(key), unit, (folder, key))
        csv = partysim("outputs", "--format", "csv").stdout.splitlines()
        self.assertEqual(csv[0], "file,measure,unit,meaning")
        self.assertEqual(len(csv) - 1, len(rows))


class Loaders(unittest.TestCase):
    def test_load_run(self):
        df = pio.load_run(TMP / "r1")
        self.assertEqual(list(df.columns), pio.RUN_COLUMNS + ["date", "measure", "value", "unit"])
        wide = pd.read_csv(TMP / "r1" / "timeseries.csv", **EXACT)
        self.assertEqual(len(df), len(wide) * (len(wide.columns) - 1))
        share = df[df["measure"] == "member_share"]
        np.testing.assert_array_equal(share["value"].to_numpy(), wide["member_share"].to_numpy())
        self.assertEqual(set(share["unit"]), {"share"})
        self.assertEqual(df.attrs["units"]["member_share"], "share")
        self.assertEqual(df["seed"].iloc[0], 1)
        songbun = pio.load_run(TMP / "r1", "by_songbun")
        self.assertIn("songbun", songbun.columns)
        self.assertEqual(len(songbun), len(pd.read_csv(TMP / "r1" / "by_songbun.csv")))
        self.assertTrue((songbun["unit"] != "").all())

    def test_load_ensemble_stacks_the_replicates(self):
        df = pio.load_ensemble(TMP / "e1")
        info = json.loads((TMP / "e1" / "run.json").read_text())
        self.assertEqual(sorted(df["replicate"].unique()), [0, 1])
        for rep, seed in info["replicate_seeds"].items():
            self.assertEqual(set(df.loc[df["run_id"] == rep, "seed"]), {seed})
        one = pio.load_run(TMP / "e1" / "rep001")
        mine = df[df["run_id"] == "rep001"].reset_index(drop=True)
        np.testing.assert_array_equal(mine["value"].to_numpy(), one["value"].to_numpy())
        # The ensemble's own mean agrees with the stacked replicates.
        ens = pd.read_csv(TMP / "e1" / "ensemble.csv")
        mean = df[df["measure"] == "member_share"].groupby("date")["value"].mean().to_numpy()
        np.testing.assert_allclose(mean, ens[ens["measure"] == "member_share"]["mean"].to_numpy(), rtol=1e-12)
        self.assertEqual(len(pio.load_ensemble(TMP / "e1", "by_songbun")),
                         2 * len(pd.read_csv(TMP / "e1" / "rep000" / "by_songbun.csv")))

    def test_load_sweep(self):
        summary = pio.load_sweep(TMP / "lhs")
        plan = pd.read_csv(TMP / "lhs" / "plan.csv", **EXACT)
        self.assertEqual(len(summary), len(plan))
        self.assertEqual(list(summary.columns[:7]), ["run_id", "scenario", "seed", "replicate", "point",
                                                     "enforcement.crackdown_rate",
                                                     "scale_market.market_return"])
        self.assertEqual(summary.attrs["units"]["hostile_price"], "USD")
        self.assertEqual(summary.attrs["units"]["share_trend"], "share per year")
        self.assertEqual(summary.attrs["units"]["apps_first"], "year")
        series = pio.load_sweep(TMP / "lhs", "timeseries")
        self.assertEqual(series["run_id"].nunique(), len(plan))
        self.assertEqual(len(series), len(plan) * 36 * (len(pd.read_csv(TMP / "lhs/runs/run000000/timeseries.csv").columns) - 1))
        # Each run's rows carry its plan values.
        joined = series.drop_duplicates("run_id").set_index("run_id")
        np.testing.assert_array_equal(joined.loc[plan["run_id"], "scale_market.market_return"].to_numpy(),
                                      plan["scale_market.market_return"].to_numpy())
        # One run of a sweep that keeps series (no outputs.json of its own) gets the sweep's units.
        one = pio.load_run(TMP / "lhs" / "runs" / "run000003")
        self.assertEqual(one.attrs["units"]["member_share"], "share")
        with self.assertRaisesRegex(pio.InputError, "keeps series"):
            pio.load_sweep(TMP / "lhs", "by_songbun")
        with self.assertRaisesRegex(pio.InputError, "keeps summary"):
            pio.load_sweep(TMP / "morris", "timeseries")

    def test_tidy_table_py_writes_the_same_table(self):
        out = TMP / "lhs_long.csv"
        done = subprocess.run([PYTHON, str(ANALYSIS / "tidy_table.py"), str(TMP / "lhs"), "--table", "timeseries",
                               "--out", str(out)], capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        written = pd.read_csv(out, dtype=str, keep_default_na=False)
        loaded = pio.load_sweep(TMP / "lhs", "timeseries")
        self.assertEqual(list(written.columns), list(loaded.columns))
        self.assertEqual(len(written), len(loaded))
        # Plan values as plan.csv writes them, to the last digit; months as YYYY-MM.
        plan = pd.read_csv(TMP / "lhs" / "plan.csv", dtype=str).set_index("run_id")
        first = written.drop_duplicates("run_id").set_index("run_id")
        self.assertTrue((first["scale_market.market_return"] == plan.loc[first.index, "scale_market.market_return"]).all())
        self.assertRegex(written["date"].iloc[0], r"^\d{4}-\d\d$")
        values = pd.read_csv(out, usecols=["value"], **EXACT)["value"]
        np.testing.assert_array_equal(values.to_numpy(), loaded["value"].to_numpy())

    def test_column_names_are_r_names(self):
        for path in ("lhs/plan.csv", "lhs/summary.csv", "morris/summary.csv", "r1/timeseries.csv",
                     "r1/by_songbun.csv", "e1/ensemble.csv"):
            header = (TMP / path).read_text().splitlines()[0].split(",")
            for name in header:
                self.assertRegex(name, R_NAME, path)

    def test_r_loader_agrees_with_python(self):
        script = f"""
source("{ANALYSIS / 'partysim.R'}")
out <- function(name, df) cat(name, nrow(df), ncol(df), format(sum(df$value, na.rm = TRUE), digits = 15), "\\n")
out("run", ps_load_run("r1"))
out("songbun", ps_load_run("r1", "by_songbun"))
out("ensemble", ps_load_ensemble("e1"))
out("sweep_series", ps_load_sweep("lhs", "timeseries"))
s <- ps_load_sweep("lhs")
cat("summary", nrow(s), ncol(s), format(sum(s$hostile_price, na.rm = TRUE), digits = 15), "\\n")
cat("rnames", all(make.names(names(s)) == names(s)), "\\n")
cat("months", ps_run_info("r1")$parameters$months, class(ps_run_info("r1")$parameters$months), "\\n")
cat("unit", attr(ps_load_run("r1"), "units")[["member_share"]], "\\n")
cat("sweeprun", attr(ps_load_run("lhs/runs/run000003"), "units")[["member_share"]], "\\n")
cat("seed", format(ps_load_ensemble("e1")$seed[1], digits = 17), "\\n")
"""
        done = subprocess.run(["Rscript", "-e", script], cwd=TMP, capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        got = {line.split()[0]: line.split()[1:] for line in done.stdout.splitlines() if line.strip()}
        for name, df in (("run", pio.load_run(TMP / "r1")),
                         ("songbun", pio.load_run(TMP / "r1", "by_songbun")),
                         ("ensemble", pio.load_ensemble(TMP / "e1")),
                         ("sweep_series", pio.load_sweep(TMP / "lhs", "timeseries"))):
            self.assertEqual(int(got[name][0]), len(df), name)
            self.assertEqual(int(got[name][1]), len(df.columns), name)
            self.assertAlmostEqual(float(got[name][2]), df["value"].sum(), delta=1e-9 * abs(df["value"].sum()))
        summary = pio.load_sweep(TMP / "lhs")
        self.assertEqual(int(got["summary"][0]), len(summary))
        self.assertEqual(int(got["summary"][1]), len(summary.columns))
        self.assertAlmostEqual(float(got["summary"][2]), summary["hostile_price"].sum(), places=6)
        self.assertEqual(got["rnames"], ["TRUE"])
        self.assertEqual(got["months"], ["36", "integer"])
        self.assertEqual(got["unit"], ["share"])
        self.assertEqual(got["sweeprun"], ["share"])
        seed = json.loads((TMP / "e1" / "run.json").read_text())["replicate_seeds"]["rep000"]
        self.assertEqual(int(got["seed"][0]), seed)


class SweepStorageAndProgress(unittest.TestCase):
    def test_keep(self):
        self.assertEqual(sorted(p.name for p in (TMP / "morris/runs/run000000").iterdir()),
                         ["scenario.ini", "summary.csv"])
        self.assertEqual(sorted(p.name for p in (TMP / "lhs/runs/run000000").iterdir()),
                         ["run.json", "scenario.ini", "summary.csv", "timeseries.csv"])
        self.assertIn("keep = summary", (TMP / "morris/sweep.ini").read_text())
        done = partysim("sweep", "collect", "morris", "--series", "member_share", check=False)
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("keep = summary", done.stderr)
        bad = partysim("sweep", "plan", "morris.ini", "--out", "m2", "--keep", "some", check=False)
        self.assertEqual(bad.returncode, 2)
        self.assertIn("not one of summary, series, all", bad.stderr)

    def test_progress_lines_off_a_terminal(self):
        env = dict(os.environ, PARTYSIM_PROGRESS_SECONDS="0")
        done = partysim("run", SCENARIO, "--households", 300, "--months", 6, "--out", "p1", env=env)
        lines = [l for l in done.stderr.splitlines() if "month" in l and "ETA" in l]
        self.assertGreaterEqual(len(lines), 5)
        for line in lines:
            self.assertRegex(line, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ partysim: month \d+/6 ")
        self.assertNotIn("\r", done.stderr)
        # The default interval (60 s) leaves a 6-month run with only its last line.
        env.pop("PARTYSIM_PROGRESS_SECONDS")
        done = partysim("run", SCENARIO, "--households", 300, "--months", 6, "--out", "p2", env=env)
        self.assertEqual([l for l in done.stderr.splitlines() if "ETA" in l], [])
        self.assertIn("partysim: wrote p2", done.stderr)
        quiet = partysim("run", SCENARIO, "--households", 300, "--months", 6, "--out", "p3", "--quiet",
                         env=dict(os.environ, PARTYSIM_PROGRESS_SECONDS="0"))
        self.assertEqual(quiet.stderr, "")
        sweep = partysim("sweep", "run", "lhs", env=dict(os.environ, PARTYSIM_PROGRESS_SECONDS="0"))
        self.assertIn("24 were already complete", sweep.stderr)


class Sobol(unittest.TestCase):
    def test_base_points_are_scipys_after_salibs_skip(self):
        plan = pd.read_csv(TMP / "sobol" / "plan.csv")
        X = plan[plan["replicate"] == 0][["network.peer_weight", "work.job_time"]].to_numpy()
        N, D = 4, 2
        skip = 2 ** math.ceil(math.log2(N))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            base = qmc.Sobol(2 * D, scramble=False).random(skip + N)[skip:]
        blocks = X.reshape(N, 2 * D + 2, D)
        np.testing.assert_array_equal(blocks[:, 0], base[:, :D])    # A
        np.testing.assert_array_equal(blocks[:, -1], base[:, D:])   # B
        for j in range(D):
            ab = base[:, :D].copy()
            ab[:, j] = base[:, D + j]
            np.testing.assert_array_equal(blocks[:, 1 + j], ab)
        # No row of A equals its row of B (unskipped, the first would be the centre twice).
        self.assertFalse((blocks[:, 0] == blocks[:, -1]).all(axis=1).any())

    def test_sobol_py_warns_and_draws_the_dummy_reference(self):
        done = subprocess.run([PYTHON, str(ANALYSIS / "sobol.py"), str(TMP / "sobol"), "--bootstrap", "200"],
                              capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        table = pd.read_csv(TMP / "sobol" / "sobol_share_end.csv")
        wide = [(r.parameter, name) for r in table.itertuples() for name in ("S1", "ST")
                if getattr(r, f"{name}_high") - getattr(r, f"{name}_low") > abs(getattr(r, name))]
        warned = [l for l in done.stderr.splitlines() if "wider than the index" in l]
        self.assertEqual(len(warned), len(wide))
        self.assertGreater(len(wide), 0)  # N = 4: the intervals are wide
        self.assertIn("dummy-parameter reference (replicate noise): ST = ", done.stdout)
        self.assertTrue((TMP / "sobol" / "sobol_share_end.png").stat().st_size > 0)


def trajectories(r, D, levels=4, seed=0):
    """Morris trajectories in [0, 1]^D (as partysim plans them): a base point on the grid, then
    each coordinate in random order moved by +-delta."""
    rng = np.random.default_rng(seed)
    delta = levels / (2 * (levels - 1))
    grid = np.arange(levels) / (levels - 1)
    rows = []
    for _ in range(r):
        x = rng.choice(grid[grid + delta <= 1 + 1e-12], size=D)
        up = rng.random(D) < 0.5
        x = np.where(up, x, x + delta)
        rows.append(x.copy())
        for j in rng.permutation(D):
            x[j] += delta if up[j] else -delta
            rows.append(x.copy())
    return np.array(rows)


class Morris(unittest.TestCase):
    def test_linear_function(self):
        X = trajectories(20, 3)
        Y = 3 * X[:, 0] - 2 * X[:, 1] + 0 * X[:, 2]
        result = morris.morris_indices(morris.elementary_effects(X, Y, 3), bootstrap=200, seed=1)
        np.testing.assert_allclose(result["mu"], [3, -2, 0], atol=1e-12)
        np.testing.assert_allclose(result["mu_star"], [3, 2, 0], atol=1e-12)
        np.testing.assert_allclose(result["sigma"], [0, 0, 0], atol=1e-12)
        np.testing.assert_allclose(result["mu_star_low"], [3, 2, 0], atol=1e-12)

    def test_interaction_shows_in_sigma(self):
        X = trajectories(50, 3, seed=2)
        Y = X[:, 0] * X[:, 1] + X[:, 2]
        EE = morris.elementary_effects(X, Y, 3)
        # The effect of x1 is x2 (and of x2, x1): its mean over the grid, its spread non-zero;
        # x3 is linear: mu* = 1, sigma = 0.
        np.testing.assert_allclose(EE[:, 0], [X[t * 4:(t + 1) * 4, 1][np.flatnonzero(
            np.diff(X[t * 4:(t + 1) * 4, 0]))[0]] for t in range(50)], atol=1e-12)
        result = morris.morris_indices(EE, bootstrap=200, seed=1)
        self.assertAlmostEqual(result["mu_star"][2], 1.0, places=12)
        self.assertAlmostEqual(result["sigma"][2], 0.0, places=12)
        self.assertGreater(result["sigma"][0], 0.2)
        self.assertLess(result["mu_star_low"][0], result["mu_star"][0])
        self.assertGreater(result["mu_star_high"][0], result["mu_star"][0])

    def test_morris_py_on_a_real_sweep(self):
        done = subprocess.run([PYTHON, str(ANALYSIS / "morris.py"), str(TMP / "morris"), "--y", "share_end",
                               "--bootstrap", "100"], capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        table = pd.read_csv(TMP / "morris" / "morris_share_end.csv")
        self.assertEqual(list(table["parameter"]), ["enforcement.crackdown_rate", "network.peer_weight"])
        self.assertTrue(np.isfinite(table[["mu", "mu_star", "sigma"]].to_numpy()).all())
        self.assertTrue((table["mu_star"] >= table["mu"].abs() - 1e-12).all())
        wrong = subprocess.run([PYTHON, str(ANALYSIS / "morris.py"), str(TMP / "lhs"), "--y", "share_end"],
                               capture_output=True, text=True)
        self.assertEqual(wrong.returncode, 2)
        self.assertIn("design = morris", wrong.stderr)


class PRCC(unittest.TestCase):
    def test_monotone_functions(self):
        rng = np.random.default_rng(3)
        X = rng.random((400, 3))
        # exp(3 x1) is monotone in x1 alone: its ranks are x1's, so the PRCC is exactly 1; for a
        # decreasing function of x2 alone, -1. The others are near 0 (|r| < 3 / sqrt(n)).
        up = prcc.prcc(X, np.exp(3 * X[:, 0]))
        self.assertAlmostEqual(up["prcc"][0], 1.0, places=9)
        self.assertTrue((np.abs(up["prcc"][1:]) < 3 / np.sqrt(400)).all())
        down = prcc.prcc(X, -X[:, 1] ** 3)
        self.assertAlmostEqual(down["prcc"][1], -1.0, places=9)
        # y = x1 + x2 + noise: both positive and well away from 0; the dummy x3 not significant.
        noisy = prcc.prcc(X, X[:, 0] + X[:, 1] + 0.3 * rng.standard_normal(400))
        self.assertTrue((noisy["prcc"][:2] > 0.6).all())
        self.assertTrue((noisy["p_value"][:2] < 1e-6).all())
        self.assertGreater(noisy["p_value"][2], 0.001)
        self.assertTrue((noisy["low"] <= noisy["prcc"]).all() and (noisy["prcc"] <= noisy["high"]).all())

    def test_prcc_py_on_a_real_sweep(self):
        done = subprocess.run([PYTHON, str(ANALYSIS / "prcc.py"), str(TMP / "lhs"), "--y", "hostile_price"],
                              capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        table = pd.read_csv(TMP / "lhs" / "prcc_hostile_price.csv")
        self.assertEqual(len(table), 2)
        self.assertTrue(((table["prcc"] >= -1) & (table["prcc"] <= 1)).all())


if __name__ == "__main__":
    unittest.main()
