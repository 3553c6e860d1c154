"""Renders what `khoi import-scores` took in, and what is still missing, as JSON and as text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from khoi_thidua.i18n import Messages
from khoi_thidua.plan import ConferenceSheet, ReturnedSheet
from khoi_thidua.reconciliation import Reconciliation
from khoi_thidua.render.score_shapes import ImportedSheet, ImportScoresResult

if TYPE_CHECKING:
    from khoi_thidua.render.sheet import Sheet
    from khoi_thidua.store.score_records import ReturnedOutcome


def import_scores_dict(
    outcome: ReturnedOutcome,
    sheets: list[ReturnedSheet],
    conference: ConferenceSheet | None,
    blank: list[str],
    reconciliation: Reconciliation,
) -> ImportScoresResult:
    """The documented JSON shape of ``khoi import-scores --json``."""
    return {
        "schema": 1,
        "year": reconciliation.year,
        "file": outcome.file,
        "status": outcome.status,
        "imported": [
            {"kind": s.kind, "unit": s.unit, "scorer": s.scorer, "file": s.file} for s in sheets
        ],
        "conference": (
            {"file": conference.file, "units": list(conference.units)} if conference else None
        ),
        "blank": blank,
        "self_not_returned": list(reconciliation.not_returned),
        "cross_not_returned": [
            {"scorer": scorer, "unit": unit.unit}
            for unit in reconciliation.units
            for scorer in unit.missing_scorers
        ],
    }


def _sheet_line(msgs: Messages, item: ImportedSheet) -> str:
    if item["kind"] == "self":
        return msgs.t("self-score of {unit} — {file}", unit=item["unit"], file=item["file"])
    if item["kind"] == "pledge":
        return msgs.t("targets registered by {unit} — {file}", unit=item["unit"], file=item["file"])
    return msgs.t(
        "cross score of {unit} by {scorer} — {file}",
        unit=item["unit"],
        scorer=item["scorer"],
        file=item["file"],
    )


def import_scores_view(msgs: Messages, result: ImportScoresResult) -> Sheet:
    """The sheets taken in, the conference's decisions, and the sheets still missing."""
    from khoi_thidua.render.sheet import Line, Sheet

    status = msgs.t("written") if result["status"] == "written" else msgs.t("unchanged")
    lines = [
        msgs.tn(
            "{count} sheet imported into {file} ({status}).",
            "{count} sheets imported into {file} ({status}).",
            len(result["imported"]),
            file=result["file"],
            status=status,
        )
    ]
    lines += ["  " + _sheet_line(msgs, item) for item in result["imported"]]
    conference = result["conference"]
    if conference:
        lines.append(
            "  "
            + msgs.t(
                "the conference's decisions for {units} — {file}",
                units=", ".join(conference["units"]) or "—",
                file=conference["file"],
            )
        )
    if result["blank"]:
        sheets = ", ".join(result["blank"])
        lines.append(msgs.t("Left out, no score typed yet: {sheets}", sheets=sheets))
    if result["self_not_returned"]:
        units = ", ".join(result["self_not_returned"])
        lines.append(msgs.t("Self-scoring sheets not returned: {units}", units=units))
    if result["cross_not_returned"]:
        pairs = ", ".join(f"{m['scorer']} → {m['unit']}" for m in result["cross_not_returned"])
        lines.append(msgs.t("Cross-scoring sheets not returned: {pairs}", pairs=pairs))
    return Sheet((Line("\n".join(lines)),))
