"""Reads the hidden `khoi` sheet of a returned scoring workbook: its kind, bloc, year and unit."""

from __future__ import annotations

from typing import Any

from khoi_thidua.errors import Problem
from khoi_thidua.i18n import Messages
from khoi_thidua.model import Bloc
from khoi_thidua.office.scoring_sheets import CONFERENCE, CROSS, META_SHEET, PLEDGE, SELF
from khoi_thidua.office.values import text_of
from khoi_thidua.plan import Plan


def read_meta(
    msgs: Messages, workbook: Any, name: str, bloc: Bloc, plan: Plan, problems: list[Problem]
) -> tuple[str, str] | None:
    """(kind, unit or scorer) from the hidden `khoi` sheet, checked against bloc and plan."""
    if META_SHEET not in workbook.sheetnames:
        problems.append(
            Problem(
                name,
                META_SHEET,
                msgs.t("not a scoring workbook made by khoi (its hidden sheet `khoi` is missing)"),
                msgs.t(
                    "make the workbooks with `khoi template {year} --self-scoring` "
                    "(or --cross, --pledge)",
                    year=plan.year,
                ),
                code="not-a-khoi-workbook",
            )
        )
        return None
    ws = workbook[META_SHEET]
    meta = {
        text_of(ws.cell(row=r, column=1).value): ws.cell(row=r, column=2).value for r in range(1, 5)
    }
    found = len(problems)
    kind, who = text_of(meta.get("kind", "")), text_of(meta.get("unit", ""))
    if kind not in (SELF, CROSS, PLEDGE, CONFERENCE):
        problems.append(
            Problem(
                name,
                f"{META_SHEET}!B1",
                msgs.t("unknown kind of scoring workbook `{kind}`", kind=kind),
                code="unknown-workbook-kind",
            )
        )
    if text_of(meta.get("year", "")) != str(plan.year):
        problems.append(
            Problem(
                name,
                f"{META_SHEET}!B3",
                msgs.t(
                    "the workbook is for {found}, not {year}",
                    found=text_of(meta.get("year", "")),
                    year=plan.year,
                ),
                msgs.t("import it with the year it was made for"),
                code="year-mismatch",
            )
        )
    if text_of(meta.get("bloc", "")) != bloc.id:
        problems.append(
            Problem(
                name,
                f"{META_SHEET}!B2",
                msgs.t(
                    "the workbook is for the bloc `{found}`, not `{bloc}`",
                    found=text_of(meta.get("bloc", "")),
                    bloc=bloc.id,
                ),
                msgs.t("import it into its own bloc with --bloc"),
                code="bloc-mismatch",
            )
        )
    active = {m.id for m in bloc.members if m.is_member_in(plan.year)}
    scorers = {s for s, _ in plan.assignments}
    if kind in (SELF, PLEDGE) and who not in active:
        problems.append(
            Problem(
                name,
                f"{META_SHEET}!B4",
                msgs.t("`{id}` is not a member of the bloc this year", id=who),
                code="not-a-member",
            )
        )
    elif kind == CROSS and who not in scorers:
        problems.append(
            Problem(
                name,
                f"{META_SHEET}!B4",
                msgs.t(
                    "`{id}` is not a cross-scorer in the plan of {year}", id=who, year=plan.year
                ),
                msgs.t("scorers: {ids}", ids=", ".join(sorted(scorers)) or "—"),
                code="not-a-cross-scorer",
            )
        )
    return None if len(problems) > found else (kind, who)
