"""The condition kinds that read one value of the year's results: rating and discipline."""

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
from khoi_thidua.awards.kinds.words import rated
from khoi_thidua.i18n import Messages
from khoi_thidua.model import RATING_SHORT_VI, Discipline, MemberResult, Rating
from khoi_thidua.records import record
from khoi_thidua.schema.fields import FieldReader, Table


@record
class RatingSeen(Observation):
    """The unit's rating for the year."""

    spec: MinRating
    met: bool
    rating: Rating

    def to_json(self) -> JsonObject:
        return {"rating": self.rating.value}

    def observed(self, msgs: Messages, pack: PackView) -> str:
        return rated(msgs, self.rating)

    def shortfall(self, msgs: Messages, pack: PackView) -> str:
        return msgs.t(
            "rated {rating} (needs {needed})",
            rating=RATING_SHORT_VI[self.rating.value],
            needed=RATING_SHORT_VI[self.spec.rating.value],
        )


@record
class MinRating(ConditionSpec):
    """The year's rating at least ``rating``."""

    kind: ClassVar[str] = "min_rating"
    keys: ClassVar[tuple[str, ...]] = ("rating",)
    rating: Rating

    @classmethod
    def parse(
        cls, reader: FieldReader, table: Table, path: str, context: ParseContext
    ) -> MinRating | None:
        rating = reader.choice(table, "rating", path, [r.value for r in Rating])
        return None if rating is None else cls(Rating(rating))

    def evaluate(self, award: AwardView, result: MemberResult, facts: Facts) -> RatingSeen:
        return RatingSeen(self, result.rating.at_least(self.rating), result.rating)

    def describe(self, msgs: Messages, pack: PackView, year: int) -> str:
        return msgs.t("rating “{rating}” or better", rating=self.rating.label_vi)

    def to_json(self) -> JsonObject:
        return {"rating": self.rating.value}


def _discipline(msgs: Messages, level: Discipline) -> str:
    return msgs.t("discipline “{level}”", level=level.label_vi)


@record
class DisciplineSeen(Observation):
    """The discipline the unit's results record for the year."""

    spec: NoDiscipline
    met: bool
    discipline: Discipline

    def to_json(self) -> JsonObject:
        return {"discipline": self.discipline.value}

    def observed(self, msgs: Messages, pack: PackView) -> str:
        if self.discipline is Discipline.NONE:
            return msgs.t("no discipline")
        return _discipline(msgs, self.discipline)

    def shortfall(self, msgs: Messages, pack: PackView) -> str:
        return _discipline(msgs, self.discipline)


@record
class NoDiscipline(ConditionSpec):
    """No discipline at ``at_or_above`` or more severe."""

    kind: ClassVar[str] = "no_discipline"
    keys: ClassVar[tuple[str, ...]] = ("at_or_above",)
    public: ClassVar[bool] = False
    at_or_above: Discipline

    @classmethod
    def parse(
        cls, reader: FieldReader, table: Table, path: str, context: ParseContext
    ) -> NoDiscipline | None:
        levels = [d.value for d in Discipline if d is not Discipline.NONE]
        level = reader.choice(table, "at_or_above", path, levels)
        return None if level is None else cls(Discipline(level))

    def evaluate(self, award: AwardView, result: MemberResult, facts: Facts) -> DisciplineSeen:
        met = result.discipline.severity < self.at_or_above.severity
        return DisciplineSeen(self, met, result.discipline)

    def describe(self, msgs: Messages, pack: PackView, year: int) -> str:
        return msgs.t("no discipline at “{level}” or above", level=self.at_or_above.label_vi)

    def to_json(self) -> JsonObject:
        return {"at_or_above": self.at_or_above.value}
