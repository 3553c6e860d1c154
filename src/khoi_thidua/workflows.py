"""Loads what a command needs from the store and runs the pure core on it."""

from __future__ import annotations

from pathlib import Path

from khoi_thidua import store
from khoi_thidua.awards.proposal import Proposal, propose
from khoi_thidua.errors import MissingInputError
from khoi_thidua.model import Bloc, YearResults
from khoi_thidua.store.packs import pack_for


def award_ids_for(bloc_dir: Path, bloc: Bloc, year: int) -> list[str]:
    return [award.id for award in pack_for(bloc_dir, bloc, year).awards]


def history_for(bloc_dir: Path, bloc: Bloc, year: int) -> dict[int, YearResults]:
    """Every earlier year's results (each validated under its own year's rule pack)."""
    history: dict[int, YearResults] = {}
    for past in store.result_years(bloc_dir):
        if past < year:
            try:
                award_ids: list[str] | None = award_ids_for(bloc_dir, bloc, past)
            except MissingInputError:
                award_ids = None  # a year no shipped pack covers: award ids go unchecked
            history[past] = store.load_results(bloc_dir, bloc, past, award_ids)
    return history


def default_results_year(bloc_dir: Path) -> int:
    years = store.result_years(bloc_dir)
    if not years:
        raise MissingInputError(
            f"no results file in {store.display(bloc_dir)}",
            "create results-<year>.toml in the bloc folder (see the README)",
        )
    return years[-1]


def proposal_for(bloc_dir: Path, bloc: Bloc, year: int) -> Proposal:
    """The draft proposal for ``year`` from the bloc folder's files."""
    pack = pack_for(bloc_dir, bloc, year)
    results = store.load_results(bloc_dir, bloc, year, [a.id for a in pack.awards])
    return propose(bloc, results, history_for(bloc_dir, bloc, year), pack)
