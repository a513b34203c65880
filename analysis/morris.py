#!/usr/bin/python3
"""Morris elementary effects (mu, mu*, sigma, with bootstrap intervals) of a sweep planned with
design = morris.

    build/partysim sweep plan scenarios/sweeps/screening_morris.ini --out mor/
    build/partysim sweep run mor/ && build/partysim sweep collect mor/
    analysis/morris.py mor/ --y applications_change     # mor/morris_applications_change.csv

The design is r trajectories of D + 1 points; each step moves one parameter by +-delta in the
unit cube (delta = levels / (2 (levels - 1))). The summary is averaged over the replicates of each
point; each step gives the elementary effect of the parameter it moved,

  EE = (y_after - y_before) / (u_after - u_before)      (u: the parameter in [0, 1])

so that effects are per unit of the parameter's whole range. Then, per parameter, over the r
trajectories (Morris 1991; Campolongo, Cariboni and Saltelli 2007 for mu*):

  mu = mean(EE)    mu* = mean(|EE|)    sigma = sd(EE) (n - 1)

with bootstrap percentile intervals, resampling the trajectories (as SALib's morris.analyze does
for mu*). A large mu* means an influential parameter; a large sigma, one whose effect depends on
the others (interactions or non-linearity). Writes SWEEP_DIR/morris_<y>.csv (parameter, mu,
mu_star, mu_star_low, mu_star_high, sigma, sigma_low, sigma_high).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import partysim_io as io  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

PROG = "morris.py"
CSV_COLUMNS = ["parameter", "mu", "mu_star", "mu_star_low", "mu_star_high", "sigma", "sigma_low",
               "sigma_high"]


def varied_ranges(sweep):
    """{plan.csv column: (min, max, log)} of the sweep's sampled parameters, from sweep.ini."""
    ranges = {}
    for key, text in sweep.spec.get("vary", {}).items():
        words = text.split()
        scale = bool(words) and words[0] == "scale"
        if scale:
            words = words[1:]
        if not words or ".." not in words[0]:
            continue
        low, high = words[0].split("..", 1)
        column = f"scale_{key}" if scale else key
        ranges[column] = (float(low), float(high), "log" in words[1:])
    return ranges


def unit_design(sweep):
    """One row per design point: the varied parameters mapped back to [0, 1] (log ranges by
    their logarithm), in plan order; as a numpy array (points, D)."""
    ranges = varied_ranges(sweep)
    table = sweep.data.groupby("point", sort=True)[sweep.parameters].first()
    columns = []
    for p in sweep.parameters:
        if p not in ranges:
            raise io.InputError(f"{sweep.folder}/sweep.ini: parameter {p} has no range min..max")
        low, high, log = ranges[p]
        x = table[p].to_numpy(dtype=float)
        if log:
            columns.append((np.log(x) - np.log(low)) / (np.log(high) - np.log(low)))
        else:
            columns.append((x - low) / (high - low) if high > low else np.zeros_like(x))
    return np.column_stack(columns)


def elementary_effects(X, Y, D):
    """Elementary effects of r trajectories: X (r (D + 1), D) in the unit cube, Y (r (D + 1),).
    Returns EE (r, D): EE[t, j] is the effect of parameter j in trajectory t (NaN where Y is)."""
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    if X.ndim != 2 or X.shape[1] != D or X.shape[0] % (D + 1) or Y.shape != (X.shape[0],):
        raise ValueError(f"{X.shape} points are not r (D + 1) x D for D = {D}")
    r = X.shape[0] // (D + 1)
    EE = np.full((r, D), np.nan)
    for t in range(r):
        x = X[t * (D + 1):(t + 1) * (D + 1)]
        y = Y[t * (D + 1):(t + 1) * (D + 1)]
        for s in range(D):
            step = x[s + 1] - x[s]
            moved = np.flatnonzero(np.abs(step) > 1e-12)
            if moved.size != 1:
                raise ValueError(f"trajectory {t}, step {s}: {moved.size} parameters moved, expected 1")
            j = moved[0]
            EE[t, j] = (y[s + 1] - y[s]) / step[j]
    return EE


def morris_indices(EE, bootstrap=1000, seed=None, confidence=0.95):
    """mu, mu*, sigma per parameter over the trajectories (rows of EE; NaN rows left out), with
    bootstrap percentile intervals of mu* and sigma. Returns a dict of arrays of length D."""
    EE = np.asarray(EE, dtype=float)
    EE = EE[np.isfinite(EE).all(axis=1)]
    r, D = EE.shape
    result = {"mu": EE.mean(axis=0), "mu_star": np.abs(EE).mean(axis=0),
              "sigma": EE.std(axis=0, ddof=1) if r > 1 else np.full(D, np.nan)}
    low_q, high_q = 50 * (1 - confidence), 50 * (1 + confidence)
    if bootstrap > 0 and r > 1:
        rng = np.random.default_rng(seed)
        idx = rng.integers(0, r, size=(bootstrap, r))
        draws = EE[idx]  # (bootstrap, r, D)
        for name, values in (("mu_star", np.abs(draws).mean(axis=1)), ("sigma", draws.std(axis=1, ddof=1))):
            result[f"{name}_low"], result[f"{name}_high"] = np.percentile(values, [low_q, high_q], axis=0)
    else:
        for name in ("mu_star", "sigma"):
            result[f"{name}_low"] = result[f"{name}_high"] = np.full(D, np.nan)
    return result


def sweep_effects(sweep, y):
    if sweep.design is not None and sweep.design != "morris":
        raise io.InputError(f"{sweep.folder} was planned with design = {sweep.design}; Morris "
                            f"effects need design = morris")
    D = len(sweep.parameters)
    X = unit_design(sweep)
    Y = sweep.point_table(y)["mean"].to_numpy(dtype=float)
    if X.shape[0] % (D + 1):
        raise io.InputError(f"{sweep.summary_path}: {X.shape[0]} design points are not r (D + 1) "
                            f"for D = {D}; not a Morris design")
    try:
        return elementary_effects(X, Y, D)
    except ValueError as e:
        raise io.InputError(f"{sweep.plan_path}: {e}") from None


def sweep_indices(sweep, y, bootstrap=1000, seed=1, confidence=0.95):
    """morris_indices of summary y over the sweep's complete trajectories (those with a value of y
    at every point; the others are left out). Returns (indices, trajectories used, trajectories
    left out); an InputError when fewer than 2 are complete."""
    EE = sweep_effects(sweep, y)
    complete = np.isfinite(EE).all(axis=1)
    if complete.sum() < 2:
        raise io.InputError(f"{sweep.summary_path}: summary '{y}' has values on fewer than 2 "
                            f"complete trajectories")
    return (morris_indices(EE, bootstrap, seed, confidence), int(complete.sum()),
            int((~complete).sum()))

def main(argv=None):
    parser = io.script_parser(PROG, __doc__)
    parser.add_argument("sweep_dir", metavar="SWEEP_DIR",
                        help="a collected partysim sweep folder planned with design = morris")
    parser.add_argument("--y", metavar="SUMMARY", help="the summary to analyse (default: the only one)")
    parser.add_argument("--bootstrap", type=int, default=1000, metavar="B",
                        help="bootstrap resamples of the trajectories (default 1000; 0: none)")
    parser.add_argument("--confidence", type=float, default=0.95, metavar="C",
                        help="level of the intervals (default 0.95)")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="bootstrap seed (default 1)")
    parser.add_argument("--out", metavar="FILE.csv", help="default SWEEP_DIR/morris_<y>.csv")
    args = parser.parse_args(argv)
    if args.bootstrap < 0 or not 0 < args.confidence < 1:
        raise io.InputError("--bootstrap must be 0 or more and --confidence between 0 and 1")
    sweep = io.Sweep(args.sweep_dir)
    y = sweep.summary(args.y, "--y")
    result, used, left_out = sweep_indices(sweep, y, args.bootstrap, args.seed, args.confidence)
    if left_out:
        print(f"{PROG}: {left_out} of {used + left_out} trajectories have no value of {y}; left out",
              file=sys.stderr)
    out = io.output_path(Path(args.sweep_dir) / f"morris_{y}.csv", args.out, ".csv")
    table = io.write_table(sweep.parameters, result, CSV_COLUMNS, out)
    with pd.option_context("display.float_format", "{:.4g}".format, "display.width", 120):
        print(table.sort_values("mu_star", ascending=False).to_string(index=False))
    print(f"{PROG}: wrote {out} ({used} trajectories)")


if __name__ == "__main__":
    io.run_main(PROG, main)
