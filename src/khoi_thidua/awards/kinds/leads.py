"""The `leads_bloc` condition kind: the unit leads its bloc this year (see awards/leading.py)."""

from __future__ import annotations

from typing import ClassVar

from khoi_thidua.awards.kinds.base import (
    AwardView,
    ConditionSpec,
    Facts,
    JsonObject,
    Observation,
    PackView,
    ParseContext,
)
from khoi_thidua.awards.kinds.words import award_name
from khoi_thidua.i18n import Messages
from khoi_thidua.model import MemberResult
from khoi_thidua.records import record
from khoi_thidua.schema.fields import FieldReader, Table


@record
class LeadSeen(Observation):
    """The unit's rank and the units that lead the bloc this year."""

    spec: LeadsBloc
    met: bool
    rank: int
    leaders: tuple[str, ...]

    def to_json(self) -> JsonObject:
        return {"rank": self.rank, "leads": self.met, "leaders": list(self.leaders)}

    def observed(self, msgs: Messages, pack: PackView) -> str:
        if self.met:
            return msgs.t("rank {rank}, leads the bloc", rank=self.rank)
        if not self.leaders:
            return msgs.t("rank {rank}; no unit leads the bloc", rank=self.rank)
        return msgs.t("rank {rank}; another unit leads the bloc", rank=self.rank)

    def shortfall(self, msgs: Messages, pack: PackView) -> str:
        return msgs.t("rank {rank}, not the leading unit", rank=self.rank)


@record
class LeadsBloc(ConditionSpec):
    """The unit is (one of) the bloc's leading unit(s): the pack's `leading` rule says who."""

    kind: ClassVar[str] = "leads_bloc"
    keys: ClassVar[tuple[str, ...]] = ()
    part_of_standard: ClassVar[bool] = False  # leading is decided from the standard

    @classmethod
    def parse(
        cls, reader: FieldReader, table: Table, path: str, context: ParseContext
    ) -> LeadsBloc | None:
        return cls()

    def evaluate(self, award: AwardView, result: MemberResult, facts: Facts) -> LeadSeen:
        leaders = facts.leaders or ()
        return LeadSeen(self, result.member in leaders, facts.ranks[result.member], leaders)

    def describe(self, msgs: Messages, pack: PackView, year: int) -> str:
        standard = pack.leading.standard
        if standard is None:
            return msgs.t("leads the bloc (the best-ranked unit)")
        return msgs.t(
            "leads the bloc (the best-ranked unit that meets the standard of {award})",
            award=award_name(pack, standard),
        )

    def to_json(self) -> JsonObject:
        return {}
