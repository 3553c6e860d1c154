"""import-results: a filled scoring sheet becomes results-YEAR.toml, checked cell by cell."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from builders import REPO_DATA, SAMPLE_BLOC_ID, Invoke
from khoi_thidua.cli import app
from khoi_thidua.errors import ExitCode
from office_cases.filling import (
    cell,
    change,
    csv_text,
    empty_workbook,
    encrypted_workbook,
    fill,
)

YEAR = "2021"


def _results_doc(bloc_dir: Path, year: str = YEAR) -> dict[str, Any]:
    with (bloc_dir / f"results-{year}.toml").open("rb") as handle:
        return tomllib.load(handle)


@pytest.fixture
def blank_data(sample_data: Path, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """Sample data without results-2021.toml, and the removed file's document."""
    bloc_dir = sample_data / SAMPLE_BLOC_ID
    doc = _results_doc(bloc_dir)
    (bloc_dir / "results-2021.toml").unlink()
    return sample_data, doc


@pytest.fixture
def filled(khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], tmp_path: Path) -> Path:
    """A template of 2021 filled with the values of the sample's results-2021.toml."""
    data, doc = blank_data
    path = tmp_path / "ket-qua-2021.xlsx"
    result = khoi("template", YEAR, "--output", str(path), "--data", str(data))
    assert result.exit_code == 0, result.stderr
    fill(path, doc, english_ratings=frozenset({"tct", "bdv"}))
    return path


def _import(khoi: Invoke, data: Path, path: Path, *extra: str) -> Any:
    return khoi("import-results", YEAR, str(path), "--data", str(data), *extra)


# ── the round trip ────────────────────────────────────────────────────────────────────────────


def test_imported_sheet_gives_the_same_proposal_as_the_hand_written_file(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], filled: Path, tmp_path: Path
) -> None:
    """A template filled with results-2021.toml's values imports to the same 2021 proposal."""
    data, _ = blank_data
    result = _import(khoi, data, filled)
    assert result.exit_code == 0, result.stderr
    imported = khoi("propose", YEAR, "--json", "--data", str(data))
    original = khoi("propose", YEAR, "--json", "--data", str(REPO_DATA))
    assert imported.exit_code == original.exit_code == 0
    assert json.loads(imported.stdout) == json.loads(original.stdout)


def test_imported_file_parses_to_the_same_values_as_the_original(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], filled: Path
) -> None:
    """Every value of the written file equals the hand-written one (order aside)."""
    data, original = blank_data
    assert _import(khoi, data, filled).exit_code == 0
    written = _results_doc(data / SAMPLE_BLOC_ID)
    assert written["conference"] == original["conference"]
    assert written["results"] == original["results"]


def test_the_written_file_names_its_source_and_each_unit(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], filled: Path
) -> None:
    """The file opens with a comment naming the workbook, and each unit's table its name."""
    data, _ = blank_data
    assert _import(khoi, data, filled).exit_code == 0
    text = (data / SAMPLE_BLOC_ID / "results-2021.toml").read_text(encoding="utf-8")
    assert text.startswith("# Kết quả thi đua năm 2021")
    assert "ket-qua-2021.xlsx" in text.splitlines()[1]
    assert "[results.tct]            # Trường Chính trị Nguyễn Văn Linh" in text


def test_reimporting_the_same_sheet_changes_nothing(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], filled: Path
) -> None:
    """A second import of the same sheet says unchanged, exits 0 and leaves the file as is."""
    data, _ = blank_data
    assert _import(khoi, data, filled).exit_code == 0
    target = data / SAMPLE_BLOC_ID / "results-2021.toml"
    before = target.read_bytes()
    again = _import(khoi, data, filled, "--json")
    assert again.exit_code == 0
    assert json.loads(again.stdout)["status"] == "unchanged"
    assert "unchanged" in again.stderr
    assert target.read_bytes() == before


def test_a_sheet_made_from_the_hand_written_file_is_unchanged(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """template --with-results then import: the hand-written file, comments and all, is kept."""
    path = tmp_path / "prefilled.xlsx"
    made = khoi("template", YEAR, "-o", str(path), "--with-results", "--data", str(sample_data))
    assert made.exit_code == 0, made.stderr
    target = sample_data / SAMPLE_BLOC_ID / "results-2021.toml"
    before = target.read_bytes()
    result = _import(khoi, sample_data, path, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "unchanged"
    assert target.read_bytes() == before


# ── replacing recorded results ────────────────────────────────────────────────────────────────


def _prefilled(khoi: Invoke, data: Path, tmp_path: Path, year: str = YEAR) -> Path:
    path = tmp_path / f"prefilled-{year}.xlsx"
    made = khoi("template", year, "-o", str(path), "--with-results", "--data", str(data))
    assert made.exit_code == 0, made.stderr
    return path


def test_different_results_are_refused_without_replace(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """Another score for btc: the change is listed, exit 1, and the file is not touched."""
    path = _prefilled(khoi, sample_data, tmp_path)
    ref = cell(path, "btc", "score")
    change(path, lambda ws: setattr(ws[ref], "value", 99.5))
    target = sample_data / SAMPLE_BLOC_ID / "results-2021.toml"
    before = target.read_bytes()
    result = _import(khoi, sample_data, path, "--json")
    assert result.exit_code == ExitCode.REFUSED
    report = json.loads(result.stdout)
    assert report["status"] == "refused"
    assert report["changes"] == [{"where": "btc", "field": "score", "old": 98.5, "new": 99.5}]
    assert "--replace" in result.stderr
    assert target.read_bytes() == before


def test_the_table_of_changes_names_the_unit_and_the_column(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """Without --json the refused changes show as a table: unit name, column header, values."""
    path = _prefilled(khoi, sample_data, tmp_path)
    ref = cell(path, "bnc", "rating")
    change(path, lambda ws: setattr(ws[ref], "value", "Hoàn thành tốt nhiệm vụ"))
    result = _import(khoi, sample_data, path)
    assert result.exit_code == ExitCode.REFUSED
    assert "Ban Nội chính Tỉnh ủy" in result.stdout
    assert "Mức độ hoàn thành nhiệm vụ" in result.stdout
    assert "Hoàn thành xuất sắc nhiệm vụ" in result.stdout


def test_replace_writes_the_new_results_and_keeps_granted_awards(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """--replace overwrites results-2020.toml; the awards granted for 2020 stay in it."""
    path = _prefilled(khoi, sample_data, tmp_path, "2020")
    ref = cell(path, "tct", "score")
    change(path, lambda ws: setattr(ws[ref], "value", 93.5))
    result = khoi(
        "import-results", "2020", str(path), "--replace", "--json", "--data", str(sample_data)
    )
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["status"] == "replaced"
    assert report["kept"] == ["granted"]
    doc = _results_doc(sample_data / SAMPLE_BLOC_ID, "2020")
    assert doc["results"]["tct"]["score"] == 93.5
    assert [g["member"] for g in doc["granted"]] == ["btc", "dukcq"]
    assert khoi("check", "--data", str(sample_data)).exit_code == 0


# ── accepted spellings ────────────────────────────────────────────────────────────────────────


def test_csv_with_or_without_bom_and_either_separator_imports_like_the_workbook(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], filled: Path, tmp_path: Path
) -> None:
    """The sheet saved as CSV (BOM or not, "," or ";", conference as columns) gives one file."""
    data, original = blank_data
    assert _import(khoi, data, filled).exit_code == 0
    target = data / SAMPLE_BLOC_ID / "results-2021.toml"
    expected = _results_doc(data / SAMPLE_BLOC_ID)
    conference = original["conference"]
    for bom, delimiter in ((True, ","), (False, ";")):
        target.unlink()
        lines = csv_text(filled, delimiter).splitlines()
        lines[0] += delimiter + delimiter.join(
            ["Ngày hội nghị bình xét", "Địa điểm hội nghị", "Số phiếu bầu thu về", "attendees"]
        )
        lines[1] += delimiter + delimiter.join(
            [
                conference["date"].strftime("%d/%m/%Y"),
                conference["place"],
                str(conference["ballots"]),
                str(conference["attendees"]),
            ]
        )
        path = tmp_path / f"ket-qua-{int(bom)}.csv"
        path.write_bytes(("\ufeff" if bom else "").encode() + "\r\n".join(lines).encode())
        result = _import(khoi, data, path)
        assert result.exit_code == 0, result.stderr
        assert _results_doc(data / SAMPLE_BLOC_ID) == expected


def test_renamed_header_is_still_read_through_the_hidden_id_row(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], filled: Path
) -> None:
    """A header retyped by the user is mapped by the field id in the hidden second row."""
    data, _ = blank_data
    ref = cell(filled, "btc", "self_score")
    change(filled, lambda ws: setattr(ws[f"{ref[0]}1"], "value", "Điểm tự đánh giá"))
    assert _import(khoi, data, filled).exit_code == 0


def test_decimal_comma_text_abbreviations_and_percent_cells_are_understood(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], filled: Path
) -> None:
    """ "96,5" typed as text, "HTXSNV" and a cell formatted as 80% read as 96.5, excellent, 0.8."""
    data, _ = blank_data
    score, rating, share = (
        cell(filled, "bnc", f) for f in ("score", "rating", "staff.advanced_share")
    )

    def edit(ws: Any) -> None:
        ws[score].value = "96,5"
        ws[rating].value = "HTXSNV"
        ws[share].value = 0.8
        ws[share].number_format = "0%"

    change(filled, edit)
    assert _import(khoi, data, filled).exit_code == 0
    entry = _results_doc(data / SAMPLE_BLOC_ID)["results"]["bnc"]
    assert (entry["score"], entry["rating"], entry["staff"]["advanced_share"]) == (
        96.5,
        "excellent",
        0.8,
    )


def test_a_row_with_only_the_member_id_means_no_results(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], filled: Path
) -> None:
    """Clearing a unit's values leaves it out of the file (khoi propose then warns)."""
    data, _ = blank_data
    refs = [cell(filled, "vptu", f) for f in ("score", "self_score", "rating")] + [
        cell(filled, "vptu", f"votes.{a}")
        for a in ("co-chinh-phu", "bang-khen-thu-tuong", "co-tinh", "bang-khen-tinh")
    ]
    change(filled, lambda ws: [setattr(ws[r], "value", None) for r in refs])
    assert _import(khoi, data, filled).exit_code == 0
    assert "vptu" not in _results_doc(data / SAMPLE_BLOC_ID)["results"]


# ── bad input ─────────────────────────────────────────────────────────────────────────────────


def _fails(khoi: Invoke, data: Path, path: Path, code: int = ExitCode.DATA) -> str:
    result = _import(khoi, data, path)
    assert result.exit_code == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert not (data / SAMPLE_BLOC_ID / "results-2021.toml").exists(), "nothing is written"
    return str(result.stderr)


def test_missing_column_is_named(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], filled: Path
) -> None:
    """Deleting the score column: the error names the missing header and its field."""
    data, _ = blank_data
    column = cell(filled, "btc", "score")[0]
    change(filled, lambda ws: ws.delete_cols(ord(column) - ord("A") + 1))
    err = _fails(khoi, data, filled)
    assert "«Điểm chấm chéo (điểm cuối cùng)» (score) is missing" in err
    assert "[Kết quả!1:1]" in err


def test_renamed_column_without_id_row_is_unknown_with_a_suggestion(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], filled: Path
) -> None:
    """With the hidden id row deleted, a renamed header is refused and the right one suggested."""
    data, _ = blank_data
    column = cell(filled, "btc", "self_score")[0]

    def edit(ws: Any) -> None:
        ws.delete_rows(2)
        ws[f"{column}1"].value = "Điểm tự chấm điểm"

    change(filled, edit)
    err = _fails(khoi, data, filled)
    assert f"[Kết quả!{column}1]" in err
    assert "unknown column «Điểm tự chấm điểm»" in err
    assert "did you mean «Điểm tự chấm»?" in err


def test_merged_cells_are_refused_with_their_range(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], filled: Path
) -> None:
    """Merged cells in the table are named by their range."""
    data, _ = blank_data
    first = cell(filled, "btc", "score")
    last = cell(filled, "btc", "self_score")
    change(filled, lambda ws: ws.merge_cells(f"{first}:{last}"))
    err = _fails(khoi, data, filled)
    assert f"[Kết quả!{first}:{last}]" in err
    assert "merged cells" in err


def test_a_formula_where_a_number_belongs_is_refused(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], filled: Path
) -> None:
    """A score typed as =95+1 is refused at its cell: khoi reads values, not formulas."""
    data, _ = blank_data
    ref = cell(filled, "dukcq", "score")
    change(filled, lambda ws: setattr(ws[ref], "value", "=95+1"))
    err = _fails(khoi, data, filled)
    assert f"[Kết quả!{ref}]" in err
    assert "formula" in err
    assert "Paste Special → Values" in err


def test_unknown_member_duplicate_row_and_text_number_are_all_reported(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], filled: Path
) -> None:
    """Several mistakes in one sheet are reported together, each at its own cell."""
    data, _ = blank_data
    id_btg = cell(filled, "btg", "member")
    id_vptu = cell(filled, "vptu", "member")
    score_bnc = cell(filled, "bnc", "score")

    def edit(ws: Any) -> None:
        ws[id_btg].value = "Ban Tuyen giao Tinh uy"  # a name typed where the id belongs
        ws[id_vptu].value = "btc"  # a duplicated unit
        ws[score_bnc].value = "chín mươi sáu"

    change(filled, edit)
    err = _fails(khoi, data, filled)
    assert f"[Kết quả!{id_btg}]" in err
    assert "use `btg`" in err
    assert f"[Kết quả!{id_vptu}]" in err
    assert "`btc` is listed twice" in err
    assert f"[Kết quả!{score_bnc}]" in err
    assert "text where a number belongs" in err


def test_votes_above_the_ballots_are_located_at_their_cell(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], filled: Path
) -> None:
    """A rule of the results file (votes ≤ ballots) is reported at the sheet cell, not a key."""
    data, _ = blank_data
    ref = cell(filled, "btc", "votes.co-chinh-phu")
    change(filled, lambda ws: setattr(ws[ref], "value", 9))
    err = _fails(khoi, data, filled)
    assert f"[Kết quả!{ref}]" in err
    assert "«Số phiếu bầu: Cờ thi đua của Chính phủ»" in err
    assert "9 votes is more than the 8 ballots cast" in err


def test_a_workbook_of_another_year_is_refused(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], filled: Path
) -> None:
    """Importing the 2021 sheet as 2022 is refused at the year cell of the conference sheet."""
    data, _ = blank_data
    result = khoi("import-results", "2022", str(filled), "--data", str(data))
    assert result.exit_code == ExitCode.DATA
    assert "the workbook is for 2021, not 2022" in result.stderr
    assert "[Hội nghị!C3]" in result.stderr


def test_an_empty_sheet_is_refused(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    """A workbook whose sheet is empty says so."""
    data, _ = blank_data
    err = _fails(khoi, data, empty_workbook(tmp_path / "trong.xlsx"))
    assert "is empty" in err


def test_an_unfilled_template_is_refused(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    """A template with only the member ids has no results to import."""
    data, _ = blank_data
    path = tmp_path / "chua-dien.xlsx"
    assert khoi("template", YEAR, "-o", str(path), "--data", str(data)).exit_code == 0
    assert "has no unit's results" in _fails(khoi, data, path)


def test_text_renamed_xlsx_is_not_a_workbook(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    """A text file named .xlsx is refused as not a workbook."""
    data, _ = blank_data
    path = tmp_path / "gia.xlsx"
    path.write_text("Mã đơn vị,Điểm\nbtc,98\n", encoding="utf-8")
    assert "is not an Excel workbook" in _fails(khoi, data, path)


def test_a_password_protected_workbook_gets_a_clear_error(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    """An encrypted workbook (OLE2 container) is named as protected, with how to unprotect it."""
    data, _ = blank_data
    err = _fails(khoi, data, encrypted_workbook(tmp_path / "mat-khau.xlsx"))
    assert "protected with a password" in err
    assert "remove the password" in err


def test_a_csv_file_not_in_utf8_is_refused(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    """A CSV saved in a Windows code page is refused with how to save it as UTF-8."""
    data, _ = blank_data
    path = tmp_path / "cp1258.csv"
    path.write_bytes(b"\xd0i\xea\xd2m,Ghi ch\xfa\n")  # "Điểm,Ghi chú" in Windows-1258
    assert "CSV UTF-8" in _fails(khoi, data, path)


def test_another_file_type_is_a_usage_error(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    """An .ods file is not read: exit 64 with the formats khoi takes."""
    data, _ = blank_data
    path = tmp_path / "bang.ods"
    path.write_text("x", encoding="utf-8")
    assert ".xlsx workbooks and .csv files" in _fails(khoi, data, path, ExitCode.USAGE)


def test_a_missing_file_exits_66(khoi: Invoke, blank_data: tuple[Path, dict[str, Any]]) -> None:
    """A workbook that does not exist is reported as missing input."""
    data, _ = blank_data
    _fails(khoi, data, data / "khong-co.xlsx", ExitCode.NO_INPUT)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.binary(max_size=400), suffix=st.sampled_from([".xlsx", ".csv"]))
def test_any_bytes_give_a_clean_error_never_a_traceback(
    tmp_path_factory: pytest.TempPathFactory, content: bytes, suffix: str
) -> None:
    """Whatever bytes the file holds, import ends with a khoi error code, never an internal one."""
    folder = tmp_path_factory.mktemp("fuzz")
    data = folder / "data"
    shutil.copytree(REPO_DATA, data)
    path = folder / f"bang{suffix}"
    path.write_bytes(content)
    runner = CliRunner(env={"KHOI_DEBUG": None, "NO_COLOR": "1"})
    result = runner.invoke(app, ["import-results", YEAR, str(path), "--data", str(data)])
    assert result.exit_code in (ExitCode.DATA, ExitCode.USAGE, ExitCode.REFUSED), result.output
    assert "internal error" not in result.output


def test_an_invalid_results_file_is_replaced_only_with_replace(
    khoi: Invoke, blank_data: tuple[Path, dict[str, Any]], filled: Path
) -> None:
    """A broken results-2021.toml cannot be compared: refused with the reason, --replace fixes."""
    data, _ = blank_data
    target = data / SAMPLE_BLOC_ID / "results-2021.toml"
    target.write_text("schema = 1\nyear = 2021\n[results.btc\n", encoding="utf-8")
    refused = _import(khoi, data, filled)
    assert refused.exit_code == ExitCode.REFUSED
    assert "is not valid TOML" in refused.stderr
    assert target.read_text(encoding="utf-8").endswith("[results.btc\n")
    replaced = _import(khoi, data, filled, "--replace")
    assert replaced.exit_code == 0, replaced.stderr
    assert khoi("check", "--data", str(data)).exit_code == 0
