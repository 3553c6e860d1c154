"""Finds and reads a year's plan: the bloc's own ``plan-YYYY.toml``, else the data root's."""

from __future__ import annotations

import re
from pathlib import Path

from khoi_thidua.errors import DataError, KhoiError, Problem
from khoi_thidua.model import Bloc
from khoi_thidua.plan import Plan
from khoi_thidua.plan_schema import parse_plan
from khoi_thidua.store.reading import display, read_toml

PLAN_PATTERN = re.compile(r"^plan-(\d{4})\.toml$")


def plan_name(year: int) -> str:
    return f"plan-{year}.toml"


def plan_file(bloc_dir: Path, year: int) -> Path | None:
    """The plan in force for ``year``: the bloc's own wins over the one at the data root."""
    for folder in (bloc_dir, bloc_dir.parent):
        path = folder / plan_name(year)
        if path.is_file():
            return path
    return None


def plan_years(bloc_dir: Path) -> list[int]:
    """Years with a plan for this bloc (its own or the data root's), oldest first."""
    years: set[int] = set()
    for folder in (bloc_dir, bloc_dir.parent):
        try:
            names = [p.name for p in folder.iterdir()]
        except OSError:
            continue
        years.update(int(m.group(1)) for m in map(PLAN_PATTERN.match, names) if m)
    return sorted(years)


def check_plan(bloc_dir: Path, bloc: Bloc, year: int) -> tuple[Plan | None, list[Problem]]:
    """The plan for ``year`` and every problem in it; (None, []) when the year has no plan."""
    path = plan_file(bloc_dir, year)
    if path is None:
        return None, []
    file = read_toml(path)
    return parse_plan(file.doc, bloc, year, display(file.path), file.lines)


def load_plan(bloc_dir: Path, bloc: Bloc, year: int) -> Plan | None:
    """The plan for ``year``, None when there is none, or a DataError listing its problems."""
    plan, problems = check_plan(bloc_dir, bloc, year)
    if plan is None and problems:
        raise DataError(problems)
    return plan


def check_plans(bloc_dir: Path, bloc: Bloc) -> list[Problem]:
    """Every problem in every plan the bloc sees; never raises for bad data."""
    problems: list[Problem] = []
    for year in plan_years(bloc_dir):
        try:
            problems.extend(check_plan(bloc_dir, bloc, year)[1])
        except DataError as exc:
            problems.extend(exc.problems)
        except KhoiError as exc:
            path = plan_file(bloc_dir, year) or bloc_dir / plan_name(year)
            problems.append(Problem(display(path), "", exc.message, exc.hint))
    return problems
