"""import-history: past years, chairs and former members from one workbook, checked cell by cell."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from builders import SAMPLE_BLOC_ID, Invoke
from khoi_thidua.errors import ExitCode

YEARS = "Kết quả các năm"
LEADERS = "Trưởng khối các năm"
FORMER = "Đơn vị đã rời khối"

# The sample's 2020 ratings, as a bloc new to khoi would type them from its old reports.
RATINGS_2020 = {
    "btc": "Hoàn thành xuất sắc nhiệm vụ",
    "dukcq": "HTXSNV",
    "bnc": "excellent",
    "vptu": "excellent",
    "btg": "excellent",
    "tct": "Hoàn thành tốt nhiệm vụ",
    "ubkt": "excellent",
    "bdv": "good",
}


@pytest.fixture
def new_bloc(sample_data: Path) -> Path:
    """The sample as a bloc new to khoi: no results-2020.toml, no recorded leadership."""
    bloc_dir = sample_data / SAMPLE_BLOC_ID
    (bloc_dir / "results-2020.toml").unlink()
    text = (bloc_dir / "bloc.toml").read_text(encoding="utf-8")
    start = text.index("[[leadership]]")
    (bloc_dir / "bloc.toml").write_text(text[:start], encoding="utf-8")
    return sample_data


def _template(khoi: Invoke, data: Path, tmp_path: Path) -> Path:
    path = tmp_path / "lich-su.xlsx"
    made = khoi("import-history", "--template", "-o", str(path), "--data", str(data))
    assert made.exit_code == 0, made.stderr
    return path


def _fill(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    book = openpyxl.load_workbook(path)
    for title, rows in sheets.items():
        for number, row in enumerate(rows, start=2):  # typed from row 2, under the header
            for column, value in enumerate(row, start=1):
                book[title].cell(row=number, column=column, value=value)
    book.save(path)
    return path


def _history(khoi: Invoke, data: Path, tmp_path: Path) -> Path:
    """A workbook of 2020's ratings, an award granted, 2021's chairs and a dissolved unit."""
    years: list[list[Any]] = [[2020, m, r] for m, r in RATINGS_2020.items()]
    years[0] += [97.5, "Không", "Cờ thi đua của UBND tỉnh", "15/QĐ-UBND", dt.date(2021, 2, 3)]
    years.append([2019, "bcu", "excellent"])
    return _fill(
        _template(khoi, data, tmp_path),
        {
            YEARS: years,
            LEADERS: [[2021, "btc", "dukcq", "bài báo 08/01/2022"]],
            FORMER: [["bcu", "Ban Cán sự cũ", "BCS", None, 2020, None, "giải thể 2020"]],
        },
    )


def _run(khoi: Invoke, data: Path, path: Path, *extra: str) -> Any:
    return khoi("import-history", str(path), "--data", str(data), *extra)


def _awards(khoi: Invoke, data: Path, year: str) -> dict[str, str | None]:
    result = khoi("propose", year, "--json", "--data", str(data))
    assert result.exit_code == 0, result.stderr
    standings = json.loads(result.stdout)["standings"]
    return {s["member"]["id"]: (s["award"] or {}).get("id") for s in standings}


# ── the past brought in ───────────────────────────────────────────────────────────────────────


def test_two_consecutive_years_fail_before_the_import_and_pass_after(
    khoi: Invoke, new_bloc: Path, tmp_path: Path
) -> None:
    """Without 2020, Ban Nội chính fails "2 consecutive years"; with 2020's ratings it is
    proposed for the Chairman's certificate, as in the shipped sample."""
    assert _awards(khoi, new_bloc, "2021")["bnc"] is None
    result = _run(khoi, new_bloc, _history(khoi, new_bloc, tmp_path))
    assert result.exit_code == 0, result.stderr
    awards = _awards(khoi, new_bloc, "2021")
    assert awards["bnc"] == "bang-khen-tinh"
    assert awards["btc"] == "co-chinh-phu"
    assert awards["dukcq"] == "co-tinh"


def test_past_chairs_drive_the_rotation(khoi: Invoke, new_bloc: Path, tmp_path: Path) -> None:
    """With 2021's chair and vice-chair imported, 2022 rotates to the sample's seed."""
    assert _run(khoi, new_bloc, _history(khoi, new_bloc, tmp_path)).exit_code == 0
    rotated = khoi("rotate", "2022", "--json", "--data", str(new_bloc))
    assert rotated.exit_code == 0, rotated.stderr
    assert (rotated.stdout.count('"dukcq"'), rotated.stdout.count('"tct"')) >= (1, 1)
    text = khoi("rotate", "2022", "--data", str(new_bloc)).stdout
    assert re.search(r"chair\)\s+Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh", text)
    assert re.search(r"vice-chair\)\s+Trường Chính trị Nguyễn Văn Linh", text)


def test_written_files_hold_ratings_awards_and_former_members(
    khoi: Invoke, new_bloc: Path, tmp_path: Path
) -> None:
    """results-2020.toml has ratings (a score only where typed) and the grant; bloc.toml keeps
    its comments and gains the former unit and 2021's leadership; check passes."""
    assert _run(khoi, new_bloc, _history(khoi, new_bloc, tmp_path)).exit_code == 0
    bloc_dir = new_bloc / SAMPLE_BLOC_ID
    with (bloc_dir / "results-2020.toml").open("rb") as handle:
        doc = tomllib.load(handle)
    assert doc["results"]["btc"] == {"rating": "excellent", "score": 97.5, "discipline": "none"}
    assert doc["results"]["tct"] == {"rating": "good"}
    assert doc["granted"] == [
        {"member": "btc", "award": "co-tinh", "decision": "15/QĐ-UBND", "date": dt.date(2021, 2, 3)}
    ]
    text = (bloc_dir / "bloc.toml").read_text(encoding="utf-8")
    assert '# [bài báo] "luân phiên … theo hình thức vòng tròn"' in text
    bloc = tomllib.loads(text)
    assert bloc["members"][-1] == {
        "id": "bcu",
        "name": "Ban Cán sự cũ",
        "short": "BCS",
        "left": 2020,
        "note": "giải thể 2020",
    }
    assert "bcu" in bloc["rotation"]["order"]
    assert bloc["leadership"] == [
        {"year": 2021, "chair": "btc", "vice_chair": "dukcq", "note": "bài báo 08/01/2022"}
    ]
    assert khoi("check", "--data", str(new_bloc)).exit_code == 0


def test_the_same_workbook_again_changes_nothing(
    khoi: Invoke, new_bloc: Path, tmp_path: Path
) -> None:
    """A second import leaves every file byte for byte as it was and says unchanged."""
    path = _history(khoi, new_bloc, tmp_path)
    assert _run(khoi, new_bloc, path).exit_code == 0
    bloc_dir = new_bloc / SAMPLE_BLOC_ID
    before = {p.name: p.read_bytes() for p in bloc_dir.glob("*.toml")}
    again = _run(khoi, new_bloc, path)
    assert again.exit_code == 0, again.stderr
    assert "unchanged" in again.stdout
    assert {p.name: p.read_bytes() for p in bloc_dir.glob("*.toml")} == before


def test_a_year_with_ratings_only_cannot_be_ranked(
    khoi: Invoke, new_bloc: Path, tmp_path: Path
) -> None:
    """propose for a year brought in without scores says why it cannot rank it (exit 64)."""
    assert _run(khoi, new_bloc, _history(khoi, new_bloc, tmp_path)).exit_code == 0
    result = khoi("propose", "2020", "--data", str(new_bloc))
    assert result.exit_code == ExitCode.USAGE
    assert "2020 has no score for" in result.stderr
    assert "Traceback" not in result.stderr


# ── refusals ──────────────────────────────────────────────────────────────────────────────────


def test_a_year_holding_other_results_is_refused_unless_replace(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """2021's file holds scores and votes: importing ratings for 2021 writes nothing (exit 1)
    and names the year; --replace overwrites it."""
    bloc_dir = sample_data / SAMPLE_BLOC_ID
    path = _fill(
        _template(khoi, sample_data, tmp_path),
        {YEARS: [[2020, "btc", "good"], [2021, "btc", "excellent"]]},
    )
    before = {p.name: p.read_bytes() for p in bloc_dir.glob("*.toml")}
    result = _run(khoi, sample_data, path)
    assert result.exit_code == ExitCode.REFUSED
    assert "2020, 2021" in result.stderr and "nothing was written" in result.stderr
    assert {p.name: p.read_bytes() for p in bloc_dir.glob("*.toml")} == before
    replaced = _run(khoi, sample_data, path, "--replace")
    assert replaced.exit_code == 0, replaced.stderr
    with (bloc_dir / "results-2021.toml").open("rb") as handle:
        assert tomllib.load(handle)["results"] == {"btc": {"rating": "excellent"}}


def test_every_bad_cell_is_located_and_nothing_is_written(
    khoi: Invoke, new_bloc: Path, tmp_path: Path
) -> None:
    """An unknown unit, a bad rating, an unknown award and a chair that is no member are each
    reported at their sheet and cell; no file changes."""
    bloc_dir = new_bloc / SAMPLE_BLOC_ID
    path = _fill(
        _template(khoi, new_bloc, tmp_path),
        {
            YEARS: [
                [2020, "khong-co", "excellent"],
                [2020, "btc", "xuất sắc lắm"],
                [2020, "bnc", "excellent", None, None, "Huân chương Sao Vàng"],
            ],
            LEADERS: [[2021, "ai-do", "btc"]],
        },
    )
    before = {p.name: p.read_bytes() for p in bloc_dir.glob("*.toml")}
    result = _run(khoi, new_bloc, path)
    assert result.exit_code == ExitCode.DATA, result.stderr
    err = result.stderr
    assert f"[{LEADERS}!B2]" in err and "`ai-do`" in err
    assert f"[{YEARS}!B2]" in err and "`khong-co`" in err
    assert f"[{YEARS}!F4]" in err and "no award of the rules in force matches" in err
    assert f"[{YEARS}!C3]" in err and "not a task-completion rating" in err
    assert "Traceback" not in err
    assert {p.name: p.read_bytes() for p in bloc_dir.glob("*.toml")} == before
    assert not (bloc_dir / "results-2020.toml").exists()


def test_a_conflicting_chair_is_refused_at_its_row(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """bloc.toml records 2021 as btc/dukcq: a row saying otherwise is an error at its cell."""
    path = _fill(_template(khoi, sample_data, tmp_path), {LEADERS: [[2021, "tct", "bnc"]]})
    result = _run(khoi, sample_data, path)
    assert result.exit_code == ExitCode.DATA
    assert f"[{LEADERS}!A2]" in result.stderr
    assert "already records 2021" in result.stderr


def test_template_needs_an_output(khoi: Invoke, sample_data: Path) -> None:
    """--template without --output is a usage error naming the fix."""
    result = khoi("import-history", "--template", "--data", str(sample_data))
    assert result.exit_code == ExitCode.USAGE
    assert "--output" in result.stderr


def test_an_award_without_its_decision_names_the_empty_cell(
    khoi: Invoke, new_bloc: Path, tmp_path: Path
) -> None:
    """An award granted with no decision number: «Số quyết định» is empty, at its cell, with no
    TOML syntax in the fix."""
    path = _fill(
        _template(khoi, new_bloc, tmp_path),
        {YEARS: [[2020, "btc", "excellent", None, None, "co-tinh", None, dt.date(2021, 2, 3)]]},
    )
    result = _run(khoi, new_bloc, path)
    assert result.exit_code == ExitCode.DATA
    assert f"[{YEARS}!G2]: «Số quyết định» is empty" in result.stderr
    assert "decision =" not in result.stderr


def test_a_former_units_bad_value_is_located_in_its_sheet(
    khoi: Invoke, new_bloc: Path, tmp_path: Path
) -> None:
    """A former unit that left before it joined is reported at its «left» cell."""
    path = _fill(_template(khoi, new_bloc, tmp_path), {FORMER: [["bx", "Ban X", None, 2019, 2018]]})
    result = _run(khoi, new_bloc, path)
    assert result.exit_code == ExitCode.DATA
    assert f"[{FORMER}!E2]" in result.stderr and "must be after `joined`" in result.stderr


def test_a_year_out_of_range_is_an_error_at_its_cell(
    khoi: Invoke, new_bloc: Path, tmp_path: Path
) -> None:
    """A year typed as 1e242 is refused at its cell, before any file is named after it."""
    path = _fill(_template(khoi, new_bloc, tmp_path), {YEARS: [[1e242, "btc", "excellent"]]})
    result = _run(khoi, new_bloc, path)
    assert result.exit_code == ExitCode.DATA, result.stderr
    assert f"[{YEARS}!A2]" in result.stderr and "is not a year" in result.stderr


def test_a_title_row_above_the_headers_is_read_past(
    khoi: Invoke, new_bloc: Path, tmp_path: Path
) -> None:
    """A title typed above the header row moves the table down; the years still import."""
    path = _fill(_template(khoi, new_bloc, tmp_path), {YEARS: [[2020, "btc", "excellent"]]})
    book = openpyxl.load_workbook(path)
    book[YEARS].insert_rows(1)
    book[YEARS]["A1"] = "KẾT QUẢ THI ĐUA CÁC NĂM TRƯỚC"
    book.save(path)
    result = _run(khoi, new_bloc, path)
    assert result.exit_code == 0, result.stderr
    with (new_bloc / SAMPLE_BLOC_ID / "results-2020.toml").open("rb") as handle:
        assert tomllib.load(handle)["results"] == {"btc": {"rating": "excellent"}}
