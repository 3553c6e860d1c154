"""The condition registry: each kind of condition is one class, listed here once.

A kind's module is imported when a rule pack first names the kind: a kind no pack in use
names costs nothing at start-up, however many kinds are added.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from khoi_thidua.awards.kinds.base import ConditionSpec

# Each kind's name → its module (under awards/kinds) and class, in the order packs list them.
_HOMES: dict[str, tuple[str, str]] = {
    "min_rating": ("simple", "MinRating"),
    "max_rank": ("standing", "MaxRank"),
    "no_discipline": ("simple", "NoDiscipline"),
    "min_vote_share": ("votes", "MinVoteShare"),
    "min_score": ("standing", "MinScore"),
    "consecutive_years": ("history", "ConsecutiveYears"),
    "prior_awards": ("history", "PriorAwards"),
    "staff": ("staff", "Staff"),
    "any_of": ("any_of", "AnyOf"),
    "leads_bloc": ("leads", "LeadsBloc"),
}


class _Registry(Mapping[str, "type[ConditionSpec]"]):
    """The kinds by name, each class imported on first use."""

    def __getitem__(self, kind: str) -> type[ConditionSpec]:
        module, name = _HOMES[kind]
        spec: type[ConditionSpec] = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        return spec

    def __iter__(self) -> Iterator[str]:
        return iter(_HOMES)

    def __len__(self) -> int:
        return len(_HOMES)


KINDS: Mapping[str, type[ConditionSpec]] = _Registry()
CONDITION_KINDS = tuple(_HOMES)
