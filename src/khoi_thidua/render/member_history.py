"""Renders one unit's record by year: score, rank, rating, awards granted and leadership roles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from khoi_thidua.awards.kinds.words import score_text
from khoi_thidua.i18n import Messages
from khoi_thidua.model import SCHEMA_VERSION, Bloc
from khoi_thidua.numbers import format_date, format_number
from khoi_thidua.render.refs import bloc_ref, member_entry
from khoi_thidua.render.rotation import CHAIR, VICE
from khoi_thidua.render.shapes import MemberHistoryResult
from khoi_thidua.rotation import Role

if TYPE_CHECKING:
    from khoi_thidua.app.member_record import YearRecord
    from khoi_thidua.render.sheet import Sheet


def member_history_dict(bloc: Bloc, member_id: str, rows: list[YearRecord]) -> MemberHistoryResult:
    return {
        "schema": SCHEMA_VERSION,
        "bloc": bloc_ref(bloc),
        "member": member_entry(bloc, member_id),
        "years": [
            {
                "year": row.year,
                "has_results": row.result is not None,
                "is_member": row.is_member,
                "score": row.result.score if row.result else None,
                "rank": row.rank,
                "members": row.members,
                "rating": row.result.rating.value if row.result else None,
                "rating_label": row.result.rating.label_vi if row.result else None,
                "role": row.role,
                "mid_year": (
                    {"score": row.mid_year.score, "note": row.mid_year.note}
                    if row.mid_year
                    else None
                ),
                "granted": [
                    {
                        "award": g.award,
                        "name": row.award_names.get(g.award, g.award),
                        "decision": g.decision,
                        "date": g.date,
                        "issuer": g.issuer,
                    }
                    for g in row.granted
                ],
            }
            for row in rows
        ],
    }


def member_history_view(msgs: Messages, data: MemberHistoryResult) -> Sheet:
    from khoi_thidua.render.sheet import Column, Grid, Line, Row, Sheet
    from khoi_thidua.render.sparkline import trend_lines

    lang = msgs.language
    roles: dict[Role | None, str] = {"chair": CHAIR, "vice_chair": VICE, None: ""}
    columns = [
        Column(msgs.t("Year"), "right"),
        Column(msgs.t("Score"), "right"),
        Column(msgs.t("Rank"), "right"),
        Column(msgs.t("Rating")),
        Column(msgs.t("Role")),
        Column(msgs.t("Awards granted")),
    ]
    reviews = any(row["mid_year"] for row in data["years"])
    if reviews:
        columns.append(Column(msgs.t("Mid-year review")))
    rows: list[Row] = []
    for row in data["years"]:
        review = row["mid_year"]
        extra = []
        if reviews:
            extra = [
                "—"
                if not review
                else " — ".join(
                    part
                    for part in (
                        "" if review["score"] is None else format_number(review["score"], lang),
                        review["note"],
                    )
                    if part
                )
            ]
        cells = (
            str(row["year"]),
            "—" if row["score"] is None else score_text(msgs, row["score"]),
            "—" if row["rank"] is None else f"{row['rank']}/{row['members']}",
            row["rating_label"]
            or (msgs.t("no results") if row["is_member"] else msgs.t("not a member")),
            roles[row["role"]],
            "; ".join(
                f"{g['name']} ({g['decision']}, {format_date(g['date'], lang)})"
                for g in row["granted"]
            ),
            *extra,
        )
        rows.append(Row(cells))
    title = f"{data['member']['name']} — {data['bloc']['name']}"
    table = Grid(tuple(columns), tuple(rows), title=title)
    # the trend rows under the table, when there are results
    return Sheet((table, *(Line(line) for line in trend_lines(msgs, data))))
