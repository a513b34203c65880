#!/usr/bin/python3
"""Sobol sensitivity indices of a sweep planned with design = sobol (Saltelli's scheme).

    build/partysim sweep plan scenarios/sweeps/sensitivity_sobol.ini --out sob/
    build/partysim sweep run sob/ && build/partysim sweep collect sob/
    analysis/sobol.py sob/ --y applications_change     # sob/sobol_applications_change.csv, .png

The design has N base points of D parameters, each a block of 2D + 2 design points in SALib's
order: A, AB_1 .. AB_D, BA_1 .. BA_D, B (AB_j is A with column j taken from B). The summary is
averaged over the replicates of each design point (the 'point' column of summary.csv), then:

  first-order  S1_j = mean(f_B (f_AB_j - f_A)) / V        (Saltelli et al. 2010)
  total        ST_j = mean((f_A - f_AB_j)^2) / 2 / V       (Jansen 1999)

with V the variance of f_A and f_B together, and Y centred on its mean first (as SALib does).
Confidence intervals are bootstrap percentile intervals, resampling the base points. Writes
SWEEP_DIR/sobol_<y>.csv (parameter,S1,S1_low,S1_high,ST,ST_low,ST_high) and a bar chart
SWEEP_DIR/sobol_<y>.png. The BA rows (second-order indices) are not used.

Two guards against reading noise as signal. Where an interval is wider than its index (high -
low > |index|), the bar is hatched, the chart says so and a warning names it on stderr: that
index is not distinguishable from zero at this N. And the chart draws a dummy-parameter
reference: the total index that a parameter with no effect on the model would get from the
replicate noise alone, sigma^2_within / (R V) (sigma^2_within the mean variance of y over the R
replicates of a design point, V the variance of the point means; runs at different points
diverge, so the noise at A and at AB_j is independent, and E[(f_A - f_AB)^2] / 2 = sigma^2 / R).
An ST below the line is noise. With one replicate per point it cannot be estimated and is left
out (the chart says so).

The design (partysim's designs.cpp): the base points are points 2^ceil(log2 N) (at least 2) to
that + N - 1 of the 2D-dimensional Sobol sequence, counted from the all-zero point 0, with Joe and
Kuo's direction numbers: the points SALib's saltelli.sample(problem, N) (SALib 1.4.0 to 1.4.5,
whose default skip_values is 2^ceil(log2 N)) and SALib's sobol.sample(problem, N,
scramble=False, skip_values=2^ceil(log2 N)) use (both on scipy's or SALib's unscrambled
sequence), in the same row order. With `scramble = yes` in the sweep file the points get a
random digital shift keyed by the sweep seed, which SALib does not offer; SALib's newer default
(scramble=True, an Owen scramble by scipy) differs from both.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import partysim_io as io  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

PROG = "sobol.py"
CSV_COLUMNS = ["parameter", "S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high"]


# --------------------------------------------------------------------------------------------
# Estimators, on plain numpy arrays


def saltelli_split(Y, D):
    """Splits a Saltelli-ordered vector of N (2D + 2) outputs (SALib's order: per base point A,
    AB_1..AB_D, BA_1..BA_D, B) into f_A (N,), f_B (N,), f_AB (N, D) and f_BA (N, D)."""
    Y = np.asarray(Y, dtype=float)
    step = 2 * D + 2
    if D < 1 or Y.ndim != 1 or Y.size == 0 or Y.size % step:
        raise ValueError(f"{Y.size} outputs are not N (2D + 2) for D = {D}")
    blocks = Y.reshape(-1, step)
    return blocks[:, 0], blocks[:, -1], blocks[:, 1:D + 1], blocks[:, D + 1:2 * D + 1]


def sobol_indices(f_A, f_B, f_AB):
    """First-order (Saltelli 2010) and total (Jansen) indices.

    f_A, f_B: shape (..., N); f_AB: shape (..., N, D), where f_AB[..., i, j] is the output at
    A_i with column j from B_i. Leading dimensions are batches (bootstrap resamples). Returns
    (S1, ST), each of shape (..., D). A batch whose outputs do not vary gives NaN."""
    f_A = np.asarray(f_A, dtype=float)
    f_B = np.asarray(f_B, dtype=float)
    f_AB = np.asarray(f_AB, dtype=float)
    V = np.var(np.concatenate([f_A, f_B], axis=-1), axis=-1)[..., None]
    with np.errstate(divide="ignore", invalid="ignore"):
        S1 = np.mean(f_B[..., None] * (f_AB - f_A[..., None]), axis=-2) / V
        ST = 0.5 * np.mean((f_A[..., None] - f_AB) ** 2, axis=-2) / V
    return np.where(V > 0, S1, np.nan), np.where(V > 0, ST, np.nan)


def sobol_analysis(Y, D, bootstrap=1000, seed=None, confidence=0.95, chunk=100):
    """Indices of a Saltelli-ordered output vector Y, with bootstrap percentile intervals.

    Returns a dict of arrays of length D: S1, S1_low, S1_high, ST, ST_low, ST_high (the bounds
    are NaN when bootstrap is 0)."""
    Y = np.asarray(Y, dtype=float)
    Y = Y - Y.mean()  # as SALib: the estimators are not invariant to a shift of Y
    f_A, f_B, f_AB, _ = saltelli_split(Y, D)
    S1, ST = sobol_indices(f_A, f_B, f_AB)
    result = {"S1": S1, "ST": ST}
    low_q, high_q = 50 * (1 - confidence), 50 * (1 + confidence)
    if bootstrap > 0:
        rng = np.random.default_rng(seed)
        N = f_A.size
        s1s, sts = [], []
        for start in range(0, bootstrap, chunk):
            idx = rng.integers(0, N, size=(min(chunk, bootstrap - start), N))
            s1, st = sobol_indices(f_A[idx], f_B[idx], f_AB[idx])
            s1s.append(s1)
            sts.append(st)
        s1s, sts = np.concatenate(s1s), np.concatenate(sts)
        with np.errstate(invalid="ignore"):
            for name, draws in (("S1", s1s), ("ST", sts)):
                ok = np.isfinite(draws).any(axis=0)
                bounds = np.full((2, D), np.nan)
                if ok.any():
                    bounds[:, ok] = np.nanpercentile(draws[:, ok], [low_q, high_q], axis=0)
                result[f"{name}_low"], result[f"{name}_high"] = bounds
    else:
        for name in ("S1", "ST"):
            result[f"{name}_low"] = result[f"{name}_high"] = np.full(D, np.nan)
    return result


# --------------------------------------------------------------------------------------------
# Sweeps


def sweep_outputs(sweep, y):
    """The replicate mean of y per design point, in the plan's (Saltelli) order; base points with
    a design point without a value are dropped. Returns (Y, D, N kept, N planned)."""
    if sweep.design is not None and sweep.design != "sobol":
        raise io.InputError(f"{sweep.folder} was planned with design = {sweep.design}; Sobol "
                            f"indices need design = sobol")
    D = len(sweep.parameters)
    step = 2 * D + 2
    points = sweep.point_table(y)
    P = len(points)
    if not np.array_equal(points.index.to_numpy(), np.arange(P)):
        raise io.InputError(f"{sweep.summary_path}: the points are not 0 .. {P - 1}")
    if P % step:
        raise io.InputError(f"{sweep.summary_path}: {P} design points are not N (2D + 2) for "
                            f"D = {D} parameters; not a Saltelli design")
    blocks = points["mean"].to_numpy(dtype=float).reshape(-1, step)
    complete = np.isfinite(blocks).all(axis=1)
    if complete.sum() < 2:
        raise io.InputError(f"{sweep.summary_path}: summary '{y}' has values at fewer than 2 "
                            f"complete base points")
    Y = blocks[complete].reshape(-1)
    if np.ptp(Y) == 0:
        raise io.InputError(f"{sweep.summary_path}: summary '{y}' does not vary over the design; "
                            f"its Sobol indices are undefined")
    return Y, D, int(complete.sum()), P // step


def indices_table(parameters, result):
    table = pd.DataFrame({"parameter": parameters})
    for column in CSV_COLUMNS[1:]:
        table[column] = result[column]
    return table


def wide_intervals(table):
    """(parameter, index name) pairs whose interval is wider than the index itself."""
    wide = []
    for _, row in table.iterrows():
        for name in ("S1", "ST"):
            low, high, value = row[f"{name}_low"], row[f"{name}_high"], row[name]
            if np.isfinite(low) and np.isfinite(high) and high - low > abs(value):
                wide.append((row["parameter"], name))
    return wide


def noise_reference(sweep, y):
    """The dummy-parameter reference of ST (see the docstring): sigma^2_within / (R V), or None
    with fewer than 2 replicates per point."""
    g = sweep.data.groupby("point")[y]
    R = g.count()
    if R.min() < 2:
        return None
    within = g.var(ddof=1).mean()
    V = np.var(g.mean().to_numpy(dtype=float))
    return float(within / R.mean() / V) if V > 0 else None


def build_sobol_figure(table, y, subtitle="", reference=None):
    """A bar chart of S1 and ST per parameter with their intervals; bars whose interval is wider
    than the index hatched; `reference` (the dummy-parameter ST) as a dashed line."""
    D = len(table)
    fig = io.new_figure(figsize=(max(6.5, 1.6 * D + 3), 5))
    ax = fig.subplots()
    x = np.arange(D)
    width = 0.38
    for offset, name, color in ((-width / 2, "S1", "#2e86c1"), (width / 2, "ST", "#e67e22")):
        values = table[name].to_numpy(dtype=float)
        low = table[f"{name}_low"].to_numpy(dtype=float)
        high = table[f"{name}_high"].to_numpy(dtype=float)
        errors = None
        if np.isfinite(low).any():
            errors = np.vstack([np.clip(values - low, 0, None), np.clip(high - values, 0, None)])
            errors = np.nan_to_num(errors)
        label = "first order S1" if name == "S1" else "total ST"
        bars = ax.bar(x + offset, values, width, yerr=errors, capsize=4, color=color, label=label,
                      error_kw=dict(elinewidth=1, ecolor="0.2"))
        with np.errstate(invalid="ignore"):
            wide = (high - low) > np.abs(values)
        for bar, is_wide in zip(bars, wide):
            if is_wide:
                bar.set_hatch("///")
                bar.set_edgecolor("0.2")
    wide = wide_intervals(table)
    if wide:
        ax.bar([], [], color="white", edgecolor="0.2", hatch="///",
               label="interval wider than the index: not distinguishable from 0")
    if reference is not None:
        ax.axhline(reference, color="0.3", lw=1, ls="--",
                   label=f"dummy-parameter reference (replicate noise): ST = {reference:.3f}")
    ax.axhline(0, color="0.3", lw=0.8)
    ax.set_xticks(x, table["parameter"], rotation=20 if D > 3 else 0,
                  ha="right" if D > 3 else "center")
    ax.set_xlabel("parameter")
    ax.set_ylabel(f"Sobol index of {y} (share of variance)")
    ax.grid(True, axis="y", alpha=0.3)
    ax.legend(fontsize="small")
    fig.suptitle(f"Sobol indices of {y}", fontweight="bold")
    if subtitle:
        ax.set_title(subtitle, fontsize="small", loc="left")
    return fig


def main(argv=None):
    parser = io.script_parser(PROG, __doc__)
    parser.add_argument("sweep_dir", metavar="SWEEP_DIR",
                        help="a collected partysim sweep folder planned with design = sobol")
    parser.add_argument("--y", metavar="SUMMARY",
                        help="the summary to analyse (a column of summary.csv; default: the only one)")
    parser.add_argument("--bootstrap", type=int, default=1000, metavar="B",
                        help="bootstrap resamples of the base points (default 1000; 0: no intervals)")
    parser.add_argument("--confidence", type=float, default=0.95, metavar="C",
                        help="level of the intervals (default 0.95)")
    parser.add_argument("--seed", type=int, default=1, metavar="S",
                        help="seed of the bootstrap (default 1)")
    parser.add_argument("--out", metavar="FILE.png",
                        help="where to write the chart (default SWEEP_DIR/sobol_<y>.png; the CSV "
                             "goes next to it, same name, .csv)")
    args = parser.parse_args(argv)
    if args.bootstrap < 0:
        raise io.InputError(f"--bootstrap {args.bootstrap}: must be 0 or more")
    if not 0 < args.confidence < 1:
        raise io.InputError(f"--confidence {args.confidence}: must be between 0 and 1")
    sweep = io.Sweep(args.sweep_dir)
    y = sweep.summary(args.y, "--y")
    Y, D, N, planned = sweep_outputs(sweep, y)
    if N < planned:
        print(f"{PROG}: {planned - N} of {planned} base points have no value of {y}; left out",
              file=sys.stderr)
    result = sobol_analysis(Y, D, bootstrap=args.bootstrap, seed=args.seed,
                            confidence=args.confidence)
    table = indices_table(sweep.parameters, result)
    png = io.output_path(Path(args.sweep_dir) / f"sobol_{y}.png", args.out, ".png")
    csv = png.with_suffix(".csv")
    try:
        table.to_csv(csv, index=False)
    except OSError as e:
        raise io.InputError(f"cannot write {csv}: {e.strerror or e}") from None
    replicates = int(sweep.data["replicate"].nunique())
    interval = (f"{args.confidence:.0%} bootstrap intervals ({args.bootstrap} resamples)"
                if args.bootstrap else "no intervals")
    reference = noise_reference(sweep, y)
    note = "" if reference is not None else "; 1 replicate: no dummy reference"
    fig = build_sobol_figure(table, y, f"N = {N} base points, D = {D}, {replicates} replicate(s) "
                                       f"per point; {interval}{note}", reference)
    for parameter, name in wide_intervals(table):
        print(f"{PROG}: warning: {name} of {parameter}: the interval is wider than the index; it "
              f"is not distinguishable from 0 at N = {N}", file=sys.stderr)
    if reference is not None:
        print(f"{PROG}: dummy-parameter reference (replicate noise): ST = {reference:.4f}")
    io.save_figure(fig, png, dpi=120)
    with pd.option_context("display.float_format", "{:.3f}".format, "display.width", 120):
        print(table.to_string(index=False))
    print(f"{PROG}: wrote {csv}, {png}")


if __name__ == "__main__":
    io.run_main(PROG, main)
