"""Loads what a command needs from the store and runs the pure core on it."""

from __future__ import annotations

from pathlib import Path

from khoi_thidua import store
from khoi_thidua.awards.proposal import Proposal, propose
from khoi_thidua.errors import MissingInputError
from khoi_thidua.i18n import t
from khoi_thidua.model import Bloc, YearResults
from khoi_thidua.store.packs import pack_for, shipped_pack_for


def award_ids_for(year: int) -> list[str]:
    """Award ids a results file of ``year`` may name: every award of the regime, including
    any the bloc's override switches off (its recorded votes and grants stay valid)."""
    return [award.id for award in shipped_pack_for(year).awards]


def history_for(bloc_dir: Path, bloc: Bloc, year: int) -> dict[int, YearResults]:
    """Every earlier year's results (each validated under its own year's rule pack)."""
    history: dict[int, YearResults] = {}
    for past in store.result_years(bloc_dir):
        if past < year:
            try:
                award_ids: list[str] | None = award_ids_for(past)
            except MissingInputError:
                award_ids = None  # a year no shipped pack covers: award ids go unchecked
            history[past] = store.load_results(bloc_dir, bloc, past, award_ids)
    return history


def default_results_year(bloc_dir: Path) -> int:
    years = store.result_years(bloc_dir)
    if not years:
        raise MissingInputError(
            t("no results file in {folder}", folder=store.display(bloc_dir)),
            t("create results-<year>.toml in the bloc folder (see the README)"),
        )
    return years[-1]


def proposal_for(bloc_dir: Path, bloc: Bloc, year: int) -> Proposal:
    """The draft proposal for ``year`` from the bloc folder's files."""
    pack = pack_for(bloc_dir, bloc, year)
    results = store.load_results(bloc_dir, bloc, year, award_ids_for(year))
    return propose(bloc, results, history_for(bloc_dir, bloc, year), pack)
