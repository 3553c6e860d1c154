"""`khoi count` and the tally sheet: the vote count entered by hand or from Excel, checked first."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook  # type: ignore[import-untyped]

from builders import SAMPLE_BLOC_ID, Invoke
from khoi_thidua import store
from khoi_thidua.errors import ExitCode
from khoi_thidua.workflows import award_ids_for


def _file(data: Path) -> Path:
    return data / SAMPLE_BLOC_ID / "results-2022.toml"


def _count(data: Path) -> object:
    bloc_dir = data / SAMPLE_BLOC_ID
    return store.load_results(bloc_dir, store.load_bloc(bloc_dir), 2022, award_ids_for(2022))


class TestCountCommand:
    """Typed figures and votes go into [conference] and the units' votes, comments kept."""

    def test_figures_votes_and_committee_are_recorded_once(
        self, khoi: Invoke, sample_data: Path
    ) -> None:
        """A second identical run changes nothing; the file's comments survive."""
        args = (
            "count", "2022", "--spoiled", "0", "--votes", "bang-khen-tinh:noi chinh=2",
            "--counting-head", "Trần Văn Cường", "--counting-member", "Phạm Thị Dung",
            "--data", str(sample_data),
        )  # fmt: skip
        first = khoi(*args)
        assert first.exit_code == 0, first.stderr
        text = _file(sample_data).read_text(encoding="utf-8")
        assert "# Ban Nội chính Tỉnh ủy — level with tct" in text
        results = _count(sample_data)
        assert results.count.committee_head == "Trần Văn Cường"  # type: ignore[attr-defined]
        assert results.result_for("bnc").votes_for("bang-khen-tinh") == 2  # type: ignore[attr-defined]
        second = khoi(*args)
        assert "nothing changed" in second.stderr
        assert _file(sample_data).read_text(encoding="utf-8") == text

    def test_an_impossible_count_is_refused_and_nothing_written(
        self, khoi: Invoke, sample_data: Path
    ) -> None:
        """Returned above issued: exit 65 with the reason, the file byte for byte the same."""
        before = _file(sample_data).read_bytes()
        result = khoi("count", "2022", "--returned", "9", "--data", str(sample_data))
        assert result.exit_code == ExitCode.DATA
        assert "9 ballots returned, but only 8 were issued" in result.stderr
        assert _file(sample_data).read_bytes() == before

    def test_votes_above_the_valid_ballots_are_refused(
        self, khoi: Invoke, sample_data: Path
    ) -> None:
        """Nine votes of eight valid ballots cannot be."""
        before = _file(sample_data).read_bytes()
        result = khoi("count", "2022", "--votes", "co-tinh:tct=9", "--data", str(sample_data))
        assert result.exit_code == ExitCode.DATA
        assert "9 votes is more than the 8 ballots cast" in result.stderr
        assert _file(sample_data).read_bytes() == before

    def test_a_malformed_vote_is_a_usage_error(self, khoi: Invoke, sample_data: Path) -> None:
        """--votes must read AWARD:UNIT=N."""
        result = khoi("count", "2022", "--votes", "co-tinh-bnc", "--data", str(sample_data))
        assert result.exit_code == ExitCode.USAGE
        assert "is not AWARD:UNIT=N" in result.stderr


class TestTallySheet:
    """`template --tally` writes the sheet; `count --sheet` reads it back."""

    def test_a_filled_tally_sheet_is_recorded(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """Figures, committee and votes typed into the sheet land in the results file."""
        sheet = tmp_path / "kiem-phieu.xlsx"
        result = khoi("template", "2022", "--tally", "-o", str(sheet), "--data", str(sample_data))
        assert result.exit_code == 0, result.stderr
        wb = load_workbook(sheet)
        ws = wb["Kiểm phiếu"]
        candidates = []
        for row in ws.iter_rows():
            key = row[1].value
            if key == "counting_members":
                row[2].value = "Phạm Thị Dung; Hoàng Văn Em"
            if key == "spoiled":
                row[2].value = 0
            if key == "co-tinh":
                candidates.append(row[2].value)
                if row[2].value == "tct":
                    row[4].value = 4
        wb.save(sheet)
        assert "tct" in candidates and "vptu" not in candidates  # VPTU is rated good
        result = khoi("count", "2022", "--sheet", str(sheet), "--data", str(sample_data))
        assert result.exit_code == 0, result.stderr
        results = _count(sample_data)
        count = results.count  # type: ignore[attr-defined]
        assert count.committee == ("Phạm Thị Dung", "Hoàng Văn Em")
        assert count.spoiled == 0
        assert results.result_for("tct").votes_for("co-tinh") == 4  # type: ignore[attr-defined]

    def test_a_word_in_a_number_cell_names_the_cell(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """A count cell holding text is reported with its sheet and cell; nothing is written."""
        sheet = tmp_path / "kiem-phieu.xlsx"
        khoi("template", "2022", "--tally", "-o", str(sheet), "--data", str(sample_data))
        wb = load_workbook(sheet)
        ws = wb["Kiểm phiếu"]
        row = next(r for r in ws.iter_rows() if r[1].value == "issued")
        row[2].value = "tám"
        wb.save(sheet)
        before = _file(sample_data).read_bytes()
        result = khoi("count", "2022", "--sheet", str(sheet), "--data", str(sample_data))
        assert result.exit_code == ExitCode.DATA
        assert f"Kiểm phiếu!C{row[2].row}" in result.stderr
        assert _file(sample_data).read_bytes() == before
