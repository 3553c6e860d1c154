"""Writes the year's scoring workbooks: one self-scoring workbook per unit, one per cross-scorer.

Each workbook carries a small hidden sheet (`khoi`) saying what it is (self or cross), for
which bloc, year and unit or scorer, so that `khoi import-scores` can take a whole folder of
returned files and know each one without trusting its file name.
"""

from __future__ import annotations

from typing import Any

from khoi_thidua.model import Bloc
from khoi_thidua.office.cells import put, set_widths, style_header, workbook_bytes
from khoi_thidua.plan import Plan

META_SHEET = "khoi"
SELF_SHEET = "Tự chấm"
PLEDGE_SHEET = "Đăng ký"
SELF = "self"
CROSS = "cross"
PLEDGE = "pledge"
CONFERENCE = "conference"  # the conference's workbook: office/agreed_workbook.py
HEADER_ROW = 5
ID_HEADER = "Mã tiêu chí"
SELF_COLUMNS = ("Mã tiêu chí", "Nhóm", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Minh chứng")
CROSS_COLUMNS = ("Mã tiêu chí", "Nhóm", "Tiêu chí", "Điểm tối đa", "Điểm chấm", "Ghi chú")
SCORE_COLUMN = 5  # E
TEXT_COLUMN = 6  # F: evidence (self) or note (cross)
WIDTHS = [16.0, 8.0, 60.0, 12.0, 14.0, 50.0]
PLEDGE_COLUMNS = ("Mã chỉ tiêu", "Chỉ tiêu của Khối", "Đơn vị đăng ký")
PLEDGE_COLUMN = 3  # C: what the unit registers
PLEDGE_WIDTHS = [22.0, 60.0, 60.0]


def self_file_name(unit: str, year: int) -> str:
    return f"tu-cham-{unit}-{year}.xlsx"


def cross_file_name(scorer: str, year: int) -> str:
    return f"cham-cheo-{scorer}-{year}.xlsx"


def pledge_file_name(unit: str, year: int) -> str:
    return f"dang-ky-{unit}-{year}.xlsx"


def pledge_workbook(bloc: Bloc, plan: Plan, unit: str) -> bytes:
    """The workbook where ``unit`` registers its own figure for each target of the pledge."""
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]

    wb = Workbook()
    ws = wb.active
    ws.title = PLEDGE_SHEET
    put(ws, 1, 1, f"ĐĂNG KÝ CHỈ TIÊU GIAO ƯỚC THI ĐUA NĂM {plan.year}").font = Font(
        bold=True, size=13
    )
    put(ws, 2, 1, f"Đơn vị: {bloc.member(unit).name} ({unit})").font = Font(bold=True)
    put(ws, 3, 1, f"Khối: {bloc.name}")
    for index, label in enumerate(PLEDGE_COLUMNS, start=1):
        put(ws, HEADER_ROW, index, label)
    style_header(ws, HEADER_ROW, len(PLEDGE_COLUMNS), height=30.0)
    for row, target in enumerate(plan.pledge.targets, start=HEADER_ROW + 1):
        put(ws, row, 1, target.id)
        put(ws, row, 2, target.text).alignment = Alignment(wrap_text=True)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    set_widths(ws, PLEDGE_WIDTHS)
    _meta(wb, PLEDGE, bloc.id, plan.year, unit)
    return workbook_bytes(wb)


def self_workbook(bloc: Bloc, plan: Plan, unit: str) -> bytes:
    """The self-scoring workbook of ``unit``: every criterion, its maximum, score and evidence."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = SELF_SHEET
    name = bloc.member(unit).name
    _table(
        ws,
        plan,
        f"PHIẾU TỰ CHẤM ĐIỂM THI ĐUA NĂM {plan.year}",
        f"Đơn vị: {name} ({unit})",
        bloc.name,
        SELF_COLUMNS,
    )
    _meta(wb, SELF, bloc.id, plan.year, unit)
    return workbook_bytes(wb)


def cross_workbook(bloc: Bloc, plan: Plan, scorer: str) -> bytes:
    """The cross-scoring workbook of ``scorer``: one sheet per unit it was assigned."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    team = plan.team(scorer)
    scorer_name = (team.name or team.id) if team else bloc.member(scorer).name
    for unit in plan.units_scored_by(scorer):
        ws = wb.create_sheet(unit)
        _table(
            ws,
            plan,
            f"PHIẾU CHẤM CHÉO ĐIỂM THI ĐUA NĂM {plan.year}",
            f"Đơn vị được chấm: {bloc.member(unit).name} ({unit}) — đơn vị chấm: {scorer_name}",
            bloc.name,
            CROSS_COLUMNS,
        )
    _meta(wb, CROSS, bloc.id, plan.year, scorer)
    return workbook_bytes(wb)


def _table(
    ws: Any, plan: Plan, title: str, who: str, bloc_name: str, columns: tuple[str, ...]
) -> None:
    from openpyxl.styles import Font

    put(ws, 1, 1, title).font = Font(bold=True, size=13)
    put(ws, 2, 1, who).font = Font(bold=True)
    put(ws, 3, 1, f"Khối: {bloc_name}")
    for index, label in enumerate(columns, start=1):
        put(ws, HEADER_ROW, index, label)
    style_header(ws, HEADER_ROW, len(columns), height=30.0)
    row = HEADER_ROW
    groups = {g.id: g.name for g in plan.groups}
    for criterion in plan.criteria:
        row += 1
        put(ws, row, 1, criterion.id)
        put(ws, row, 2, criterion.group)
        put(ws, row, 3, criterion.name)
        put(ws, row, 4, criterion.max, "0.0#")
        ws.cell(row=row, column=SCORE_COLUMN).number_format = "0.0#"
    total = row + 1
    put(ws, total, 3, "Tổng cộng").font = Font(bold=True)
    put(ws, total, 4, plan.max_score, "0.0#")
    score = ws.cell(row=total, column=SCORE_COLUMN)
    score.value = f"=SUM(E{HEADER_ROW + 1}:E{row})"
    score.number_format = "0.0#"
    put(ws, total + 2, 1, "Nhóm: " + "; ".join(f"{k}. {v}" for k, v in groups.items()))
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    set_widths(ws, WIDTHS)


def write_meta(wb: Any, kind: str, bloc_id: str, year: int, who: str) -> None:
    """The hidden sheet saying what the workbook is, read back by ``sheet_meta.read_meta``."""
    _meta(wb, kind, bloc_id, year, who)


def _meta(wb: Any, kind: str, bloc_id: str, year: int, who: str) -> None:
    ws = wb.create_sheet(META_SHEET)
    for row, (key, value) in enumerate(
        (("kind", kind), ("bloc", bloc_id), ("year", year), ("unit", who)), start=1
    ):
        put(ws, row, 1, key)
        put(ws, row, 2, value)
    ws.sheet_state = "hidden"
