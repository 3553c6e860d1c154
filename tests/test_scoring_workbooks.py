"""Scoring workbooks: made from the plan, filled, imported into scores-YEAR.toml; every mistake
in a returned file is located by file, sheet and cell, and nothing is written."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from builders import Invoke

BLOC = "khoi-co-quan-dang"


def _sheets(sample_data: Path, khoi: Invoke, tmp_path: Path) -> Path:
    out = tmp_path / "phieu"
    out.mkdir()
    for extra in ([], ["--cross"]):
        result = khoi(
            "scoring-sheets", "2022", "--output", str(out), *extra, "--data", str(sample_data)
        )
        assert result.exit_code == 0, result.stderr
    return out


def _fill(path: Path, change: Callable[[Any], None] | None = None, points: float = 0.5) -> None:
    """Score every criterion its maximum less ``points``, then apply ``change``."""
    wb = load_workbook(path)
    for ws in wb.worksheets:
        if ws.title in ("khoi", "Đăng ký"):
            continue
        row = 6
        while ws.cell(row=row, column=1).value:
            ws.cell(row=row, column=5).value = ws.cell(row=row, column=4).value - points
            row += 1
    if change is not None:
        change(wb)
    wb.save(path)


def test_made_filled_and_imported(sample_data: Path, khoi: Invoke, tmp_path: Path) -> None:
    """A filled self-scoring and cross-scoring workbook land in scores-2022.toml and count."""
    out = _sheets(sample_data, khoi, tmp_path)
    assert len(list(out.glob("tu-cham-*.xlsx"))) == 8
    assert len(list(out.glob("cham-cheo-*.xlsx"))) == 8
    _fill(
        out / "tu-cham-btc-2022.xlsx",
        lambda wb: wb["Tự chấm"].cell(row=6, column=6, value="Báo cáo số 12"),
    )
    _fill(out / "cham-cheo-ubkt-2022.xlsx")
    result = khoi("import-scores", "2022", str(out), "--json", "--data", str(sample_data))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["status"] == "written"
    assert {(i["kind"], i["unit"], i["scorer"]) for i in data["imported"]} == {
        ("self", "btc", "btc"),
        ("cross", "btc", "ubkt"),
        ("cross", "vptu", "ubkt"),
    }
    assert "dukcq" in data["self_not_returned"] and "btc" not in data["self_not_returned"]
    assert {"scorer": "vptu", "unit": "btc"} in data["cross_not_returned"]
    assert len(data["blank"]) == 8 + 16 - 3  # every untouched sheet is listed, not refused
    text = (sample_data / BLOC / "scores-2022.toml").read_text(encoding="utf-8")
    assert 'evidence = {nhiem-vu = "Báo cáo số 12"}' in text
    scores = json.loads(khoi("scores", "2022", "--json", "--data", str(sample_data)).stdout)
    btc = next(u for u in scores["units"] if u["id"] == "btc")
    assert btc["self_score"] == 97.0 and btc["final_score"] == 97.0
    assert btc["criteria"][0]["cross"] == {"ubkt": 39.5}
    again = khoi("import-scores", "2022", str(out), "--json", "--data", str(sample_data))
    assert json.loads(again.stdout)["status"] == "unchanged"


def _set(sheet: str, cell: str, value: object) -> Callable[[Any], None]:
    def change(wb: Any) -> None:
        wb[sheet][cell].value = value

    return change


def _rename(old: str, new: str) -> Callable[[Any], None]:
    def change(wb: Any) -> None:
        wb[old].title = new

    return change


def _delete_sheet(name: str) -> Callable[[Any], None]:
    def change(wb: Any) -> None:
        del wb[name]

    return change


def _delete_row(sheet: str, row: int) -> Callable[[Any], None]:
    def change(wb: Any) -> None:
        wb[sheet].delete_rows(row)

    return change


def _insert_row(sheet: str) -> Callable[[Any], None]:
    def change(wb: Any) -> None:
        wb[sheet].insert_rows(2)

    return change


SELF = "tu-cham-btc-2022.xlsx"
CROSS = "cham-cheo-btc-2022.xlsx"  # btc scores dukcq and tct
S = "Tự chấm"

MISTAKES = [
    (SELF, _delete_sheet("khoi"), "khoi", "hidden sheet `khoi` is missing"),
    (SELF, _set("khoi", "B1", "other"), "khoi!B1", "unknown kind"),
    (SELF, _set("khoi", "B3", 2021), "khoi!B3", "is for 2021"),
    (SELF, _set("khoi", "B2", "khoi-khac"), "khoi!B2", "bloc `khoi-khac`"),
    (SELF, _set("khoi", "B4", "btgdv"), "khoi!B4", "not a member"),
    (CROSS, _set("khoi", "B4", "to-x"), "khoi!B4", "not a cross-scorer"),
    (SELF, _rename(S, "Sheet1"), S, "sheet `Tự chấm` is missing"),
    (CROSS, _rename("tct", "btc"), "btc!A1", "scores itself"),
    (CROSS, _rename("tct", "vptu"), "vptu!A1", "not assigned"),
    (CROSS, _delete_sheet("tct"), "tct", "sheet `tct` is missing"),
    (SELF, _insert_row(S), f"{S}!A5", "header row"),
    (SELF, _set(S, "A7", "tham-muu-2"), f"{S}!A7", "unknown scoring criterion"),
    (SELF, _set(S, "A7", "nhiem-vu"), f"{S}!A7", "also in row 6"),
    (SELF, _delete_row(S, 8), f"{S}!A6", "row of criterion `xay-dung-dang` is missing"),
    (SELF, _set(S, "E9", None), f"{S}!E9", "no score for `doan-the`"),
    (SELF, _set(S, "E9", "chín"), f"{S}!E9", "number"),
    (SELF, _set(S, "E6", 41), f"{S}!E6", "outside 0–40"),
    (SELF, _set(S, "E6", -1), f"{S}!E6", "outside 0–40"),
    (CROSS, _set("dukcq", "E7", 25), "dukcq!E7", "outside 0–20"),
]


@pytest.mark.parametrize(("file", "change", "where", "words"), MISTAKES)
def test_each_mistake_is_located_and_nothing_written(
    sample_data: Path,
    khoi: Invoke,
    tmp_path: Path,
    file: str,
    change: Callable[[Any], None],
    where: str,
    words: str,
) -> None:
    """A returned file with one mistake is refused, naming file and cell; nothing is written."""
    out = _sheets(sample_data, khoi, tmp_path)
    _fill(out / file, change)
    result = khoi("import-scores", "2022", str(out / file), "--data", str(sample_data))
    assert result.exit_code == 65, result.stdout
    assert file in result.stderr
    assert f"[{where}]" in result.stderr and words in result.stderr, result.stderr
    assert not (sample_data / BLOC / "scores-2022.toml").exists()


def test_not_a_workbook_is_refused(sample_data: Path, khoi: Invoke, tmp_path: Path) -> None:
    """A text file with an .xlsx name, or a damaged zip, is refused with the file named."""
    (tmp_path / "a.xlsx").write_text("điểm", encoding="utf-8")
    (tmp_path / "b.xlsx").write_bytes(b"PK\x03\x04 broken")
    result = khoi(
        "import-scores",
        "2022",
        str(tmp_path / "a.xlsx"),
        str(tmp_path / "b.xlsx"),
        "--data",
        str(sample_data),
    )
    assert result.exit_code == 65
    assert "a.xlsx: error: the file is not an Excel workbook" in result.stderr
    assert "b.xlsx: error: the file cannot be read as an .xlsx workbook" in result.stderr


def test_the_same_scores_twice_are_refused(sample_data: Path, khoi: Invoke, tmp_path: Path) -> None:
    """Two files with the same unit's self-score are refused, naming both."""
    out = _sheets(sample_data, khoi, tmp_path)
    _fill(out / SELF)
    copy = tmp_path / "ban-sao.xlsx"
    copy.write_bytes((out / SELF).read_bytes())
    result = khoi("import-scores", "2022", str(out / SELF), str(copy), "--data", str(sample_data))
    assert result.exit_code == 65
    assert "are also in" in result.stderr


def test_existing_workbooks_are_not_replaced(
    sample_data: Path, khoi: Invoke, tmp_path: Path
) -> None:
    """Writing the workbooks again into the same folder needs --force."""
    out = _sheets(sample_data, khoi, tmp_path)
    again = khoi("scoring-sheets", "2022", "--output", str(out), "--data", str(sample_data))
    assert again.exit_code != 0
    forced = khoi(
        "scoring-sheets", "2022", "--output", str(out), "--force", "--data", str(sample_data)
    )
    assert forced.exit_code == 0


def test_import_reports_in_words(sample_data: Path, khoi: Invoke, tmp_path: Path) -> None:
    """Without --json, the import lists each sheet taken in and what is still missing."""
    out = _sheets(sample_data, khoi, tmp_path)
    _fill(out / SELF)
    _fill(out / CROSS)
    result = khoi("import-scores", "2022", str(out), "--data", str(sample_data))
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "3 sheets imported into" in text and "(written)" in text
    assert "self-score of btc" in text
    assert "cross score of dukcq by btc" in text
    assert "Left out, no score typed yet:" in text
    assert "Self-scoring sheets not returned: dukcq" in text
    assert "Cross-scoring sheets not returned: ubkt → btc" in text


def test_a_folder_without_workbooks_is_a_usage_error(
    sample_data: Path, khoi: Invoke, tmp_path: Path
) -> None:
    """Importing an empty folder says so instead of importing nothing."""
    result = khoi("import-scores", "2022", str(tmp_path), "--data", str(sample_data))
    assert result.exit_code == 64
    assert "no .xlsx workbook" in result.stderr


def test_sheets_need_an_existing_folder_and_scorers(
    sample_data: Path, khoi: Invoke, tmp_path: Path
) -> None:
    """The output folder must exist, and --cross needs a plan that assigns scorers."""
    missing = khoi(
        "scoring-sheets", "2022", "-o", str(tmp_path / "nowhere"), "--data", str(sample_data)
    )
    assert missing.exit_code == 64 and "does not exist" in missing.stderr
    result = khoi(
        "scoring-sheets", "2021", "--cross", "-o", str(tmp_path), "--data", str(sample_data)
    )
    assert result.exit_code == 64 and "assigns no cross-scorers" in result.stderr


def _pledge_sheets(sample_data: Path, khoi: Invoke, tmp_path: Path) -> Path:
    out = tmp_path / "dang-ky"
    out.mkdir()
    result = khoi("scoring-sheets", "2022", "--pledge", "-o", str(out), "--data", str(sample_data))
    assert result.exit_code == 0, result.stderr
    return out


def test_units_register_their_targets(sample_data: Path, khoi: Invoke, tmp_path: Path) -> None:
    """A unit's registered figures go into scores-2022.toml and into the pledge's appendix."""
    import docx

    out = _pledge_sheets(sample_data, khoi, tmp_path)
    assert len(list(out.glob("dang-ky-*-2022.xlsx"))) == 8

    def register(wb: Any) -> None:
        wb["Đăng ký"]["C6"] = "100% (42/42 nhiệm vụ)"
        wb["Đăng ký"]["C8"] = "2 sáng kiến"

    _fill(out / "dang-ky-btc-2022.xlsx", register)
    result = khoi("import-scores", "2022", str(out), "--data", str(sample_data))
    assert result.exit_code == 0, result.stderr
    assert "targets registered by btc" in " ".join(result.stdout.split())
    text = (sample_data / BLOC / "scores-2022.toml").read_text(encoding="utf-8")
    assert (
        'pledged = {hoan-thanh-nhiem-vu = "100% (42/42 nhiệm vụ)", sang-kien = "2 sáng kiến"}'
        in text
    )
    pledge = tmp_path / "giao-uoc.docx"
    made = khoi("year-draft", "2022", "--pledge", "-o", str(pledge), "--data", str(sample_data))
    assert made.exit_code == 0, made.stderr
    appendix = [[c.text for c in r.cells] for r in docx.Document(str(pledge)).tables[2].rows]
    assert appendix[1][1] == "Ban Tổ chức Tỉnh ủy"
    assert (
        "100% nhiệm vụ được giao hoàn thành đúng tiến độ: 100% (42/42 nhiệm vụ)" in appendix[1][2]
    )
    assert appendix[2][2] == "…"
    review = tmp_path / "so-ket.docx"
    made = khoi("year-draft", "2022", "--mid-year", "-o", str(review), "--data", str(sample_data))
    assert made.exit_code == 0, made.stderr
    rows = [[c.text for c in r.cells] for r in docx.Document(str(review)).tables[1].rows]
    assert rows[1][3].startswith("Đăng ký: 100% nhiệm vụ")
    assert rows[1][3].endswith("Tiến độ: Chưa báo cáo")


@pytest.mark.parametrize(
    ("cell", "value", "words"),
    [("A7", "khong-co", "unknown pledge target"), ("A7", "hoan-thanh-nhiem-vu", "also in row 6")],
)
def test_a_pledge_sheet_mistake_is_located(
    sample_data: Path, khoi: Invoke, tmp_path: Path, cell: str, value: str, words: str
) -> None:
    """An unknown or repeated target in a registration sheet is refused at its cell."""
    out = _pledge_sheets(sample_data, khoi, tmp_path)
    file = out / "dang-ky-tct-2022.xlsx"

    def change(wb: Any) -> None:
        wb["Đăng ký"]["C6"] = "100%"
        wb["Đăng ký"][cell] = value

    _fill(file, change)
    result = khoi("import-scores", "2022", str(file), "--data", str(sample_data))
    assert result.exit_code == 65
    assert f"[Đăng ký!{cell}]" in result.stderr and words in result.stderr
