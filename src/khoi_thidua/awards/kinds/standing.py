"""The condition kinds that read where a unit stands: its rank in the bloc and its final score."""

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
from khoi_thidua.awards.kinds.words import score_text
from khoi_thidua.i18n import Messages
from khoi_thidua.model import MemberResult
from khoi_thidua.records import record
from khoi_thidua.schema.fields import FieldReader, Table


@record
class RankSeen(Observation):
    """The unit's rank in the bloc."""

    spec: MaxRank
    met: bool
    rank: int

    def to_json(self) -> JsonObject:
        return {"rank": self.rank}

    def observed(self, msgs: Messages, pack: PackView) -> str:
        return msgs.t("rank {rank}", rank=self.rank)

    def shortfall(self, msgs: Messages, pack: PackView) -> str:
        if self.spec.rank == 1:
            return msgs.t("rank {rank} (needs 1st)", rank=self.rank)
        return msgs.t("rank {rank} (needs top {limit})", rank=self.rank, limit=self.spec.rank)


@record
class MaxRank(ConditionSpec):
    """A place in the bloc's ranking no lower than ``rank``."""

    kind: ClassVar[str] = "max_rank"
    keys: ClassVar[tuple[str, ...]] = ("rank",)
    rank: int

    @classmethod
    def parse(
        cls, reader: FieldReader, table: Table, path: str, context: ParseContext
    ) -> MaxRank | None:
        rank = reader.integer(table, "rank", path, required=True, minimum=1)
        return None if rank is None else cls(rank)

    def evaluate(self, award: AwardView, result: MemberResult, facts: Facts) -> RankSeen:
        rank = facts.ranks[result.member]
        return RankSeen(self, rank <= self.rank, rank)

    def describe(self, msgs: Messages, pack: PackView, year: int) -> str:
        if self.rank == 1:
            return msgs.t("ranked 1st in the bloc (leading unit)")
        return msgs.t("ranked in the top {rank}", rank=self.rank)

    def to_json(self) -> JsonObject:
        return {"rank": self.rank}


@record
class ScoreSeen(Observation):
    """The unit's final score for the year."""

    spec: MinScore
    met: bool
    score: float | None  # None: the year has a rating only (brought in by import-history)

    def to_json(self) -> JsonObject:
        return {"score": self.score}

    def observed(self, msgs: Messages, pack: PackView) -> str:
        if self.score is None:
            return msgs.t("no score recorded")
        return msgs.t("score {score}", score=score_text(msgs, self.score))

    def shortfall(self, msgs: Messages, pack: PackView) -> str:
        if self.score is None:
            return msgs.t(
                "no score recorded (needs ≥{needed})", needed=score_text(msgs, self.spec.score)
            )
        return msgs.t(
            "score {score} (needs ≥{needed})",
            score=score_text(msgs, self.score),
            needed=score_text(msgs, self.spec.score),
        )


@record
class MinScore(ConditionSpec):
    """A final score of at least ``score``."""

    kind: ClassVar[str] = "min_score"
    keys: ClassVar[tuple[str, ...]] = ("score",)
    score: float

    @classmethod
    def parse(
        cls, reader: FieldReader, table: Table, path: str, context: ParseContext
    ) -> MinScore | None:
        score = reader.number(table, "score", path, required=True)
        return None if score is None else cls(score)

    def evaluate(self, award: AwardView, result: MemberResult, facts: Facts) -> ScoreSeen:
        score = result.score
        return ScoreSeen(self, score is not None and score >= self.score, score)

    def describe(self, msgs: Messages, pack: PackView, year: int) -> str:
        return msgs.t("final score at least {score}", score=score_text(msgs, self.score))

    def to_json(self) -> JsonObject:
        return {"score": self.score}
