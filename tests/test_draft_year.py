"""app.draft_year: what the conference documents of a year state, loaded once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from khoi_thidua import store
from khoi_thidua.app.draft_year import draft_year
from khoi_thidua.model import Bloc, YearResults


class TestDraftYear:
    """The proposal, the results as recorded, the leadership and the signer of one year."""

    def test_sample_2021(self, sample_bloc_dir: Path) -> None:
        """2021's chair and vice-chair come by name, the signer's title from the record, and
        the proposal is the one `khoi propose 2021` prints."""
        year = draft_year(sample_bloc_dir, store.load_bloc(sample_bloc_dir), 2021)
        assert year.chair == "Ban Tổ chức Tỉnh ủy"
        assert year.vice_chair == "Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh"
        assert (year.signer_title, year.signer) == ("Trưởng Ban Tổ chức Tỉnh ủy", "")
        assert year.results.conference_date == "2022-01-07"
        assert [s.member for s in year.proposal.proposed] == ["btc", "dukcq", "bnc"]

    def test_the_results_are_those_recorded(self, sample_bloc_dir: Path) -> None:
        """The results keep the recorded scores, not those the year's plan computes."""
        bloc = store.load_bloc(sample_bloc_dir)
        year = draft_year(sample_bloc_dir, bloc, 2021)
        recorded = store.load_results(sample_bloc_dir, bloc, 2021, None)
        assert year.results.results == recorded.results

    def test_the_year_is_read_once(
        self, sample_bloc_dir: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """results-2021.toml is read once for the proposal and the documents both."""
        bloc = store.load_bloc(sample_bloc_dir)
        read: list[int] = []
        load = store.load_results

        def counting(bloc_dir: Path, bloc: Bloc, year: int, *args: Any) -> YearResults:
            read.append(year)
            return load(bloc_dir, bloc, year, *args)

        monkeypatch.setattr(store, "load_results", counting)
        draft_year(sample_bloc_dir, bloc, 2021)
        assert read.count(2021) == 1
