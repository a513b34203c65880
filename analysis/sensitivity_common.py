"""Shared by morris.py and prcc.py: a sweep's design in the unit cube, from sweep.ini's ranges."""

import numpy as np

import partysim_io as io


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
