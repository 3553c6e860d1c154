"""The JSON shape of `khoi rules --json`, as TypedDicts that mypy checks.

It mirrors docs/schemas/rules.schema.json (tests/test_json_shapes.py compares them). A
condition's parameters differ by kind: they are a JSON object (awards.kinds.base.JsonObject),
published as the kind writes them. A quota's kind, an award's track and a cap's base are the
rule pack's own words, kept as strings by the pack reader.
"""

from __future__ import annotations

from typing import TypedDict

from khoi_thidua.awards.kinds.base import JsonObject, VoteBase
from khoi_thidua.render.proposal_shapes import RulesChoice, YearSpan
from khoi_thidua.render.shapes import BlocRef


class Sourced(TypedDict):
    """A value's legal source, whether it is unverified, and the rules file that set it."""

    basis: str
    unverified: bool
    set_in: str | None  # None: the pack itself


class QuotaRule(Sourced):
    """How many units of a bloc an award may go to, in words."""

    kind: str
    text: str


class ConditionRule(Sourced):
    """One condition of an award: its kind, the rule in words and its parameters."""

    kind: str
    rule: str
    params: JsonObject
    note: str


class AwardRuleEntry(TypedDict):
    """An award of the pack, with its quota and its conditions."""

    id: str
    name: str
    name_en: str
    track: str
    basis: str
    note: str
    added_in: str | None  # the rules file that added an award the pack lacks
    quota: QuotaRule
    conditions: list[ConditionRule]


class CapRule(Sourced):
    """A province-wide cap on an award."""

    award: str
    name: str
    percent: float
    of: str
    standard: str | None


# "from" is a Python keyword: the functional form names it.
MadeSpan = TypedDict(
    "MadeSpan",
    {"from": str | None, "to": str | None, "text": str, "basis": str, "unverified": bool},
)


class PackNote(TypedDict):
    """A note of the pack, in both languages."""

    vi: str
    en: str


class LegalSourceEntry(TypedDict):
    """A legal text the pack rests on, and whether its wording was read."""

    title: str
    issuer: str
    date: str
    in_force: str | None
    read: bool
    note: str


class PackEntry(TypedDict):
    """The rule pack in force: its years, the dates of the proposals it governs, its sources."""

    id: str
    name: str
    basis: str
    years: YearSpan
    made: MadeSpan
    notes: list[PackNote]
    sources: list[LegalSourceEntry]
    files: list[str]


class LeadingRuleEntry(TypedDict):
    """Who leads a bloc: the standard the leading units must meet, and how many."""

    standard: str | None
    units: int
    basis: str
    unverified: bool


class RulesResult(TypedDict):
    """`khoi rules --json`: the rules in force for one bloc's year, value by value."""

    schema: int
    bloc: BlocRef
    year: int
    rules: RulesChoice
    pack: PackEntry
    tie_break: list[str]
    leading: LeadingRuleEntry
    votes_of: VoteBase
    awards: list[AwardRuleEntry]
    caps: list[CapRule]
