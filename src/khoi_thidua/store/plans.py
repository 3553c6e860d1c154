"""Finds and reads a year's plan (the bloc's own, else the data root's) and its recorded scores."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from khoi_thidua import i18n
from khoi_thidua.errors import DataError, KhoiError, MissingInputError, Problem
from khoi_thidua.i18n import t
from khoi_thidua.model import Bloc, Scoring, ScoringCriterion
from khoi_thidua.store.kinds import kind_named
from khoi_thidua.store.reading import display, read_toml

if TYPE_CHECKING:  # a year without a plan never loads the plan's types or parsers
    from khoi_thidua.plan import Plan, YearScores


def plan_name(year: int) -> str:
    return kind_named("plan").file_name(year)


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
        years.update(y for y in map(kind_named("plan").year_of, names) if y)
    return sorted(years)


def check_plan(bloc_dir: Path, bloc: Bloc, year: int) -> tuple[Plan | None, list[Problem]]:
    """The plan for ``year`` and every problem in it; (None, []) when the year has no plan."""
    path = plan_file(bloc_dir, year)
    if path is None:
        return None, []
    file = read_toml(path)
    from khoi_thidua.schema.plan import parse_plan

    return parse_plan(i18n.current(), file.doc, bloc, year, display(file.path), file.lines)


def load_plan(bloc_dir: Path, bloc: Bloc, year: int) -> Plan | None:
    """The plan for ``year``, None when there is none, or a DataError listing its problems."""
    plan, problems = check_plan(bloc_dir, bloc, year)
    if plan is None and problems:
        raise DataError(i18n.current(), problems)
    return plan


def scores_file(bloc_dir: Path, year: int) -> Path:
    return bloc_dir / kind_named("scores").file_name(year)


def scores_years(bloc_dir: Path) -> list[int]:
    """Years with a scores file in the bloc folder, oldest first."""
    names = [p.name for p in bloc_dir.iterdir()]
    return sorted(y for y in map(kind_named("scores").year_of, names) if y)


def check_scores(bloc_dir: Path, bloc: Bloc, plan: Plan) -> tuple[YearScores | None, list[Problem]]:
    """The scores recorded for the plan's year; empty scores when no unit has returned any."""
    path = scores_file(bloc_dir, plan.year)
    if not path.is_file():
        from khoi_thidua.plan import YearScores

        return YearScores(plan.year, display(path)), []
    file = read_toml(path)
    from khoi_thidua.schema.scores import parse_scores

    return parse_scores(i18n.current(), file.doc, bloc, plan, display(file.path), file.lines)


def load_year(bloc_dir: Path, bloc: Bloc, year: int) -> tuple[Plan, YearScores]:
    """The plan of ``year`` and its recorded scores, or a clear error when there is no plan."""
    plan = load_plan(bloc_dir, bloc, year)
    if plan is None:
        raise MissingInputError(
            t(
                "no plan for {year}: {file} does not exist",
                year=year,
                file=display(bloc_dir / plan_name(year)),
            ),
            t(
                "create plan-{year}.toml in the bloc folder or the data folder (see docs/year.md)",
                year=year,
            ),
        )
    scores, problems = check_scores(bloc_dir, bloc, plan)
    if scores is None:
        raise DataError(i18n.current(), problems)
    return plan, scores


def check_plans(bloc_dir: Path, bloc: Bloc) -> list[Problem]:
    """Every problem in every plan the bloc sees and in its scores files; never raises."""
    problems: list[Problem] = []
    for year in sorted(set(plan_years(bloc_dir)) | set(scores_years(bloc_dir))):
        try:
            plan, found = check_plan(bloc_dir, bloc, year)
            problems.extend(found)
            if plan is not None:
                problems.extend(check_scores(bloc_dir, bloc, plan)[1])
            elif not found:
                problems.append(_orphan_scores(bloc_dir, year))
        except DataError as exc:
            problems.extend(exc.problems)
        except KhoiError as exc:
            path = plan_file(bloc_dir, year) or bloc_dir / plan_name(year)
            problems.append(Problem(display(path), "", exc.message, exc.hint, code=exc.code))
    return problems


def _orphan_scores(bloc_dir: Path, year: int) -> Problem:
    return Problem(
        display(scores_file(bloc_dir, year)),
        "",
        t("scores for {year} but no plan for that year", year=year),
        t("create plan-{year}.toml with the scoring table the scores follow", year=year),
        code="scores-without-plan",
    )


def bloc_for_year(bloc_dir: Path, bloc: Bloc, year: int) -> Bloc:
    """``bloc`` with the year's plan as its scoring table, when the year has a valid plan.

    A results file of such a year holds the plan's criteria, and a final score may pass the
    table's maximum by the bonus the plan allows. A broken plan is reported on its own by
    `khoi check`; the results are then read against bloc.toml's [scoring] as before.
    """
    try:
        plan = load_plan(bloc_dir, bloc, year)
    except KhoiError:
        return bloc
    if plan is None:
        return bloc
    criteria = tuple(ScoringCriterion(c.id, c.name, c.max) for c in plan.criteria)
    return replace(bloc, scoring=Scoring(0.0, plan.max_score + plan.bonus.limit, criteria))
