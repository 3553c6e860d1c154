"""Renders the ``--all`` runs of rotate and propose: one entry per bloc, or its error."""

from __future__ import annotations

from typing import TYPE_CHECKING

from khoi_thidua.model import SCHEMA_VERSION
from khoi_thidua.render.proposal import proposal_rows
from khoi_thidua.render.rotation import CHAIR, VICE, status_word
from khoi_thidua.rotation import Status

if TYPE_CHECKING:
    from khoi_thidua.i18n import Messages
    from khoi_thidua.render.batch_shapes import (
        BatchHead,
        FailedEntry,
        ProposeAllResult,
        ProposeEntry,
        RotateAllResult,
        RotateEntry,
    )
    from khoi_thidua.render.sheet import Sheet


def batch_head(year: int | None) -> BatchHead:
    """The keys of an ``--all`` run's JSON before its ``blocs``, for writing it bloc by bloc."""
    return {"schema": SCHEMA_VERSION, "year": year}


def rotate_all_dict(year: int | None, entries: list[RotateEntry]) -> RotateAllResult:
    """The JSON of ``rotate --all``: one entry per bloc, ``ok`` false with the error."""
    return {"schema": SCHEMA_VERSION, "year": year, "blocs": entries}


def propose_all_dict(year: int | None, entries: list[ProposeEntry]) -> ProposeAllResult:
    """The JSON of ``propose --all`` held whole (for a table or CSV; JSON is streamed)."""
    return {"schema": SCHEMA_VERSION, "year": year, "blocs": entries}


def error_text(msgs: Messages, entry: FailedEntry) -> str:
    """A failed bloc's error, as a table cell shows it."""
    return msgs.t("error: {message}", message=entry["error"]["message"])


def rotate_all_view(msgs: Messages, data: RotateAllResult) -> Sheet:
    from khoi_thidua.render.sheet import Column, Grid, Row, Sheet

    rows: list[Row] = []
    for entry in data["blocs"]:
        if not entry["ok"]:
            rows.append(Row((entry["bloc"]["id"], "", "", "", error_text(msgs, entry))))
            continue
        result = entry["result"]
        vice = result["vice_chair"]["name"] if result["vice_chair"] else "—"
        source = (
            msgs.t("computed from {year}", year=result["start_year"])
            if result["status"] == Status.COMPUTED
            else status_word(msgs, Status(result["status"]))
        )
        chair = result["chair"]["name"] if result["chair"] else "—"  # vacant, to be elected…
        rows.append(Row((entry["bloc"]["name"], str(result["year"]), chair, vice, source)))
    headers = (msgs.t("Bloc"), msgs.t("Year"), CHAIR, VICE, msgs.t("Source"))
    title = msgs.t("Trưởng khối / Phó khối — all blocs")
    return Sheet((Grid(tuple(Column(h) for h in headers), tuple(rows), title=title),))


def propose_all_view(msgs: Messages, data: ProposeAllResult) -> Sheet:
    from khoi_thidua.render.sheet import Column, Grid, Row, Sheet

    rows: list[Row] = []
    for entry in data["blocs"]:
        if not entry["ok"]:
            rows.append(Row((entry["bloc"]["id"], "", "", "", error_text(msgs, entry))))
            continue
        proposal = entry["proposal"]
        if not proposal["proposed"]:
            rows.append(Row((proposal["bloc"]["name"], str(proposal["year"]), "", "—", "—")))
        for index, item in enumerate(proposal["proposed"]):
            award = item["award"]
            rows.append(
                Row(
                    (
                        proposal["bloc"]["name"] if index == 0 else "",
                        str(proposal["year"]) if index == 0 else "",
                        str(item["rank"]),
                        item["member"]["name"],
                        award["name"] if award else "",
                    )
                )
            )
    headers = (
        msgs.t("Bloc"),
        msgs.t("Year"),
        msgs.t("Rank"),
        msgs.t("Member"),
        msgs.t("Proposed award"),
    )
    title = msgs.t("Award proposals — all blocs")
    return Sheet((Grid(tuple(Column(h) for h in headers), tuple(rows), title=title),))


def propose_all_rows(data: ProposeAllResult) -> tuple[list[str], list[list[object]]]:
    header: list[str] = []
    rows: list[list[object]] = []
    for entry in data["blocs"]:
        if not entry["ok"]:
            continue
        sub_header, sub_rows = proposal_rows(entry["proposal"])
        header = header or ["bloc_id", "bloc_name", "year", *sub_header]
        if sub_header != header[3:]:
            # blocs under different rule packs have different vote columns: keep common ones
            sub_rows = [
                [row[sub_header.index(h)] if h in sub_header else "" for h in header[3:]]
                for row in sub_rows
            ]
        bloc = entry["proposal"]["bloc"]
        rows.extend([bloc["id"], bloc["name"], entry["proposal"]["year"], *row] for row in sub_rows)
    return header, rows
