"""The history workbook: its three sheets' columns, and the empty template a bloc fills in."""

from __future__ import annotations

from khoi_thidua.model import Bloc, Discipline, Rating
from khoi_thidua.office.cells import (
    column_letter,
    put,
    set_widths,
    style_header,
    workbook_bytes,
)
from khoi_thidua.office.columns import DATE, DISCIPLINE, INTEGER, NUMBER, RATING, TEXT
from khoi_thidua.records import record

YEARS_SHEET = "Kết quả các năm"
LEADERSHIP_SHEET = "Trưởng khối các năm"
FORMER_SHEET = "Đơn vị đã rời khối"
GUIDE_SHEET = "Hướng dẫn"
SPARE_ROWS = 200  # drop-down lists cover this many rows
DATE_FORMAT = "dd/mm/yyyy"


@record
class HistoryColumn:
    """One column of a history sheet: the key it fills, its header and its kind of value."""

    field: str
    label: str
    kind: str
    required: bool = False
    width: float = 14.0


YEARS_COLUMNS = (
    HistoryColumn("year", "Năm", INTEGER, True, 8),
    HistoryColumn("member", "Mã đơn vị", TEXT, True, 12),
    HistoryColumn("rating", "Mức độ hoàn thành nhiệm vụ", RATING, False, 30),
    HistoryColumn("score", "Điểm (nếu có)", NUMBER, False, 10),
    HistoryColumn("discipline", "Kỷ luật", DISCIPLINE, False, 16),
    HistoryColumn("award", "Hình thức khen thưởng được tặng", TEXT, False, 30),
    HistoryColumn("decision", "Số quyết định", TEXT, False, 18),
    HistoryColumn("date", "Ngày quyết định", DATE, False, 14),
    HistoryColumn("issuer", "Cơ quan quyết định", TEXT, False, 24),
    HistoryColumn("note", "Ghi chú", TEXT, False, 30),
)
LEADERSHIP_COLUMNS = (
    HistoryColumn("year", "Năm", INTEGER, True, 8),
    HistoryColumn("chair", "Trưởng khối (mã đơn vị)", TEXT, True, 22),
    HistoryColumn("vice_chair", "Phó khối (mã đơn vị)", TEXT, False, 22),
    HistoryColumn("note", "Ghi chú", TEXT, False, 40),
)
FORMER_COLUMNS = (
    HistoryColumn("id", "Mã đơn vị", TEXT, True, 12),
    HistoryColumn("name", "Tên đơn vị", TEXT, True, 40),
    HistoryColumn("short", "Tên viết tắt", TEXT, False, 12),
    HistoryColumn("joined", "Năm vào khối (nếu biết)", INTEGER, False, 12),
    HistoryColumn("left", "Năm đầu tiên không còn trong khối", INTEGER, True, 14),
    HistoryColumn("merged_into", "Sáp nhập vào (mã đơn vị)", TEXT, False, 16),
    HistoryColumn("note", "Ghi chú", TEXT, False, 30),
)
SHEETS = (
    (YEARS_SHEET, YEARS_COLUMNS),
    (LEADERSHIP_SHEET, LEADERSHIP_COLUMNS),
    (FORMER_SHEET, FORMER_COLUMNS),
)

GUIDE_LINES = (
    "Lịch sử thi đua của {bloc} — nhập một lần, trước năm đầu tiên dùng khoi",
    "",
    "1. «Kết quả các năm»: mỗi dòng một đơn vị trong một năm: năm, mã đơn vị, mức độ hoàn "
    "thành nhiệm vụ; điểm nếu còn lưu; kỷ luật nếu có.",
    "   Hình thức khen thưởng đã được tặng: ghi tên (vd. Cờ thi đua của UBND tỉnh) hoặc mã, "
    "cùng số, ngày và cơ quan ra quyết định.",
    "   Đơn vị được hai hình thức trong một năm: thêm một dòng chỉ có năm, mã đơn vị và "
    "hình thức thứ hai.",
    "2. «Trưởng khối các năm»: mỗi năm một dòng: mã đơn vị Trưởng khối và Phó khối.",
    "3. «Đơn vị đã rời khối»: đơn vị không còn trong khối (giải thể, sáp nhập, chuyển khối): "
    "mã, tên, năm đầu tiên không còn trong khối, đơn vị được sáp nhập vào.",
    "4. Mã đơn vị hiện có: {members}",
    "5. Không dùng công thức và không gộp ô.",
    "6. Nhập vào khoi: khoi import-history <tệp này>",
)


def history_template(bloc: Bloc) -> bytes:
    """The empty history workbook for ``bloc``: three sheets with headers and drop-downs."""
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.worksheet.datavalidation import (  # type: ignore[import-untyped]
        DataValidation,
    )

    wb = Workbook()
    wb.remove(wb.active)
    for title, columns in SHEETS:
        ws = wb.create_sheet(title)
        for index, column in enumerate(columns, start=1):
            put(ws, 1, index, column.label)
            if column.kind == DATE:
                for row in range(2, SPARE_ROWS + 2):
                    ws.cell(row=row, column=index).number_format = DATE_FORMAT
        style_header(ws, 1, len(columns))
        set_widths(ws, [c.width for c in columns])
        ws.freeze_panes = "A2"
        for index, column in enumerate(columns, start=1):
            choices = _choices(column.kind)
            if choices:
                rule = DataValidation(type="list", formula1=f'"{",".join(choices)}"')
                letter = column_letter(index)
                rule.add(f"{letter}2:{letter}{SPARE_ROWS + 1}")
                ws.add_data_validation(rule)
    guide = wb.create_sheet(GUIDE_SHEET)
    members = ", ".join(f"{m.id} ({m.label})" for m in bloc.members)
    for row, line in enumerate(GUIDE_LINES, start=1):
        put(guide, row, 1, line.format(bloc=bloc.name, members=members))
    guide.column_dimensions["A"].width = 110
    return workbook_bytes(wb)


def _choices(kind: str) -> list[str]:
    if kind == RATING:
        return [r.label_vi for r in Rating]
    if kind == DISCIPLINE:
        return [d.label_vi for d in Discipline]
    return []
