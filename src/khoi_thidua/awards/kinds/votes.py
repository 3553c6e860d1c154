"""The `min_vote_share` condition kind: the conference's votes for the award, as a share."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, ClassVar, Literal

from khoi_thidua.awards.kinds.base import (
    ConditionSpec,
    Facts,
    JsonObject,
    Observation,
    ParseContext,
)
from khoi_thidua.awards.kinds.shares import Share, parse_share
from khoi_thidua.awards.kinds.words import share_text, threshold_text
from khoi_thidua.fields import FieldReader, Table
from khoi_thidua.i18n import t
from khoi_thidua.model import MemberResult

if TYPE_CHECKING:
    from khoi_thidua.awards.rules import AwardRule, RulePack

Missing = Literal["ballots", "votes"]


@dataclass(frozen=True)
class VotesSeen(Observation):
    spec: MinVoteShare
    met: bool
    votes: int | None  # None: no votes recorded for this award
    ballots: int | None
    missing: Missing | None = None

    def to_json(self) -> JsonObject:
        data: JsonObject = {"votes": self.votes, "ballots": self.ballots}
        if self.missing is not None:
            data["missing"] = self.missing
        return data

    def observed(self, pack: RulePack) -> str:
        if self.ballots is None:
            return t("the number of ballots cast is not recorded")
        votes = self.votes or 0
        text = t(
            "{votes} of {ballots} ballots ({share})",
            votes=votes,
            ballots=self.ballots,
            share=share_text(votes / self.ballots),
        )
        if self.missing == "votes":
            text += t("; no votes recorded for the unit, counted as 0")
        return text

    def shortfall(self, pack: RulePack) -> str:
        if self.ballots is None:
            return t("ballots cast not recorded")
        share = self.spec.share
        votes, needed = self.votes or 0, threshold_text(_shown(share))
        if share.strict:
            return t(
                "{votes}/{ballots} votes (needs >{share})",
                votes=votes,
                ballots=self.ballots,
                share=needed,
            )
        return t(
            "{votes}/{ballots} votes (needs ≥{share})",
            votes=votes,
            ballots=self.ballots,
            share=needed,
        )


def _shown(share: Share) -> float | Fraction:
    return share.written if isinstance(share.written, float) else share.value


@dataclass(frozen=True)
class MinVoteShare(ConditionSpec):
    """The unit's votes for the award: more than (or at least) a share of the ballots."""

    kind: ClassVar[str] = "min_vote_share"
    keys: ClassVar[tuple[str, ...]] = ("more_than", "at_least")
    part_of_standard: ClassVar[bool] = False  # the votes are cast for one award
    share: Share

    @classmethod
    def parse(
        cls, reader: FieldReader, table: Table, path: str, context: ParseContext
    ) -> MinVoteShare | None:
        share = parse_share(reader, table, path, ("more_than", "at_least"), "more_than")
        return None if share is None else cls(share)

    def evaluate(self, award: AwardRule, result: MemberResult, facts: Facts) -> VotesSeen:
        ballots = facts.results.ballots
        votes = result.votes_for(award.id)
        if ballots is None:
            return VotesSeen(self, False, votes, ballots, "ballots")
        missing: Missing | None = None
        if votes is None and not result.votes_recorded:
            missing = "votes"  # no `votes` at all: worth a warning
        met = self.share.met_by(Fraction(votes or 0, ballots))
        return VotesSeen(self, met, votes, ballots, missing)

    def describe(self, pack: RulePack, year: int) -> str:
        share = threshold_text(_shown(self.share))
        if self.share.strict:
            return t("votes from more than {share} of the ballots cast", share=share)
        return t("votes from at least {share} of the ballots cast", share=share)

    def to_json(self) -> JsonObject:
        return {self.share.key: self.share.written}
