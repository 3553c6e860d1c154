"""Reads a list of member units (CSV or Excel: name, short name, id) and creates a bloc folder."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from khoi_thidua import i18n
from khoi_thidua.errors import DataError, MissingInputError, Problem, UsageError, WriteError
from khoi_thidua.i18n import t
from khoi_thidua.lookup import fold
from khoi_thidua.schema.fields import nfc
from khoi_thidua.store.kinds import BLOC_FILE
from khoi_thidua.store.reading import display
from khoi_thidua.store.writing import locked, write_atomic

# Header words (folded) for each column; a list without a recognised header is read as
# name, short name, id, in that order.
HEADERS = {
    "name": {"name", "ten", "ten don vi", "don vi", "ten day du", "full name", "unit"},
    "short": {"short", "short name", "ten viet tat", "viet tat", "ky hieu"},
    "id": {"id", "ma", "ma don vi", "code"},
}
Row = tuple[str, str, str]  # (id, name, short)


def read_member_list(path: Path) -> list[Row]:
    """(id, name, short) for each unit listed in a CSV or .xlsx file; id may be ""."""
    if not path.is_file():
        raise MissingInputError(
            t("the member list {file} does not exist", file=display(path)),
            t("give a .csv or .xlsx file with a column of names and one of short names"),
        )
    suffix = path.suffix.casefold()
    if suffix == ".xlsx":
        cells = _xlsx_cells(path)
    elif suffix in {".csv", ".txt"}:
        cells = _csv_cells(path)
    else:
        raise UsageError(
            t("cannot read a member list from {file}", file=display(path)),
            t("save it as .csv (UTF-8) or .xlsx"),
        )
    return _rows(display(path), cells)


def _csv_cells(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(
            i18n.current(),
            [
                Problem(
                    display(path),
                    "",
                    t("the file is not UTF-8 text"),
                    t("save it as CSV UTF-8, or as .xlsx"),
                    code="not-utf8",
                )
            ],
        ) from None
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]


def _xlsx_cells(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise DataError(
            i18n.current(),
            [
                Problem(
                    display(path),
                    "",
                    t("the file is not an Excel workbook (.xlsx)"),
                    t("open it in Excel and save it as .xlsx, or as CSV UTF-8"),
                    code="not-a-workbook",
                )
            ],
        ) from None
    sheet = book.worksheets[0]
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def _rows(name: str, cells: list[list[str]]) -> list[Row]:
    cells = [[nfc(c.strip()) for c in row] for row in cells]
    cells = [row for row in cells if any(row)]
    if not cells:
        raise DataError(
            i18n.current(),
            [Problem(name, "", t("the member list is empty"), _list_hint(), code="no-members")],
        )
    columns = _header(cells[0])
    body = cells[1:] if columns else cells
    columns = columns or {"name": 0, "short": 1, "id": 2}
    rows: list[Row] = []
    problems: list[Problem] = []
    first_line = 2 if body is not cells else 1
    for number, row in enumerate(body, start=first_line):

        def cell(key: str, row: list[str] = row) -> str:
            index = columns.get(key)
            return row[index] if index is not None and index < len(row) else ""

        if not cell("name"):
            problems.append(
                Problem(
                    name,
                    "",
                    t("a row without a unit name"),
                    _list_hint(),
                    line=number,
                    code="row-without-unit",
                )
            )
            continue
        rows.append((cell("id"), cell("name"), cell("short")))
    if problems:
        raise DataError(i18n.current(), problems)
    return rows


def _header(row: list[str]) -> dict[str, int]:
    """Column positions when ``row`` is a header row naming at least the name column."""
    found: dict[str, int] = {}
    for index, text in enumerate(row):
        for key, words in HEADERS.items():
            if fold(text) in words and key not in found:
                found[key] = index
    return found if "name" in found else {}


def _list_hint() -> str:
    return t(
        'one unit per row: a "name" column (tên đơn vị) and a "short" column (tên viết tắt); '
        'an "id" column is optional'
    )


def create_bloc_folder(root: Path, bloc_id: str, text: str) -> Path:
    """Write ``text`` as ``root/bloc_id/bloc.toml``; never over an existing bloc or folder."""
    folder = root / bloc_id
    if (folder / BLOC_FILE).exists() or (root / BLOC_FILE).exists():
        existing = folder if (folder / BLOC_FILE).exists() else root
        raise UsageError(
            t(
                "a bloc already exists in {folder}; khoi init never overwrites one",
                folder=display(existing),
            ),
            t("choose another id with --bloc, or another --data folder"),
        )
    if folder.exists() and any(folder.iterdir()):
        raise UsageError(
            t("the folder {folder} exists and is not empty", folder=display(folder)),
            t("choose another id with --bloc, or another --data folder"),
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(
            t("cannot create {folder}: {reason}", folder=display(folder), reason=exc.strerror),
            t("check that the folder is writable"),
        ) from None
    with locked(folder):
        if (folder / BLOC_FILE).exists():  # another run was quicker
            raise UsageError(
                t(
                    "a bloc already exists in {folder}; khoi init never overwrites one",
                    folder=display(folder),
                )
            )
        write_atomic(folder / BLOC_FILE, text.encode("utf-8"))
    return folder
