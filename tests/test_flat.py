"""CSV for spreadsheets: byte-order mark, CRLF, and no text cell ever run as a formula."""

from __future__ import annotations

import csv
import io

import pytest

from khoi_thidua.render.flat import safe_cell, to_csv


@pytest.mark.parametrize("text", ["=SUM(A1:A9)", "+1", "-2+3", "@cmd", "\tx", "\rx"])
def test_text_that_a_spreadsheet_would_run_is_quoted(text: str) -> None:
    """A text cell starting with a formula character gets a leading apostrophe."""
    assert safe_cell(text) == "'" + text


def test_ordinary_text_and_numbers_are_kept() -> None:
    """Names with diacritics and numbers (even negative) are written as they are."""
    assert safe_cell("Ban Nội chính Tỉnh ủy") == "Ban Nội chính Tỉnh ủy"
    assert safe_cell(-2.5) == -2.5
    assert safe_cell(96) == 96


def test_csv_has_bom_crlf_and_safe_cells() -> None:
    """The bytes start with the UTF-8 BOM, lines end in CRLF, and cells read back safe."""
    data = to_csv(["member", "score"], [['=HYPERLINK("x")', 96.0], ["Đảng ủy", 97]])
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.count("\r\n") == 3
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["member", "score"], ['\'=HYPERLINK("x")', "96.0"], ["Đảng ủy", "97"]]
