#!/usr/bin/python3
"""Partial rank correlation coefficients (PRCC) of a sweep's parameters with a summary, for
sampling designs (design = lhs; any sweep whose parameters vary independently).

    build/partysim sweep plan scenarios/sweeps/enforcement_lhs.ini --out lhs/
    build/partysim sweep run lhs/ && build/partysim sweep collect lhs/
    analysis/prcc.py lhs/ --y member_share_2019          # lhs/prcc_member_share_2019.csv

Each parameter and the summary (its replicate mean per design point) are replaced by their ranks;
the PRCC of parameter j is the correlation of the residuals of rank(x_j) and of rank(y), each
regressed linearly on the ranks of the other parameters (Marino, Hogue, Ray and Kirschner 2008).
It measures a monotone association of x_j with y with the others held fixed, in [-1, 1]. The
p-value tests PRCC = 0 with t = r sqrt((n - 2 - k) / (1 - r^2)), n - 2 - k degrees of freedom
(k = D - 1 parameters held fixed); the interval is Fisher's z interval with the same count.
Writes SWEEP_DIR/prcc_<y>.csv (parameter, prcc, low, high, p_value).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import partysim_io as io  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from scipy import stats  # noqa: E402

PROG = "prcc.py"
CSV_COLUMNS = ["parameter", "prcc", "low", "high", "p_value"]


def prcc(X, Y, confidence=0.95):
    """PRCC of each column of X (n, D) with Y (n,). Returns a dict of arrays of length D: prcc,
    low, high (Fisher z interval), p_value."""
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    keep = np.isfinite(Y) & np.isfinite(X).all(axis=1)
    X, Y = X[keep], Y[keep]
    n, D = X.shape
    k = D - 1
    if n - 3 - k < 1:
        raise ValueError(f"{n} points are too few for {D} parameters (need more than {D + 3})")
    R = np.column_stack([stats.rankdata(X[:, j]) for j in range(D)])
    ry = stats.rankdata(Y)
    r = np.empty(D)
    for j in range(D):
        others = np.column_stack([np.ones(n), np.delete(R, j, axis=1)])
        res_x = R[:, j] - others @ np.linalg.lstsq(others, R[:, j], rcond=None)[0]
        res_y = ry - others @ np.linalg.lstsq(others, ry, rcond=None)[0]
        denom = np.sqrt((res_x @ res_x) * (res_y @ res_y))
        r[j] = res_x @ res_y / denom if denom > 0 else np.nan
    dof = n - 2 - k
    with np.errstate(divide="ignore", invalid="ignore"):
        t = r * np.sqrt(dof / np.clip(1 - r ** 2, 1e-300, None))
        p = 2 * stats.t.sf(np.abs(t), dof)
        z = np.arctanh(np.clip(r, -1 + 1e-15, 1 - 1e-15))
        half = stats.norm.ppf(0.5 + confidence / 2) / np.sqrt(n - 3 - k)
    return {"prcc": r, "low": np.tanh(z - half), "high": np.tanh(z + half), "p_value": p}


def main(argv=None):
    parser = io.script_parser(PROG, __doc__)
    parser.add_argument("sweep_dir", metavar="SWEEP_DIR", help="a collected partysim sweep folder")
    parser.add_argument("--y", metavar="SUMMARY", help="the summary to analyse (default: the only one)")
    parser.add_argument("--confidence", type=float, default=0.95, metavar="C",
                        help="level of the intervals (default 0.95)")
    parser.add_argument("--out", metavar="FILE.csv", help="default SWEEP_DIR/prcc_<y>.csv")
    args = parser.parse_args(argv)
    if not 0 < args.confidence < 1:
        raise io.InputError(f"--confidence {args.confidence}: must be between 0 and 1")
    sweep = io.Sweep(args.sweep_dir)
    y = sweep.summary(args.y, "--y")
    if sweep.design in ("sobol", "morris", "grid", "list"):
        print(f"{PROG}: {sweep.folder} was planned with design = {sweep.design}; PRCC assumes "
              f"independently sampled parameters (design = lhs)", file=sys.stderr)
    points = sweep.point_table(y)
    try:
        result = prcc(points[sweep.parameters].to_numpy(dtype=float), points["mean"].to_numpy(dtype=float),
                      args.confidence)
    except ValueError as e:
        raise io.InputError(f"{sweep.summary_path}: {e}") from None
    out = io.output_path(Path(args.sweep_dir) / f"prcc_{y}.csv", args.out, ".csv")
    table = io.write_table(sweep.parameters, result, CSV_COLUMNS, out)
    with pd.option_context("display.float_format", "{:.4g}".format, "display.width", 120):
        print(table.to_string(index=False))
    print(f"{PROG}: wrote {out} ({len(points)} design points)")


if __name__ == "__main__":
    io.run_main(PROG, main)
