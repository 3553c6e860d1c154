"""Reads returned scoring workbooks (self and cross), every problem located by file and cell."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khoi_thidua.errors import DataError, Problem
from khoi_thidua.i18n import Messages
from khoi_thidua.model import Bloc
from khoi_thidua.office.columns import NUMBER
from khoi_thidua.office.grids import Cell, is_blank
from khoi_thidua.office.scoring_sheets import (
    CONFERENCE,
    CROSS,
    HEADER_ROW,
    ID_HEADER,
    META_SHEET,
    PLEDGE,
    PLEDGE_COLUMN,
    PLEDGE_SHEET,
    SCORE_COLUMN,
    SELF,
    SELF_SHEET,
    TEXT_COLUMN,
)
from khoi_thidua.office.sheet_meta import read_meta
from khoi_thidua.office.values import CellValueError, convert, text_of
from khoi_thidua.plan import ConferenceSheet, Plan, ReturnedSheet, YearScores

MAX_INPUT_BYTES = 20 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
MAX_ROWS = 500  # a scoring table has a few dozen criteria
PLEDGE_HEADER = "Mã chỉ tiêu"


@dataclass
class ReadOutcome:
    """Every sheet read from the files given, and every problem found in them."""

    sheets: list[ReturnedSheet] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    blank: list[str] = field(default_factory=list)  # "file [sheet]" with no score typed at all
    conference: list[ConferenceSheet] = field(default_factory=list)  # the conference's workbook


def read_returned(
    msgs: Messages, paths: list[Path], bloc: Bloc, plan: Plan, scores: YearScores | None = None
) -> ReadOutcome:
    """The sheets of every file in ``paths``; a DataError listing every problem if any.

    A sheet where no score at all is typed is one not returned yet: it is left out and
    listed, not refused, so that a whole folder can be imported as the files come back. The
    conference workbook is checked against ``scores``, the self-scores recorded so far.
    """
    outcome = ReadOutcome()
    for path in paths:
        _read_file(msgs, path, bloc, plan, outcome, scores)
    for other in outcome.conference[1:]:
        outcome.problems.append(
            Problem(
                other.file,
                "",
                msgs.t(
                    "a second conference workbook (the first is {other})",
                    other=outcome.conference[0].file,
                ),
                msgs.t("import one of the two files, the one that is final"),
                code="duplicate-workbook",
            )
        )
    seen: dict[tuple[str, str, str], str] = {}
    for sheet in outcome.sheets:
        key = (sheet.kind, sheet.unit, sheet.scorer)
        if key in seen:
            outcome.problems.append(
                Problem(
                    sheet.file,
                    "",
                    msgs.t(
                        "the scores of `{scorer}` for `{unit}` are also in {other}",
                        scorer=sheet.scorer,
                        unit=sheet.unit,
                        other=seen[key],
                    ),
                    msgs.t("import one of the two files, the one that is final"),
                    code="duplicate-scores",
                )
            )
        seen[key] = sheet.file
    if outcome.problems:
        raise DataError(msgs, outcome.problems)
    return outcome


def _read_file(
    msgs: Messages, path: Path, bloc: Bloc, plan: Plan, out: ReadOutcome, scores: YearScores | None
) -> None:
    from khoi_thidua.store.reading import display, read_limited

    name = display(path)
    folder = msgs.t("{file} is a folder, but a workbook was expected", file=name)
    data = read_limited(path, name, MAX_INPUT_BYTES, folder)
    problems = out.problems
    if not data.startswith(ZIP_MAGIC):
        problems.append(
            Problem(
                name,
                "",
                msgs.t("the file is not an Excel workbook (.xlsx)"),
                msgs.t("return the workbook made by `khoi template`, saved as .xlsx"),
                code="not-a-workbook",
            )
        )
        return
    workbook = _load(msgs, data, name, problems)
    if workbook is None:
        return
    meta = read_meta(msgs, workbook, name, bloc, plan, problems)
    if meta is None:
        return
    kind, who = meta
    if kind == CONFERENCE:
        from khoi_thidua.office.agreed_import import read_conference

        sheet, found = read_conference(msgs, workbook, name, bloc, plan, scores)
        problems.extend(found)
        if sheet is not None:
            out.conference.append(sheet)
        return
    sheets = {ws.title: ws for ws in workbook.worksheets if ws.title != META_SHEET}
    if kind == PLEDGE:
        ws = sheets.get(PLEDGE_SHEET)
        if ws is None:
            problems.append(_missing_sheet(msgs, name, PLEDGE_SHEET))
            return
        _read_pledge(msgs, ws, name, who, plan, out)
        return
    if kind == SELF:
        ws = sheets.get(SELF_SHEET)
        if ws is None:
            problems.append(_missing_sheet(msgs, name, SELF_SHEET))
            return
        _read_table(msgs, ws, name, SELF, who, who, plan, out)
        return
    assigned = plan.units_scored_by(who)
    team = plan.team(who)
    own = {who, *(team.members if team is not None else ())}
    for title, ws in sheets.items():
        if title in own:
            problems.append(
                Problem(
                    name,
                    f"{title}!A1",
                    msgs.t("`{unit}` scores itself in a cross-scoring sheet", unit=title),
                    msgs.t("a unit never cross-scores itself; remove this sheet"),
                    code="self-scoring",
                )
            )
        elif title not in assigned:
            problems.append(
                Problem(
                    name,
                    f"{title}!A1",
                    msgs.t("`{scorer}` was not assigned to score `{unit}`", scorer=who, unit=title),
                    msgs.t(
                        "units `{scorer}` scores in the plan: {ids}",
                        scorer=who,
                        ids=", ".join(assigned),
                    ),
                    code="scorer-not-assigned",
                )
            )
        else:
            _read_table(msgs, ws, name, CROSS, title, who, plan, out)
    for unit in assigned:
        if unit not in sheets:
            problems.append(_missing_sheet(msgs, name, unit))


def _load(msgs: Messages, data: bytes, name: str, problems: list[Problem]) -> Any:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (zip, XML, key) for a damaged file
        problems.append(
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
        )
        return None


def _missing_sheet(msgs: Messages, name: str, sheet: str) -> Problem:
    return Problem(
        name,
        sheet,
        msgs.t("the sheet `{sheet}` is missing", sheet=sheet),
        msgs.t("fill the workbook made by `khoi template` without renaming or deleting sheets"),
        code="missing-sheet",
    )


def _read_table(
    msgs: Messages,
    ws: Any,
    name: str,
    kind: str,
    unit: str,
    scorer: str,
    plan: Plan,
    outcome: ReadOutcome,
) -> None:
    problems = outcome.problems
    title = str(ws.title)
    if text_of(ws.cell(row=HEADER_ROW, column=1).value or "") != ID_HEADER:
        problems.append(
            Problem(
                name,
                f"{title}!A{HEADER_ROW}",
                msgs.t(
                    "the header row `{header}` is not in row {row}",
                    header=ID_HEADER,
                    row=HEADER_ROW,
                ),
                msgs.t("do not insert or delete rows above the table"),
                code="header-misplaced",
            )
        )
        return
    last = HEADER_ROW
    while last < HEADER_ROW + MAX_ROWS and not is_blank(ws.cell(row=last + 1, column=1).value):
        last += 1
    if all(
        is_blank(ws.cell(row=r, column=SCORE_COLUMN).value) for r in range(HEADER_ROW + 1, last + 1)
    ):
        outcome.blank.append(f"{name} [{title}]")
        return
    scores: dict[str, float] = {}
    texts: dict[str, str] = {}
    rows: dict[str, int] = {}
    row = HEADER_ROW
    while row < HEADER_ROW + MAX_ROWS:
        row += 1
        id_value = ws.cell(row=row, column=1).value
        if is_blank(id_value):
            break
        cid = text_of(id_value)
        ref = f"{title}!A{row}"
        criterion = plan.criterion(cid)
        if criterion is None:
            problems.append(
                Problem(
                    name,
                    ref,
                    msgs.t("unknown scoring criterion `{id}`", id=cid),
                    msgs.t(
                        "criteria of the plan: {ids}", ids=", ".join(c.id for c in plan.criteria)
                    ),
                    code="unknown-criterion",
                )
            )
            continue
        if cid in rows:
            problems.append(
                Problem(
                    name,
                    ref,
                    msgs.t("criterion `{id}` is also in row {row}", id=cid, row=rows[cid]),
                    code="duplicate-criterion",
                )
            )
            continue
        rows[cid] = row
        score_ref = f"{title}!E{row}"
        value = ws.cell(row=row, column=SCORE_COLUMN).value
        if is_blank(value):
            problems.append(
                Problem(
                    name,
                    score_ref,
                    msgs.t("no score for `{id}`", id=cid),
                    msgs.t("every criterion needs a score; 0 if none"),
                    code="missing-score",
                )
            )
            continue
        try:
            points = float(convert(msgs, Cell(value, score_ref), NUMBER))  # type: ignore[arg-type]
        except CellValueError as exc:
            problems.append(Problem(name, score_ref, exc.message, exc.hint, code=exc.code))
            continue
        if not 0 <= points <= criterion.max:
            problems.append(
                Problem(
                    name,
                    score_ref,
                    msgs.t(
                        "{points} for `{id}` is outside 0–{max}",
                        points=f"{points:g}",
                        id=cid,
                        max=f"{criterion.max:g}",
                    ),
                    code="out-of-range",
                )
            )
            continue
        scores[cid] = points
        text = ws.cell(row=row, column=TEXT_COLUMN).value
        if not is_blank(text):
            texts[cid] = text_of(text)
    for criterion in plan.criteria:
        if criterion.id not in rows:
            problems.append(
                Problem(
                    name,
                    f"{title}!A{HEADER_ROW + 1}",
                    msgs.t("the row of criterion `{id}` is missing", id=criterion.id),
                    msgs.t("fill the workbook made by `khoi template` without deleting rows"),
                    code="missing-row",
                )
            )
    outcome.sheets.append(ReturnedSheet(name, kind, unit, scorer, scores, texts))


def _read_pledge(
    msgs: Messages, ws: Any, name: str, unit: str, plan: Plan, outcome: ReadOutcome
) -> None:
    """What ``unit`` registered for each target; a blank cell registers nothing for it."""
    problems = outcome.problems
    title = str(ws.title)
    if text_of(ws.cell(row=HEADER_ROW, column=1).value or "") != PLEDGE_HEADER:
        problems.append(
            Problem(
                name,
                f"{title}!A{HEADER_ROW}",
                msgs.t(
                    "the header row `{header}` is not in row {row}",
                    header=PLEDGE_HEADER,
                    row=HEADER_ROW,
                ),
                msgs.t("do not insert or delete rows above the table"),
                code="header-misplaced",
            )
        )
        return
    targets = {target.id for target in plan.pledge.targets}
    texts: dict[str, str] = {}
    rows: dict[str, int] = {}
    for row in range(HEADER_ROW + 1, HEADER_ROW + MAX_ROWS):
        id_value = ws.cell(row=row, column=1).value
        if is_blank(id_value):
            break
        target = text_of(id_value)
        ref = f"{title}!A{row}"
        if target not in targets:
            problems.append(
                Problem(
                    name,
                    ref,
                    msgs.t("unknown pledge target `{id}`", id=target),
                    msgs.t("targets of the plan: {ids}", ids=", ".join(sorted(targets)) or "—"),
                    code="unknown-target",
                )
            )
        elif target in rows:
            problems.append(
                Problem(
                    name,
                    ref,
                    msgs.t("target `{id}` is also in row {row}", id=target, row=rows[target]),
                    code="duplicate-target",
                )
            )
        else:
            rows[target] = row
            value = ws.cell(row=row, column=PLEDGE_COLUMN).value
            if not is_blank(value):
                texts[target] = text_of(value)
    if not texts:
        outcome.blank.append(f"{name} [{title}]")
        return
    outcome.sheets.append(ReturnedSheet(name, PLEDGE, unit, unit, {}, texts))
