"""Creating a bloc folder from `init`'s answers: the member list read, ids drafted, file written."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from khoi_thidua.bloc_draft import BlocDraft, DraftLeadership, DraftMember, bloc_id_for, slug
from khoi_thidua.model import Policy

Row = tuple[str, str, str]  # (id, name, short name) of a unit as listed; the id may be ""


def read_members(path: Path) -> list[Row]:
    """The units a .csv or .xlsx member list names, in its order."""
    from khoi_thidua.store.roster import read_member_list

    return read_member_list(path)


def draft_members(rows: Sequence[Row]) -> tuple[DraftMember, ...]:
    """The members with an id each: the one given, else one drafted from the short name or name."""
    from khoi_thidua.bloc_draft import member_ids

    return member_ids(rows)


def folder_name(typed: str) -> str:
    """The bloc's id as typed, made a folder name (lowercase, no diacritics, dashes)."""
    return slug(typed)


def suggested_id(name: str) -> str:
    """The id ``init`` offers for a bloc called ``name``."""
    return bloc_id_for(name)


def create_bloc(
    data: Path,
    bloc_id: str,
    name: str,
    organiser: str,
    province: str,
    members: tuple[DraftMember, ...],
    order: tuple[str, ...],
    policy: Policy,
    leadership: tuple[int, str, str | None] | None,
) -> Path:
    """Write the new bloc's ``bloc.toml`` under ``data`` (never over an existing bloc) and
    return it; ``leadership`` is a recorded year's (year, chair, vice-chair)."""
    from khoi_thidua import store, workflows

    draft = BlocDraft(
        id=bloc_id,
        name=name,
        organiser=organiser,
        province=province,
        members=members,
        order=order,
        policy=policy,
        leadership=DraftLeadership(*leadership) if leadership is not None else None,
    )
    return workflows.init_bloc(data, draft) / store.BLOC_FILE
