"""Test helpers: fill a `khoi template` workbook the way a secretariat would, or spoil it."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]

from khoi_thidua.model import RATING_LABELS_VI, Discipline, Rating

RESULTS_SHEET = "Kết quả"
CONFERENCE_SHEET = "Hội nghị"
ID_ROW = 2
FIRST_DATA_ROW = 3
# The first bytes of every OLE2 compound file (what Excel writes for an encrypted workbook).
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def columns(ws: Any) -> dict[str, int]:
    """Field id → 1-based column, read from the template's hidden id row."""
    return {str(cell.value): cell.column for cell in ws[ID_ROW] if isinstance(cell.value, str)}


def rows_by_member(ws: Any) -> dict[str, int]:
    """Member id → row of the results sheet."""
    id_column = columns(ws)["member"]
    out: dict[str, int] = {}
    for row in range(FIRST_DATA_ROW, ws.max_row + 1):
        value = ws.cell(row=row, column=id_column).value
        if isinstance(value, str):
            out[value] = row
    return out


def fill(
    path: Path, doc: Mapping[str, Any], *, english_ratings: frozenset[str] = frozenset()
) -> None:
    """Type the values of a results-YEAR.toml document into the template at ``path``.

    Ratings go in as their Vietnamese labels, except for members in ``english_ratings``
    (typed as the English ids, which import also accepts). A member with ``votes`` gets a 0
    in every votes cell it has no votes for, as the template asks.
    """
    wb = load_workbook(path)
    ws = wb[RESULTS_SHEET]
    where = columns(ws)
    rows = rows_by_member(ws)
    for member_id, entry in doc["results"].items():
        row = rows[member_id]

        def put(field: str, value: object, row: int = row) -> None:
            ws.cell(row=row, column=where[field]).value = value

        put("score", entry["score"])
        if "self_score" in entry:
            put("self_score", entry["self_score"])
        rating = entry["rating"]
        put("rating", rating if member_id in english_ratings else RATING_LABELS_VI[Rating(rating)])
        if "discipline" in entry:
            put("discipline", Discipline(entry["discipline"]).label_vi)
        if "discipline_note" in entry:
            put("discipline_note", entry["discipline_note"])
        if "note" in entry:
            put("note", entry["note"])
        staff = entry.get("staff")
        if staff is not None:
            put("staff.count", staff["count"])
            put("staff.advanced_share", round(staff["advanced_share"] * 100, 6))
            if "all_completed" in staff:
                put("staff.all_completed", "Có" if staff["all_completed"] else "Không")
            if "has_base_soldier" in staff:
                put("staff.has_base_soldier", "Có" if staff["has_base_soldier"] else "Không")
        for criterion, value in entry.get("criteria", {}).items():
            put(f"criteria.{criterion}", value)
        if "votes" in entry:
            for field in where:
                if field.startswith("votes."):
                    put(field, entry["votes"].get(field.removeprefix("votes."), 0))
    conference = doc.get("conference", {})
    sheet = wb[CONFERENCE_SHEET]
    for row in range(2, sheet.max_row + 1):
        field = sheet.cell(row=row, column=1).value
        if field in conference:
            value = conference[field]
            sheet.cell(row=row, column=3).value = (
                dt.datetime.combine(value, dt.time()) if isinstance(value, dt.date) else value
            )
    wb.save(path)


def change(path: Path, edit: Callable[[Any], None]) -> Path:
    """Apply ``edit`` to the results sheet of the workbook at ``path`` and save it."""
    wb = load_workbook(path)
    edit(wb[RESULTS_SHEET])
    wb.save(path)
    return path


def cell(path: Path, member_id: str, field: str) -> str:
    """The coordinate ("C5") of ``member_id``'s ``field`` in the workbook at ``path``."""
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    ws = load_workbook(path)[RESULTS_SHEET]
    return f"{get_column_letter(columns(ws)[field])}{rows_by_member(ws)[member_id]}"


def empty_workbook(path: Path) -> Path:
    """A valid .xlsx with one empty sheet."""
    Workbook().save(path)
    return path


def encrypted_workbook(path: Path) -> Path:
    """What Excel writes for a password-protected workbook: an OLE2 container whose directory
    names the "EncryptionInfo" and "EncryptedPackage" streams (UTF-16LE names)."""
    header = OLE_MAGIC + bytes(504)
    directory = "EncryptionInfo".encode("utf-16-le") + bytes(50)
    directory += "EncryptedPackage".encode("utf-16-le") + bytes(50)
    path.write_bytes(header + directory + bytes(1024))
    return path


def csv_text(path: Path, delimiter: str = ",") -> str:
    """The results sheet of the workbook at ``path`` as CSV text with its visible headers only."""
    import csv

    ws = load_workbook(path, data_only=True)[RESULTS_SHEET]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for index, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if index == ID_ROW:
            continue
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue()
