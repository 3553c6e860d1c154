"""Loads what a command needs from the store and runs the pure core on it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from khoi_thidua import store
from khoi_thidua.awards.proposal import Proposal, propose
from khoi_thidua.awards.rules import RulePack
from khoi_thidua.errors import MissingInputError
from khoi_thidua.i18n import t
from khoi_thidua.model import Bloc, ConferenceDecision, YearResults
from khoi_thidua.store.packs import pack_for, shipped_pack_for

if TYPE_CHECKING:
    from khoi_thidua.store.records import DecisionOutcome


def award_ids_for(year: int) -> list[str]:
    """Award ids a results file of ``year`` may name: every award of the regime, including
    any the bloc's override switches off (its recorded votes and grants stay valid)."""
    return [award.id for award in shipped_pack_for(year).awards]


def checkable_award_ids(year: int) -> list[str] | None:
    """``award_ids_for(year)``, or None for a year no shipped pack covers: such a year is
    valid history whose award ids simply go unchecked."""
    try:
        return award_ids_for(year)
    except MissingInputError:
        return None


def look_back(pack: RulePack) -> int:
    """How many earlier years the pack's conditions can read (consecutive years, prior awards)."""
    return max((c.spec.look_back() for a in pack.awards for c in a.conditions), default=0)


def history_for(
    bloc_dir: Path, bloc: Bloc, year: int, since: int | None = None
) -> dict[int, YearResults]:
    """Earlier years' results from ``since`` on (all when None), each validated under its own
    year's rule pack."""
    history: dict[int, YearResults] = {}
    for past in store.result_years(bloc_dir):
        if past < year and (since is None or past >= since):
            history[past] = store.load_results(bloc_dir, bloc, past, checkable_award_ids(past))
    return history


def default_results_year(bloc_dir: Path) -> int:
    years = store.result_years(bloc_dir)
    if not years:
        raise MissingInputError(
            t("no results file in {folder}", folder=store.display(bloc_dir)),
            t("create results-<year>.toml in the bloc folder (see the README)"),
        )
    return years[-1]


def proposal_for(bloc_dir: Path, bloc: Bloc, year: int, confirmed: bool = False) -> Proposal:
    """The proposal for ``year`` from the bloc folder's files, with the conference's recorded
    decisions applied; ``confirmed`` refuses while a tie is still open."""
    pack = pack_for(bloc_dir, bloc, year)
    results = store.load_results(bloc_dir, bloc, year, award_ids_for(year))
    # Only the years the conditions can read: a decade of files costs nothing more, and an
    # old file's problems are for `khoi check`, not a reason to refuse this year's draft.
    history = history_for(bloc_dir, bloc, year, year - look_back(pack))
    draft = propose(bloc, results, history, pack)
    return _decided(bloc_dir, year, draft, results, confirmed)


def _decided(
    bloc_dir: Path, year: int, draft: Proposal, results: YearResults, confirmed: bool = False
) -> Proposal:
    """``draft`` with the conference's decisions in ``results`` applied, or a clear error."""
    from khoi_thidua.awards.decisions import DecisionRefused, apply_decisions
    from khoi_thidua.errors import DataError, Problem, RefusedError

    try:
        return apply_decisions(draft, results.decisions, confirmed)
    except DecisionRefused as refused:
        if refused.index < 0:
            raise RefusedError(refused.message, refused.hint) from None
        file = store.display(store.results_file(bloc_dir, year))
        key = f"decisions[{refused.index}]"
        raise DataError([Problem(file, key, refused.message, refused.hint)]) from None


def resolve_member(bloc: Bloc, query: str) -> str:
    """The member id a user typed as id, short name or part of the name."""
    from khoi_thidua.lookup import find_member

    return find_member(bloc.members, query).id


def record_decision(
    bloc_dir: Path, bloc: Bloc, year: int, decision: ConferenceDecision
) -> DecisionOutcome:
    """Record the conference's decision in results-YEAR.toml, refused (nothing written) when
    the proposal cannot apply it."""
    from khoi_thidua.store.records import record_decision as record

    pack = pack_for(bloc_dir, bloc, year)
    history = history_for(bloc_dir, bloc, year, year - look_back(pack))

    def validate(results: YearResults) -> None:
        _decided(bloc_dir, year, propose(bloc, results, history, pack), results)

    return record(bloc_dir, bloc, year, decision, award_ids_for(year), validate)
