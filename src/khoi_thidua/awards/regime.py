"""Chooses the rule pack for a year's proposal: by the date it is made, else by results year."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Protocol, TypeVar

from khoi_thidua.awards.rules import DateRange, PackChoice, RulePack


class Dated(Protocol):
    """What the choice reads of a pack: the result years it covers and its proposal dates
    (a parsed pack, or the packs' index entry for it)."""

    @property
    def year_from(self) -> int: ...

    @property
    def made(self) -> DateRange: ...

    def covers(self, year: int) -> bool: ...


P = TypeVar("P", bound=Dated)


def pick_pack(packs: Sequence[P], year: int, made_on: str | None) -> tuple[P, PackChoice] | None:
    """The pack for results of ``year`` proposed on ``made_on`` (ISO date, or None), and why.

    Transitional rules turn on when a dossier is made, not on the results year: the 2003 Law
    ended on 1/1/2024 (Law 06/2022, Art. 94) and its transitional Art. 95 keeps only awards
    already granted, so results of 2023 proposed in January 2024 fall under the 2022 Law. So a
    recorded conference date picks the pack whose ``made`` range holds it; the results year
    decides only when no date is recorded or no range holds the date.
    """
    if made_on is not None:
        dated = [p for p in packs if p.made.start or p.made.end]
        matches = [p for p in dated if p.made.contains(made_on)]
        if matches:
            return max(matches, key=lambda p: p.year_from), PackChoice("date", year, made_on)
    by_year = [p for p in packs if p.covers(year)]
    if not by_year:
        return None
    return max(by_year, key=lambda p: p.year_from), PackChoice("year", year, made_on)


def choose_pack(packs: Sequence[RulePack], year: int, made_on: str | None) -> RulePack | None:
    """The pack for results of ``year`` proposed on ``made_on``, carrying why it was chosen."""
    picked = pick_pack(packs, year, made_on)
    if picked is None:
        return None
    pack, choice = picked
    return dataclasses.replace(pack, choice=choice)
