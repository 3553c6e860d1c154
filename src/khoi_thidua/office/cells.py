"""Small openpyxl helpers shared by the workbooks khoi writes: safe text, headers, widths."""

from __future__ import annotations

import io
from typing import Any

HEADER_FILL = "DDEBF7"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what Excel may take for a formula


def put(ws: Any, row: int, column: int, value: object, number_format: str | None = None) -> Any:
    """Write ``value`` into a cell; text is always stored as text, never as a formula."""
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        # openpyxl treats any text starting with "=" as a formula; a unit's name or a note
        # must reach Excel as typed, so the type is forced back to a string.
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            # Stored as a string, the cell is still re-read as a formula the moment someone
            # edits it in Excel; the style's quote prefix (Excel's leading ') keeps it text.
            cell.quotePrefix = True
    if number_format is not None:
        cell.number_format = number_format
    return cell


def style_header(ws: Any, row: int, columns: int, height: float = 45.0) -> None:
    """Bold, wrapped, shaded header cells with thin borders."""
    from openpyxl.styles import (  # type: ignore[import-untyped]
        Alignment,
        Border,
        Font,
        PatternFill,
        Side,
    )

    thin = Side(style="thin", color="808080")
    for column in range(1, columns + 1):
        cell = ws.cell(row=row, column=column)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.row_dimensions[row].height = height


def set_widths(ws: Any, widths: list[float]) -> None:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def fit_to_page_width(ws: Any) -> None:
    """Print on A4 landscape, every column on one page wide, header row repeated."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def column_letter(index: int) -> str:
    """Excel's name of the 1-based column ``index``: 1 → A, 27 → AA."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def workbook_bytes(wb: Any) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
