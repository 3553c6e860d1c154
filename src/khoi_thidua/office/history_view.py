"""Shows what import-history did: each past year's file, and what bloc.toml gained."""

from __future__ import annotations

from typing import TYPE_CHECKING

from khoi_thidua.i18n import Messages
from khoi_thidua.office.history_apply import HistoryOutcome
from khoi_thidua.office.history_import import HistoryBook
from khoi_thidua.office.results_import import REFUSED, REPLACED, UNCHANGED, WRITTEN

if TYPE_CHECKING:
    from khoi_thidua.render.sheet import Sheet


def _status(msgs: Messages, status: str) -> str:
    return {
        WRITTEN: msgs.t("written"),
        REPLACED: msgs.t("replaced"),
        UNCHANGED: msgs.t("unchanged"),
        REFUSED: msgs.t("refused: holds other results"),
    }[status]


def history_view(msgs: Messages, book: HistoryBook, outcome: HistoryOutcome) -> Sheet:
    """A table of the past years, then the chairs and former members added to bloc.toml."""
    from khoi_thidua.render.sheet import Column, Grid, Line, Row, Sheet

    columns = (
        Column(msgs.t("Year"), "right"),
        Column(msgs.t("File")),
        Column(msgs.t("Units"), "right"),
        Column(msgs.t("Awards granted"), "right"),
        Column(msgs.t("Status")),
    )
    rows = tuple(
        Row(
            (
                str(year.year),
                year.outcome.file,
                str(year.units),
                str(year.awards),
                _status(msgs, year.outcome.status),
            )
        )
        for year in outcome.years
    )
    title = msgs.t("History from {file}", file=book.source)
    parts: list[Grid | Line] = [Grid(columns, rows, title=title)]
    for year in outcome.refused:
        for change in year.outcome.changes:
            parts.append(
                Line(
                    f"  {year.year} {change.where} {change.field}: "
                    f"{_shown(change.old)} → {_shown(change.new)}"
                )
            )
    added = outcome.bloc_file
    if added is not None:
        if added.members or added.years:
            parts.append(
                Line(
                    msgs.t(
                        "{file}: added former members: {members}; leadership of: {years}",
                        file=added.file,
                        members=", ".join(added.members) or "—",
                        years=", ".join(str(y) for y in added.years) or "—",
                    )
                )
            )
        else:
            parts.append(Line(msgs.t("{file}: unchanged", file=added.file)))
    return Sheet(tuple(parts))


def _shown(value: object) -> str:
    return "—" if value is None else str(value)
