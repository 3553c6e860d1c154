"""Excel exports of proposals and summaries: reopened, text is text and numbers are numbers."""

from __future__ import annotations

import copy
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from builders import Invoke
from khoi_thidua import i18n
from khoi_thidua.office.workbook_export import proposal_workbook, summary_workbook

# Texts a spreadsheet would run as formulas if they were stored as typed.
FORMULA_LOOKING = ('=HYPERLINK("http://x")', "+84 912", "-Ban", "@SUM(A1)")


@pytest.fixture(scope="module")
def proposal_data() -> dict[str, Any]:
    """The sample's 2021 proposal as `khoi propose --json` gives it."""
    from typer.testing import CliRunner

    from builders import REPO_DATA
    from khoi_thidua.cli import app

    result = CliRunner(env={"NO_COLOR": "1", "KHOI_LANG": "en"}).invoke(
        app, ["propose", "2021", "--json", "--data", str(REPO_DATA)]
    )
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """Runs in-process share the language setting: leave it English for the next test."""
    yield
    i18n.set_language("en")


@pytest.fixture
def vietnamese() -> None:
    """Sheet names and headers in Vietnamese, as a Vietnamese secretariat gets them."""
    i18n.set_language("vi")


def _reopen(content: bytes) -> Any:
    return load_workbook(io.BytesIO(content))


def _rows(ws: Any, first: int = 5) -> list[tuple[Any, ...]]:
    return [row for row in ws.iter_rows(min_row=first, values_only=True) if any(row)]


def _no_formulas(wb: Any) -> None:
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"


def test_proposal_sheet_lists_the_units_proposed_with_award_and_basis(
    proposal_data: dict[str, Any], vietnamese: None
) -> None:
    """«Đề nghị» has the three units of the article, their award and its legal basis."""
    wb = _reopen(proposal_workbook(i18n.VIETNAMESE, proposal_data))
    assert wb.sheetnames[:3] == ["Đề nghị", "Xếp hạng", "Căn cứ"]
    ws = wb["Đề nghị"]
    assert ws.freeze_panes == "A5"
    assert [c.value for c in ws[4]][:3] == ["STT", "Đơn vị", "Hạng"]
    rows = _rows(ws)
    assert [(r[1], r[5]) for r in rows] == [
        ("Ban Tổ chức Tỉnh ủy", "Cờ thi đua của Chính phủ"),
        ("Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh", "Cờ thi đua của UBND tỉnh"),
        ("Ban Nội chính Tỉnh ủy", "Bằng khen của Chủ tịch UBND tỉnh"),
    ]
    assert "Nghị định 91/2017/NĐ-CP, Điều 11 khoản 1" in rows[0][6]
    _no_formulas(wb)


def test_ranking_sheet_stores_numbers_as_numbers(
    proposal_data: dict[str, Any], vietnamese: None
) -> None:
    """Ranks, scores and votes are numeric cells, in the ranking's order."""
    ws = _reopen(proposal_workbook(i18n.VIETNAMESE, proposal_data))["Xếp hạng"]
    assert ws.freeze_panes == "A5"
    rows = _rows(ws)
    assert len(rows) == proposal_data["members"]
    first = rows[0]
    assert first[:6] == (1, "btc", "Ban Tổ chức Tỉnh ủy", 98.5, 99, "Hoàn thành xuất sắc nhiệm vụ")
    for row in rows:
        assert isinstance(row[0], int)
        assert isinstance(row[3], int | float)
    header = [c.value for c in ws[4]]
    total = header.index("Tổng số phiếu")
    assert [r[total] for r in rows][:2] == [8, 7]


def test_basis_sheet_gives_each_award_its_legal_basis_and_seats(
    proposal_data: dict[str, Any], vietnamese: None
) -> None:
    """«Căn cứ» has one row per bloc award with its basis, conditions and number of seats."""
    ws = _reopen(proposal_workbook(i18n.VIETNAMESE, proposal_data))["Căn cứ"]
    rows = {r[0]: r for r in _rows(ws)}
    assert set(rows) == {s["name"] for s in proposal_data["seats"]}
    flag = rows["Cờ thi đua của Chính phủ"]
    assert "Nghị định 91/2017/NĐ-CP, Điều 11 khoản 1" in flag[1]
    assert "Điều 11" in flag[2]
    assert flag[3] == 1


def test_text_that_looks_like_a_formula_stays_text(
    proposal_data: dict[str, Any], vietnamese: None
) -> None:
    """Names starting with = + - @ are stored as strings and read back unchanged."""
    data = copy.deepcopy(proposal_data)
    for standing, name in zip(data["standings"], FORMULA_LOOKING, strict=False):
        standing["member"]["name"] = name
    for item, name in zip(data["proposed"], FORMULA_LOOKING, strict=False):
        item["member"]["name"] = name
    wb = _reopen(proposal_workbook(i18n.VIETNAMESE, data))
    _no_formulas(wb)
    names = [r[2] for r in _rows(wb["Xếp hạng"])][: len(FORMULA_LOOKING)]
    assert names == list(FORMULA_LOOKING)
    assert [r[1] for r in _rows(wb["Đề nghị"])] == list(FORMULA_LOOKING[:3])


def test_propose_format_xlsx_writes_the_workbook(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """`khoi propose 2021 --format xlsx -o FILE` writes the workbook, in English by default."""
    path = tmp_path / "de-nghi.xlsx"
    result = khoi(
        "propose", "2021", "--format", "xlsx", "-o", str(path), "--data", str(sample_data)
    )
    assert result.exit_code == 0, result.stderr
    assert load_workbook(path)["Proposals"]["B5"].value == "Ban Tổ chức Tỉnh ủy"


def test_summary_workbook_lists_each_bloc_and_the_province_caps(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """The province summary as .xlsx: proposals by bloc, totals as numbers, and the 20% cap."""
    result = khoi("summary", "2021", "--json", "--data", str(sample_data))
    data = json.loads(result.stdout)
    i18n.set_language("vi")
    wb = _reopen(summary_workbook(i18n.VIETNAMESE, data))
    assert wb.sheetnames == ["Tổng hợp", "Số lượng", "Giới hạn", "Biểu đồ"]
    proposed = _rows(wb["Tổng hợp"])
    assert [r[2] for r in proposed] == [
        "Ban Tổ chức Tỉnh ủy",
        "Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh",
        "Ban Nội chính Tỉnh ủy",
    ]
    totals = dict(r[:2] for r in _rows(wb["Số lượng"]))
    assert totals["Cờ thi đua của Chính phủ"] == 1
    caps = _rows(wb["Giới hạn"])
    assert caps[0][0] == "Cờ thi đua của Chính phủ"
    assert caps[0][1] == 20
    _no_formulas(wb)


def test_a_failed_bloc_is_a_row_with_its_error(
    proposal_data: dict[str, Any], vietnamese: None
) -> None:
    """A bloc whose data failed shows its error message instead of proposals."""
    data = {
        "schema": 1,
        "year": 2021,
        "rule_pack": {"id": "x", "name": "Luật"},
        "blocs": [
            {
                "bloc": {"id": "khoi-loi"},
                "ok": False,
                "error": {"message": "bloc.toml is invalid", "hint": "", "exit_code": 65},
            }
        ],
        "totals": [],
        "caps": [],
    }
    rows = _rows(_reopen(summary_workbook(i18n.VIETNAMESE, data))["Tổng hợp"])
    assert rows == [("khoi-loi", None, None, None, "Lỗi: bloc.toml is invalid")]
