"""Reads an .xlsx workbook or a CSV file into plain grids of cells, refusing what is unsafe."""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khoi_thidua.errors import DataError, Problem, UsageError
from khoi_thidua.i18n import Messages
from khoi_thidua.office.cells import column_letter
from khoi_thidua.office.columns import CONFERENCE_SHEET, RESULTS_SHEET
from khoi_thidua.records import record
from khoi_thidua.store import display

MAX_ROWS = 2000  # a bloc has a few dozen members; more rows is the wrong file
MAX_COLUMNS = 200
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted OOXML file is an OLE2 container holding an "EncryptionInfo" stream (UTF-16LE).
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
GUIDE_SHEETS = ("Hướng dẫn",)


@record
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


def read_source(msgs: Messages, path: Path) -> Source:
    """Read ``path`` (.xlsx or .csv) into grids, or raise a clear error naming the file."""
    name = display(path)
    data = _read_bytes(msgs, path, name)
    if data.startswith(OLE_MAGIC):
        if ENCRYPTION_STREAM in data:
            raise DataError(
                msgs,
                [
                    Problem(
                        name,
                        "",
                        msgs.t(
                            "the workbook is protected with a password (encrypted); khoi "
                            "cannot read it"
                        ),
                        msgs.t(
                            "open it in Excel, remove the password (File → Info → Protect "
                            "Workbook → Encrypt with Password, clear it), save, and import again"
                        ),
                        code="encrypted-workbook",
                    )
                ],
            )
        raise DataError(
            msgs,
            [
                Problem(
                    name,
                    "",
                    msgs.t(
                        "this is an old Excel 97–2003 workbook (.xls), which khoi does not read"
                    ),
                    msgs.t("open it in Excel or LibreOffice and save it as .xlsx"),
                    code="old-excel-format",
                )
            ],
        )
    if data.startswith(ZIP_MAGIC):
        source: Source = _read_workbook(msgs, data, name)
        return source
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(msgs, data, name)
    if suffix in (".xlsx", ".xlsm"):
        raise DataError(
            msgs,
            [
                Problem(
                    name,
                    "",
                    msgs.t(
                        "the file is not an Excel workbook, although its name ends in {suffix}",
                        suffix=suffix,
                    ),
                    msgs.t(
                        "make the workbook with `khoi template`, or save the sheet from Excel "
                        "as .xlsx (or as CSV UTF-8 with a .csv name)"
                    ),
                    code="not-a-workbook",
                )
            ],
        )
    raise UsageError(
        msgs.t(
            "{file}: khoi imports .xlsx workbooks and .csv files, not `{found}`",
            file=name,
            found=suffix or path.name,
        ),
        msgs.t("save the sheet as .xlsx, or as CSV UTF-8 (.csv)"),
    )


def _read_bytes(msgs: Messages, path: Path, name: str) -> bytes:
    from khoi_thidua.store.guards import read_kind
    from khoi_thidua.store.kinds import kind_named

    kind = kind_named("csv" if path.suffix.lower() == ".csv" else "workbook")
    data = read_kind(
        path,
        name,
        kind,
        msgs.t("{file} is a folder, but a workbook or CSV file was expected", file=name),
    )
    if kind.id == "csv" and data.startswith(ZIP_MAGIC):
        from khoi_thidua.store.guards import check_office

        check_office(data, name, kind_named("workbook").limits)
    if not data.strip():
        raise DataError(
            msgs,
            [
                Problem(
                    name,
                    "",
                    msgs.t("the file is empty"),
                    msgs.t("fill the sheet made by khoi template"),
                    code="empty-file",
                )
            ],
        )
    return data


def read_sheets(msgs: Messages, path: Path) -> tuple[str, list[Grid], list[Problem]]:
    """Every sheet of the .xlsx workbook at ``path`` as a grid; any other file is refused."""
    name = display(path)
    data = _read_bytes(msgs, path, name)
    if not data.startswith(ZIP_MAGIC):
        read_source(msgs, path)  # raises why the file is no workbook, unless it is a CSV file
        raise UsageError(
            msgs.t("{file}: this import reads an .xlsx workbook of several sheets", file=name),
            msgs.t("save the file from Excel or LibreOffice as .xlsx"),
        )
    problems: list[Problem] = []

    def every_sheet(wb: Any, data: bytes, name: str) -> list[Grid]:
        return [_sheet_grid(msgs, ws, data, name, problems) for ws in wb.worksheets]

    grids = _read_workbook(msgs, data, name, every_sheet)
    return name, grids, problems


def _read_workbook(msgs: Messages, data: bytes, name: str, build: Any = None) -> Any:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it drops on load (extensions, slicers…);
            # khoi only reads values, so the warnings are noise for the user.
            warnings.simplefilter("ignore")
            # Read-only mode streams each sheet: memory stays small whatever the sheet's size,
            # and no more than MAX_ROWS rows are ever turned into cells.
            wb = load_workbook(io.BytesIO(data), data_only=False, read_only=True)
            try:
                return build(wb, data, name) if build else _workbook_source(msgs, wb, data, name)
            finally:
                wb.close()
    except DataError:
        raise
    except Exception as exc:  # openpyxl raises many kinds (zip, XML, key) for a damaged file
        raise DataError(
            msgs,
            [
                Problem(
                    name,
                    "",
                    msgs.t(
                        "the file cannot be read as an .xlsx workbook ({error})",
                        error=type(exc).__name__,
                    ),
                    msgs.t("open it in Excel or LibreOffice and save it again as .xlsx"),
                    code="not-a-workbook",
                )
            ],
        ) from None


def _workbook_source(msgs: Messages, wb: Any, data: bytes, name: str) -> Source:
    sheets = list(wb.worksheets)
    if not sheets:
        empty = Problem(name, "", msgs.t("the workbook has no worksheet"), code="missing-sheet")
        raise DataError(msgs, [empty])
    by_name = {ws.title: ws for ws in sheets}
    results_ws = by_name.get(RESULTS_SHEET) or next(
        (ws for ws in sheets if ws.title not in (CONFERENCE_SHEET, *GUIDE_SHEETS)), sheets[0]
    )
    problems: list[Problem] = []
    results = _sheet_grid(msgs, results_ws, data, name, problems)
    conference_ws = by_name.get(CONFERENCE_SHEET)
    conference = None
    if conference_ws is not None and conference_ws is not results_ws:
        conference = _sheet_grid(msgs, conference_ws, data, name, problems)
    return Source(name, results, conference, problems)


_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]+)(\d+):([A-Z]+)(\d+)\"")


def _merged_ranges(sheet: Any, data: bytes, title: str) -> list[tuple[int, int, str]]:
    """The merged ranges of a sheet, read from its XML (read-only sheets do not keep them)."""
    part = getattr(sheet, "_worksheet_path", None)
    if not isinstance(part, str):
        return []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(part.lstrip("/"))
    return [
        (
            int(m.group(2)),
            int(m.group(4)),
            f"{title}!{m.group(1).decode()}{m.group(2).decode()}"
            f":{m.group(3).decode()}{m.group(4).decode()}",
        )
        for m in _MERGE.finditer(xml)
    ]


def _sheet_grid(
    msgs: Messages, sheet: Any, data: bytes, file: str, problems: list[Problem]
) -> Grid:
    title = str(sheet.title)
    # The stored dimension may be missing or wrong; measure the sheet by streaming it.
    sheet.reset_dimensions()
    try:
        sheet.calculate_dimension(force=True)
        max_row, max_column = sheet.max_row or 0, sheet.max_column or 0
    except NameError:  # openpyxl's measure of a sheet without a single row (UnboundLocalError)
        max_row = max_column = 0
    if max_row > MAX_ROWS or max_column > MAX_COLUMNS:
        problems.append(
            Problem(
                file,
                f"{title}!A1:{column_letter(max(max_column, 1))}{max(max_row, 1)}",
                msgs.t(
                    "the sheet uses {rows} rows and {columns} columns; a scoring sheet has at "
                    "most {max_rows} rows and {max_columns} columns",
                    rows=max_row,
                    columns=max_column,
                    max_rows=MAX_ROWS,
                    max_columns=MAX_COLUMNS,
                ),
                msgs.t("delete the unused rows and columns, or import the right file"),
                code="sheet-too-large",
            )
        )
    rows: list[list[Cell]] = []
    if max_row and max_column:
        raw_rows = sheet.iter_rows(
            min_row=1, max_row=min(max_row, MAX_ROWS), max_col=min(max_column, MAX_COLUMNS)
        )
        for row_index, raw_row in enumerate(raw_rows, start=1):
            rows.append(
                [
                    _cell(msgs, cell, f"{title}!{column_letter(col)}{row_index}", file, problems)
                    for col, cell in enumerate(raw_row, start=1)
                ]
            )
    return Grid(title, rows, _merged_ranges(sheet, data, title))


def _cell(msgs: Messages, cell: Any, ref: str, file: str, problems: list[Problem]) -> Cell:
    value = cell.value
    kind = type(value).__name__
    data_type = getattr(cell, "data_type", "n")
    if data_type == "f" or kind in ("ArrayFormula", "DataTableFormula"):
        problems.append(
            Problem(
                file,
                ref,
                msgs.t("the cell holds a formula; khoi reads values only"),
                msgs.t("copy the column and paste it back with Paste Special → Values"),
                code="formula-cell",
            )
        )
        value = None
    elif data_type == "e":
        problems.append(
            Problem(
                file,
                ref,
                msgs.t("the cell holds the error value {value}", value=value),
                msgs.t("type the value"),
                code="error-cell",
            )
        )
        value = None
    return Cell(value, ref, str(getattr(cell, "number_format", None) or "General"))


def _read_csv(msgs: Messages, data: bytes, name: str) -> Source:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # Excel's "CSV UTF-8" starts with a byte-order mark
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            msgs,
            [
                Problem(
                    name,
                    "",
                    msgs.t(
                        "the CSV file is not UTF-8 text (bad byte at position {position})",
                        position=exc.start,
                    ),
                    msgs.t("in Excel: File → Save As → CSV UTF-8 (Comma delimited)"),
                    code="not-utf8",
                )
            ],
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
                    msgs,
                    [
                        Problem(
                            name,
                            "",
                            msgs.t("the CSV file has more than {rows} rows", rows=MAX_ROWS),
                            code="sheet-too-large",
                        )
                    ],
                )
            rows.append(
                [
                    Cell(value if value.strip() else None, f"{column_letter(i)}{row_index}")
                    for i, value in enumerate(values[:MAX_COLUMNS], start=1)
                ]
            )
    except csv.Error as exc:
        raise DataError(
            msgs,
            [
                Problem(
                    name,
                    "",
                    msgs.t("the CSV file cannot be read: {error}", error=exc),
                    code="bad-csv",
                )
            ],
        ) from None
    return Source(name, Grid("", rows), None, [])


def is_blank(value: object) -> bool:
    """True for an empty cell or one holding only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())
