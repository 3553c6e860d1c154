"""Writes a validated history workbook: bloc.toml first, then one results file per past year."""

from __future__ import annotations

from pathlib import Path

from khoi_thidua import store
from khoi_thidua.errors import MissingInputError, UsageError
from khoi_thidua.i18n import Messages
from khoi_thidua.model import Bloc
from khoi_thidua.office.grids import read_sheets
from khoi_thidua.office.history_import import HistoryBook, HistoryYear, read_history
from khoi_thidua.office.results_import import REFUSED, ImportOutcome, apply_import
from khoi_thidua.records import record
from khoi_thidua.store.history import BlocHistoryOutcome, record_history

COMMAND = "import-history"


@record
class YearOutcome:
    """What importing did to one past year's results file."""

    year: int
    units: int
    awards: int
    outcome: ImportOutcome


@record
class HistoryOutcome:
    """What import-history did; ``refused`` lists the years held back (nothing was written)."""

    bloc_file: BlocHistoryOutcome | None  # None: nothing was written (refused)
    years: tuple[YearOutcome, ...]

    @property
    def refused(self) -> tuple[YearOutcome, ...]:
        return tuple(y for y in self.years if y.outcome.status == REFUSED)


def import_history(
    msgs: Messages, bloc_dir: Path, bloc: Bloc, path: Path, replace: bool
) -> tuple[HistoryBook, HistoryOutcome]:
    """Read the history workbook at ``path``, check every cell, then write what it brings."""
    from khoi_thidua.store.history import read_bloc_text

    source, grids, problems = read_sheets(msgs, path)
    book = read_history(
        msgs,
        source,
        grids,
        problems,
        bloc,
        read_bloc_text(bloc_dir),
        lambda year, text: _award(msgs, bloc_dir, bloc, year, text),
        lambda year: _award_ids(bloc_dir, bloc, year),
    )
    return book, apply_history(msgs, bloc_dir, book, replace)


def _award(msgs: Messages, bloc_dir: Path, bloc: Bloc, year: int, text: str) -> str:
    """The award id ``text`` names among the awards of ``year``'s rules."""
    from khoi_thidua.app.grants import find_award
    from khoi_thidua.store.packs import pack_for

    try:
        pack = pack_for(bloc_dir, bloc, year)
    except MissingInputError:
        if text and " " not in text.strip():
            return text.strip()  # no rules are known for that year: the id is taken as typed
        raise UsageError(
            msgs.t(
                "no rules are known for {year}, so the award cannot be found by its name", year=year
            ),
            msgs.t("type the award's id instead"),
        ) from None
    return find_award(pack, text).id


def _award_ids(bloc_dir: Path, bloc: Bloc, year: int) -> list[str] | None:
    from khoi_thidua.workflows import bloc_award_ids

    try:
        return bloc_award_ids(bloc_dir, bloc, year)
    except MissingInputError:
        return None


def apply_history(
    msgs: Messages, bloc_dir: Path, book: HistoryBook, replace: bool
) -> HistoryOutcome:
    """Write the workbook's past unless a year's file holds different results and ``replace``
    is False, in which case nothing at all is written and the differences are returned."""
    if not replace:
        held: list[YearOutcome] = []
        for year, item in book.years.items():
            if store.results_file(bloc_dir, year).exists():
                # An existing file is never written without --replace: this only compares.
                outcome = apply_import(
                    msgs, bloc_dir, book.bloc, year, item.award_ids, item.imported, False, COMMAND
                )
                held.append(YearOutcome(year, _units(item), item.awards, outcome))
        if any(y.outcome.status == REFUSED for y in held):
            return HistoryOutcome(None, tuple(held))
    bloc_file = record_history(bloc_dir, book.members, book.leadership)
    years = tuple(
        YearOutcome(
            year,
            _units(item),
            item.awards,
            apply_import(
                msgs, bloc_dir, book.bloc, year, item.award_ids, item.imported, replace, COMMAND
            ),
        )
        for year, item in book.years.items()
    )
    return HistoryOutcome(bloc_file, years)


def _units(item: HistoryYear) -> int:
    return len(item.imported.results.results)
