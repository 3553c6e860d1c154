"""import-results rough edges: another bloc's workbook, and shares typed as fractions."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from builders import SAMPLE_BLOC_ID, Invoke
from khoi_thidua.errors import ExitCode
from office_cases.filling import cell, change, fill

YEAR = "2021"


@pytest.fixture
def filled(khoi: Invoke, sample_data: Path, tmp_path: Path) -> tuple[Path, Path]:
    """(data without results-2021.toml, a 2021 template filled with its values)."""
    bloc_dir = sample_data / SAMPLE_BLOC_ID
    with (bloc_dir / "results-2021.toml").open("rb") as handle:
        doc = tomllib.load(handle)
    (bloc_dir / "results-2021.toml").unlink()
    path = tmp_path / "ket-qua-2021.xlsx"
    made = khoi("template", YEAR, "-o", str(path), "--data", str(sample_data))
    assert made.exit_code == 0, made.stderr
    fill(path, doc)
    return sample_data, path


def _set_conference(path: Path, old: object, new: object) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book["Hội nghị"]
    found = [c for row in sheet.iter_rows() for c in row if c.value == old]
    assert found, f"no cell holds {old!r}"
    found[0].value = new
    book.save(path)


def test_another_blocs_workbook_is_said_first_and_alone(
    khoi: Invoke, filled: tuple[Path, Path]
) -> None:
    """A workbook of another bloc, whose units are unknown here, gives that one error only."""
    data, path = filled
    _set_conference(path, SAMPLE_BLOC_ID, "khoi-doanh-nghiep")
    refs = [cell(path, m, "member") for m in ("btc", "bnc", "tct")]

    def edit(ws: Any) -> None:
        for number, ref in enumerate(refs):
            ws[ref].value = f"dn{number}"

    change(path, edit)
    result = khoi("import-results", YEAR, str(path), "--data", str(data))
    assert result.exit_code == ExitCode.DATA
    assert "the workbook is for the bloc `khoi-doanh-nghiep`" in result.stderr
    assert "is not a member" not in result.stderr
    assert result.stderr.count("error") == 1, result.stderr
    assert not (data / SAMPLE_BLOC_ID / "results-2021.toml").exists()


def test_another_years_workbook_is_said_alone(khoi: Invoke, filled: tuple[Path, Path]) -> None:
    """A workbook made for 2020 imported as 2021 gives the year mismatch alone."""
    data, path = filled
    _set_conference(path, 2021, 2020)
    ref = cell(path, "btc", "score")
    change(path, lambda ws: setattr(ws[ref], "value", "chín mươi"))
    result = khoi("import-results", YEAR, str(path), "--data", str(data))
    assert result.exit_code == ExitCode.DATA
    assert "the workbook is for 2020, not 2021" in result.stderr
    assert "text where a number belongs" not in result.stderr


def test_a_share_typed_as_a_fraction_warns_and_stores_no_float_noise(
    khoi: Invoke, filled: tuple[Path, Path]
) -> None:
    """0.65 in the percent column imports as 0.65% written `0.0065`, with a warning at its cell."""
    data, path = filled
    ref = cell(path, "bnc", "staff.advanced_share")
    change(path, lambda ws: setattr(ws[ref], "value", 0.65))
    result = khoi("import-results", YEAR, str(path), "--data", str(data))
    assert result.exit_code == 0, result.stderr
    assert f"Kết quả!{ref}" in result.stderr
    assert "0.65%" in result.stderr and "type 65 for 65%" in result.stderr
    text = (data / SAMPLE_BLOC_ID / "results-2021.toml").read_text(encoding="utf-8")
    assert "advanced_share = 0.0065" in text
    assert "0.006500000000000001" not in text


def test_a_share_typed_as_a_percent_gives_no_warning(
    khoi: Invoke, filled: tuple[Path, Path]
) -> None:
    """65 in the percent column imports as 0.65 without a warning."""
    data, path = filled
    ref = cell(path, "bnc", "staff.advanced_share")
    change(path, lambda ws: setattr(ws[ref], "value", 65))
    result = khoi("import-results", YEAR, str(path), "--data", str(data))
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr
    text = (data / SAMPLE_BLOC_ID / "results-2021.toml").read_text(encoding="utf-8")
    assert "advanced_share = 0.65" in text
