"""The office import parsers word a sheet's problems in the language they are given."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from builders import SAMPLE_BLOC_ID, Invoke
from khoi_thidua import i18n, store, workflows
from khoi_thidua.errors import DataError
from khoi_thidua.i18n import ENGLISH, VIETNAMESE, Messages
from khoi_thidua.office.results_import import read_sheet
from office_cases.filling import cell, change, fill

YEAR = 2021


@pytest.fixture
def bad_sheet(khoi: Invoke, sample_data: Path, tmp_path: Path) -> Path:
    """A 2021 template filled with the sample's results, a score typed in words."""
    bloc_dir = sample_data / SAMPLE_BLOC_ID
    with (bloc_dir / f"results-{YEAR}.toml").open("rb") as handle:
        doc = tomllib.load(handle)
    path = tmp_path / "ket-qua-2021.xlsx"
    made = khoi("template", str(YEAR), "-o", str(path), "--data", str(sample_data))
    assert made.exit_code == 0, made.stderr
    fill(path, doc)
    score = cell(path, "bnc", "score")

    def edit(ws: Any) -> None:
        ws[score].value = "chín mươi sáu"

    return change(path, edit)


def _problem(msgs: Messages, sample_data: Path, path: Path) -> tuple[str, str, str]:
    """(cell, message, hint) of the one problem read_sheet raises for ``path``."""
    bloc_dir = sample_data / SAMPLE_BLOC_ID
    bloc = store.load_bloc(bloc_dir)
    pack = workflows.rules_in_force(bloc_dir, bloc, YEAR)
    award_ids = workflows.bloc_award_ids(bloc_dir, bloc, YEAR)
    with pytest.raises(DataError) as caught:
        read_sheet(msgs, path, bloc, YEAR, pack.bloc_awards, award_ids)
    [problem] = caught.value.problems
    assert str(caught.value) == f"{problem.location()}: {problem.message}"
    return problem.key, problem.message, problem.hint


class TestResultsSheetInBothLanguages:
    """One process reads the same bad workbook with ENGLISH then VIETNAMESE, without
    set_language, and gets the cell's problem in each language at the same cell."""

    def test_a_score_in_words(self, sample_data: Path, bad_sheet: Path) -> None:
        """The score typed in words is refused in English, then in Vietnamese, then English."""
        where, english, english_hint = _problem(ENGLISH, sample_data, bad_sheet)
        assert "'chín mươi sáu' is text where a number belongs" in english
        assert english_hint == "type a number, e.g. 96,5"
        vi_where, vietnamese, _ = _problem(VIETNAMESE, sample_data, bad_sheet)
        assert vi_where == where and where.startswith("Kết quả!")
        assert "'chín mươi sáu' là chữ, trong khi ô này cần một số" in vietnamese
        assert _problem(ENGLISH, sample_data, bad_sheet)[1] == english
        assert i18n.current() is ENGLISH  # the run's language was never changed
