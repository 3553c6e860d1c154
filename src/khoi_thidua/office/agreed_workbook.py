"""Writes the conference workbook of a year: agreed scores with reasons, bonus and penalty points,
disqualifying criteria failed and mid-year reviews, one row per unit and item.

It is made from the plan and the scores returned so far (self-scores and the mean of the cross
scores are shown beside the cell for the agreed score), pre-filled with what scores-YEAR.toml
already records, and read back by `khoi import-scores` (office/agreed_import.py).
"""

from __future__ import annotations

from typing import Any

from khoi_thidua.model import Bloc
from khoi_thidua.office.cells import put, set_widths, style_header, workbook_bytes
from khoi_thidua.office.scoring_sheets import CONFERENCE, HEADER_ROW, write_meta
from khoi_thidua.plan import Plan
from khoi_thidua.reconciliation import Reconciliation

AGREED_SHEET = "Thống nhất"
ADJUST_SHEET = "Thưởng, trừ"
FAILED_SHEET = "Điểm liệt"
MID_YEAR_SHEET = "Sơ kết 6 tháng"
UNIT_HEADER = "Mã đơn vị"
AGREED_COLUMNS = (
    UNIT_HEADER,
    "Đơn vị",
    "Mã tiêu chí",
    "Tiêu chí",
    "Điểm tối đa",
    "Tự chấm",
    "Chấm chéo (trung bình)",
    "Điểm thống nhất",
    "Lý do trừ điểm",
)
ADJUST_COLUMNS = (UNIT_HEADER, "Đơn vị", "Loại", "Mã mục", "Mục", "Tối đa", "Điểm")
FAILED_COLUMNS = (UNIT_HEADER, "Đơn vị", "Mã tiêu chí", "Tiêu chí điểm liệt", "Hậu quả", "Vi phạm")
MID_YEAR_COLUMNS = (UNIT_HEADER, "Đơn vị", "Điểm sơ kết", "Tiến độ, ghi chú")
BONUS_WORD = "thưởng"
PENALTY_WORD = "trừ"
FAILED_MARK = "x"
# Where the conference types: (sheet, column) of each input, 1-based.
AGREED_COLUMN, REASON_COLUMN = 8, 9
POINTS_COLUMN = 7
MARK_COLUMN = 6
MID_SCORE_COLUMN, MID_NOTE_COLUMN = 3, 4


def conference_file_name(year: int) -> str:
    return f"hoi-nghi-{year}.xlsx"


def conference_workbook(bloc: Bloc, reconciliation: Reconciliation) -> bytes:
    """The conference workbook of the year: one sheet per kind of decision, pre-filled."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    plan = reconciliation.plan
    scores = reconciliation.scores
    wb = Workbook()
    ws = wb.active
    ws.title = AGREED_SHEET
    _head(ws, plan, bloc, "ĐIỂM THỐNG NHẤT TẠI HỘI NGHỊ", AGREED_COLUMNS)
    row = HEADER_ROW
    for line in reconciliation.units:
        inputs = scores.unit(line.unit)
        for criterion in line.lines:
            row += 1
            _unit_cells(ws, row, bloc, line.unit)
            put(ws, row, 3, criterion.criterion)
            found = plan.criterion(criterion.criterion)
            put(ws, row, 4, found.name if found else "")
            put(ws, row, 5, criterion.max, "0.0#")
            _number(ws, row, 6, criterion.self_score)
            _number(ws, row, 7, criterion.cross_mean)
            if inputs is not None and criterion.criterion in inputs.agreed:
                put(ws, row, AGREED_COLUMN, inputs.agreed[criterion.criterion], "0.0#")
            ws.cell(row=row, column=AGREED_COLUMN).number_format = "0.0#"
            if inputs is not None and inputs.reasons.get(criterion.criterion):
                put(ws, row, REASON_COLUMN, inputs.reasons[criterion.criterion])
    set_widths(ws, [12.0, 36.0, 16.0, 48.0, 10.0, 10.0, 12.0, 12.0, 48.0])
    _adjustments(wb.create_sheet(ADJUST_SHEET), bloc, reconciliation)
    _failed(wb.create_sheet(FAILED_SHEET), bloc, reconciliation)
    _mid_year(wb.create_sheet(MID_YEAR_SHEET), bloc, reconciliation)
    write_meta(wb, CONFERENCE, bloc.id, plan.year, bloc.id)
    return workbook_bytes(wb)


def _head(ws: Any, plan: Plan, bloc: Bloc, title: str, columns: tuple[str, ...]) -> None:
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    put(ws, 1, 1, f"{title} — NĂM {plan.year}").font = Font(bold=True, size=13)
    put(ws, 2, 1, f"Khối: {bloc.name}")
    put(ws, 3, 1, f"Kế hoạch: {plan.source}")
    for index, label in enumerate(columns, start=1):
        put(ws, HEADER_ROW, index, label)
    style_header(ws, HEADER_ROW, len(columns), height=30.0)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)


def _unit_cells(ws: Any, row: int, bloc: Bloc, unit: str) -> None:
    put(ws, row, 1, unit)
    put(ws, row, 2, bloc.member(unit).name)


def _number(ws: Any, row: int, column: int, value: object) -> None:
    if value is not None:
        put(ws, row, column, float(value), "0.0#")  # type: ignore[arg-type]


def _adjustments(ws: Any, bloc: Bloc, reconciliation: Reconciliation) -> None:
    plan = reconciliation.plan
    _head(ws, plan, bloc, "ĐIỂM THƯỞNG, ĐIỂM TRỪ", ADJUST_COLUMNS)
    row = HEADER_ROW
    for line in reconciliation.units:
        inputs = reconciliation.scores.unit(line.unit)
        for word, rules, given in (
            (BONUS_WORD, plan.bonus, inputs.bonus if inputs else {}),
            (PENALTY_WORD, plan.penalty, inputs.penalty if inputs else {}),
        ):
            for item in rules.items:
                row += 1
                _unit_cells(ws, row, bloc, line.unit)
                put(ws, row, 3, word)
                put(ws, row, 4, item.id)
                put(ws, row, 5, item.name)
                put(ws, row, 6, item.max, "0.0#")
                if item.id in given:
                    put(ws, row, POINTS_COLUMN, given[item.id], "0.0#")
    set_widths(ws, [12.0, 36.0, 10.0, 18.0, 56.0, 10.0, 10.0])


def _failed(ws: Any, bloc: Bloc, reconciliation: Reconciliation) -> None:
    plan = reconciliation.plan
    _head(ws, plan, bloc, "TIÊU CHÍ ĐIỂM LIỆT (ghi “x” nếu vi phạm)", FAILED_COLUMNS)
    row = HEADER_ROW
    for line in reconciliation.units:
        inputs = reconciliation.scores.unit(line.unit)
        for rule in plan.disqualifiers:
            row += 1
            _unit_cells(ws, row, bloc, line.unit)
            put(ws, row, 3, rule.id)
            put(ws, row, 4, rule.name)
            effect = "không xét" if rule.cap is None else f"tối đa: {rule.cap.label_vi}"
            put(ws, row, 5, effect)
            if inputs is not None and rule.id in inputs.failed:
                put(ws, row, MARK_COLUMN, FAILED_MARK)
    set_widths(ws, [12.0, 36.0, 18.0, 56.0, 30.0, 10.0])


def _mid_year(ws: Any, bloc: Bloc, reconciliation: Reconciliation) -> None:
    plan = reconciliation.plan
    _head(ws, plan, bloc, "SƠ KẾT 6 THÁNG", MID_YEAR_COLUMNS)
    reviews = dict(reconciliation.scores.mid_year)
    for row, line in enumerate(reconciliation.units, start=HEADER_ROW + 1):
        _unit_cells(ws, row, bloc, line.unit)
        review = reviews.get(line.unit)
        if review is not None and review.score is not None:
            put(ws, row, MID_SCORE_COLUMN, review.score, "0.0#")
        if review is not None and review.note:
            put(ws, row, MID_NOTE_COLUMN, review.note)
    set_widths(ws, [12.0, 36.0, 12.0, 70.0])
