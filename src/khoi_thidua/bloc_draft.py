"""A new bloc as `khoi init` gathers it: ids made from names, before bloc.toml is written."""

from __future__ import annotations

import re
from collections.abc import Sequence

from khoi_thidua.lookup import fold, initials
from khoi_thidua.model import Policy
from khoi_thidua.records import record

# Folded words joined by "-": letters and digits only, so ids and folder names are portable.
_NOT_ID = re.compile(r"[^a-z0-9]+")
MAX_BLOC_ID = 40


@record
class DraftMember:
    """A member unit as listed by the user: its id, full name and optional short name."""

    id: str
    name: str
    short: str = ""


@record
class DraftLeadership:
    """The chair and vice-chair of the year the bloc starts from."""

    year: int
    chair: str
    vice_chair: str | None


@record
class BlocDraft:
    """Everything `khoi init` writes into a new bloc.toml."""

    id: str
    name: str
    organiser: str
    members: tuple[DraftMember, ...]
    order: tuple[str, ...]
    policy: Policy = Policy.CIRCULAR
    province: str = ""
    leadership: DraftLeadership | None = None


def slug(text: str) -> str:
    """``text`` as an id: folded, words joined by "-" ("Khối Đảng" → "khoi-dang")."""
    return _NOT_ID.sub("-", fold(text)).strip("-")


def bloc_id_for(name: str) -> str:
    """A folder name for a bloc called ``name``, cut at a word to at most MAX_BLOC_ID letters."""
    words = slug(name).split("-")
    chosen: list[str] = []
    for word in words:
        if chosen and len("-".join([*chosen, word])) > MAX_BLOC_ID:
            break
        chosen.append(word)
    return "-".join(chosen) or "khoi"


def member_ids(rows: Sequence[tuple[str, str, str]]) -> tuple[DraftMember, ...]:
    """Members from (id, name, short) rows; a missing id is made from the short name, else
    from the initials of the name, and made unique with a number ("bnc", "bnc-2")."""
    taken: set[str] = {slug(given) for given, _, _ in rows if given.strip()}
    members: list[DraftMember] = []
    used: set[str] = set()
    for given, name, short in rows:
        if given.strip():
            member_id = slug(given)
        else:
            base = slug(short) or initials(name) or "dv"
            member_id, number = base, 2
            while member_id in used or member_id in taken:
                member_id, number = f"{base}-{number}", number + 1
        used.add(member_id)
        members.append(DraftMember(member_id, name.strip(), short.strip()))
    return tuple(members)
