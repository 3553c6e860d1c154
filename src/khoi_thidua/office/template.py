"""Builds the scoring workbook a bloc fills in: members pre-filled, drop-downs, checked numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from khoi_thidua.awards.rules import AwardRule
from khoi_thidua.model import Bloc, Discipline, MemberResult, Rating, YearResults
from khoi_thidua.office.cells import (
    column_letter,
    fit_to_page_width,
    put,
    set_widths,
    style_header,
    workbook_bytes,
)
from khoi_thidua.office.columns import (
    BOOLEAN,
    CONFERENCE_FIELDS,
    CONFERENCE_SHEET,
    DATE,
    DISCIPLINE,
    INTEGER,
    NO,
    NUMBER,
    PERCENT,
    RATING,
    RESULTS_SHEET,
    YES,
    Column,
    results_columns,
)

HEADER_ROW = 1
ID_ROW = 2  # hidden: the field id of each column, which import reads first
FIRST_DATA_ROW = 3
SPARE_ROWS = 20  # validation also covers a few rows below the members, for a unit added late
GUIDE_SHEET = "Hướng dẫn"
DATE_FORMAT = "dd/mm/yyyy"

GUIDE_LINES = (
    "Bảng kết quả thi đua năm {year} — {bloc}",
    "",
    "1. Điền kết quả của từng đơn vị vào trang «Kết quả»; không sửa cột «Mã đơn vị».",
    "2. Điểm, số phiếu và số người là số; chọn mức độ hoàn thành và kỷ luật trong danh sách.",
    "3. Số phiếu bầu: nhập 0 cho đơn vị không được phiếu nào; để trống cả hàng phiếu bầu "
    "nghĩa là chưa ghi nhận phiếu.",
    "4. Ghi ngày, địa điểm, số phiếu thu về và số đại biểu vào trang «Hội nghị».",
    "5. Không dùng công thức và không gộp ô; dán giá trị (Paste Values) nếu chép từ bảng khác.",
    "6. Nhập vào khoi: khoi import-results {year} <tệp này>",
)


def template_workbook(
    bloc: Bloc,
    year: int,
    awards: Sequence[AwardRule],
    results: YearResults | None = None,
) -> bytes:
    """The .xlsx scoring workbook of ``bloc`` for ``year``, pre-filled from ``results`` if given."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    wb = Workbook()
    ws = wb.active
    ws.title = RESULTS_SHEET
    columns = results_columns(bloc, awards)
    _results_sheet(ws, bloc, year, columns, results)
    _conference_sheet(wb.create_sheet(CONFERENCE_SHEET), bloc, year, results)
    _guide_sheet(wb.create_sheet(GUIDE_SHEET), bloc, year)
    wb.properties.title = f"Kết quả thi đua năm {year} — {bloc.name}"
    wb.properties.creator = "khoi"
    return workbook_bytes(wb)


def _results_sheet(
    ws: Any, bloc: Bloc, year: int, columns: list[Column], results: YearResults | None
) -> None:
    for index, column in enumerate(columns, start=1):
        put(ws, HEADER_ROW, index, column.label)
        put(ws, ID_ROW, index, column.field)
    style_header(ws, HEADER_ROW, len(columns))
    ws.row_dimensions[ID_ROW].hidden = True
    members = bloc.members_in(year)
    for offset, member in enumerate(members):
        row = FIRST_DATA_ROW + offset
        result = results.result_for(member.id) if results is not None else None
        for index, column in enumerate(columns, start=1):
            value = _prefill(column, member.id, member.name, result)
            number_format = "0.##" if column.kind in (NUMBER, PERCENT) else None
            put(ws, row, index, value, number_format)
    last_row = FIRST_DATA_ROW + len(members) + SPARE_ROWS - 1
    for index, column in enumerate(columns, start=1):
        validation = _validation(column)
        if validation is not None:
            letter = column_letter(index)
            validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}")
            ws.add_data_validation(validation)
    set_widths(ws, [c.width for c in columns])
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=3)
    fit_to_page_width(ws)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"


def _prefill(column: Column, member_id: str, name: str, result: MemberResult | None) -> object:
    if column.field == "member":
        return member_id
    if column.field == "name":
        return name
    if result is None:
        return None
    field = column.field
    simple: dict[str, object] = {
        "score": result.score,
        "self_score": result.self_score,
        "rating": result.rating.label_vi,
        "discipline": (
            None if result.discipline is Discipline.NONE else result.discipline.label_vi
        ),
        "discipline_note": result.discipline_note or None,
        "note": result.note or None,
    }
    if field in simple:
        return simple[field]
    if field.startswith("criteria."):
        return dict(result.criteria).get(field.removeprefix("criteria."))
    if field.startswith("votes."):
        if not result.votes_recorded:
            return None
        return result.votes_for(field.removeprefix("votes.")) or 0
    staff = result.staff
    if staff is None:
        return None
    staff_values: dict[str, object] = {
        "staff.count": staff.count,
        "staff.advanced_share": round(staff.advanced_share * 100, 6),
        "staff.all_completed": YES if staff.all_completed else NO,
        "staff.has_base_soldier": YES if staff.has_base_soldier else NO,
    }
    return staff_values.get(field)


def _validation(column: Column) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

    low = column.minimum
    high = column.maximum
    if column.kind in (NUMBER, PERCENT, INTEGER):
        kind = "whole" if column.kind == INTEGER else "decimal"
        what = "số nguyên" if column.kind == INTEGER else "số"
        if high is not None:
            rule = DataValidation(
                type=kind, operator="between", formula1=f"{low or 0:g}", formula2=f"{high:g}"
            )
            message = f"Nhập một {what} từ {low or 0:g} đến {high:g}."
        else:
            rule = DataValidation(
                type=kind, operator="greaterThanOrEqual", formula1=f"{low or 0:g}"
            )
            message = f"Nhập một {what} không nhỏ hơn {low or 0:g}."
    elif column.kind in (RATING, DISCIPLINE, BOOLEAN):
        rule = DataValidation(type="list", formula1='"' + ",".join(_choices(column.kind)) + '"')
        message = "Chọn một giá trị trong danh sách."
    else:
        return None
    rule.allow_blank = True
    rule.showErrorMessage = True
    rule.errorTitle = "Giá trị không hợp lệ"
    rule.error = message
    return rule


def _choices(kind: str) -> list[str]:
    if kind == RATING:
        return [r.label_vi for r in Rating]
    if kind == DISCIPLINE:
        return [d.label_vi for d in Discipline]
    return [YES, NO]


def _conference_sheet(ws: Any, bloc: Bloc, year: int, results: YearResults | None) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    put(ws, 1, 1, "field")
    put(ws, 1, 2, "Nội dung")
    put(ws, 1, 3, "Giá trị")
    style_header(ws, 1, 3, height=20)
    values: dict[str, object] = {"bloc": bloc.id, "year": year}
    if results is not None:
        values.update(
            date=dt.date.fromisoformat(results.conference_date)
            if results.conference_date
            else None,
            place=results.conference_place or None,
            ballots=results.ballots,
            attendees=results.attendees,
        )
    for row, item in enumerate(CONFERENCE_FIELDS, start=2):
        put(ws, row, 1, item.field)
        put(ws, row, 2, item.label)
        put(ws, row, 3, values.get(item.field), DATE_FORMAT if item.kind == DATE else None)
        if item.kind == INTEGER and item.minimum is not None:
            rule = DataValidation(
                type="whole", operator="greaterThanOrEqual", formula1=f"{item.minimum:g}"
            )
        elif item.kind == DATE:
            rule = DataValidation(type="date", operator="greaterThan", formula1="1")
        else:
            continue
        rule.allow_blank = True
        rule.showErrorMessage = True
        rule.errorTitle = "Giá trị không hợp lệ"
        rule.error = "Nhập ngày (dd/mm/yyyy)." if item.kind == DATE else "Nhập một số nguyên."
        rule.add(f"C{row}")
        ws.add_data_validation(rule)
    ws.column_dimensions["A"].hidden = True
    set_widths(ws, [10, 36, 30])
    ws.freeze_panes = "A2"


def _guide_sheet(ws: Any, bloc: Bloc, year: int) -> None:
    for row, line in enumerate(GUIDE_LINES, start=1):
        put(ws, row, 1, line.format(year=year, bloc=bloc.name))
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    ws["A1"].font = Font(bold=True, size=13)
    set_widths(ws, [110])
