"""A bloc and its members as the JSON outputs name them: id and name (and a member's short name)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from khoi_thidua.model import Bloc
    from khoi_thidua.render.shapes import BlocRef, MemberRef


def member_entry(bloc: Bloc, member_id: str) -> MemberRef:
    member = bloc.member(member_id)
    return {"id": member.id, "name": member.name, "short": member.short}


def member_ref(bloc: Bloc, member_id: str | None) -> MemberRef | None:
    return None if member_id is None else member_entry(bloc, member_id)


def bloc_ref(bloc: Bloc) -> BlocRef:
    return {"id": bloc.id, "name": bloc.name}
