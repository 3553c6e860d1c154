"""Reads an .xlsx workbook or a CSV file into plain grids of cells, refusing what is unsafe."""

from __future__ import annotations

import csv
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khoi_thidua.errors import DataError, Problem, UsageError
from khoi_thidua.i18n import t
from khoi_thidua.office.cells import column_letter
from khoi_thidua.office.columns import CONFERENCE_SHEET, RESULTS_SHEET
from khoi_thidua.store import display

MAX_ROWS = 2000  # a bloc has a few dozen members; more rows is the wrong file
MAX_COLUMNS = 200
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted OOXML file is an OLE2 container holding an "EncryptionInfo" stream; its
# directory entry names are UTF-16LE.
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
GUIDE_SHEETS = ("Hướng dẫn",)


@dataclass(frozen=True)
class Cell:
    """A cell's value as read (None when blank), where it is, and how it is formatted."""

    value: object
    ref: str  # "Kết quả!C5" in a workbook, "C5" in a CSV file
    number_format: str = "General"


@dataclass
class Grid:
    """One sheet (or a CSV file) as rows of cells, with its merged ranges."""

    name: str
    rows: list[list[Cell]]
    merged: list[tuple[int, int, str]] = field(default_factory=list)  # (first row, last, ref)

    def is_empty(self) -> bool:
        return all(is_blank(c.value) for row in self.rows for c in row)


@dataclass
class Source:
    """What an input file holds: the results grid, the conference grid and cell problems."""

    file: str
    results: Grid
    conference: Grid | None
    problems: list[Problem]


def read_source(path: Path) -> Source:
    """Read ``path`` (.xlsx or .csv) into grids, or raise a clear error naming the file."""
    name = display(path)
    data = _read_bytes(path, name)
    if data.startswith(OLE_MAGIC):
        if ENCRYPTION_STREAM in data:
            raise DataError(
                [
                    Problem(
                        name,
                        "",
                        t(
                            "the workbook is protected with a password (encrypted); khoi "
                            "cannot read it"
                        ),
                        t(
                            "open it in Excel, remove the password (File → Info → Protect "
                            "Workbook → Encrypt with Password, clear it), save, and import again"
                        ),
                    )
                ]
            )
        raise DataError(
            [
                Problem(
                    name,
                    "",
                    t("this is an old Excel 97–2003 workbook (.xls), which khoi does not read"),
                    t("open it in Excel or LibreOffice and save it as .xlsx"),
                )
            ]
        )
    if data.startswith(ZIP_MAGIC):
        return _read_workbook(data, name)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(data, name)
    if suffix in (".xlsx", ".xlsm"):
        raise DataError(
            [
                Problem(
                    name,
                    "",
                    t(
                        "the file is not an Excel workbook, although its name ends in {suffix}",
                        suffix=suffix,
                    ),
                    t(
                        "make the workbook with `khoi template`, or save the sheet from Excel "
                        "as .xlsx (or as CSV UTF-8 with a .csv name)"
                    ),
                )
            ]
        )
    raise UsageError(
        t(
            "{file}: khoi imports .xlsx workbooks and .csv files, not `{found}`",
            file=name,
            found=suffix or path.name,
        ),
        t("save the sheet as .xlsx, or as CSV UTF-8 (.csv)"),
    )


def _read_bytes(path: Path, name: str) -> bytes:
    from khoi_thidua.store.guards import read_kind
    from khoi_thidua.store.kinds import kind_named

    kind = kind_named("csv" if path.suffix.lower() == ".csv" else "workbook")
    data = read_kind(
        path,
        name,
        kind,
        t("{file} is a folder, but a workbook or CSV file was expected", file=name),
    )
    if kind.id == "csv" and data.startswith(ZIP_MAGIC):
        from khoi_thidua.store.guards import check_office

        check_office(data, name, kind_named("workbook").limits)
    if not data.strip():
        raise DataError(
            [Problem(name, "", t("the file is empty"), t("fill the sheet made by khoi template"))]
        )
    return data


def _read_workbook(data: bytes, name: str) -> Source:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it drops on load (extensions, slicers…);
            # khoi only reads values, so the warnings are noise for the user.
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(data), data_only=False, read_only=False)
    except Exception as exc:  # openpyxl raises many kinds (zip, XML, key) for a damaged file
        raise DataError(
            [
                Problem(
                    name,
                    "",
                    t(
                        "the file cannot be read as an .xlsx workbook ({error})",
                        error=type(exc).__name__,
                    ),
                    t("open it in Excel or LibreOffice and save it again as .xlsx"),
                )
            ]
        ) from None
    sheets = list(wb.worksheets)
    if not sheets:
        raise DataError([Problem(name, "", t("the workbook has no worksheet"))])
    by_name = {ws.title: ws for ws in sheets}
    results_ws = by_name.get(RESULTS_SHEET) or next(
        (ws for ws in sheets if ws.title not in (CONFERENCE_SHEET, *GUIDE_SHEETS)), sheets[0]
    )
    problems: list[Problem] = []
    results = _sheet_grid(results_ws, name, problems)
    conference_ws = by_name.get(CONFERENCE_SHEET)
    conference = None
    if conference_ws is not None and conference_ws is not results_ws:
        conference = _sheet_grid(conference_ws, name, problems)
    return Source(name, results, conference, problems)


def _sheet_grid(sheet: Any, file: str, problems: list[Problem]) -> Grid:
    title = str(sheet.title)
    if sheet.max_row > MAX_ROWS or sheet.max_column > MAX_COLUMNS:
        problems.append(
            Problem(
                file,
                f"{title}!{sheet.dimensions}",
                t(
                    "the sheet uses {rows} rows and {columns} columns; a scoring sheet has at "
                    "most {max_rows} rows and {max_columns} columns",
                    rows=sheet.max_row,
                    columns=sheet.max_column,
                    max_rows=MAX_ROWS,
                    max_columns=MAX_COLUMNS,
                ),
                t("delete the unused rows and columns, or import the right file"),
            )
        )
    rows: list[list[Cell]] = []
    for raw_row in sheet.iter_rows(
        min_row=1, max_row=min(sheet.max_row, MAX_ROWS), max_col=min(sheet.max_column, MAX_COLUMNS)
    ):
        row: list[Cell] = []
        for cell in raw_row:
            ref = f"{title}!{cell.coordinate}"
            value = cell.value
            kind = type(value).__name__
            if cell.data_type == "f" or kind in ("ArrayFormula", "DataTableFormula"):
                problems.append(
                    Problem(
                        file,
                        ref,
                        t("the cell holds a formula; khoi reads values only"),
                        t("copy the column and paste it back with Paste Special → Values"),
                    )
                )
                value = None
            elif cell.data_type == "e":
                problems.append(
                    Problem(
                        file,
                        ref,
                        t("the cell holds the error value {value}", value=value),
                        t("type the value"),
                    )
                )
                value = None
            row.append(Cell(value, ref, str(cell.number_format or "General")))
        rows.append(row)
    merged = [
        (rng.min_row, rng.max_row, f"{title}!{rng.coord}") for rng in sheet.merged_cells.ranges
    ]
    return Grid(title, rows, merged)


def _read_csv(data: bytes, name: str) -> Source:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # Excel's "CSV UTF-8" starts with a byte-order mark
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            [
                Problem(
                    name,
                    "",
                    t(
                        "the CSV file is not UTF-8 text (bad byte at position {position})",
                        position=exc.start,
                    ),
                    t("in Excel: File → Save As → CSV UTF-8 (Comma delimited)"),
                )
            ]
        ) from None
    from khoi_thidua.store.guards import check_csv
    from khoi_thidua.store.kinds import kind_named

    check_csv(text.lstrip(), name, kind_named("csv").limits)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    # Excel writes ";" where the decimal mark is a comma; pick the separator that splits the
    # header into the most columns.
    delimiter = max(
        (",", ";", "\t"), key=lambda d: len(next(csv.reader([first_line], delimiter=d)))
    )
    rows: list[list[Cell]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row_index, values in enumerate(reader, start=1):
            if row_index > MAX_ROWS:
                raise DataError(
                    [Problem(name, "", t("the CSV file has more than {rows} rows", rows=MAX_ROWS))]
                )
            rows.append(
                [
                    Cell(value if value.strip() else None, f"{column_letter(i)}{row_index}")
                    for i, value in enumerate(values[:MAX_COLUMNS], start=1)
                ]
            )
    except csv.Error as exc:
        raise DataError(
            [Problem(name, "", t("the CSV file cannot be read: {error}", error=exc))]
        ) from None
    return Source(name, Grid("", rows), None, [])


def is_blank(value: object) -> bool:
    """True for an empty cell or one holding only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())
