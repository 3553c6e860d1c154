"""`khoi import-decisions`: a People's Committee decision list recorded in every bloc it names."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from builders import REPO_DATA, SAMPLE_BLOC_ID, Invoke

HEADER = [
    "Số quyết định",
    "Ngày quyết định",
    "Cấp quyết định",
    "Hình thức khen thưởng",
    "Đơn vị",
    "Khối thi đua",
]
DECISION = "Số 600/QĐ-UBND"


@pytest.fixture
def province(tmp_path: Path) -> Path:
    """Two blocs with the same units (copies of the sample), and one that is broken."""
    root = tmp_path / "province"
    for bloc_id in ("khoi-1", "khoi-2"):
        shutil.copytree(REPO_DATA / SAMPLE_BLOC_ID, root / bloc_id)
    return root


def _digests(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*.toml"))
    }


def _workbook(path: Path, rows: list[list[object]], title: str | None = "QUYẾT ĐỊNH") -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Quyết định"
    if title:
        sheet.append([title])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _granted(bloc_dir: Path) -> list[tuple[str, str, str]]:
    import tomllib

    doc = tomllib.loads((bloc_dir / "results-2021.toml").read_text(encoding="utf-8"))
    return [(g["member"], g["award"], g["decision"]) for g in doc.get("granted", [])]


def _run(khoi: Invoke, province: Path, sheet: Path, *extra: str):  # type: ignore[no-untyped-def]
    return khoi("import-decisions", "2021", str(sheet), "--data", str(province), *extra)


class TestRecording:
    """Matched rows are recorded in their bloc, like record-award."""

    def test_rows_are_recorded_in_their_blocs(
        self, province: Path, tmp_path: Path, khoi: Invoke
    ) -> None:
        """Units and awards typed as people type them land in the right bloc's results."""
        sheet = _workbook(
            tmp_path / "qd.xlsx",
            [
                [
                    DECISION,
                    "20/03/2022",
                    "Chủ tịch UBND tỉnh",
                    "Bằng khen của Chủ tịch UBND tỉnh",
                    "Ban Nội chính Tỉnh ủy",
                    "khoi-1",
                ],
                [
                    DECISION,
                    "20/03/2022",
                    "Chủ tịch UBND tỉnh",
                    "co thi dua cua ubnd tinh",
                    "dang uy khoi cac co quan",
                    "khoi-2",
                ],
            ],
        )
        before_2 = _granted(province / "khoi-2")
        result = _run(khoi, province, sheet)
        assert result.exit_code == 0, result.stderr
        assert ("bnc", "bang-khen-tinh", DECISION) in _granted(province / "khoi-1")
        assert ("dukcq", "co-tinh", DECISION) not in _granted(province / "khoi-1")
        assert _granted(province / "khoi-2") == [*before_2, ("dukcq", "co-tinh", DECISION)]
        assert "2 recorded, 0 already recorded, 0 not matched, 0 refused." in result.stderr

    def test_a_second_import_changes_nothing(
        self, province: Path, tmp_path: Path, khoi: Invoke
    ) -> None:
        """Importing the same list again leaves every file byte for byte as it was."""
        sheet = _workbook(
            tmp_path / "qd.xlsx",
            [[DECISION, "20/03/2022", "", "bang-khen-tinh", "bnc", "khoi-1"]],
        )
        assert _run(khoi, province, sheet).exit_code == 0
        after_first = _digests(province)
        again = _run(khoi, province, sheet, "--json")
        assert again.exit_code == 0
        assert _digests(province) == after_first
        assert json.loads(again.stdout)["rows"][0]["status"] == "unchanged"

    def test_dry_run_writes_nothing(self, province: Path, tmp_path: Path, khoi: Invoke) -> None:
        """--dry-run matches and shows every row, and no file changes."""
        sheet = _workbook(
            tmp_path / "qd.xlsx", [[DECISION, "20/03/2022", "", "bang-khen-tinh", "bnc", "khoi-1"]]
        )
        before = _digests(province)
        result = _run(khoi, province, sheet, "--dry-run", "--json")
        assert result.exit_code == 0
        row = json.loads(result.stdout)["rows"][0]
        assert (row["status"], row["bloc_id"], row["member"]) == ("would_write", "khoi-1", "bnc")
        assert "nothing was written (--dry-run)" in result.stderr
        assert _digests(province) == before
        assert _run(khoi, province, sheet).exit_code == 0
        again = _run(khoi, province, sheet, "--dry-run", "--json")
        assert json.loads(again.stdout)["rows"][0]["status"] == "unchanged"

    def test_csv_with_semicolons(self, province: Path, tmp_path: Path, khoi: Invoke) -> None:
        """A CSV saved by Vietnamese-locale Excel (`;`, byte-order mark) is read the same way."""
        path = tmp_path / "qd.csv"
        lines = [";".join(HEADER), f"{DECISION};2022-03-20;;bang-khen-tinh;BNC;khoi-1"]
        path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
        result = _run(khoi, province, path)
        assert result.exit_code == 0, result.stderr
        assert ("bnc", "bang-khen-tinh", DECISION) in _granted(province / "khoi-1")


class TestRowsThatCannotBeRecorded:
    """Rows that match nothing or conflict are reported; the others are still recorded."""

    def test_an_unknown_unit_is_reported_and_the_rest_recorded(
        self, province: Path, tmp_path: Path, khoi: Invoke
    ) -> None:
        """Exit 65 names the row and the unit; the matched row is recorded."""
        sheet = _workbook(
            tmp_path / "qd.xlsx",
            [
                [DECISION, "20/03/2022", "", "bang-khen-tinh", "Sở Không Có", "khoi-1"],
                [DECISION, "20/03/2022", "", "bang-khen-tinh", "bnc", "khoi-1"],
            ],
        )
        result = _run(khoi, province, sheet, "--json")
        assert result.exit_code == 65
        rows = json.loads(result.stdout)["rows"]
        assert rows[0]["status"] == "unmatched"
        assert "Sở Không Có" in rows[0]["message"]
        assert rows[0]["where"].endswith("[Quyết định!3]")
        assert rows[1]["status"] == "written"

    def test_a_unit_of_several_blocs_needs_its_bloc(
        self, province: Path, tmp_path: Path, khoi: Invoke
    ) -> None:
        """With the bloc column empty, a unit found in two blocs is not guessed."""
        sheet = _workbook(
            tmp_path / "qd.xlsx", [[DECISION, "20/03/2022", "", "bang-khen-tinh", "bnc", ""]]
        )
        before = _digests(province)
        result = _run(khoi, province, sheet)
        assert result.exit_code == 65
        assert "matches units of several blocs: khoi-1, khoi-2" in result.stdout
        assert _digests(province) == before

    def test_a_unit_not_yet_a_member_that_year_is_not_matched(
        self, province: Path, tmp_path: Path, khoi: Invoke
    ) -> None:
        """The unit is looked for among the members of the year the awards are for."""
        sheet = _workbook(
            tmp_path / "qd.xlsx",
            [[DECISION, "20/03/2022", "", "bang-khen-tinh", "Ban Tuyên giáo và Dân vận", "khoi-1"]],
        )
        result = _run(khoi, province, sheet, "--json")
        assert result.exit_code == 65
        assert json.loads(result.stdout)["rows"][0]["status"] == "unmatched"

    def test_a_different_decision_is_refused(
        self, province: Path, tmp_path: Path, khoi: Invoke
    ) -> None:
        """A unit already recorded with another decision for the award: exit 1, file kept."""
        first = _workbook(
            tmp_path / "a.xlsx", [[DECISION, "20/03/2022", "", "bang-khen-tinh", "bnc", "khoi-1"]]
        )
        assert _run(khoi, province, first).exit_code == 0
        before = _digests(province)
        other = _workbook(
            tmp_path / "b.xlsx",
            [["Số 999/QĐ-UBND", "21/03/2022", "", "bang-khen-tinh", "bnc", "khoi-1"]],
        )
        result = _run(khoi, province, other, "--json")
        assert result.exit_code == 1
        assert json.loads(result.stdout)["rows"][0]["status"] == "refused"
        assert _digests(province) == before


class TestSheetsThatAreWrong:
    """A sheet with wrong cells is refused whole, every problem located, nothing written."""

    def test_bad_cells_are_located_and_nothing_is_written(
        self, province: Path, tmp_path: Path, khoi: Invoke
    ) -> None:
        sheet = _workbook(
            tmp_path / "qd.xlsx",
            [
                [DECISION, "32/13/2022", "", "bang-khen-tinh", "bnc", "khoi-1"],
                ["", "20/03/2022", "", "bang-khen-tinh", "btc", "khoi-1"],
            ],
        )
        before = _digests(province)
        result = _run(khoi, province, sheet)
        assert result.exit_code == 65
        assert "[Quyết định!B3]" in result.stderr and "not a date" in result.stderr
        assert "[Quyết định!A4]" in result.stderr and "is empty" in result.stderr
        assert "Traceback" not in result.stderr
        assert _digests(province) == before

    def test_a_sheet_without_the_columns_is_refused(
        self, province: Path, tmp_path: Path, khoi: Invoke
    ) -> None:
        path = tmp_path / "qd.csv"
        path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
        result = _run(khoi, province, path)
        assert result.exit_code == 65
        assert "no header row" in result.stderr

    def test_an_old_xls_is_refused_with_the_way_out(
        self, province: Path, tmp_path: Path, khoi: Invoke
    ) -> None:
        path = tmp_path / "qd.xls"
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
        result = _run(khoi, province, path)
        assert result.exit_code == 65
        assert "save it as .xlsx" in result.stderr
