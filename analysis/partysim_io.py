"""Shared loading and validation for the partysim analysis scripts.

Every script reads partysim's output folders through this module, so that a bad input (a folder
that is not a run, an ensemble or a sweep; a missing file or column; an unknown measure or
parameter) is reported the same way everywhere: one line on stderr, ``PROG: message``, and exit
status 2, never a traceback.

Only Debian 12's Python packages are used (numpy, pandas, matplotlib). Figures are made with
new_figure(), which selects the headless Agg backend; matplotlib is imported only then, so that a
bad input is answered quickly.
"""

import argparse
import difflib
import json
import os
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

EXIT_BAD_INPUT = 2

# The fixed leading columns of a sweep's plan.csv and summary.csv.
PLAN_COLUMNS = ["run_id", "point", "replicate", "seed"]
# The exact header of an ensemble's ensemble.csv.
ENSEMBLE_COLUMNS = ["date", "measure", "n", "mean", "sd", "p5", "p50", "p95"]
BY_SONGBUN_COLUMNS = ["date", "songbun", "measure", "value"]
SONGBUN = ["core", "wavering", "hostile"]

REPO_ROOT = Path(__file__).resolve().parent.parent


class InputError(Exception):
    """A problem with the user's input, reported as one line and exit status 2."""


# --------------------------------------------------------------------------------------------
# Command-line plumbing


class ArgumentParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (and exit status 2, as argparse)."""

    def error(self, message):
        sys.stderr.write(f"{self.prog}: {message} (see --help)\n")
        sys.exit(EXIT_BAD_INPUT)


def script_parser(prog, doc):
    """The argument parser of an analysis script: its docstring's first paragraph as the
    description, the rest as the epilog, and one-line usage errors."""
    paragraphs = doc.split("\n\n")
    return ArgumentParser(prog=prog, description=paragraphs[0],
                          formatter_class=argparse.RawDescriptionHelpFormatter,
                          epilog="\n\n".join(paragraphs[1:]))


def run_main(prog, main, argv=None):
    """Runs main(argv); turns every error into one line on stderr and a non-zero exit status.

    InputError, missing files and unreadable CSVs exit with 2. Set PARTYSIM_DEBUG=1 to get the
    traceback of an unexpected error instead.
    """
    try:
        main(argv)
    except InputError as e:
        _one_line(prog, str(e))
        sys.exit(EXIT_BAD_INPUT)
    except KeyboardInterrupt:
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as e:  # noqa: BLE001 - never show a traceback to the user
        if os.environ.get("PARTYSIM_DEBUG"):
            raise
        _one_line(prog, f"{type(e).__name__}: {e} (set PARTYSIM_DEBUG=1 for a traceback)")
        sys.exit(EXIT_BAD_INPUT)


def _one_line(prog, message):
    message = " ".join(str(message).split())  # one line, whatever the exception said
    sys.stderr.write(f"{prog}: {message}\n")


def split_list(text):
    """'a, b,c' -> ['a', 'b', 'c']."""
    return [t.strip() for t in text.split(",") if t.strip()]


def output_path(default, out, suffix=None):
    """The figure's path: --out if given, else default; its folder must exist."""
    path = Path(out) if out else Path(default)
    if suffix and path.suffix.lower() != suffix:
        raise InputError(f"--out {path}: the file name must end in {suffix}")
    if not path.parent.is_dir():
        raise InputError(f"--out {path}: folder {path.parent} does not exist")
    return path


def save_figure(fig, path, **kwargs):
    try:
        fig.savefig(path, **kwargs)
    except OSError as e:
        raise InputError(f"cannot write {path}: {e.strerror or e}") from None


# --------------------------------------------------------------------------------------------
# Reading CSV files


def _existing_folder(folder, what, marker, hint=""):
    folder = Path(folder)
    if not folder.exists():
        raise InputError(f"{folder} does not exist")
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder (expected a partysim {what} folder)")
    if not (folder / marker).is_file():
        raise InputError(f"{folder} is not a partysim {what} folder (no {marker}){hint}")
    return folder


def read_csv(path, **kwargs):
    """pandas.read_csv, with a one-line InputError for a missing, empty or malformed file."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path} is missing")
    try:
        df = pd.read_csv(path, **kwargs)
    except pd.errors.EmptyDataError:
        raise InputError(f"{path} is empty") from None
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as e:
        raise InputError(f"{path} is not a valid CSV file ({' '.join(str(e).split())})") from None
    if len(df) == 0:
        raise InputError(f"{path} has a header but no rows")
    return df


def require_columns(df, columns, path):
    missing = [c for c in columns if c not in df.columns]
    if missing:
        names = ", ".join(f"'{c}'" for c in missing)
        plural = "s" if len(missing) > 1 else ""
        raise InputError(f"{path} has no column{plural} {names}")


def numeric(df, columns, path):
    """Converts columns to float (empty fields -> NaN); a non-number is an InputError."""
    for c in columns:
        values = pd.to_numeric(df[c], errors="coerce")
        bad = values.isna() & df[c].notna()
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raise InputError(f"{path}: column '{c}' has a non-number '{df[c].iloc[row]}' "
                             f"(data row {row + 1})")
        df[c] = values.astype(float)
    return df


def parse_dates(df, path, column="date"):
    """Parses the YYYY-MM date column into datetimes (the first day of the month)."""
    dates = pd.to_datetime(df[column].astype(str), format="%Y-%m", errors="coerce")
    if dates.isna().any():
        row = int(np.flatnonzero(dates.isna().to_numpy())[0])
        raise InputError(f"{path}: '{df[column].iloc[row]}' in column '{column}' is not a month "
                         f"YYYY-MM (data row {row + 1})")
    df[column] = dates
    return df


def closest(name, choices):
    match = difflib.get_close_matches(name, list(choices), n=1)
    return f"; did you mean '{match[0]}'?" if match else ""


# --------------------------------------------------------------------------------------------
# Runs


class Run:
    """A run folder: timeseries.csv (wide, one row per month), by_songbun.csv (long), run.json."""

    def __init__(self, folder):
        folder = Path(folder)
        hint = ""
        if (folder / "ensemble.csv").is_file():
            hint = (f"; it is an ensemble: use plot_ensemble.py, or plot one replicate "
                    f"({folder / 'rep000'})")
        elif (folder / "plan.csv").is_file():
            hint = (f"; it is a sweep: use plot_sweep.py, or plot one run "
                    f"({folder / 'runs' / '<run_id>'})")
        self.folder = _existing_folder(folder, "run", "timeseries.csv", hint)
        self.timeseries_path = self.folder / "timeseries.csv"
        self.timeseries = read_csv(self.timeseries_path)
        require_columns(self.timeseries, ["date"], self.timeseries_path)
        parse_dates(self.timeseries, self.timeseries_path)
        self.timeseries = self.timeseries.set_index("date", drop=False)
        self._by_songbun = None
        self.info = self._read_json()

    def _read_json(self):
        path = self.folder / "run.json"
        try:
            with open(path, encoding="utf-8") as f:
                info = json.load(f)
            return info if isinstance(info, dict) else {}
        except (OSError, ValueError):
            return {}  # run.json is only used for the figure's subtitle

    def series(self, measure):
        """A timeseries.csv column as floats indexed by date."""
        require_columns(self.timeseries, [measure], self.timeseries_path)
        numeric(self.timeseries, [measure], self.timeseries_path)
        return self.timeseries[measure]

    @property
    def by_songbun(self):
        if self._by_songbun is None:
            path = self.folder / "by_songbun.csv"
            if not path.is_file():
                raise InputError(f"{self.folder} is not a complete partysim run folder "
                                 f"(no by_songbun.csv)")
            df = read_csv(path)
            require_columns(df, BY_SONGBUN_COLUMNS, path)
            parse_dates(df, path)
            numeric(df, ["value"], path)
            self._by_songbun = df
            self.by_songbun_path = path
        return self._by_songbun

    def songbun_measure(self, measure):
        """One by_songbun.csv measure as a table: index date, a column per songbun."""
        df = self.by_songbun
        rows = df[df["measure"] == measure]
        if rows.empty:
            known = sorted(df["measure"].unique())
            raise InputError(f"{self.by_songbun_path} has no measure '{measure}'"
                             f"{closest(measure, known)}")
        try:
            table = rows.pivot(index="date", columns="songbun", values="value")
        except ValueError:
            raise InputError(f"{self.by_songbun_path}: measure '{measure}' appears twice for the "
                             f"same date and songbun") from None
        order = [s for s in SONGBUN if s in table.columns] + \
                [s for s in table.columns if s not in SONGBUN]
        return table[order]

    def subtitle(self):
        p = self.info.get("parameters", {}) if isinstance(self.info.get("parameters"), dict) else {}
        parts = []
        if self.info.get("scenario"):
            parts.append(str(self.info["scenario"]))
        if p.get("households"):
            try:
                parts.append(f"{int(float(p['households'])):,} households")
            except ValueError:
                pass
        if "seed" in self.info:
            parts.append(f"seed {self.info['seed']}")
        return ", ".join(parts) if parts else str(self.folder)


# --------------------------------------------------------------------------------------------
# Ensembles


class Ensemble:
    """An ensemble folder (partysim run --replicates N): ensemble.csv in long format."""

    def __init__(self, folder):
        self.folder = _existing_folder(folder, "ensemble", "ensemble.csv",
                                       "; write one with 'partysim run SCENARIO --replicates N'")
        self.path = self.folder / "ensemble.csv"
        df = read_csv(self.path)
        if list(df.columns) != ENSEMBLE_COLUMNS:
            raise InputError(f"{self.path}: header is '{','.join(map(str, df.columns))}', "
                             f"expected '{','.join(ENSEMBLE_COLUMNS)}'")
        parse_dates(df, self.path)
        numeric(df, ENSEMBLE_COLUMNS[2:], self.path)
        self.data = df
        self.measures = list(dict.fromkeys(df["measure"]))

    def measure(self, name):
        """One measure's rows: index date, columns n, mean, sd, p5, p50, p95."""
        if name not in self.measures:
            raise InputError(f"{self.path} has no measure '{name}'{closest(name, self.measures)}")
        rows = self.data[self.data["measure"] == name]
        return rows.set_index("date")[ENSEMBLE_COLUMNS[2:]].sort_index()


# --------------------------------------------------------------------------------------------
# Sweeps


class Sweep:
    """A collected sweep folder: plan.csv, summary.csv (plan columns, then summaries), sweep.ini."""

    def __init__(self, folder):
        folder = Path(folder)
        hint = ""
        if folder.is_dir() and (folder / "plan.csv").is_file():
            hint = f"; collect it first: partysim sweep collect {folder}"
        self.folder = _existing_folder(folder, "sweep", "summary.csv", hint)
        self.plan_path = self.folder / "plan.csv"
        self.summary_path = self.folder / "summary.csv"
        if not self.plan_path.is_file():
            raise InputError(f"{self.folder} is not a partysim sweep folder (no plan.csv)")
        plan = read_csv(self.plan_path)
        require_columns(plan, PLAN_COLUMNS, self.plan_path)
        self.parameters = [c for c in plan.columns if c not in PLAN_COLUMNS]
        if not self.parameters:
            raise InputError(f"{self.plan_path} has no parameter columns")
        df = read_csv(self.summary_path)
        require_columns(df, PLAN_COLUMNS + self.parameters, self.summary_path)
        self.summaries = [c for c in df.columns if c not in PLAN_COLUMNS + self.parameters]
        if not self.summaries:
            raise InputError(f"{self.summary_path} has no summary columns")
        numeric(df, ["point", "replicate"] + self.parameters + self.summaries, self.summary_path)
        self.data = df
        self.spec = read_sweep_ini(self.folder / "sweep.ini")
        self.design = self.spec.get("", {}).get("design")

    def parameter(self, name, option="--x"):
        return resolve(name, self.parameters, f"{option}: unknown parameter", self.plan_path)

    def summary(self, name, option="--y"):
        if name is None:
            if len(self.summaries) == 1:
                return self.summaries[0]
            raise InputError(f"{self.summary_path} has {len(self.summaries)} summaries; choose one "
                             f"with {option}: {', '.join(self.summaries)}")
        return resolve(name, self.summaries, f"{option}: unknown summary", self.summary_path)

    def point_table(self, y):
        """One row per design point: the parameters, and y's mean, min, max and count over the
        replicates (NaN values are left out)."""
        g = self.data.groupby("point", sort=True)
        table = g[self.parameters].first()
        stats = g[y].agg(["mean", "min", "max", "count"])
        return table.join(stats)

    def summary_unit(self, y):
        """The unit of a summary, from its definition in sweep.ini and docs/outputs.md."""
        text = self.spec.get("summaries", {}).get(y)
        if not text:
            return ""
        words = text.split()
        unit = measure_unit(words[0]) if words else ""
        if len(words) > 1 and words[1] == "change" and unit:
            return f"change, {unit}"
        return unit

    def summary_definition(self, y):
        return self.spec.get("summaries", {}).get(y, "")


def resolve(name, choices, what, path):
    """name exactly, or the one choice whose last dotted part (or inner name) is name."""
    if name in choices:
        return name
    short = [c for c in choices if re.split(r"[.(]", c.rstrip(")"))[-1] == name]
    if len(short) == 1:
        return short[0]
    raise InputError(f"{what} '{name}' in {path}{closest(name, choices)}; available: "
                     f"{', '.join(choices)}")


def read_sweep_ini(path):
    """A minimal reader of sweep.ini: {section: {key: value}}, the top level under ''."""
    spec = {"": {}}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return spec
    section = ""
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            spec.setdefault(section, {})
        elif "=" in line:
            key, value = line.split("=", 1)
            spec.setdefault(section, {})[key.strip()] = value.strip()
    return spec


# --------------------------------------------------------------------------------------------
# Units, from docs/outputs.md (generated from the code and kept current by a test)

_UNITS = None


def measure_units():
    """{(file, measure): unit} from docs/outputs.md; empty if the file cannot be read."""
    global _UNITS
    if _UNITS is None:
        _UNITS = {}
        try:
            text = (REPO_ROOT / "docs" / "outputs.md").read_text(encoding="utf-8")
        except OSError:
            text = ""
        for line in text.splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) >= 3 and cells[0].endswith(".csv"):
                _UNITS[(cells[0], cells[1])] = cells[2]
    return _UNITS


def measure_unit(measure, file="timeseries.csv"):
    return measure_units().get((file, measure), "")


def label_with_unit(text, unit):
    return f"{text} ({unit})" if unit else text


# --------------------------------------------------------------------------------------------
# Plot helpers


def new_figure(**kwargs):
    """A matplotlib Figure on the headless Agg backend (not registered with pyplot, so nothing
    needs closing); kwargs go to Figure, e.g. figsize and layout."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    kwargs.setdefault("layout", "constrained")
    return Figure(**kwargs)


def date_axis(ax):
    """Years on a date x axis."""
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_xlabel("date")
