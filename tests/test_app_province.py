"""The province's year in the application layer: every bloc's proposal or report, failures apart."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builders import REPO_DATA, SAMPLE_BLOC_ID
from khoi_thidua.app.blocs import each_bloc
from khoi_thidua.app.province import province_report, province_summary


@pytest.fixture
def province(tmp_path: Path) -> Path:
    """Three copies of the sample bloc, the second with a broken bloc.toml."""
    for index in (1, 2, 3):
        shutil.copytree(REPO_DATA / SAMPLE_BLOC_ID, tmp_path / f"khoi-{index}")
    (tmp_path / "khoi-2" / "bloc.toml").write_text("schema = [", encoding="utf-8")
    return tmp_path


class TestProvinceSummary:
    """``province_summary`` runs every bloc's proposal and keeps the facts the summary prints."""

    def test_each_bloc_is_a_fact_or_a_failure(self, province: Path) -> None:
        """The good blocs give their proposal's facts; the broken one its error and exit code."""
        found = province_summary(province, 2021, each_bloc(province))
        assert [bloc.id for bloc, _ in found.facts] == ["khoi-1", "khoi-3"]
        assert [run.bloc_id for run in found.failed] == ["khoi-2"]
        assert found.code == 65
        assert found.pack.awards  # the province's pack of the year, for the caps
        _, proposal = found.facts[0]
        assert all(s.result is None for s in proposal.standings)

    def test_all_good_exits_zero(self, province: Path) -> None:
        """With every bloc readable the batch's code is 0."""
        shutil.rmtree(province / "khoi-2")
        assert province_summary(province, 2021, each_bloc(province)).code == 0


class TestProvinceReport:
    """``province_report`` gives every bloc's report and the province's name."""

    def test_reports_and_province(self, province: Path) -> None:
        """Each good bloc's report keeps its full proposal; the province is named once."""
        found = province_report(province, 2021, each_bloc(province))
        assert [r.bloc.id for r in found.done] == ["khoi-1", "khoi-3"]
        assert [b.id for b, _ in found.facts] == ["khoi-1", "khoi-3"]
        assert found.province == "Hưng Yên"
        assert [run.bloc_id for run in found.failed] == ["khoi-2"]
