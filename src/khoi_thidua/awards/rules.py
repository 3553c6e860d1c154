"""Rule-pack types: awards in precedence order, their quotas and condition vocabulary."""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from khoi_thidua.awards import kinds
from khoi_thidua.awards.kinds.base import Condition, VoteBase
from khoi_thidua.records import record

QuotaKind = Literal["fixed", "bracket", "percent", "none"]
Track = Literal["bloc", "title"]  # "bloc": the bloc proposes it; "title": each unit's agency does
CapBase = Literal["leaders", "standard"]

CONDITION_KINDS = kinds.CONDITION_KINDS  # the registry's kinds, in the order packs list them
QUOTA_KINDS: tuple[QuotaKind, ...] = ("fixed", "bracket", "percent", "none")
TRACKS: tuple[Track, ...] = ("bloc", "title")
TIE_BREAK_KEYS = ("self_score",)  # after score and total votes, which always come first


@record
class Bracket:
    """Up to ``up_to`` members (None: any number) the quota is ``count``."""

    up_to: int | None
    count: int


@record
class Quota:
    """How many units a bloc may propose for an award."""

    kind: QuotaKind
    count: int = 0
    brackets: tuple[Bracket, ...] = ()
    percent: float = 0.0
    basis: str = ""
    unverified: bool = False
    set_in: str = ""  # the rules file (province's or bloc's) that set it; "" = the pack

    def seats(self, members: int) -> int | None:
        """The number of units that may be proposed in a bloc of ``members``; None = no cap."""
        if self.kind == "fixed":
            return self.count
        if self.kind == "bracket":
            for bracket in self.brackets:
                if bracket.up_to is None or members <= bracket.up_to:
                    return bracket.count
            return 0
        if self.kind == "percent":
            # "không quá N%": at most N% of the members, so round down. Integer arithmetic
            # on hundredths of a percent avoids 0.15 * 20 = 2.9999….
            return (members * round(self.percent * 100)) // 10000
        return None


@record
class AwardRule:
    """An award of a rule pack, in precedence order."""

    id: str
    name: str
    name_en: str
    basis: str
    track: Track
    quota: Quota
    conditions: tuple[Condition, ...]
    note: str = ""
    added_in: str = ""  # the rules file that added an award the pack lacks; "" = the pack


CAP_DENOMINATORS: tuple[CapBase, ...] = ("leaders", "standard")


@record
class ProvinceCap:
    """A province-wide cap: proposals for ``award`` at most ``percent`` of a count of units.

    ``of`` names what is counted: ``leaders``, the units leading their blocs (one per bloc
    with results), or ``standard``, the units that meet every condition of the award
    ``standard`` (e.g. the provincial flag) in their bloc.
    """

    award: str
    percent: float
    basis: str = ""
    unverified: bool = False
    of: CapBase = "leaders"
    standard: str = ""  # with ``of = "standard"``: the award whose standard is counted
    set_in: str = ""  # the province's rules file when it changed the cap; "" = the pack

    def limit(self, counted: int) -> int:
        # "không quá 20%": round down, in integer hundredths of a percent (see Quota.seats)
        return (counted * round(self.percent * 100)) // 10000


@record
class LegalSource:
    """A legal text a pack relies on: title, issuer, date, and whether its wording was read."""

    title: str
    issuer: str
    date: str  # ISO date of signature
    read: bool  # False: no public copy of the wording was read; values resting on it are unverified
    in_force: str = ""  # ISO date it took effect, when known
    note: str = ""


@record
class DateRange:
    """Dates (ISO, inclusive) on which a proposal is made under a pack; None: open-ended."""

    start: str | None = None
    end: str | None = None
    basis: str = ""
    unverified: bool = False

    def contains(self, day: str) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@record
class PackChoice:
    """Why a pack applies to a year's proposal: what decided it and the values that did.

    ``by`` is ``date`` (the conference date falls in the pack's ``made`` range), ``year`` (no
    date recorded, or no pack's range holds it: the results year decides) or ``pinned`` (the
    province's or the bloc's rules file names the pack for the year).
    """

    by: str
    year: int
    date: str | None = None
    pinned_in: str = ""  # the rules file that pinned the pack


@record
class LeadingRule:
    """Which units lead the bloc: the best-ranked ``units`` that meet the ``standard`` award's
    conditions apart from its ballot (None: the best-ranked units, whatever they meet)."""

    standard: str | None = None
    units: int = 1
    basis: str = ""
    unverified: bool = False


@record
class RulePack:
    """The rules in force for a range of result years under one legal regime."""

    id: str
    name: str
    year_from: int
    year_to: int | None
    basis: str
    awards: tuple[AwardRule, ...]
    tie_break: tuple[str, ...] = ()  # keys used after score, then total votes
    notes: tuple[tuple[str, str], ...] = ()  # (Vietnamese, English) pairs
    caps: tuple[ProvinceCap, ...] = ()
    sources: tuple[str, ...] = field(default=())  # files the pack was read from, in order
    leading: LeadingRule = field(default=LeadingRule())
    votes_of: VoteBase = "valid"  # what a vote share is a share of (see awards/kinds/votes.py)
    legal_sources: tuple[LegalSource, ...] = ()
    made: DateRange = DateRange()  # proposals made on these dates fall under this pack
    choice: PackChoice | None = None  # set when the pack is chosen for a year's proposal

    def award(self, award_id: str) -> AwardRule:
        for award in self.awards:
            if award.id == award_id:
                return award
        raise KeyError(award_id)

    def covers(self, year: int) -> bool:
        return self.year_from <= year and (self.year_to is None or year <= self.year_to)

    @property
    def unread_sources(self) -> tuple[LegalSource, ...]:
        """The texts whose wording was not read: every value resting on them is unverified."""
        return tuple(s for s in self.legal_sources if not s.read)

    @property
    def bloc_awards(self) -> tuple[AwardRule, ...]:
        return tuple(a for a in self.awards if a.track == "bloc")

    @property
    def titles(self) -> tuple[AwardRule, ...]:
        return tuple(a for a in self.awards if a.track == "title")
