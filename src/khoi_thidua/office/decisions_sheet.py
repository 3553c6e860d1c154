"""Reads a list of awards granted (the People's Committee's decision, one row per unit) from a
workbook or CSV file into rows, each located by its cell, or says which cells are wrong."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from khoi_thidua.app.grants import DecisionRow
from khoi_thidua.errors import DataError, Problem, UsageError
from khoi_thidua.i18n import Messages
from khoi_thidua.lookup import fold
from khoi_thidua.office.cells import column_letter
from khoi_thidua.office.grids import MAX_COLUMNS, MAX_ROWS, OLE_MAGIC, ZIP_MAGIC
from khoi_thidua.office.values import text_of

SHEET_NAME = "Quyết định"
# Each field and the headers people write for it (compared folded: no diacritics, no case).
HEADERS: dict[str, tuple[str, ...]] = {
    "decision": ("số quyết định", "quyết định", "số qđ", "decision"),
    "date": ("ngày quyết định", "ngày", "ngày ký", "date"),
    "issuer": ("cấp quyết định", "người ký", "cơ quan quyết định", "issuer"),
    "award": ("hình thức khen thưởng", "hình thức", "danh hiệu", "award"),
    "unit": ("đơn vị", "tên đơn vị", "tập thể", "unit", "member"),
    "bloc": ("khối thi đua", "khối", "cụm thi đua", "bloc"),
}
REQUIRED = ("decision", "date", "award", "unit")
HEADER_SEARCH_ROWS = 10  # a title or a blank line may stand above the header row


def read_decisions(msgs: Messages, path: Path, display_name: str) -> list[DecisionRow]:
    """The rows of the decision list in ``path`` (.xlsx or .csv); every problem at once."""
    from khoi_thidua.store.guards import check_csv, check_office, read_kind
    from khoi_thidua.store.kinds import kind_named

    # The same guards as every workbook and CSV sheet khoi reads: a regular file, its size,
    # and the zip's or the first line's limits checked before a parser sees the bytes.
    kind = kind_named("csv" if path.suffix.lower() == ".csv" else "workbook")
    data = read_kind(
        path,
        display_name,
        kind,
        msgs.t("{file} is a folder, but a workbook or CSV file was expected", file=display_name),
    )
    if data.startswith(ZIP_MAGIC):
        check_office(data, display_name, kind_named("workbook").limits)
    elif kind.id == "csv":
        check_csv(data.decode("utf-8-sig", errors="replace"), display_name, kind.limits)
    if data.startswith(OLE_MAGIC):
        raise DataError(
            msgs,
            [
                Problem(
                    display_name,
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
        grid, sheet = _workbook_grid(msgs, data, display_name)
    elif path.suffix.lower() == ".csv":
        grid, sheet = _csv_grid(msgs, data, display_name), ""
    else:
        raise UsageError(
            msgs.t(
                "{file}: khoi imports .xlsx workbooks and .csv files, not `{found}`",
                file=display_name,
                found=path.suffix or path.name,
            ),
            msgs.t("save the sheet as .xlsx, or as CSV UTF-8 (.csv)"),
        )
    return _rows(msgs, grid, sheet, display_name)


def _workbook_grid(msgs: Messages, data: bytes, name: str) -> tuple[list[list[object]], str]:
    import warnings

    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise DataError(
            msgs,
            [
                Problem(
                    name,
                    "",
                    msgs.t("the workbook cannot be opened: it is damaged or not an Excel file"),
                    msgs.t("open it in Excel or LibreOffice and save it again as .xlsx"),
                    code="not-a-workbook",
                )
            ],
        ) from None
    try:
        sheet = book[SHEET_NAME] if SHEET_NAME in book.sheetnames else book.worksheets[0]
        rows: list[list[object]] = []
        for index, row in enumerate(sheet.iter_rows(values_only=True)):
            if index >= MAX_ROWS:
                raise DataError(
                    msgs,
                    [
                        Problem(
                            name,
                            "",
                            msgs.t("the sheet has more than {rows} rows", rows=MAX_ROWS),
                            code="sheet-too-large",
                        )
                    ],
                )
            rows.append(list(row[:MAX_COLUMNS]))
        return rows, sheet.title
    finally:
        book.close()


def _csv_grid(msgs: Messages, data: bytes, name: str) -> list[list[object]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(
            msgs,
            [
                Problem(
                    name,
                    "",
                    msgs.t("the file is not UTF-8 text"),
                    msgs.t("save it as CSV UTF-8"),
                    code="not-utf8",
                )
            ],
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows: list[list[object]] = []
    for index, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter)):
        if index >= MAX_ROWS:
            raise DataError(
                msgs,
                [
                    Problem(
                        name,
                        "",
                        msgs.t("the sheet has more than {rows} rows", rows=MAX_ROWS),
                        code="sheet-too-large",
                    )
                ],
            )
        rows.append(list(row[:MAX_COLUMNS]))
    return rows


def _field_of(header: object) -> str | None:
    folded = fold(text_of(header)) if header is not None else ""
    for field, names in HEADERS.items():
        if folded in {fold(n) for n in names}:
            return field
    return None


def _rows(msgs: Messages, grid: list[list[object]], sheet: str, name: str) -> list[DecisionRow]:
    prefix = f"{sheet}!" if sheet else ""
    header_index, columns = _header(grid)
    missing = [f for f in REQUIRED if f not in columns]
    if header_index is None or missing:
        wanted = ", ".join(f"«{HEADERS[f][0]}»" for f in missing or REQUIRED)
        raise DataError(
            msgs,
            [
                Problem(
                    name,
                    "",
                    msgs.t("no header row with the columns {columns}", columns=wanted),
                    msgs.t(
                        "the first rows of the sheet must hold the headers: «Số quyết định», "
                        "«Ngày quyết định», «Cấp quyết định», «Hình thức khen thưởng», «Đơn vị», "
                        "«Khối thi đua»"
                    ),
                    code="missing-header",
                )
            ],
        )
    problems: list[Problem] = []
    rows: list[DecisionRow] = []
    for number, row in enumerate(grid[header_index + 1 :], start=header_index + 2):
        values = {f: _cell(row, c) for f, c in columns.items()}
        if all(not text_of(v) for v in values.values() if v is not None):
            continue
        texts = {f: text_of(v) if v is not None else "" for f, v in values.items()}
        for field in REQUIRED:
            if not texts[field]:
                ref = f"{prefix}{column_letter(columns[field] + 1)}{number}"
                problems.append(
                    Problem(
                        f"{name} [{ref}]",
                        "",
                        msgs.t("«{column}» is empty", column=HEADERS[field][0]),
                        msgs.t("fill it in, or delete the row"),
                        code="empty-cell",
                    )
                )
        iso = _iso_date(values.get("date"))
        if texts["date"] and iso is None:
            ref = f"{prefix}{column_letter(columns['date'] + 1)}{number}"
            problems.append(
                Problem(
                    f"{name} [{ref}]",
                    "",
                    msgs.t("{value} is not a date", value=repr(texts["date"])),
                    msgs.t("type the date as dd/mm/yyyy, e.g. 07/01/2022"),
                    code="bad-date",
                )
            )
        rows.append(
            DecisionRow(
                where=f"{name} [{prefix}{number}]",
                decision=texts["decision"],
                date=iso or "",
                issuer=texts.get("issuer", ""),
                award=texts["award"],
                unit=texts["unit"],
                bloc=texts.get("bloc", ""),
            )
        )
    if problems:
        raise DataError(msgs, problems)
    if not rows:
        raise DataError(
            msgs, [Problem(name, "", msgs.t("the sheet lists no awarded unit"), code="empty-sheet")]
        )
    return rows


def _header(grid: list[list[object]]) -> tuple[int | None, dict[str, int]]:
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for column, value in enumerate(row):
            field = _field_of(value)
            if field is not None and field not in columns:
                columns[field] = column
        if "unit" in columns and "award" in columns:
            return index, columns
    return None, {}


def _cell(row: list[object], column: int) -> object:
    return row[column] if column < len(row) else None


def _iso_date(value: object) -> str | None:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = text_of(value) if value is not None else ""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return None
