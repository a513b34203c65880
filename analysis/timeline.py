"""What the figures draw on a run's time axis besides the outputs, declared once and shared by
plot_run.py, compare.py and report.py:

- the scheduled shocks: the months where a parameter's schedule (run.json, 'YYYY-MM:VALUE, ...')
  departs from a plain trend, merged into labelled spans;
- the reported facts of the sources (REPORTED_FACTS), each with the period it speaks of, drawn only
  over that period;
- the centred smoothing window, and axis labels in words with their unit;
- the figure's title (scenario, households, seed: not a path).
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

SMOOTH_MONTHS = 12


def smooth(series, months=SMOOTH_MONTHS):
    """The centred moving mean over `months` months (for an even window, the extra month is the
    later one: pandas' center=True); a spike stays at its own month, where a trailing mean would
    move its peak months later. min_periods=1: the first and last months use a shorter window."""
    return series.rolling(months, center=True, min_periods=1).mean()


def smooth_label(months=SMOOTH_MONTHS):
    return f"centred {months}-month mean"


# --------------------------------------------------------------------------------------------
# Reported facts: what the sources say, over the years they speak of


@dataclass(frozen=True)
class ReportedFact:
    measure: str          # the by_songbun.csv / timeseries.csv measure it bears on
    low_usd: float        # the reported value, or the low end of a reported range
    high_usd: float
    start: str            # the period the report speaks of, YYYY-MM..YYYY-MM
    end: str
    label: str
    source: str


# The entry price ("entry bribe") reported for membership. The periods are those of the reports;
# a run that does not cover a period shows no line for it.
REPORTED_FACTS = [
    ReportedFact("entry_price_paid_mean_usd", 300.0, 500.0, "2013-01", "2013-12",
                 "hundreds of dollars ($300–500, 2013)",
                 "entry bribe $300-500 in 2013 (Chosun Ilbo), secretary.price_initial"),
    ReportedFact("entry_price_paid_mean_usd", 5.0, 5.0, "2017-01", "2019-12",
                 "rabbit meat ($5, late 2010s)",
                 "'a drink over some rabbit meat' (Daily NK, 'Party membership loses luster'), "
                 "secretary.price_floor"),
]


def facts_in_range(measure, first, last):
    """The reported facts about `measure` whose period overlaps [first, last] (Timestamps), with
    their period clipped to it: [(fact, start, end)]."""
    result = []
    for fact in REPORTED_FACTS:
        if fact.measure != measure:
            continue
        start, end = pd.Timestamp(fact.start), pd.Timestamp(fact.end)
        if end < first or start > last:
            continue
        result.append((fact, max(start, first), min(end, last)))
    return result


# --------------------------------------------------------------------------------------------
# Schedules and shocks


def parse_schedule(text):
    """'2000-01:20, 2009-12:10' -> [(Timestamp, value)], or None when text is a plain value."""
    if not isinstance(text, str) or ":" not in text:
        return None
    points = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        month, _, value = part.partition(":")
        try:
            points.append((pd.Timestamp(month.strip() + "-01"), float(value)))
        except ValueError:
            return None
    return points or None


def _month_index(t):
    """Months since year 0: schedules are linear in months, not in days."""
    return t.year * 12 + t.month - 1


def _is_trend(points):
    """Two points, or points on one straight line: a trend, not a shock."""
    t = np.array([_month_index(p[0]) for p in points], dtype=float)
    v = np.array([p[1] for p in points], dtype=float)
    if np.any(np.diff(t) == 0):
        return False  # a step
    if len(points) <= 2:
        return True
    slope = (v[-1] - v[0]) / (t[-1] - t[0]) if t[-1] > t[0] else 0.0
    return bool(np.allclose(v, v[0] + slope * (t - t[0]), rtol=1e-9, atol=1e-12))


def _kinks(points):
    """The points where the schedule's course changes: a step, or a change of slope (a schedule is
    constant before its first point and after its last, so a flat lead-in is no change)."""
    def slope(a, b):
        months = _month_index(b[0]) - _month_index(a[0])
        return None if months == 0 else (b[1] - a[1]) / months  # None: a step

    kinks = []
    for i, p in enumerate(points):
        before = slope(points[i - 1], p) if i > 0 else 0.0
        after = slope(p, points[i + 1]) if i + 1 < len(points) else 0.0
        if before is None or after is None or not np.isclose(before, after, rtol=1e-9, atol=0):
            kinks.append(p)
    return kinks


# Changes of one schedule this close (months) belong to one episode: redenomination_2009's
# market return falls, is held and recovers within a year; closure_2020's within five, in steps
# at most two years apart.
SHOCK_GAP_MONTHS = 24


@dataclass
class Shock:
    start: pd.Timestamp
    end: pd.Timestamp   # the first day of the last month in the span
    parameters: list

    @property
    def label(self):
        names = [p.split(".")[-1] for p in self.parameters]
        return ", ".join(names) if len(names) <= 3 else f"{', '.join(names[:2])} +{len(names) - 2}"


def shocks(parameters, first, last):
    """The spans where a scheduled parameter departs from a trend, within [first, last]: for each
    parameter whose schedule is not a straight line, its changes of course (a step or a change of
    slope) strictly inside the run (the run's first and last months are its ends, not a change),
    grouped into spans of changes at most SHOCK_GAP_MONTHS apart (a lasting step is a one-month
    span); overlapping or touching spans of all parameters merge. Sorted by start."""
    spans = []
    for key, text in (parameters or {}).items():
        points = parse_schedule(text)
        if not points or _is_trend(points):
            continue
        inside = sorted({t for t, _ in _kinks(points) if first < t < last})
        group = []
        for t in inside + [None]:  # changes less than SHOCK_GAP_MONTHS apart make one span
            if group and (t is None or _month_index(t) - _month_index(group[-1]) > SHOCK_GAP_MONTHS):
                spans.append(Shock(group[0], group[-1], [key]))
                group = []
            if t is not None:
                group.append(t)
    spans.sort(key=lambda s: s.start)
    merged = []
    for s in spans:
        if merged and s.start <= merged[-1].end + pd.DateOffset(months=1):
            merged[-1].end = max(merged[-1].end, s.end)
            merged[-1].parameters += [p for p in s.parameters if p not in merged[-1].parameters]
        else:
            merged.append(s)
    return merged


def parameter_value(parameters, key, at=None):
    """A parameter's value from run.json's parameters (a schedule: its value at `at`, or its last
    point), as a float; None if missing."""
    text = (parameters or {}).get(key)
    if text is None:
        return None
    points = parse_schedule(text)
    if points is None:
        try:
            return float(text)
        except ValueError:
            return None
    if at is None:
        return points[-1][1]
    value = points[0][1]
    for t, v in points:
        if t <= at:
            value = v
    return value


def shade_shocks(ax, shock_list, label=True):
    """Shades each shock on a date axis, its parameters named above the axes."""
    for s in shock_list:
        end = s.end + pd.DateOffset(months=1)
        ax.axvspan(s.start, end, color="#f5b041", alpha=0.22, lw=0, zorder=0)
        if label:
            ax.annotate(s.label, xy=(s.start + (end - s.start) / 2, 1.0),
                        xycoords=("data", "axes fraction"), xytext=(0, 1),
                        textcoords="offset points", ha="center", va="bottom",
                        fontsize="x-small", color="#9c640c")


# --------------------------------------------------------------------------------------------
# Words


# Axis labels of the measures the figures use: what it is, in words, and its unit.
LABELS = {
    "market_return_usd": "market return (USD/month)",
    "member_share": "members (share of households)",
    "applications": "applications (count/month)",
    "entry_price_paid_mean_usd": "entry price paid (USD)",
    "entry_price_quoted_mean_usd": "entry price quoted (USD)",
    "secretary_income_mean_usd": "secretary income, mean (USD/month)",
    "secretaries_recruiting_share": "secretaries recruiting (share of secretaries)",
    "skip_deals": "skip deals (count/month)",
    "market_income_mean_member_usd": "market income, members (USD/month)",
    "market_income_mean_outsider_usd": "market income, outsiders (USD/month)",
    "catches": "catches (count/month)",
    "opinion_mean_usd": "opinion of membership, mean (USD/month)",
    "opinion_negative_share": "negative opinion (share of households)",
}


def words(measure):
    """A measure's name in words, without a unit suffix: 'bribe_mean_member_usd' -> 'bribe mean
    member'."""
    name = measure[:-4] if measure.endswith("_usd") else measure
    return name.replace("_", " ")


def label(measure, unit=""):
    """An axis label in words with its unit: 'members (share of households)', never
    'member share (share)'."""
    if measure in LABELS:
        return LABELS[measure]
    text = words(measure)
    if unit == "share" and text.endswith(" share"):
        return f"{text[:-6]} (share)"
    return f"{text} ({unit})" if unit else text


# --------------------------------------------------------------------------------------------
# Titles


def read_json(path):
    """A run.json as a dict; {} when it is missing or unreadable (it only names and annotates)."""
    import json

    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def run_parameters(info):
    """run.json's resolved parameters as text ('YYYY-MM:VALUE, ...' for schedules), {} if absent:
    `parameters_text` since run.json version 2 (whose `parameters` are typed), else `parameters`."""
    params = info.get("parameters_text", info.get("parameters"))
    return params if isinstance(params, dict) else {}


def run_title(info, folder=None):
    """'marketization, 100,000 households, seed 1': the scenario's name (not its path), size and
    seed, from run.json's fields."""
    parts = []
    scenario = info.get("scenario")
    if scenario:
        parts.append(Path(str(scenario)).stem)
    params = run_parameters(info)
    try:
        parts.append(f"{int(float(params['households'])):,} households")
    except (KeyError, ValueError, TypeError):
        pass
    if "seed" in info:
        try:
            parts.append(f"seed {int(float(info['seed']))}")
        except (ValueError, TypeError):
            parts.append(f"seed {info['seed']}")
    if not parts and folder is not None:
        parts.append(Path(folder).name)
    return ", ".join(parts)


# --------------------------------------------------------------------------------------------
# The parameter table (docs/parameters.md, generated by `partysim params --format markdown`)

_PARAMETERS = None


def parameter_table():
    """{key: {type, default, unit, range, meaning, source}} from docs/parameters.md; empty if the
    file cannot be read."""
    global _PARAMETERS
    if _PARAMETERS is None:
        _PARAMETERS = {}
        try:
            text = (Path(__file__).resolve().parent.parent / "docs" / "parameters.md").read_text(
                encoding="utf-8")
        except OSError:
            text = ""
        names = ["type", "default", "unit", "range", "meaning", "source"]
        for line in text.splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) == 7 and cells[0] not in ("key", "---"):
                _PARAMETERS[cells[0]] = dict(zip(names, cells[1:]))
    return _PARAMETERS


def parameter_label(key):
    """A sweep axis: the parameter with its unit from the parameter table, e.g.
    'enforcement.crackdown_rate (probability/month)'; scale(key) is a factor on a schedule."""
    inner = key[len("scale("):-1] if key.startswith("scale(") and key.endswith(")") else None
    if inner is not None:
        return f"{inner}, factor on its schedule (×)"
    unit = parameter_table().get(key, {}).get("unit", "")
    return f"{key} ({unit})" if unit and unit != "-" else key
