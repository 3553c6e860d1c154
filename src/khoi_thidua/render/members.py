"""Renders the members of a bloc and their status in a year."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from khoi_thidua.i18n import Messages
from khoi_thidua.model import SCHEMA_VERSION, Bloc, Member, Policy
from khoi_thidua.render.rotation import bloc_ref_policy

if TYPE_CHECKING:
    from khoi_thidua.render.shapes import MemberRow, MembersResult, MemberStatus
    from khoi_thidua.render.sheet import Sheet


def member_status(
    msgs: Messages, bloc: Bloc, member: Member, year: int
) -> tuple[MemberStatus, str]:
    """(status id, human detail) of ``member`` in ``year``."""
    if member.joined is not None and year < member.joined:
        return "not_joined", msgs.t("joins in {year}", year=member.joined)
    if member.left is not None and year >= member.left:
        if member.merged_into is not None:
            successor = bloc.member(member.merged_into).name
            return "merged", msgs.t(
                "merged into {successor} in {year}", successor=successor, year=member.left
            )
        return "left", msgs.t("left in {year}", year=member.left)
    excusal = bloc.excusal(member.id, year)
    if excusal is not None:
        return "excused", msgs.t("excused from leadership: {reason}", reason=excusal.reason)
    return "active", ""


def ordered(bloc: Bloc, by_name: bool = False) -> list[Member]:
    """The members in rotation order, or in Vietnamese alphabetical order of their names."""
    if by_name:
        from khoi_thidua.collation import sort_key

        return sorted(bloc.members, key=lambda m: sort_key(m.name))
    return sorted(bloc.members, key=lambda m: bloc.order.index(m.id))


def members_dict(
    msgs: Messages,
    bloc: Bloc,
    year: int,
    by_name: bool = False,
    turns: Mapping[str, int] | None = None,
) -> MembersResult:
    """The members with their status in ``year`` and ``turns``: each one's next year as chair."""
    turns = turns or {}
    rows: list[MemberRow] = []
    for member in ordered(bloc, by_name):
        status, detail = member_status(msgs, bloc, member, year)
        rows.append(
            {
                "id": member.id,
                "name": member.name,
                "short": member.short,
                "joined": member.joined,
                "left": member.left,
                "merged_into": member.merged_into,
                "status": status,
                "detail": detail,
                "rotation_position": bloc.order.index(member.id) + 1,
                "next_chair_year": turns.get(member.id),
            }
        )
    return {
        "schema": SCHEMA_VERSION,
        "bloc": bloc_ref_policy(bloc),
        "year": year,
        "members": rows,
    }


def members_view(
    msgs: Messages,
    bloc: Bloc,
    year: int,
    by_name: bool = False,
    turns: Mapping[str, int] | None = None,
) -> Sheet:
    from khoi_thidua.render.sheet import Column, Grid, Row, Sheet

    labels: dict[MemberStatus, str] = {
        "active": msgs.t("active"),
        "not_joined": msgs.t("not yet a member"),
        "left": msgs.t("left"),
        "merged": msgs.t("merged"),
        "excused": msgs.t("excused"),
    }
    columns = [
        Column("#", "right"),
        Column(msgs.t("Id")),
        Column(msgs.t("Member")),
        Column(msgs.t("Short name")),
        Column(msgs.t("Status")),
        Column(msgs.t("Detail")),
    ]
    rotates = bloc.policy is Policy.CIRCULAR  # elected or appointed blocs have no turns
    if rotates:
        columns.append(Column(msgs.t("Next turn as chair"), "right"))
    turns = turns or {}
    rows: list[Row] = []
    for member in ordered(bloc, by_name):
        status, detail = member_status(msgs, bloc, member, year)
        cells = [
            str(bloc.order.index(member.id) + 1),
            member.id,
            member.name,
            member.short,
            labels[status],
            detail,
        ]
        if rotates:
            cells.append(str(turns[member.id]) if member.id in turns else "—")
        rows.append(Row(tuple(cells)))
    title = msgs.t("{bloc} — members in {year}", bloc=bloc.name, year=year)
    return Sheet((Grid(tuple(columns), tuple(rows), title=title),))
