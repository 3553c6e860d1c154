"""Excel exports of a proposal and of the province summary, from their JSON-ready dicts.

Sheet names, titles and headers follow the language in force; the data (names of units and
awards, legal bases) is written as recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from khoi_thidua.i18n import Messages
from khoi_thidua.office.cells import (
    fit_to_page_width,
    put,
    set_widths,
    style_header,
    workbook_bytes,
)
from khoi_thidua.office.score_chart import add_score_chart, add_totals_chart

if TYPE_CHECKING:
    from khoi_thidua.render.batch_shapes import SummaryResult
    from khoi_thidua.render.proposal_shapes import ProposalResult

TITLE_ROW = 1
SUBTITLE_ROW = 2
TABLE_HEADER_ROW = 4  # row 3 is left empty between the titles and the table
LINE_HEIGHT = 15.0  # points per line of 11 pt text


def proposal_workbook(msgs: Messages, proposal_data: ProposalResult) -> bytes:
    """The proposal as .xlsx: the units proposed, the full ranking, and the legal basis."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    data = proposal_data
    wb = Workbook()
    year = data["year"]
    bloc_name = data["bloc"]["name"]
    standings = {s["member"]["id"]: s for s in data["standings"]}

    ws = wb.active
    ws.title = msgs.t("Proposals")
    rows: list[list[object]] = []
    for index, item in enumerate(data["proposed"], start=1):
        standing = standings.get(item["member"]["id"])
        award = item["award"]
        rows.append(
            [
                index,
                item["member"]["name"],
                item["rank"],
                standing["score"] if standing else None,
                standing["total_votes"] if standing else None,
                award["name"] if award else "",
                award["basis"] if award else "",
            ]
        )
    _table(
        ws,
        msgs.t("List of commendation proposals for {year} — {bloc}", year=year, bloc=bloc_name),
        msgs.t("Rules applied: {rules}", rules=data["rule_pack"]["name"]),
        [
            msgs.t("No."),
            msgs.t("Member"),
            msgs.t("Rank"),
            msgs.t("Score"),
            msgs.t("Total votes"),
            msgs.t("Proposed award"),
            msgs.t("Basis"),
        ],
        rows,
        [6, 44, 8, 10, 12, 34, 60],
    )

    award_ids = [seat["award"] for seat in data["seats"]]
    award_names = [seat["name"] for seat in data["seats"]]
    ranking = wb.create_sheet(msgs.t("Ranking"))
    rows = []
    for s in data["standings"]:
        chosen = s["award"]
        rows.append(
            [
                s["rank"],
                s["member"]["id"],
                s["member"]["name"],
                s["score"],
                s["self_score"],
                s["rating_label"] or "",
                *[s["votes"].get(a, 0) for a in award_ids],
                s["total_votes"],
                chosen["name"] if chosen else "",
                s["reason"],
            ]
        )
    _table(
        ranking,
        msgs.t("Ranking for {year} — {bloc}", year=year, bloc=bloc_name),
        msgs.t("{members} member units", members=data["members"]),
        [
            msgs.t("Rank"),
            msgs.t("Member id"),
            msgs.t("Unit name"),
            msgs.t("Cross-scoring score"),
            msgs.t("Self-score"),
            msgs.t("Task-completion rating"),
            *[msgs.t("Votes: {award}", award=name) for name in award_names],
            msgs.t("Total votes"),
            msgs.t("Proposed"),
            msgs.t("Reason"),
        ],
        rows,
        [7, 10, 44, 10, 10, 28, *[14 for _ in award_ids], 10, 30, 80],
    )

    basis = wb.create_sheet(msgs.t("Basis"))
    _table(
        basis,
        msgs.t("Legal basis — {rules}", rules=data["rule_pack"]["name"]),
        data["rule_pack"]["basis"],
        [
            msgs.t("Award"),
            msgs.t("Basis"),
            msgs.t("Conditions"),
            msgs.t("Seats"),
            msgs.t("Basis of the number of seats"),
            msgs.t("Unverified"),
        ],
        _basis_rows(msgs, data),
        [32, 50, 80, 12, 50, 12],
    )
    if data["warnings"]:
        notes = wb.create_sheet(msgs.t("Notes"))
        _table(
            notes,
            msgs.t("Notes for the conference — {year}", year=year),
            bloc_name,
            [msgs.t("Code"), msgs.t("Content")],
            [[w["code"], w["text"]] for w in data["warnings"]],
            [16, 120],
        )
    add_score_chart(msgs, wb, data)
    wb.properties.title = msgs.t(
        "Commendation proposals for {year} — {bloc}", year=year, bloc=bloc_name
    )
    wb.properties.creator = "khoi"
    return workbook_bytes(wb)


def _basis_rows(msgs: Messages, data: ProposalResult) -> list[list[object]]:
    """One row per award the bloc proposes: its basis, conditions and number of seats."""
    award_basis: dict[str, str] = {}
    conditions: dict[str, list[str]] = {}
    for standing in data["standings"]:
        award = standing["award"]
        if award:
            award_basis[award["id"]] = award["basis"]
        for decision in standing["decisions"]:
            found = conditions.setdefault(decision["award"], [])
            for condition in decision["conditions"]:
                line = f"{condition['rule']} ({condition['basis']})"
                if line not in found:
                    found.append(line)
    rows: list[list[object]] = []
    for seat in data["seats"]:
        rows.append(
            [
                seat["name"],
                award_basis.get(seat["award"], ""),
                "\n".join(conditions.get(seat["award"], [])),
                seat["seats"] if seat["seats"] is not None else msgs.t("no limit"),
                seat["basis"],
                msgs.t("Yes") if seat["unverified"] else "",
            ]
        )
    return rows


def summary_workbook(msgs: Messages, summary_data: SummaryResult) -> bytes:
    """The province summary as .xlsx: proposals by bloc, totals, and the province-wide caps."""
    from openpyxl import Workbook

    data = summary_data
    year = data["year"]
    wb = Workbook()
    ws = wb.active
    ws.title = msgs.t("Summary")
    rows: list[list[object]] = []
    for bloc in data["blocs"]:
        if not bloc["ok"]:
            message = msgs.t("Error: {message}", message=bloc["error"]["message"])
            rows.append([bloc["bloc"]["id"], "", "", "", message])
            continue
        name = bloc["bloc"]["name"]
        leaders = ", ".join(m["name"] for m in bloc["leaders"])
        if not bloc["proposed"]:
            rows.append([name, leaders, "", "", ""])
        for item in bloc["proposed"]:
            ties = bloc["unresolved_ties"]
            rows.append(
                [
                    name,
                    leaders,
                    item["member"]["name"],
                    item["award"]["name"],
                    msgs.tn("{count} unresolved tie", "{count} unresolved ties", ties)
                    if ties
                    else "",
                ]
            )
    _table(
        ws,
        msgs.t("Commendation proposals of the emulation blocs for {year}", year=year),
        msgs.t("Rules applied: {rules}", rules=data["rule_pack"]["name"]),
        [
            msgs.t("Emulation bloc"),
            msgs.t("Leading units"),
            msgs.t("Unit proposed"),
            msgs.t("Form of award"),
            msgs.t("Note"),
        ],
        rows,
        [44, 40, 44, 34, 40],
    )
    totals = wb.create_sheet(msgs.t("Counts"))
    _table(
        totals,
        msgs.t("Number of proposals for {year}", year=year),
        "",
        [msgs.t("Award"), msgs.t("Number proposed")],
        [[total["name"], total["proposed"]] for total in data["totals"]],
        [40, 12],
    )
    caps = wb.create_sheet(msgs.t("Caps"))
    _table(
        caps,
        msgs.t("Province-wide caps for {year}", year=year),
        "",
        [
            msgs.t("Form of award"),
            msgs.t("Maximum share (%)"),
            msgs.t("Number of leading units"),
            msgs.t("Maximum number"),
            msgs.t("Number proposed"),
            msgs.t("Over by"),
            msgs.t("Basis"),
        ],
        [
            [
                c["name"],
                c["percent"],
                c["leaders"],
                c["limit"],
                c["proposed"],
                c["over_by"] if c["exceeds"] else 0,
                c["basis"],
            ]
            for c in data["caps"]
        ],
        [34, 12, 12, 10, 10, 8, 60],
    )
    add_totals_chart(msgs, wb, data)
    wb.properties.title = msgs.t("Summary of commendation proposals for {year}", year=year)
    wb.properties.creator = "khoi"
    return workbook_bytes(wb)


def _table(
    ws: Any,
    title: str,
    subtitle: str,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
) -> None:
    """A titled table: header row frozen, numbers as numbers, text always stored as text."""
    from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]

    put(ws, TITLE_ROW, 1, title).font = Font(bold=True, size=13)
    if subtitle:
        put(ws, SUBTITLE_ROW, 1, subtitle).font = Font(italic=True)
    for column, text in enumerate(header, start=1):
        put(ws, TABLE_HEADER_ROW, column, text)
    style_header(ws, TABLE_HEADER_ROW, len(header))
    for offset, row in enumerate(rows, start=1):
        lines = 1
        for column, value in enumerate(row, start=1):
            cell = put(ws, TABLE_HEADER_ROW + offset, column, value)
            cell.alignment = Alignment(wrap_text=isinstance(value, str), vertical="top")
            if isinstance(value, str) and column <= len(widths):
                lines = max(lines, _lines(value, widths[column - 1]))
        # Spreadsheets do not always grow a row for wrapped text on opening; set the height.
        ws.row_dimensions[TABLE_HEADER_ROW + offset].height = LINE_HEIGHT * lines
    set_widths(ws, list(widths))
    ws.freeze_panes = ws.cell(row=TABLE_HEADER_ROW + 1, column=1)
    fit_to_page_width(ws)
    ws.print_title_rows = f"{TABLE_HEADER_ROW}:{TABLE_HEADER_ROW}"


def _lines(text: str, width: float) -> int:
    """About how many lines ``text`` takes in a column ``width`` characters wide."""
    per_line = max(int(width * 1.1), 1)
    return sum(max(-(-len(part) // per_line), 1) for part in text.split("\n"))
