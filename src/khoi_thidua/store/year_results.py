"""A year's results read against the rules of that year: its plan sets the scoring table."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from khoi_thidua import i18n
from khoi_thidua.errors import DataError, MissingInputError, Problem
from khoi_thidua.i18n import t
from khoi_thidua.model import Bloc, YearResults
from khoi_thidua.schema.results import parse_results
from khoi_thidua.store.plans import bloc_for_year
from khoi_thidua.store.reading import display, read_toml, results_file


def check_results(
    bloc_dir: Path, bloc: Bloc, year: int, award_ids: Collection[str] | None = None
) -> tuple[YearResults | None, list[Problem]]:
    file = read_toml(results_file(bloc_dir, year))
    bloc = bloc_for_year(bloc_dir, bloc, year)  # a year's plan sets its scoring table
    return parse_results(
        i18n.current(), file.doc, bloc, year, display(file.path), file.lines, award_ids
    )


def load_results(
    bloc_dir: Path, bloc: Bloc, year: int, award_ids: Collection[str] | None = None
) -> YearResults:
    path = results_file(bloc_dir, year)
    if not path.exists():
        raise MissingInputError(
            t("no results for {year}: {file} does not exist", year=year, file=display(path)),
            t(
                "fill the sheet of `khoi template {year}` and read it with "
                "`khoi import-results {year} FILE`, or write results-{year}.toml by hand "
                "(docs/data.md)",
                year=year,
            ),
        )
    results, problems = check_results(bloc_dir, bloc, year, award_ids)
    if results is None:
        raise DataError(i18n.current(), problems)
    return results
