"""What every condition kind provides: parsing, evaluation, explanation, and its look-back."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import field
from typing import ClassVar, Literal, Protocol

from khoi_thidua.i18n import Messages
from khoi_thidua.model import MemberResult, YearResults
from khoi_thidua.records import record
from khoi_thidua.schema.fields import FieldReader, Table

# What a vote share is a share of: the valid ballots (default), the ballots cast (returned),
# the ballots issued, or the bloc's members.
VoteBase = Literal["valid", "returned", "issued", "members"]
VOTE_BASES: tuple[VoteBase, ...] = ("valid", "returned", "issued", "members")

# JSON values as the proposal publishes them (`params` and `actual` of each condition).
Json = str | int | float | bool | None | list["Json"] | dict[str, "Json"]
JsonObject = dict[str, Json]


@record
class Facts:
    """What a condition may look at: the year's results, earlier years and the ranking."""

    year: int
    results: YearResults
    history: Mapping[int, YearResults]  # earlier years' results, by year
    ranks: Mapping[str, int]
    # The units that lead the bloc this year (see awards/leading.py); None: not yet known.
    leaders: tuple[str, ...] | None = None
    # A merged unit's predecessors whose history counts as its own, by successor id, and
    # those merged into it whose history the bloc did not say to count.
    predecessors: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    uncounted: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    members: int = 0  # the bloc's members this year
    votes_of: VoteBase = "valid"  # the pack's denominator of vote shares

    def results_of(self, year: int) -> YearResults | None:
        """The results of ``year``: this year's or an earlier one's (None: no file)."""
        return self.results if year == self.year else self.history.get(year)

    def predecessors_of(self, member: str) -> tuple[str, ...]:
        return self.predecessors.get(member, ())

    def uncounted_of(self, member: str) -> tuple[str, ...]:
        return self.uncounted.get(member, ())


@record
class ParseContext:
    """What parsing a condition may need besides its table: the pack's award ids and a way to
    parse nested conditions (for groups)."""

    award_ids: tuple[str, ...]
    parse_nested: Callable[[FieldReader, Table, str], Condition | None]


class Observation(ABC):
    """What the data showed for one condition and one unit, and whether it met the condition."""

    met: bool

    @abstractmethod
    def to_json(self) -> JsonObject:
        """The values that decided it, as published in the proposal's `actual`."""

    @abstractmethod
    def observed(self, msgs: Messages, pack: PackView) -> str:
        """What the data showed, in words."""

    @abstractmethod
    def shortfall(self, msgs: Messages, pack: PackView) -> str:
        """A failure in a few words, for the reason line under the table."""


class ConditionSpec(ABC):
    """One condition kind's parameters; the class is the kind's single registry entry."""

    kind: ClassVar[str]
    keys: ClassVar[tuple[str, ...]]  # the parameter keys the pack may write
    # False for a condition that is the conference's choice for this very award (its ballot,
    # its leading unit) rather than a standard another award can borrow (see awards/leading.py).
    part_of_standard: ClassVar[bool] = True
    # True for a condition the conference's ballot itself decides: a unit goes on the ballot
    # whatever its votes so far (awards/ballot.py).
    on_the_ballot: ClassVar[bool] = False
    # False for a condition whose figures (ballots, discipline) a public report leaves out.
    public: ClassVar[bool] = True

    @classmethod
    @abstractmethod
    def parse(
        cls, reader: FieldReader, table: Table, path: str, context: ParseContext
    ) -> ConditionSpec | None:
        """The parameters from a pack table, or None after reporting problems to ``reader``."""

    @abstractmethod
    def evaluate(self, award: AwardView, result: MemberResult, facts: Facts) -> Observation:
        """Whether ``result`` meets the condition, with what decided it."""

    @abstractmethod
    def describe(self, msgs: Messages, pack: PackView, year: int) -> str:
        """The rule the condition states, in words."""

    @abstractmethod
    def to_json(self) -> JsonObject:
        """The parameters as written in a pack (and published as `params`)."""

    def look_back(self, siblings: tuple[Condition, ...]) -> int:
        """How many earlier years of results the condition reads, beside ``siblings`` (the
        other conditions of its award or route)."""
        return 0

    def check_siblings(
        self, siblings: tuple[Condition, ...], reader: FieldReader, path: str
    ) -> None:
        """Report to ``reader`` what this condition needs of the other conditions of its award
        (``path`` locates this condition); nothing for most kinds."""
        return None

    def nested(self) -> tuple[Condition, ...]:
        """Conditions inside this one (a group's routes); none for a plain condition."""
        return ()


@record
class Condition:
    """One condition of an award: its kind's parameters, legal basis and how sure we are."""

    spec: ConditionSpec
    basis: str = ""
    unverified: bool = False
    note: str = ""
    set_in: str = ""  # the rules file (province's or bloc's) that set it; "" = the pack

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def params(self) -> JsonObject:
        """The parameters as a pack writes them."""
        return self.spec.to_json()


# What a condition kind reads of its award and of the rule pack (awards/rules.py has the
# real types; the kinds see only these, so the registry sits below the rule-pack types).
class AwardView(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def conditions(self) -> tuple[Condition, ...]: ...


class LeadingView(Protocol):
    @property
    def standard(self) -> str | None: ...


class PackView(Protocol):
    @property
    def awards(self) -> tuple[AwardView, ...]: ...

    @property
    def leading(self) -> LeadingView: ...

    @property
    def votes_of(self) -> VoteBase: ...

    def award(self, award_id: str) -> AwardView: ...


@record
class ConditionCheck:
    """A condition, whether the unit meets it, and what the data showed."""

    condition: Condition
    seen: Observation

    @property
    def met(self) -> bool:
        return self.seen.met

    @property
    def actual(self) -> JsonObject:
        return self.seen.to_json()


def check(
    condition: Condition, award: AwardView, result: MemberResult, facts: Facts
) -> ConditionCheck:
    return ConditionCheck(condition, condition.spec.evaluate(award, result, facts))
