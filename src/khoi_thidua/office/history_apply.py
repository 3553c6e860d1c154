"""Writes a validated history workbook: bloc.toml first, then one results file per past year."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from khoi_thidua import store
from khoi_thidua.office.history_import import HistoryBook
from khoi_thidua.office.results_import import REFUSED, ImportOutcome, apply_import
from khoi_thidua.store.history import BlocHistoryOutcome, record_history

COMMAND = "import-history"


@dataclass(frozen=True)
class YearOutcome:
    """What importing did to one past year's results file."""

    year: int
    units: int
    awards: int
    outcome: ImportOutcome


@dataclass(frozen=True)
class HistoryOutcome:
    """What import-history did; ``refused`` lists the years held back (nothing was written)."""

    bloc_file: BlocHistoryOutcome | None  # None: nothing was written (refused)
    years: tuple[YearOutcome, ...]

    @property
    def refused(self) -> tuple[YearOutcome, ...]:
        return tuple(y for y in self.years if y.outcome.status == REFUSED)


def apply_history(bloc_dir: Path, book: HistoryBook, replace: bool) -> HistoryOutcome:
    """Write the workbook's past unless a year's file holds different results and ``replace``
    is False, in which case nothing at all is written and the differences are returned."""
    if not replace:
        held: list[YearOutcome] = []
        for year, item in book.years.items():
            if store.results_file(bloc_dir, year).exists():
                # An existing file is never written without --replace: this only compares.
                outcome = apply_import(
                    bloc_dir, book.bloc, year, item.award_ids, item.imported, False, COMMAND
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
                bloc_dir, book.bloc, year, item.award_ids, item.imported, replace, COMMAND
            ),
        )
        for year, item in book.years.items()
    )
    return HistoryOutcome(bloc_file, years)


def _units(item: object) -> int:
    from khoi_thidua.office.history_import import HistoryYear

    assert isinstance(item, HistoryYear)
    return len(item.imported.results.results)
