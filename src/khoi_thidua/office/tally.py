"""The Excel tally sheet (phiếu tổng hợp kiểm phiếu): written for the count, read back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from khoi_thidua.awards.ballot import BallotSection
from khoi_thidua.errors import DataError, MissingInputError, Problem
from khoi_thidua.i18n import Messages
from khoi_thidua.model import Bloc
from khoi_thidua.office.cells import put, set_widths, style_header, workbook_bytes

SHEET = "Kiểm phiếu"
NUMBERS = ("present", "issued", "returned", "valid", "spoiled")
TEXTS = ("counting_head", "counting_members", "secretary")
LABELS = {
    "present": "Số đơn vị thành viên có mặt",
    "issued": "Số phiếu phát ra",
    "returned": "Số phiếu thu về",
    "valid": "Số phiếu hợp lệ",
    "spoiled": "Số phiếu không hợp lệ",
    "counting_head": "Trưởng Ban kiểm phiếu",
    "counting_members": "Thành viên Ban kiểm phiếu (cách nhau bằng dấu ;)",
    "secretary": "Thư ký hội nghị",
}


def tally_workbook(
    bloc: Bloc, year: int, sections: tuple[BallotSection, ...], names: dict[str, str]
) -> bytes:
    """One sheet: the count's figures, then each award's candidates with a cell for votes."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    put(ws, 1, 1, f"Kiểm phiếu bầu suy tôn năm {year} — {bloc.name}")
    for column, label in enumerate(("Mục", "Mã", "Giá trị"), start=1):
        put(ws, 3, column, label)
    style_header(ws, 3, 3, height=20)
    row = 4
    for key in (*NUMBERS, *TEXTS):
        put(ws, row, 1, LABELS[key])
        put(ws, row, 2, key)
        row += 1
    row += 1
    header = ("Hình thức khen thưởng", "Mã hình thức", "Mã đơn vị", "Đơn vị", "Số phiếu")
    for column, label in enumerate(header, start=1):
        put(ws, row, column, label)
    style_header(ws, row, len(header), height=20)
    for section in sections:
        for member in section.candidates:
            row += 1
            put(ws, row, 1, names.get(section.award, section.award))
            put(ws, row, 2, section.award)
            put(ws, row, 3, member)
            put(ws, row, 4, bloc.member(member).name)
    set_widths(ws, [44, 16, 12, 46, 12])
    wb.properties.creator = "khoi"
    return workbook_bytes(wb)


def read_tally(
    msgs: Messages, path: Path, bloc: Bloc, year: int
) -> tuple[dict[str, object], dict[tuple[str, str], int]]:
    """The count's fields and the votes per (unit, award) of a filled tally sheet."""
    from openpyxl import load_workbook

    from khoi_thidua.store import display

    name = display(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise MissingInputError(msgs.t("{file} does not exist", file=name)) from None
    except Exception as exc:  # openpyxl raises several kinds for a file that is not .xlsx
        raise DataError(
            msgs,
            [
                Problem(
                    name,
                    "",
                    msgs.t("not an Excel workbook ({error})", error=type(exc).__name__),
                    code="not-a-workbook",
                )
            ],
        ) from None
    if SHEET not in wb.sheetnames:
        raise DataError(msgs,
            [Problem(name, "", msgs.t("no sheet «{sheet}» in the workbook", sheet=SHEET),
                     msgs.t("use the sheet written by `khoi template {year} --tally`", year=year),
                     code="missing-sheet")]
        )  # fmt: skip
    members = {m.id for m in bloc.members_in(year)}
    fields: dict[str, object] = {}
    votes: dict[tuple[str, str], int] = {}
    problems: list[Problem] = []
    for number, row in enumerate(wb[SHEET].iter_rows(values_only=True), start=1):
        cells = [*row, None, None, None, None, None][:5]
        key = cells[1]
        if key in NUMBERS and cells[2] is not None:
            value = _count(cells[2])
            if value is None:
                problems.append(_bad(msgs, name, number, "C", cells[2]))
            else:
                fields[str(key)] = value
        elif key in TEXTS and cells[2] not in (None, ""):
            text = str(cells[2]).strip()
            fields[str(key)] = (
                [part.strip() for part in text.split(";") if part.strip()]
                if key == "counting_members"
                else text
            )
        elif isinstance(key, str) and cells[2] in members and cells[4] is not None:
            value = _count(cells[4])
            if value is None:
                problems.append(_bad(msgs, name, number, "E", cells[4]))
            else:
                votes[(str(cells[2]), key)] = value
    if problems:
        raise DataError(msgs, problems)
    return fields, votes


def _count(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return value if isinstance(value, int) and value >= 0 else None


def _bad(msgs: Messages, file: str, row: int, column: str, value: Any) -> Problem:
    return Problem(
        file,
        f"{SHEET}!{column}{row}",
        msgs.t("`{value}` is not a number of ballots or votes", value=value),
        msgs.t("write a whole number, 0 or more"),
        code="wrong-type",
    )
