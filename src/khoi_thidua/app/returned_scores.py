"""The scoring workbooks the units return: the year's plan they are read by, and their scores
recorded in scores-YEAR.toml with the reconciliation that follows."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from khoi_thidua.model import Bloc

if TYPE_CHECKING:
    from khoi_thidua.plan import ConferenceSheet, Plan, ReturnedSheet, YearScores
    from khoi_thidua.reconciliation import Reconciliation
    from khoi_thidua.store.score_records import ReturnedOutcome


def year_plan(bloc_dir: Path, bloc: Bloc, year: int) -> tuple[Plan, YearScores]:
    """The plan of ``year`` and the scores recorded so far (an error when there is no plan)."""
    from khoi_thidua.store.plans import load_year

    return load_year(bloc_dir, bloc, year)


def record_scores(
    bloc_dir: Path,
    bloc: Bloc,
    plan: Plan,
    sheets: list[ReturnedSheet],
    conference: ConferenceSheet | None,
) -> tuple[ReturnedOutcome, Reconciliation]:
    """Merge the returned sheets (and the conference's) into scores-YEAR.toml under the lock,
    then reconcile the year with what is now recorded."""
    from khoi_thidua.store.score_records import record_returned
    from khoi_thidua.year_flow import reconciliation_for

    outcome = record_returned(bloc_dir, bloc, plan, sheets, conference=conference)
    return outcome, reconciliation_for(bloc_dir, bloc, plan.year)
