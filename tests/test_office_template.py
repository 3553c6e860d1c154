"""khoi template: the scoring workbook lists the year's members, checks cells, maps fields."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from builders import REPO_DATA, SAMPLE_BLOC_ID, Invoke
from khoi_thidua.errors import ExitCode
from khoi_thidua.store import load_bloc
from khoi_thidua.store.packs import pack_for
from office_cases.filling import columns, rows_by_member

ROOT = Path(__file__).resolve().parents[1]


def _template(khoi: Invoke, data: Path, path: Path, year: str = "2021", *extra: str) -> Any:
    result = khoi("template", year, "--output", str(path), "--data", str(data), *extra)
    assert result.exit_code == 0, result.stderr
    return load_workbook(path)


def test_members_of_the_year_are_prefilled_with_id_and_name(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """2025's sheet lists the merged board and not the two boards it replaced."""
    ws = _template(khoi, sample_data, tmp_path / "t.xlsx", "2025")["Kết quả"]
    rows = rows_by_member(ws)
    assert set(rows) == {"btc", "dukcq", "tct", "bnc", "btgdv", "ubkt", "vptu"}
    name_column = columns(ws)["name"]
    assert ws.cell(row=rows["btgdv"], column=name_column).value == (
        "Ban Tuyên giáo và Dân vận Tỉnh ủy"
    )


def test_there_is_a_column_per_field_criterion_and_bloc_award(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """The hidden id row names every results field and one votes column per bloc award."""
    bloc_dir = sample_data / SAMPLE_BLOC_ID
    text = (bloc_dir / "bloc.toml").read_text(encoding="utf-8")
    text = text.replace(
        "max = 100     # [minh họa] the bloc's scoring table totals 100 points",
        'max = 100\n\n[[scoring.criteria]]\nid = "cong-tac-dang"\nname = "Công tác xây dựng '
        'Đảng"\nmax = 30',
    )
    (bloc_dir / "bloc.toml").write_text(text, encoding="utf-8")
    ws = _template(khoi, sample_data, tmp_path / "t.xlsx")["Kết quả"]
    fields = list(columns(ws))
    bloc = load_bloc(bloc_dir)
    awards = [a.id for a in pack_for(bloc_dir, bloc, 2021).bloc_awards]
    assert fields == [
        "member",
        "name",
        "score",
        "self_score",
        "rating",
        "discipline",
        "discipline_note",
        "staff.count",
        "staff.advanced_share",
        "staff.all_completed",
        "staff.has_base_soldier",
        "criteria.cong-tac-dang",
        *[f"votes.{a}" for a in awards],
        "note",
    ]
    headers = [c.value for c in ws[1]]
    assert "Công tác xây dựng Đảng (tối đa 30 điểm)" in headers
    assert "Số phiếu bầu: Cờ thi đua của Chính phủ" in headers
    assert ws.row_dimensions[2].hidden


def test_header_is_frozen_and_cells_are_validated(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """The header and id columns are frozen; numbers refuse text; ratings are a drop-down."""
    ws = _template(khoi, sample_data, tmp_path / "t.xlsx")["Kết quả"]
    assert ws.freeze_panes == "C3"
    where = columns(ws)
    letter = {field: ws.cell(row=1, column=col).column_letter for field, col in where.items()}
    rules = {str(dv.sqref).split(":")[0][:-1]: dv for dv in ws.data_validations.dataValidation}
    score = rules[letter["score"]]
    assert (score.type, score.operator, score.formula1, score.formula2) == (
        "decimal",
        "between",
        "0",
        "100",
    )
    assert score.showErrorMessage
    assert rules[letter["staff.count"]].type == "whole"
    rating = rules[letter["rating"]]
    assert rating.type == "list"
    assert "Hoàn thành xuất sắc nhiệm vụ" in rating.formula1
    assert rules[letter["staff.has_base_soldier"]].formula1 == '"Có,Không"'


def test_conference_sheet_carries_bloc_year_and_the_four_values(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """The «Hội nghị» sheet names the bloc and year and has a line for each conference value."""
    ws = _template(khoi, sample_data, tmp_path / "t.xlsx")["Hội nghị"]
    lines = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=3).value for r in range(2, 8)}
    assert lines == {
        "bloc": SAMPLE_BLOC_ID,
        "year": 2021,
        "date": None,
        "place": None,
        "ballots": None,
        "attendees": None,
    }
    assert ws.column_dimensions["A"].hidden


def test_with_results_prefills_values_as_a_person_would_type_them(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """--with-results writes numbers as numbers, ratings as Vietnamese labels, shares in %."""
    wb = _template(khoi, sample_data, tmp_path / "t.xlsx", "2021", "--with-results")
    ws = wb["Kết quả"]
    where = columns(ws)
    row = rows_by_member(ws)["tct"]

    def value(field: str) -> object:
        return ws.cell(row=row, column=where[field]).value

    assert value("score") == 96.5
    assert value("rating") == "Hoàn thành xuất sắc nhiệm vụ"
    assert value("staff.advanced_share") == 73
    assert value("votes.co-tinh") == 1
    assert value("votes.co-chinh-phu") == 0
    conference = wb["Hội nghị"]
    assert conference["C4"].value == dt.datetime(2022, 1, 7)
    assert conference["C4"].number_format == "dd/mm/yyyy"


def test_an_existing_output_is_not_overwritten_without_force(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """A filled sheet is never lost by running template twice: exit 1 unless --force."""
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"filled in by hand")
    result = khoi("template", "2021", "-o", str(path), "--data", str(sample_data))
    assert result.exit_code == ExitCode.REFUSED
    assert "--force" in result.stderr
    assert path.read_bytes() == b"filled in by hand"
    forced = khoi("template", "2021", "-o", str(path), "--force", "--data", str(sample_data))
    assert forced.exit_code == 0
    assert path.read_bytes().startswith(b"PK")


def test_an_output_that_is_not_xlsx_is_a_usage_error(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """--output must end in .xlsx."""
    result = khoi("template", "2021", "-o", str(tmp_path / "t.xls"), "--data", str(sample_data))
    assert result.exit_code == ExitCode.USAGE
    assert ".xlsx" in result.stderr


@pytest.mark.parametrize("command", [["rotate", "2022"], ["--help"]])
def test_rotate_does_not_load_the_office_libraries(command: list[str]) -> None:
    """`khoi rotate` starts without importing openpyxl or python-docx (python -X importtime)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "khoi_thidua", *command],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={**os.environ, "KHOI_DATA": str(REPO_DATA), "NO_COLOR": "1", "KHOI_LANG": "en"},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    imported = [line for line in result.stderr.splitlines() if "import time:" in line]
    assert imported, "importtime printed nothing"
    assert not [line for line in imported if "openpyxl" in line or "docx" in line.lower()]
