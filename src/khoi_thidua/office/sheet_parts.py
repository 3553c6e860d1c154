"""Small parts of the results-sheet reader: where the header is looked for, a field's key and
label, and the hint for a sheet typed with a legacy Vietnamese font."""

from __future__ import annotations

from typing import Any

from khoi_thidua.i18n import Messages
from khoi_thidua.office.columns import ID_COLUMN, Column, ConferenceField
from khoi_thidua.office.grids import Cell, Grid
from khoi_thidua.text_checks import legacy_font

HEADER_SEARCH_ROWS = 10  # a title or two may sit above the header row


def legacy_hint(msgs: Messages, grid: Grid) -> str:
    """The way out when the first rows look typed with a TCVN3 or VNI font ("M· ®¬n vÞ")."""
    cells = [c.value for row in grid.rows[:HEADER_SEARCH_ROWS] for c in row]
    if any(isinstance(value, str) and legacy_font(value) for value in cells):
        return msgs.t(
            "the headers look typed with a legacy Vietnamese font (TCVN3 or VNI); convert the "
            "sheet to Unicode (e.g. Unikey's converter) and import it again"
        )
    return ""


def is_id_row(row: list[Cell]) -> bool:
    texts = {c.value.strip() for c in row if isinstance(c.value, str)}
    return ID_COLUMN in texts and "score" in texts


def key_of(column: Column | None, item: ConferenceField | None) -> str:
    if column is not None:
        return column.field
    assert item is not None
    return f"conference.{item.field}"


def label_of(column: Column | None, item: ConferenceField | None) -> str:
    if column is not None:
        return column.label
    assert item is not None
    return item.label


def put(entry: dict[str, Any], field_path: str, value: object) -> None:
    """Set ``staff.count`` as entry["staff"]["count"]; award and criterion ids may hold dots."""
    group, _, name = field_path.partition(".")
    if name:
        entry.setdefault(group, {})[name] = value
    else:
        entry[group] = value
