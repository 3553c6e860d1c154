"""Cell values and the TOML khoi writes from a sheet: what is accepted, and how it is written."""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

import pytest

from builders import make_bloc
from khoi_thidua import i18n
from khoi_thidua.office.columns import (
    BOOLEAN,
    DATE,
    DISCIPLINE,
    INTEGER,
    NUMBER,
    PERCENT,
    RATING,
    TEXT,
)
from khoi_thidua.office.grids import Cell
from khoi_thidua.office.results_toml import results_toml
from khoi_thidua.office.values import CellValueError, convert


def _convert(value: object, kind: str, number_format: str = "General") -> object:
    return convert(i18n.ENGLISH, Cell(value, "Kết quả!C3", number_format), kind)


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (96.5, NUMBER, 96.5),
        ("96,5", NUMBER, 96.5),
        (" 96.5 ", NUMBER, 96.5),
        (8.0, INTEGER, 8),
        ("8", INTEGER, 8),
        (85, PERCENT, 0.85),
        ("73%", PERCENT, 0.73),
        ("Hoàn thành tốt nhiệm vụ", RATING, "good"),
        ("hoan thanh xuat sac nhiem vu", RATING, "excellent"),
        ("KHTNV", RATING, "failed"),
        ("done", RATING, "done"),
        ("Cảnh cáo", DISCIPLINE, "canh-cao"),
        ("khien-trach", DISCIPLINE, "khien-trach"),
        ("Không", DISCIPLINE, "none"),
        ("Có", BOOLEAN, True),
        ("không", BOOLEAN, False),
        (True, BOOLEAN, True),
        ("07/01/2022", DATE, dt.date(2022, 1, 7)),
        ("2022-01-07", DATE, dt.date(2022, 1, 7)),
        (dt.datetime(2022, 1, 7), DATE, dt.date(2022, 1, 7)),
        ("Hòa", TEXT, "Hòa"),
        (12.0, TEXT, "12"),
    ],
)
def test_accepted_spellings(value: object, kind: str, expected: object) -> None:
    """Each way a person types a value in Excel reads as the results file's value."""
    assert _convert(value, kind) == expected


def test_text_is_normalised_to_nfc() -> None:
    """A name typed with combining accents reads as the precomposed (NFC) text."""
    assert _convert("Ho\u0300a", TEXT) == "Hòa"


def test_a_percent_formatted_cell_holds_the_share() -> None:
    """0.8 in a cell formatted as 0% means 80%."""
    assert _convert(0.8, PERCENT, "0%") == 0.8


@pytest.mark.parametrize(
    ("value", "kind", "message"),
    [
        ("chín mươi", NUMBER, "text where a number belongs"),
        (True, NUMBER, "is not a number"),
        (8.5, INTEGER, "not a whole number"),
        ("1.234", INTEGER, "not a whole number"),
        (120, PERCENT, "between 0 and 100"),
        ("Xuất sắc lắm", RATING, "not a task-completion rating"),
        ("Phê bình", DISCIPLINE, "not a disciplinary measure"),
        ("Có lẽ", BOOLEAN, "not Có or Không"),
        ("31/02/2022", DATE, "not a date"),
    ],
)
def test_refused_values_say_why(value: object, kind: str, message: str) -> None:
    """A value that does not fit its column raises with a message naming the problem."""
    with pytest.raises(CellValueError, match=message):
        _convert(value, kind)


def test_written_toml_reads_back_as_the_document() -> None:
    """Ids that need quotes, text with quotes and newlines, dates: the text parses to the doc."""
    bloc = make_bloc(["a.b", "c"])
    doc: dict[str, Any] = {
        "schema": 1,
        "year": 2021,
        "note": 'Ghi chú "đặc biệt"\nhai dòng',
        "conference": {"date": dt.date(2022, 1, 7), "place": "Hưng Yên", "ballots": 8},
        "results": {
            "a.b": {
                "score": 98.5,
                "rating": "excellent",
                "votes": {"co-tinh": 7, "bang khen": 1},
                "staff": {"count": 3, "advanced_share": 0.5},
            },
            "c": {"score": 90.0, "rating": "good", "votes": {}},
        },
        "granted": [
            {"member": "c", "award": "co-tinh", "decision": "QĐ 1", "date": dt.date(2022, 3, 1)}
        ],
    }
    text = results_toml(doc, bloc, "bảng\nđiểm.xlsx")
    assert tomllib.loads(text) == doc
    assert '[results."a.b"]' in text
    assert 'votes = { co-tinh = 7, "bang khen" = 1 }' in text
    assert "# Imported by `khoi import-results` from bảng điểm.xlsx." in text
