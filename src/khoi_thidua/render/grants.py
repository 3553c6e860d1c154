"""The outcome of importing a decision list, as a table for people and a dict for JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypedDict

from khoi_thidua.app.grants import RowOutcome, RowStatus
from khoi_thidua.i18n import Messages

if TYPE_CHECKING:
    from khoi_thidua.render.sheet import Sheet


class RowDict(TypedDict):
    where: str
    unit: str
    bloc: str
    award: str
    decision: str
    date: str
    issuer: str
    status: str
    member: str
    bloc_id: str
    award_id: str
    file: str
    message: str
    hint: str


class DecisionsDict(TypedDict):
    schema: int
    year: int
    source: str
    dry_run: bool
    rows: list[RowDict]


def decisions_dict(
    year: int, source: str, outcomes: Sequence[RowOutcome], dry_run: bool
) -> DecisionsDict:
    """The JSON shape of ``import-decisions``."""
    return {
        "schema": 1,
        "year": year,
        "source": source,
        "dry_run": dry_run,
        "rows": [
            {
                "where": o.row.where,
                "unit": o.row.unit,
                "bloc": o.row.bloc,
                "award": o.row.award,
                "decision": o.row.decision,
                "date": o.row.date,
                "issuer": o.row.issuer,
                "status": o.status.value,
                "member": o.member_id,
                "bloc_id": o.bloc_id,
                "award_id": o.award_id,
                "file": o.file,
                "message": o.message,
                "hint": o.hint,
            }
            for o in outcomes
        ],
    }


def status_label(msgs: Messages, status: RowStatus) -> str:
    labels = {
        RowStatus.WRITTEN: msgs.t("recorded"),
        RowStatus.UNCHANGED: msgs.t("already recorded"),
        RowStatus.WOULD_WRITE: msgs.t("would be recorded"),
        RowStatus.UNMATCHED: msgs.t("not matched"),
        RowStatus.REFUSED: msgs.t("refused"),
    }
    return labels[status]


def decisions_view(msgs: Messages, outcomes: Sequence[RowOutcome]) -> Sheet:
    """One line per row of the list: the unit found, its bloc and award, and what was done."""
    from khoi_thidua.render.sheet import Column, Grid, Row, Sheet

    headers = (msgs.t("Row"), msgs.t("Unit"), msgs.t("Bloc"), msgs.t("Award"), msgs.t("Outcome"))
    rows: list[Row] = []
    for outcome in outcomes:
        unit = outcome.member_name or outcome.row.unit
        what = status_label(msgs, outcome.status)
        if outcome.message:
            what += f": {outcome.message}"
            if outcome.hint:
                what += "\n" + msgs.t("fix: {hint}", hint=outcome.hint)
        cells = (
            outcome.row.where.rsplit("[", 1)[-1].rstrip("]"),
            unit,
            outcome.bloc_id or outcome.row.bloc,
            outcome.award_id or outcome.row.award,
            what,
        )
        rows.append(Row(cells))
    return Sheet((Grid(tuple(Column(h) for h in headers), tuple(rows)),))
