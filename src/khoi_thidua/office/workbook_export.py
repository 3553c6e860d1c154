"""Excel exports of a proposal and of the province summary, from their JSON-ready dicts.

Sheet names, titles and headers follow the language in force; the data (names of units and
awards, legal bases) is written as recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from khoi_thidua.i18n import t, tn
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


def proposal_workbook(proposal_data: ProposalResult) -> bytes:
    """The proposal as .xlsx: the units proposed, the full ranking, and the legal basis."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    data = proposal_data
    wb = Workbook()
    year = data["year"]
    bloc_name = data["bloc"]["name"]
    standings = {s["member"]["id"]: s for s in data["standings"]}

    ws = wb.active
    ws.title = t("Proposals")
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
        t("List of commendation proposals for {year} — {bloc}", year=year, bloc=bloc_name),
        t("Rules applied: {rules}", rules=data["rule_pack"]["name"]),
        [
            t("No."),
            t("Member"),
            t("Rank"),
            t("Score"),
            t("Total votes"),
            t("Proposed award"),
            t("Basis"),
        ],
        rows,
        [6, 44, 8, 10, 12, 34, 60],
    )

    award_ids = [seat["award"] for seat in data["seats"]]
    award_names = [seat["name"] for seat in data["seats"]]
    ranking = wb.create_sheet(t("Ranking"))
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
        t("Ranking for {year} — {bloc}", year=year, bloc=bloc_name),
        t("{members} member units", members=data["members"]),
        [
            t("Rank"),
            t("Member id"),
            t("Unit name"),
            t("Cross-scoring score"),
            t("Self-score"),
            t("Task-completion rating"),
            *[t("Votes: {award}", award=name) for name in award_names],
            t("Total votes"),
            t("Proposed"),
            t("Reason"),
        ],
        rows,
        [7, 10, 44, 10, 10, 28, *[14 for _ in award_ids], 10, 30, 80],
    )

    basis = wb.create_sheet(t("Basis"))
    _table(
        basis,
        t("Legal basis — {rules}", rules=data["rule_pack"]["name"]),
        data["rule_pack"]["basis"],
        [
            t("Award"),
            t("Basis"),
            t("Conditions"),
            t("Seats"),
            t("Basis of the number of seats"),
            t("Unverified"),
        ],
        _basis_rows(data),
        [32, 50, 80, 12, 50, 12],
    )
    if data["warnings"]:
        notes = wb.create_sheet(t("Notes"))
        _table(
            notes,
            t("Notes for the conference — {year}", year=year),
            bloc_name,
            [t("Code"), t("Content")],
            [[w["code"], w["text"]] for w in data["warnings"]],
            [16, 120],
        )
    add_score_chart(wb, data)
    wb.properties.title = t("Commendation proposals for {year} — {bloc}", year=year, bloc=bloc_name)
    wb.properties.creator = "khoi"
    return workbook_bytes(wb)


def _basis_rows(data: ProposalResult) -> list[list[object]]:
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
                seat["seats"] if seat["seats"] is not None else t("no limit"),
                seat["basis"],
                t("Yes") if seat["unverified"] else "",
            ]
        )
    return rows


def summary_workbook(summary_data: SummaryResult) -> bytes:
    """The province summary as .xlsx: proposals by bloc, totals, and the province-wide caps."""
    from openpyxl import Workbook

    data = summary_data
    year = data["year"]
    wb = Workbook()
    ws = wb.active
    ws.title = t("Summary")
    rows: list[list[object]] = []
    for bloc in data["blocs"]:
        if not bloc["ok"]:
            message = t("Error: {message}", message=bloc["error"]["message"])
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
                    tn("{count} unresolved tie", "{count} unresolved ties", ties) if ties else "",
                ]
            )
    _table(
        ws,
        t("Commendation proposals of the emulation blocs for {year}", year=year),
        t("Rules applied: {rules}", rules=data["rule_pack"]["name"]),
        [
            t("Emulation bloc"),
            t("Leading units"),
            t("Unit proposed"),
            t("Form of award"),
            t("Note"),
        ],
        rows,
        [44, 40, 44, 34, 40],
    )
    totals = wb.create_sheet(t("Counts"))
    _table(
        totals,
        t("Number of proposals for {year}", year=year),
        "",
        [t("Award"), t("Number proposed")],
        [[total["name"], total["proposed"]] for total in data["totals"]],
        [40, 12],
    )
    caps = wb.create_sheet(t("Caps"))
    _table(
        caps,
        t("Province-wide caps for {year}", year=year),
        "",
        [
            t("Form of award"),
            t("Maximum share (%)"),
            t("Number of leading units"),
            t("Maximum number"),
            t("Number proposed"),
            t("Over by"),
            t("Basis"),
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
    add_totals_chart(wb, data)
    wb.properties.title = t("Summary of commendation proposals for {year}", year=year)
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
