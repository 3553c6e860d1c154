"""Renders the outcome of an import as a JSON-ready dict and as a table of changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from khoi_thidua.model import DISCIPLINE_LABELS_VI, RATING_LABELS_VI, Bloc, Discipline, Rating
from khoi_thidua.office.columns import CONFERENCE_FIELDS, Column
from khoi_thidua.office.results_import import Imported, ImportOutcome

if TYPE_CHECKING:
    from rich.console import RenderableType


def import_dict(
    bloc: Bloc, year: int, imported: Imported, outcome: ImportOutcome
) -> dict[str, Any]:
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
    bloc: Bloc, imported: Imported, outcome: ImportOutcome, labels: Mapping[str, str]
) -> RenderableType:
    """The units imported (a new file), or the changes member by member and field by field."""
    from rich.table import Table
    from rich.text import Text

    if outcome.status == "unchanged":
        return Text(f"{outcome.file}: unchanged (the sheet holds the same results)")
    if outcome.status == "written":
        table = Table(title=f"{outcome.file}: new file", title_justify="left")
        for header in ("Đơn vị", "Điểm", "Mức độ hoàn thành", "Phiếu bầu"):
            table.add_column(header, justify="right" if header == "Điểm" else "left")
        for result in imported.results.results:
            votes = ", ".join(f"{award} {count}" for award, count in result.votes)
            table.add_row(
                _where(bloc, result.member),
                f"{result.score:g}",
                result.rating.label_vi,
                votes or ("0" if result.votes_recorded else "—"),
            )
        return table
    table = Table(title=f"Changes to {outcome.file}", title_justify="left")
    table.add_column("Đơn vị")
    table.add_column("Cột")
    table.add_column("Trước", justify="right")
    table.add_column("Sau", justify="right")
    for change in outcome.changes:
        table.add_row(
            _where(bloc, change.where),
            labels.get(change.field, change.field),
            _show(change.field, change.old),
            _show(change.field, change.new),
        )
    return table


def _where(bloc: Bloc, where: str) -> str:
    if where == "conference":
        return "Hội nghị"
    if where == "file":
        return "Tệp"
    if where == "granted":
        return "Khen thưởng đã tặng"
    return bloc.member(where).name if bloc.has_member(where) else where


def _show(field: str, value: object) -> str:
    if value is None:
        return "—"
    if field == "rating" and isinstance(value, str):
        return RATING_LABELS_VI[Rating(value)]
    if field == "discipline" and isinstance(value, str):
        return DISCIPLINE_LABELS_VI[Discipline(value)]
    if field == "staff.advanced_share" and isinstance(value, float):
        return f"{round(value * 100, 6):g}%"
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _json(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def field_labels(columns: Sequence[Column]) -> dict[str, str]:
    """Field id → the Vietnamese header of its column, for the table of changes."""
    labels = {c.field: c.label for c in columns}
    labels.update({item.field: item.label for item in CONFERENCE_FIELDS})
    labels["votes"] = "Phiếu bầu (đã ghi nhận)"
    labels["note"] = "Ghi chú"
    return labels
