"""Renders the outcome of an import as a JSON-ready dict and as a table of changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from khoi_thidua.i18n import Messages
from khoi_thidua.model import DISCIPLINE_LABELS_VI, RATING_LABELS_VI, Bloc, Discipline, Rating
from khoi_thidua.numbers import format_date, format_number
from khoi_thidua.office.columns import CONFERENCE_FIELDS, Column
from khoi_thidua.office.results_import import UNCHANGED, WRITTEN, Imported, ImportOutcome
from khoi_thidua.render.import_shapes import ImportResultsResult, Scalar

if TYPE_CHECKING:
    from khoi_thidua.render.sheet import Sheet


def import_dict(
    bloc: Bloc, year: int, imported: Imported, outcome: ImportOutcome
) -> ImportResultsResult:
    """The documented JSON shape of ``khoi import-results --json``."""
    return {
        "schema": 1,
        "bloc": {"id": bloc.id, "name": bloc.name},
        "year": year,
        "source": imported.source,
        "file": outcome.file,
        "status": outcome.status,
        "units": len(imported.results.results),
        "kept": list(outcome.kept),
        "existing_problem": outcome.existing_problem or None,
        "changes": [
            {
                "where": change.where,
                "field": change.field,
                "old": _json(change.old),
                "new": _json(change.new),
            }
            for change in outcome.changes
        ],
    }


def import_view(
    msgs: Messages,
    bloc: Bloc,
    imported: Imported,
    outcome: ImportOutcome,
    labels: Mapping[str, str],
) -> Sheet:
    from khoi_thidua.render.sheet import Column, Grid, Line, Row, Sheet

    if outcome.status == UNCHANGED:
        text = msgs.t("{file}: unchanged (the sheet holds the same results)", file=outcome.file)
        return Sheet((Line(text),))
    if outcome.status == WRITTEN:
        rows = []
        for result in imported.results.results:
            votes = ", ".join(f"{award} {count}" for award, count in result.votes)
            cells = (
                _where(msgs, bloc, result.member),
                "—" if result.score is None else format_number(result.score, msgs.language),
                result.rating.label_vi,
                votes or ("0" if result.votes_recorded else "—"),
            )
            rows.append(Row(cells))
        columns = (
            Column(msgs.t("Member")),
            Column(msgs.t("Score"), "right"),
            Column(msgs.t("Task completion")),
            Column(msgs.t("Votes")),
        )
        title = msgs.t("{file}: new file", file=outcome.file)
        return Sheet((Grid(columns, tuple(rows), title=title),))
    changes = tuple(
        Row(
            (
                _where(msgs, bloc, change.where),
                labels.get(change.field, change.field),
                _show(msgs, change.field, change.old),
                _show(msgs, change.field, change.new),
            )
        )
        for change in outcome.changes
    )
    columns = (
        Column(msgs.t("Member")),
        Column(msgs.t("Column")),
        Column(msgs.t("Before"), "right"),
        Column(msgs.t("After"), "right"),
    )
    title = msgs.t("Changes to {file}", file=outcome.file)
    return Sheet((Grid(columns, changes, title=title),))


def _where(msgs: Messages, bloc: Bloc, where: str) -> str:
    if where == "conference":
        return msgs.t("Conference")
    if where == "file":
        return msgs.t("File")
    if where == "granted":
        return msgs.t("Awards granted")
    return bloc.member(where).name if bloc.has_member(where) else where


def _show(msgs: Messages, field: str, value: object) -> str:
    if value is None:
        return "—"
    if field == "date" and isinstance(value, str):
        return format_date(value, msgs.language)  # the conference's date, ISO in the file
    if field == "votes" and value == "recorded":
        return msgs.t("recorded")
    if field == "rating" and isinstance(value, str):
        return RATING_LABELS_VI[Rating(value)]
    if field == "discipline" and isinstance(value, str):
        return DISCIPLINE_LABELS_VI[Discipline(value)]
    if field == "staff.advanced_share" and isinstance(value, float):
        # Unrounded beyond float noise: a change table must not hide a small change.
        return format_number(round(value * 100, 6), msgs.language) + "%"
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float):
        return format_number(value, msgs.language)
    return str(value)


def _json(value: object) -> Scalar:
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)  # not reached: every field of a results file is one of the above


def field_labels(msgs: Messages, columns: Sequence[Column]) -> dict[str, str]:
    """Field id → the header of its column as the sheet shows it, for the table of changes."""
    labels = {c.field: c.label for c in columns}
    labels.update({item.field: item.label for item in CONFERENCE_FIELDS})
    labels["votes"] = msgs.t("Votes (recorded)")
    labels["note"] = "Ghi chú"
    return labels
