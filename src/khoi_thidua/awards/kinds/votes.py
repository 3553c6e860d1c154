"""The `min_vote_share` condition kind: the conference's votes for the award, as a share."""

from __future__ import annotations

from fractions import Fraction
from typing import ClassVar, Literal

from khoi_thidua.awards.kinds.base import (
    AwardView,
    ConditionSpec,
    Facts,
    JsonObject,
    Observation,
    PackView,
    ParseContext,
    VoteBase,
)
from khoi_thidua.awards.kinds.shares import Share, parse_share
from khoi_thidua.awards.kinds.words import share_text, threshold_text
from khoi_thidua.i18n import Messages
from khoi_thidua.model import MemberResult
from khoi_thidua.records import record
from khoi_thidua.schema.fields import FieldReader, Table

Missing = Literal["ballots", "votes"]


def vote_base_text(msgs: Messages, of: VoteBase) -> str:
    """What a vote share is taken of, in words."""
    if of == "valid":
        return msgs.t("the valid ballots")
    if of == "returned":
        return msgs.t("the ballots cast")
    if of == "issued":
        return msgs.t("the ballots issued")
    return msgs.t("the bloc's members")


def denominator(facts: Facts) -> int | None:
    """The count a vote share is taken of, under the pack's `votes_of` (None: not recorded)."""
    results = facts.results
    count = results.count
    if facts.votes_of == "valid":
        return results.ballots  # `ballots` in [conference] are the valid ballots
    if facts.votes_of == "members":
        return count.members if count is not None else facts.members or None
    return None if count is None else count.denominator(facts.votes_of)


@record
class VotesSeen(Observation):
    """The unit's votes for the award and the count the share is taken of."""

    spec: MinVoteShare
    met: bool
    votes: int | None  # None: no votes recorded for this award
    ballots: int | None  # the count the share is taken of (ballots, or members)
    of: VoteBase = "valid"
    missing: Missing | None = None

    def to_json(self) -> JsonObject:
        data: JsonObject = {"votes": self.votes, "ballots": self.ballots, "of": self.of}
        if self.missing is not None:
            data["missing"] = self.missing
        return data

    def observed(self, msgs: Messages, pack: PackView) -> str:
        if self.ballots is None:
            if self.of == "issued":
                return msgs.t("the number of ballots issued is not recorded")
            return msgs.t("the number of ballots cast is not recorded")
        votes = self.votes or 0
        share = share_text(msgs, votes / self.ballots)
        if self.of == "members":
            text = msgs.t(
                "{votes} votes of {members} members ({share})",
                votes=votes,
                members=self.ballots,
                share=share,
            )
        else:
            text = msgs.t(
                "{votes} of {ballots} ballots ({share})",
                votes=votes,
                ballots=self.ballots,
                share=share,
            )
        if self.missing == "votes":
            text += msgs.t("; no votes recorded for the unit, counted as 0")
        return text

    def shortfall(self, msgs: Messages, pack: PackView) -> str:
        if self.ballots is None:
            if self.of == "issued":
                return msgs.t("ballots issued not recorded")
            return msgs.t("ballots cast not recorded")
        share = self.spec.share
        votes, needed = self.votes or 0, threshold_text(msgs, _shown(share))
        if share.strict:
            return msgs.t(
                "{votes}/{ballots} votes (needs >{share})",
                votes=votes,
                ballots=self.ballots,
                share=needed,
            )
        return msgs.t(
            "{votes}/{ballots} votes (needs ≥{share})",
            votes=votes,
            ballots=self.ballots,
            share=needed,
        )


def _shown(share: Share) -> float | Fraction:
    return share.written if isinstance(share.written, float) else share.value


@record
class MinVoteShare(ConditionSpec):
    """The unit's votes for the award: more than (or at least) a share of the pack's base
    (`votes_of`: valid ballots by default)."""

    kind: ClassVar[str] = "min_vote_share"
    keys: ClassVar[tuple[str, ...]] = ("more_than", "at_least")
    part_of_standard: ClassVar[bool] = False  # the votes are cast for one award
    on_the_ballot: ClassVar[bool] = True
    public: ClassVar[bool] = False
    share: Share

    @classmethod
    def parse(
        cls, reader: FieldReader, table: Table, path: str, context: ParseContext
    ) -> MinVoteShare | None:
        share = parse_share(reader, table, path, ("more_than", "at_least"), "more_than")
        return None if share is None else cls(share)

    def evaluate(self, award: AwardView, result: MemberResult, facts: Facts) -> VotesSeen:
        base = denominator(facts)
        votes = result.votes_for(award.id)
        if base is None:
            return VotesSeen(self, False, votes, base, facts.votes_of, "ballots")
        missing: Missing | None = None
        if votes is None and not result.votes_recorded:
            missing = "votes"  # no `votes` at all: worth a warning
        met = self.share.met_by(Fraction(votes or 0, base))
        return VotesSeen(self, met, votes, base, facts.votes_of, missing)

    def describe(self, msgs: Messages, pack: PackView, year: int) -> str:
        share = threshold_text(msgs, _shown(self.share))
        base = vote_base_text(msgs, pack.votes_of)
        if self.share.strict:
            return msgs.t("votes from more than {share} of {base}", share=share, base=base)
        return msgs.t("votes from at least {share} of {base}", share=share, base=base)

    def to_json(self) -> JsonObject:
        return {self.share.key: self.share.written}
