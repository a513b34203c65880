"""Shared loading and validation for the partysim analysis scripts.

Every script reads partysim's output folders through this module, so that a bad input (a folder
that is not a run, an ensemble or a sweep; a missing file or column; an unknown measure or
parameter) is reported the same way everywhere: one line on stderr, ``PROG: message``, and exit
status 2, never a traceback.

Only Debian 12's Python packages are used (numpy, pandas, matplotlib). Figures are made with
new_figure(), which selects the headless Agg backend; matplotlib is imported only then, so that a
bad input is answered quickly.

As a library (docs/analysis.md, "Tidy tables"), for any run, ensemble or sweep folder:

    import partysim_io as pio
    ts = pio.load_run("out/m1")                        # long: date, measure, value, unit, ...
    ens = pio.load_ensemble("out/e1", "by_songbun")    # every replicate stacked
    sw = pio.load_sweep("sw/", "timeseries")           # every run stacked, with its parameters
    pio.load_sweep("sw/", "summary")                   # summary.csv with the plan's columns

Every table is a pandas DataFrame in long ("tidy") form with the columns run_id, scenario, seed,
replicate (and, for sweeps, point and the varied parameters), then date, [songbun,] measure,
value and unit; df.attrs["units"] maps each measure to its unit. Units come from the outputs.json
that every run folder carries (written by partysim itself), never from the docs.
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


def write_table(parameters, result, columns, path):
    """A table of indices, one row per parameter (columns[0]), the other columns from the dict
    `result`, written to the CSV file PATH; returns it."""
    table = pd.DataFrame({columns[0]: parameters})
    for column in columns[1:]:
        table[column] = result[column]
    try:
        table.to_csv(path, index=False)
    except OSError as e:
        raise InputError(f"cannot write {path}: {e.strerror or e}") from None
    return table


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
        _register_units(self.folder)

    def _read_json(self):
        return read_json_object(self.folder / "run.json")  # only used for the figure's subtitle

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
        _register_units(self.folder)
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
        _register_units(self.folder)

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
        """The unit of a summary, from its definition in sweep.ini and the sweep's outputs.json."""
        return summary_unit(self.spec.get("summaries", {}).get(y, ""), measure_units(self.folder))

    def summary_definition(self, y):
        return self.spec.get("summaries", {}).get(y, "")


def summary_unit(definition, units):
    """The unit of a sweep summary from its definition ('MEASURE REDUCER ...', README "Sweeps")
    and {(file, measure): unit}: the measure's unit, per year for slope, a decimal year for
    first_above and first_below."""
    words = definition.split()
    if len(words) < 2:
        return ""
    measure, reducer = words[0], words[1]
    if reducer in ("first_above", "first_below"):
        return "year"
    unit = units.get(("timeseries.csv", measure), "")
    if not unit and "." in measure:
        unit = units.get(("by_songbun.csv", measure.split(".", 1)[1]), "")
    if not unit:
        return ""
    return {"change": f"change, {unit}", "slope": f"{unit} per year"}.get(reducer, unit)


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
# Units, from the outputs.json that partysim writes into every run, ensemble and sweep folder

_UNITS = {}


def read_json_object(path):
    """The JSON object in PATH (run.json, outputs.json), or {} if it is missing or not one."""
    try:
        with open(path, encoding="utf-8") as f:
            value = json.load(f)
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def read_outputs_schema(folder):
    """{(file, column): unit} from FOLDER/outputs.json (empty if there is none). A run's
    outputs.json lists timeseries.csv and by_songbun.csv; an ensemble's ensemble.csv, whose
    measures are those of timeseries.csv; a collected sweep's, those of its runs."""
    schema = read_json_object(Path(folder) / "outputs.json")
    units = {}
    for file, entry in schema.items():
        if not isinstance(entry, dict):
            continue
        target = "timeseries.csv" if file == "ensemble.csv" else file
        for item in entry.get("columns", []) + entry.get("measures", []):
            if isinstance(item, dict) and "name" in item:
                units[(target, item["name"])] = item.get("unit", "")
    return units


def _register_units(folder):
    """Remembers the units of a folder just opened, for measure_unit() without a folder."""
    _UNITS.update(read_outputs_schema(folder))


def measure_units(folder=None):
    """{(file, measure): unit} of FOLDER's outputs.json, or of the folders opened so far."""
    return read_outputs_schema(folder) if folder is not None else dict(_UNITS)


def measure_unit(measure, file="timeseries.csv", folder=None):
    return measure_units(folder).get((file, measure), "")


def label_with_unit(text, unit):
    return f"{text} ({unit})" if unit else text


# --------------------------------------------------------------------------------------------
# Tidy tables: runs, replicates and sweep runs stacked in long form (BehaviorSpace-style)

TABLES = ("timeseries", "by_songbun")
# The leading columns of every tidy table, before date, [songbun,] measure, value, unit.
RUN_COLUMNS = ["run_id", "scenario", "seed", "replicate"]
# The tidy tables hold numbers exactly as partysim wrote them (pandas' default parser may be off
# in the last digit).
EXACT = {"float_precision": "round_trip"}


def _run_json(folder):
    return read_json_object(Path(folder) / "run.json")


def _table_file(folder, table):
    if table not in TABLES:
        raise InputError(f"table '{table}' is not one of {', '.join(TABLES)}{closest(table, TABLES)}")
    return Path(folder) / f"{table}.csv"


def _long_table(folder, table, units):
    """One run folder's table in long form: date, [songbun,] measure, value, unit."""
    path = _table_file(folder, table)
    if table == "timeseries":
        df = read_csv(path, **EXACT)
        require_columns(df, ["date"], path)
        measures = [c for c in df.columns if c != "date"]
        numeric(df, measures, path)
        df = df.melt(id_vars="date", value_vars=measures, var_name="measure", value_name="value")
        df["unit"] = [units.get(("timeseries.csv", m), "") for m in df["measure"]]
    else:
        df = read_csv(path, **EXACT)
        require_columns(df, BY_SONGBUN_COLUMNS, path)
        numeric(df, ["value"], path)
        df["unit"] = df["measure"].map(lambda m: units.get(("by_songbun.csv", m), ""))
    parse_dates(df, path)
    return df


def _stack(parts, leading, table, units):
    df = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    rest = [c for c in df.columns if c not in leading]
    df = df[leading + rest]
    file = f"{table}.csv"
    df.attrs["units"] = {m: u for (f, m), u in units.items() if f == file}
    return df


def _with_run(df, values):
    """df with the run's identifying columns first, each one value."""
    for k, (name, value) in enumerate(values.items()):
        df.insert(k, name, value)
    return df


def load_run(folder, table="timeseries"):
    """One run folder's TABLE ('timeseries' or 'by_songbun') in long form: run_id (the folder's
    name), scenario, seed, replicate (0), date, [songbun,] measure, value, unit."""
    folder = _existing_folder(folder, "run", f"{table}.csv" if table in TABLES else "timeseries.csv")
    # A sweep's run that does not keep its own outputs.json: the sweep folder's (runs/<id>/..).
    units = read_outputs_schema(folder) or read_outputs_schema(folder.resolve().parent.parent)
    info = _run_json(folder)
    df = _with_run(_long_table(folder, table, units),
                   {"run_id": folder.name, "scenario": info.get("scenario", ""),
                    "seed": info.get("seed", np.nan), "replicate": 0})
    return _stack([df], RUN_COLUMNS, table, units)


def load_ensemble(folder, table="timeseries"):
    """Every replicate of an ensemble (partysim run --replicates N) stacked in long form: run_id
    (rep000, ...), scenario, seed (each replicate's, from the ensemble's run.json), replicate,
    date, [songbun,] measure, value, unit."""
    folder = _existing_folder(folder, "ensemble", "ensemble.csv",
                              "; write one with 'partysim run SCENARIO --replicates N'")
    info = _run_json(folder)
    seeds = info.get("replicate_seeds", {}) if isinstance(info.get("replicate_seeds"), dict) else {}
    replicates = sorted(p for p in folder.glob("rep[0-9]*") if p.is_dir())
    if not replicates:
        raise InputError(f"{folder} holds no replicate folders rep000, rep001, ...")
    units = read_outputs_schema(replicates[0])
    parts = []
    for k, rep in enumerate(replicates):
        parts.append(_with_run(_long_table(rep, table, units),
                               {"run_id": rep.name, "scenario": info.get("scenario", ""),
                                "seed": seeds.get(rep.name, np.nan), "replicate": k}))
    return _stack(parts, RUN_COLUMNS, table, units)


def load_sweep(folder, table="summary"):
    """A sweep's runs with the plan's columns: 'summary' (summary.csv of a collected sweep: one
    row per run), or 'timeseries' / 'by_songbun' (every run's file stacked in long form, when
    the sweep keeps them: keep = series or all). Columns: run_id, scenario, seed, replicate,
    point, the varied parameters (plan.csv's names), then the summaries, or date, [songbun,]
    measure, value, unit."""
    folder = Path(folder)
    plan_path = folder / "plan.csv"
    _existing_folder(folder, "sweep", "plan.csv")
    plan = read_csv(plan_path, dtype={"run_id": str}, **EXACT)
    require_columns(plan, PLAN_COLUMNS, plan_path)
    parameters = [c for c in plan.columns if c not in PLAN_COLUMNS]
    numeric(plan, ["point", "replicate", "seed"] + parameters, plan_path)
    for c in ("point", "replicate", "seed"):
        plan[c] = plan[c].astype("int64")
    spec = read_sweep_ini(folder / "sweep.ini")
    plan.insert(1, "scenario", str(folder / "base.ini"))
    leading = ["run_id", "scenario", "seed", "replicate", "point"] + parameters
    plan = plan[leading]
    runs_units = read_outputs_schema(folder)
    if table == "summary":
        path = folder / "summary.csv"
        if not path.is_file():
            raise InputError(f"{folder} has no summary.csv; collect it first: partysim sweep collect {folder}")
        df = read_csv(path, dtype={"run_id": str}, **EXACT)
        summaries = [c for c in df.columns if c not in PLAN_COLUMNS + parameters]
        numeric(df, summaries, path)
        df = plan.merge(df[["run_id"] + summaries], on="run_id", how="left")
        df.attrs["units"] = {y: summary_unit(spec.get("summaries", {}).get(y, ""), runs_units)
                             for y in summaries}
        return df
    keep = spec.get("", {}).get("keep", "all")
    if keep == "summary" or (keep == "series" and table == "by_songbun"):
        raise InputError(f"{folder}: the sweep keeps {keep} (sweep.ini), so its runs have no "
                         f"{table}.csv; plan it with --keep {'all' if table == 'by_songbun' else 'series'}")
    parts = []
    units = runs_units
    for row in plan.itertuples(index=False):
        run_dir = folder / "runs" / row.run_id
        if not (run_dir / f"{table}.csv").is_file():
            raise InputError(f"{run_dir} has no {table}.csv: run the sweep first "
                             f"(partysim sweep run {folder})")
        if not units:
            units = read_outputs_schema(run_dir)
        parts.append(_with_run(_long_table(run_dir, table, units), dict(zip(leading, row))))
    return _stack(parts, leading, table, units)


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
