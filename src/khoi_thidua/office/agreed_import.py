"""Reads the conference workbook back: every decision checked and located by sheet and cell."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from khoi_thidua.errors import Problem
from khoi_thidua.i18n import Messages
from khoi_thidua.model import Bloc
from khoi_thidua.office.agreed_workbook import (
    ADJUST_SHEET,
    AGREED_COLUMN,
    AGREED_SHEET,
    BONUS_WORD,
    FAILED_SHEET,
    MARK_COLUMN,
    MID_NOTE_COLUMN,
    MID_SCORE_COLUMN,
    MID_YEAR_SHEET,
    PENALTY_WORD,
    POINTS_COLUMN,
    REASON_COLUMN,
    UNIT_HEADER,
)
from khoi_thidua.office.cells import column_letter
from khoi_thidua.office.columns import NUMBER
from khoi_thidua.office.grids import Cell, is_blank
from khoi_thidua.office.scoring_sheets import HEADER_ROW
from khoi_thidua.office.values import CellValueError, convert, text_of
from khoi_thidua.plan import ConferenceSheet, MidYear, Plan, ScoreInputs, YearScores

MAX_ROWS = 5000  # units × criteria
YES = {"x", "có", "co", "yes", "1", "true"}
NO = {"không", "khong", "no", "0", "false"}


@dataclass
class _Found:
    """The decisions read so far, per unit."""

    units: list[str] = field(default_factory=list)
    agreed: dict[str, dict[str, float]] = field(default_factory=dict)
    reasons: dict[str, dict[str, str]] = field(default_factory=dict)
    bonus: dict[str, dict[str, float]] = field(default_factory=dict)
    penalty: dict[str, dict[str, float]] = field(default_factory=dict)
    failed: dict[str, list[str]] = field(default_factory=dict)
    mid_year: dict[str, MidYear] = field(default_factory=dict)


class _Reader:
    """Reads one conference workbook, collecting every problem with its cell."""

    def __init__(self, name: str, bloc: Bloc, plan: Plan, scores: YearScores | None) -> None:
        self.name = name
        self.bloc = bloc
        self.plan = plan
        self.scores = scores
        self.active = {m.id for m in bloc.members if m.is_member_in(plan.year)}
        self.problems: list[Problem] = []
        self.found = _Found()

    def problem(
        self, ws: Any, column: int, row: int, message: str, hint: str = "", *, code: str
    ) -> None:
        ref = f"{ws.title}!{column_letter(column)}{row}"
        self.problems.append(Problem(self.name, ref, message, hint, code=code))

    def rows(self, msgs: Messages, ws: Any) -> list[tuple[int, str]]:
        """(row, unit) of each row of the table, once the header is where it belongs."""
        if text_of(ws.cell(row=HEADER_ROW, column=1).value or "") != UNIT_HEADER:
            self.problem(
                ws,
                1,
                HEADER_ROW,
                msgs.t(
                    "the header row `{header}` is not in row {row}",
                    header=UNIT_HEADER,
                    row=HEADER_ROW,
                ),
                msgs.t("do not insert or delete rows above the table"),
                code="header-misplaced",
            )
            return []
        found: list[tuple[int, str]] = []
        for row in range(HEADER_ROW + 1, HEADER_ROW + MAX_ROWS):
            value = ws.cell(row=row, column=1).value
            if is_blank(value):
                break
            unit = text_of(value)
            if unit not in self.active:
                self.problem(
                    ws,
                    1,
                    row,
                    msgs.t("`{id}` is not a member of the bloc this year", id=unit),
                    code="not-a-member",
                )
                continue
            if unit not in self.found.units:
                self.found.units.append(unit)
            found.append((row, unit))
        return found

    def number(self, msgs: Messages, ws: Any, row: int, column: int, most: float) -> float | None:
        """The number typed in a cell (None when blank), between 0 and ``most``."""
        value = ws.cell(row=row, column=column).value
        if is_blank(value):
            return None
        ref = f"{ws.title}!{column_letter(column)}{row}"
        try:
            points = float(convert(msgs, Cell(value, ref), NUMBER))  # type: ignore[arg-type]
        except CellValueError as exc:
            self.problems.append(Problem(self.name, ref, exc.message, exc.hint, code=exc.code))
            return None
        if not 0 <= points <= most:
            self.problem(
                ws,
                column,
                row,
                msgs.t("{points} is outside 0–{max}", points=f"{points:g}", max=f"{most:g}"),
                code="out-of-range",
            )
            return None
        return points

    def key(
        self,
        msgs: Messages,
        ws: Any,
        row: int,
        column: int,
        known: set[str],
        seen: set[Any],
        unit: str,
    ) -> str:
        """The id in a cell if the plan knows it and the unit has no other row for it, else ""."""
        item = text_of(ws.cell(row=row, column=column).value or "")
        if item not in known:
            self.problem(
                ws,
                column,
                row,
                msgs.t("`{id}` is not in the plan of {year}", id=item, year=self.plan.year),
                msgs.t("ids of this sheet in the plan: {ids}", ids=", ".join(sorted(known)) or "—"),
                code="not-in-plan",
            )
            return ""
        if (unit, item) in seen:
            self.problem(
                ws,
                column,
                row,
                msgs.t("`{id}` of `{unit}` is also in another row", id=item, unit=unit),
                code="duplicate-row",
            )
            return ""
        seen.add((unit, item))
        return item


def read_conference(
    msgs: Messages, workbook: Any, name: str, bloc: Bloc, plan: Plan, scores: YearScores | None
) -> tuple[ConferenceSheet | None, list[Problem]]:
    """The conference's decisions in ``workbook``, or the problems that refuse it."""
    reader = _Reader(name, bloc, plan, scores)
    sheets = {ws.title: ws for ws in workbook.worksheets}
    for title in (AGREED_SHEET, ADJUST_SHEET, FAILED_SHEET, MID_YEAR_SHEET):
        if title not in sheets:
            reader.problems.append(
                Problem(
                    name,
                    title,
                    msgs.t("the sheet `{sheet}` is missing", sheet=title),
                    msgs.t("fill the workbook made by `khoi template YEAR --conference` as it is"),
                    code="missing-sheet",
                )
            )
    if reader.problems:
        return None, reader.problems
    _agreed(msgs, reader, sheets[AGREED_SHEET])
    _adjustments(msgs, reader, sheets[ADJUST_SHEET])
    _failed(msgs, reader, sheets[FAILED_SHEET])
    _mid_year(msgs, reader, sheets[MID_YEAR_SHEET])
    if reader.problems:
        return None, reader.problems
    found = reader.found
    inputs = tuple(
        ScoreInputs(
            unit,
            agreed=found.agreed.get(unit, {}),
            reasons=found.reasons.get(unit, {}),
            bonus=found.bonus.get(unit, {}),
            penalty=found.penalty.get(unit, {}),
            failed=tuple(found.failed.get(unit, ())),
        )
        for unit in found.units
    )
    reviews = tuple((u, found.mid_year[u]) for u in found.units if u in found.mid_year)
    return ConferenceSheet(name, tuple(found.units), inputs, reviews), []


def _agreed(msgs: Messages, reader: _Reader, ws: Any) -> None:
    plan = reader.plan
    known = {c.id for c in plan.criteria}
    seen: set[Any] = set()
    for row, unit in reader.rows(msgs, ws):
        cid = reader.key(msgs, ws, row, 3, known, seen, unit)
        if not cid:
            continue
        criterion = plan.criterion(cid)
        assert criterion is not None
        points = reader.number(msgs, ws, row, AGREED_COLUMN, criterion.max)
        reason_value = ws.cell(row=row, column=REASON_COLUMN).value
        reason = "" if is_blank(reason_value) else text_of(reason_value)
        typed = not is_blank(ws.cell(row=row, column=AGREED_COLUMN).value)
        if points is None:
            if reason and not typed:
                reader.problem(
                    ws,
                    REASON_COLUMN,
                    row,
                    msgs.t(
                        "a reason for `{id}` of `{unit}`, which has no agreed score",
                        id=cid,
                        unit=unit,
                    ),
                    msgs.t("type the agreed score, or clear the reason"),
                    code="reason-without-score",
                )
            continue
        own = reader.scores.unit(unit) if reader.scores is not None else None
        self_score = own.self_scores.get(cid) if own is not None else None
        if self_score is not None and points < self_score and not reason:
            reader.problem(
                ws,
                REASON_COLUMN,
                row,
                msgs.t(
                    "{points} points are deducted from the self-score of `{id}` of `{unit}` "
                    "with no reason",
                    points=f"{self_score - points:g}",
                    id=cid,
                    unit=unit,
                ),
                msgs.t("say why the points were deducted (lý do trừ điểm)"),
                code="deduction-without-reason",
            )
            continue
        if self_score is not None and points == self_score and not reason:
            continue  # the self-score stands: nothing for the conference to record
        reader.found.agreed.setdefault(unit, {})[cid] = points
        if reason:
            reader.found.reasons.setdefault(unit, {})[cid] = reason


def _adjustments(msgs: Messages, reader: _Reader, ws: Any) -> None:
    plan = reader.plan
    kinds = {BONUS_WORD: plan.bonus, PENALTY_WORD: plan.penalty}
    seen: set[Any] = set()
    for row, unit in reader.rows(msgs, ws):
        word = text_of(ws.cell(row=row, column=3).value or "").lower()
        rules = kinds.get(word)
        if rules is None:
            reader.problem(
                ws,
                3,
                row,
                msgs.t("`{kind}` is neither `{bonus}` nor `{penalty}`", kind=word, bonus=BONUS_WORD,
                  penalty=PENALTY_WORD),
            code="not-allowed", )  # fmt: skip
            continue
        item_id = reader.key(msgs, ws, row, 4, {i.id for i in rules.items}, seen, unit)
        item = rules.item(item_id) if item_id else None
        if item is None:
            continue
        points = reader.number(msgs, ws, row, POINTS_COLUMN, item.max)
        if points:
            target = reader.found.bonus if word == BONUS_WORD else reader.found.penalty
            target.setdefault(unit, {})[item.id] = points


def _failed(msgs: Messages, reader: _Reader, ws: Any) -> None:
    known = {d.id for d in reader.plan.disqualifiers}
    seen: set[Any] = set()
    for row, unit in reader.rows(msgs, ws):
        rule = reader.key(msgs, ws, row, 3, known, seen, unit)
        value = ws.cell(row=row, column=MARK_COLUMN).value
        if not rule or is_blank(value):
            continue
        mark = text_of(value).lower()
        if mark in YES:
            reader.found.failed.setdefault(unit, []).append(rule)
        elif mark not in NO:
            reader.problem(
                ws,
                MARK_COLUMN,
                row,
                msgs.t("`{value}` does not say whether `{unit}` failed `{id}`",
                  value=mark, unit=unit, id=rule),
                msgs.t("type “x” if it failed, or leave the cell empty"),
            code="not-allowed", )  # fmt: skip


def _mid_year(msgs: Messages, reader: _Reader, ws: Any) -> None:
    most = reader.plan.max_score + reader.plan.bonus.limit
    seen: set[str] = set()
    for row, unit in reader.rows(msgs, ws):
        if unit in seen:
            reader.problem(
                ws,
                1,
                row,
                msgs.t("`{unit}` is also in another row", unit=unit),
                code="duplicate-row",
            )
            continue
        seen.add(unit)
        score = reader.number(msgs, ws, row, MID_SCORE_COLUMN, most)
        note_value = ws.cell(row=row, column=MID_NOTE_COLUMN).value
        note = "" if is_blank(note_value) else text_of(note_value)
        if score is not None or note:
            reader.found.mid_year[unit] = MidYear(score, note)
