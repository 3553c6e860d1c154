"""The conference's part in the reasons (decisions, held-back awards), and warnings in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from khoi_thidua.awards.notices import Notice
from khoi_thidua.awards.proposal import HELD_BACK, AwardDecision, Proposal, Standing
from khoi_thidua.awards.rules import RulePack
from khoi_thidua.i18n import Messages
from khoi_thidua.render.reasons import notice_text

if TYPE_CHECKING:  # the shapes are for type checkers: a run never loads them
    from khoi_thidua.render.proposal_shapes import ProposalResult


def conference_reason(msgs: Messages, decision: AwardDecision, pack: RulePack, reason: str) -> str:
    """``reason``, saying so when the outcome came from the conference."""
    if decision.status == HELD_BACK:
        return msgs.t(
            "{award}: held back by the conference — {why}",
            award=pack.award(decision.award).name,
            why=decision.conference,
        )
    if decision.conference:
        return msgs.t(
            "{reason}; decided by the conference: {why}", reason=reason, why=decision.conference
        )
    return reason


def conference_standing_reason(
    msgs: Messages, standing: Standing, pack: RulePack, reason: str
) -> str:
    """A unit's one-line reason, with the conference's decision when one placed or held it."""
    decided = [d for d in standing.decisions if d.conference]
    if not decided:
        return reason
    placed = [d for d in decided if d.award == standing.award]
    return conference_reason(msgs, (placed or decided)[0], pack, reason)


def count_notice_text(
    msgs: Messages, notice: Notice, proposal: Proposal, names: dict[str, str]
) -> str | None:
    """The warning for a doubtful count, or None when ``notice`` is not about the count."""
    if notice.code == "not_candidate":
        voted = notice.detail
        return msgs.tn(
            "{member} received {votes} vote for {award} but was not on the ballot "
            "(it fails a condition other than the vote share): check the count.",
            "{member} received {votes} votes for {award} but was not on the ballot "
            "(it fails a condition other than the vote share): check the count.",
            voted["votes"],
            member=names.get(voted["member"], voted["member"]),
            votes=voted["votes"],
            award=proposal.pack.award(voted["award"]).name,
        )
    if notice.code == "no_quorum":
        count = notice.detail
        return msgs.t(
            "Only {present} of {members} members were present, below the quorum of {share}: "
            "check that the vote stands.",
            present=count["present"],
            members=count["members"],
            share=f"{count['quorum']:.0%}",
        )
    return None


def warning_text(msgs: Messages, notice: Notice, proposal: Proposal, names: dict[str, str]) -> str:
    """Any warning of the proposal, the count's included."""
    return count_notice_text(msgs, notice, proposal, names) or notice_text(
        msgs, notice, proposal, names
    )


def warning_lines(msgs: Messages, data: ProposalResult, compact: bool = False) -> list[str]:
    """Warnings for people: unverified defaults grouped by award, one line each (``compact``:
    one line for every award, as the terminal table shows them)."""
    lines: list[str] = []
    unverified: dict[str, list[str]] = {}
    names = {seat["award"]: seat["name"] for seat in data["seats"]}
    for warning in data["warnings"]:
        if warning["code"] == "unverified":
            detail = warning["detail"]
            # the keys to set in the override file: `quota` or a condition's kind
            unverified.setdefault(detail["award"], []).append(f"`{detail['what']}`")
        else:
            lines.append(warning["text"])
    if compact and unverified:
        lines.append(
            msgs.t(
                "Unverified defaults relied on: {defaults} (set the bloc's own values in a "
                "rules override; see docs/rules.md).",
                defaults="; ".join(
                    f"{names.get(award, award)} ({', '.join(what)})"
                    for award, what in unverified.items()
                ),
            )
        )
        return lines
    for award, what in unverified.items():
        lines.append(
            msgs.t(
                "Unverified defaults relied on for {award}: {defaults} "
                "(set the bloc's own values in a rules override; see README).",
                award=names.get(award, award),
                defaults=", ".join(what),
            )
        )
    return lines
